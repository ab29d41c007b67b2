// PLACEHOLDER: replaced by the screen being built.
export default function ProfilePage() {
  return <p>ProfilePage</p>;
}
