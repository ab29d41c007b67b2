// PLACEHOLDER: replaced by the screen being built.
export default function CyclesPage() {
  return <p>CyclesPage</p>;
}
