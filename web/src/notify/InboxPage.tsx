// PLACEHOLDER: replaced by the screen being built.
export default function InboxPage() {
  return <p>InboxPage</p>;
}
