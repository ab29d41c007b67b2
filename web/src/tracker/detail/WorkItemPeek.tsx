// The side peek over the list: a non-modal dialog on the right (full width on a phone).
// Focus moves into it and returns where it was on close; Escape closes it. The editor and the
// rest of the detail load when a peek first opens, not with the list.
import { lazy, Suspense, useEffect, useRef } from "react";
import { Link, useLocation } from "react-router";
import { Spinner } from "../../ui/common";
import { useItem, useItemKey } from "./hooks";
import "./detail.css";

const WorkItemDetail = lazy(() => import("./WorkItemDetail").then((module) => ({ default: module.WorkItemDetail })));

export function WorkItemPeek(props: { slug: string; projectId: string; workItemId: string; onClose: () => void }) {
  const { slug, projectId, workItemId, onClose } = props;
  const panel = useRef<HTMLDivElement>(null);
  const location = useLocation();
  const sequence = useItem({ slug, projectId, id: workItemId }).data?.sequence_id;
  const itemKey = useItemKey(slug, projectId, sequence);
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
      aria-label={itemKey ? `Work item ${itemKey}` : "Work item"}
      tabIndex={-1}
      onKeyDown={(event) => {
        // An inner control that used Escape (a menu, the mention list, an edit) stops it first.
        if (event.key === "Escape" && !event.defaultPrevented) {
          event.stopPropagation();
          closeRef.current();
        }
      }}
    >
      <header className="wid-peek-header">
        <span className="wid-key">{itemKey ?? "Work item"}</span>
        <div className="row">
          <Link to={`/${slug}/projects/${projectId}/issues/${workItemId}`} className="button button-ghost wid-small">
            Open full page
          </Link>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </div>
      </header>
      <Suspense fallback={<Spinner label="Loading the work item" />}>
        {/* Keyed: a pending description save stays with the item it was typed into. */}
        <WorkItemDetail key={workItemId} slug={slug} projectId={projectId} workItemId={workItemId} variant="peek" itemHref={peekHref} />
      </Suspense>
    </div>
  );
}
