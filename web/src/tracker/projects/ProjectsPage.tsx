// PLACEHOLDER: replaced by the screen being built.
export default function ProjectsPage() {
  return <p>ProjectsPage</p>;
}
