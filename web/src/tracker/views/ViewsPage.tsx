// PLACEHOLDER: replaced by the screen being built.
export default function ViewsPage() {
  return <p>ViewsPage</p>;
}
