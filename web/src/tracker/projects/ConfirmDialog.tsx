// A yes/no confirmation for a destructive action, in the app's dialog.
import { Dialog } from "../../ui/Dialog";

export function ConfirmDialog({
  open,
  title,
  message,
  action,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  message: string;
  action: string;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <div className="pj-form">
        <p>{message}</p>
        <div className="pj-form-actions">
          <button type="button" className="button" onClick={onClose} autoFocus>
            Cancel
          </button>
          <button
            type="button"
            className="button pj-button-danger"
            onClick={() => {
              onConfirm();
              onClose();
            }}
          >
            {action}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
