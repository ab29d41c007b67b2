// PLACEHOLDER: replaced by the screen being built.
export default function WorkItemPage() {
  return <p>WorkItemPage</p>;
}
