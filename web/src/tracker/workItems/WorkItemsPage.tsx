// PLACEHOLDER: replaced by the screen being built.
export default function WorkItemsPage() {
  return <p>WorkItemsPage</p>;
}
