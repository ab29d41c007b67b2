// PLACEHOLDER: replaced by the screen being built.
export default function IntakePage() {
  return <p>IntakePage</p>;
}
