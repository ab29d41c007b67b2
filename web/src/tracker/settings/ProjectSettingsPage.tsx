// PLACEHOLDER: replaced by the screen being built.
export default function ProjectSettingsPage() {
  return <p>ProjectSettingsPage</p>;
}
