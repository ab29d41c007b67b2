// The side peek over the list: a non-modal dialog on the right (full width on a phone).
// Focus moves into it and returns where it was on close; Escape closes it.
import { useEffect, useRef } from "react";
import { Link, useLocation } from "react-router";
import { useItem } from "./hooks";
import { useItemKey, WorkItemDetail } from "./WorkItemDetail";

export function WorkItemPeek(props: { slug: string; projectId: string; workItemId: string; onClose: () => void }) {
  const { slug, projectId, workItemId, onClose } = props;
  const panel = useRef<HTMLDivElement>(null);
  const sequence = useItem({ slug, projectId, id: workItemId }).data?.sequence_id;
  const itemKey = useItemKey(slug, projectId, sequence);
  const name = itemKey ? `Work item ${itemKey}` : "Work item";
  const location = useLocation();
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  });

  // Focus in on open (and when another item is peeked); back to the opener on close.
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  useEffect(() => {
    panel.current?.focus();
  }, [workItemId]);

  const fullPage = `/${slug}/projects/${projectId}/issues/${workItemId}`;
  const peekHref = (id: string) => {
    const params = new URLSearchParams(location.search);
    params.set("peek", id);
    return `${location.pathname}?${params.toString()}`;
  };

  return (
    <div
      ref={panel}
      className="wid-peek-panel"
      role="dialog"
      aria-label={name}
      tabIndex={-1}
      onKeyDown={(event) => {
        // An inner control that used Escape (a menu, the mention list, an edit) stops it first.
        if (event.key === "Escape" && !event.defaultPrevented) {
          event.stopPropagation();
          closeRef.current();
        }
      }}
    >
      <WorkItemDetail
        slug={slug}
        projectId={projectId}
        workItemId={workItemId}
        variant="peek"
        itemHref={peekHref}
        header={() => (
          <header className="wid-peek-header">
            <span className="wid-key">{itemKey ?? "Work item"}</span>
            <div className="row">
              <Link to={fullPage} className="button button-ghost wid-small">
                Open full page
              </Link>
              <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
                ×
              </button>
            </div>
          </header>
        )}
      />
    </div>
  );
}
