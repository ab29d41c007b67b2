// A confirmation for destructive actions; with `typed`, the person must type that text first.
import { useState, type ReactNode } from "react";
import { Dialog } from "../../ui/Dialog";

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  typed,
  busy,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  typed?: string;
  busy?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const [text, setText] = useState("");
  const ready = !typed || text.trim() === typed;
  return (
    <Dialog
      open={open}
      title={title}
      onClose={() => {
        setText("");
        onClose();
      }}
    >
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          if (ready && !busy) onConfirm();
        }}
      >
        <div>{children}</div>
        {typed && (
          <label className="field">
            <span className="field-label">
              Type <strong className="mono">{typed}</strong> to confirm
            </span>
            <input value={text} onChange={(event) => setText(event.target.value)} autoComplete="off" autoFocus />
          </label>
        )}
        <div className="row settings-dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-danger-solid" disabled={!ready || busy}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
