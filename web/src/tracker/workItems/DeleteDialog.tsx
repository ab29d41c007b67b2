// Confirms deleting a work item (optimistic: it leaves the views at once, and comes back
// with a message if the server refuses).
import { Dialog } from "../../ui/Dialog";
import type { WorkItem } from "../data";
import { itemKey, type Catalog } from "./grouping";
import { useDeleteWorkItem } from "./mutations";

export function DeleteDialog({
  item,
  catalog,
  slug,
  projectId,
  onClose,
}: {
  item: WorkItem | undefined;
  catalog: Catalog;
  slug: string;
  projectId: string;
  onClose: () => void;
}) {
  const remove = useDeleteWorkItem(slug, projectId);
  return (
    <Dialog open={Boolean(item)} title="Delete work item" onClose={onClose}>
      {item && (
        <div className="stack">
          <p>
            Delete <strong>{itemKey(catalog, item)}</strong> “{item.name}”? Its comments, links and history go with it.
          </p>
          <div className="row wi-form-actions">
            <button type="button" className="button" onClick={onClose} autoFocus>
              Cancel
            </button>
            <button
              type="button"
              className="button button-danger"
              onClick={() => {
                remove.mutate(item.id);
                onClose();
              }}
            >
              Delete
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
