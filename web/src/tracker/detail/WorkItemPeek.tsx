// PLACEHOLDER: replaced by the detail screen being built.
export function WorkItemPeek(props: { slug: string; projectId: string; workItemId: string; onClose: () => void }) {
  return (
    <div role="dialog" aria-label="Work item">
      {props.workItemId}
      <button type="button" onClick={props.onClose}>
        Close
      </button>
    </div>
  );
}
