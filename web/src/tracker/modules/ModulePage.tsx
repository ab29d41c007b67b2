// PLACEHOLDER: replaced by the screen being built.
export default function ModulePage() {
  return <p>ModulePage</p>;
}
