// PLACEHOLDER: replaced by the screen being built.
export default function CyclePage() {
  return <p>CyclePage</p>;
}
