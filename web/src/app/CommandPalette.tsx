// PLACEHOLDER
export function CommandPalette() {
  return null;
}
