// PLACEHOLDER: replaced by the screen being built.
export default function ModulesPage() {
  return <p>ModulesPage</p>;
}
