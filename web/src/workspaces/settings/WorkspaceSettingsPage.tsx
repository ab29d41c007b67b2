// PLACEHOLDER: replaced by the screen being built.
export default function WorkspaceSettingsPage() {
  return <p>WorkspaceSettingsPage</p>;
}
