// A destructive action confirmed by typing a word (the project's identifier, say).
import { useState, type FormEvent } from "react";
import { Field } from "../../ui/common";
import { Dialog } from "../../ui/Dialog";

export function ConfirmTyped({
  open,
  title,
  description,
  word,
  action,
  pending,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  description: string;
  word: string;
  action: string;
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <ConfirmForm description={description} word={word} action={action} pending={pending} onConfirm={onConfirm} onClose={onClose} />
    </Dialog>
  );
}

function ConfirmForm({
  description,
  word,
  action,
  pending,
  onConfirm,
  onClose,
}: {
  description: string;
  word: string;
  action: string;
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const [typed, setTyped] = useState("");
  const matches = typed.trim() === word;
  function submit(event: FormEvent) {
    event.preventDefault();
    if (matches) onConfirm();
  }
  return (
    <form className="pj-form" onSubmit={submit}>
      <p>{description}</p>
      <Field label={`Type ${word} to confirm`}>
        <input value={typed} autoFocus autoComplete="off" onChange={(event) => setTyped(event.target.value)} />
      </Field>
      <div className="pj-form-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button pj-button-danger" disabled={!matches || pending}>
          {pending ? "Working…" : action}
        </button>
      </div>
    </form>
  );
}
