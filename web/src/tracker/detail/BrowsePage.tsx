// PLACEHOLDER: replaced by the screen being built.
export default function BrowsePage() {
  return <p>BrowsePage</p>;
}
