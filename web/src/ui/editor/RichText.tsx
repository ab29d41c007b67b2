// Shows stored rich text. The HTML comes from the server, which sanitised it on the way in
// (ammonia: no scripts, no event handlers, no javascript: URLs), so it is rendered as is.
import "./editor.css";

export function RichText({ html, className }: { html: string; className?: string }) {
  return <div className={`rte-content rte-readonly ${className ?? ""}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
