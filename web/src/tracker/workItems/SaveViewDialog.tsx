// Saves the current filters and display options as a view of the project.
import { useState, type FormEvent } from "react";
import { ApiError } from "../../api/client";
import { Field } from "../../ui/common";
import { Dialog } from "../../ui/Dialog";
import { toast } from "../../ui/toast";
import type { ViewBody } from "./query";
import { useSaveView } from "./views";

export function SaveViewDialog({
  open,
  onClose,
  onSaved,
  slug,
  projectId,
  body,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: (viewId: string) => void;
  slug: string;
  projectId: string;
  body: ViewBody;
}) {
  return (
    <Dialog open={open} title="Save view" onClose={onClose}>
      {open && <SaveViewForm slug={slug} projectId={projectId} body={body} onClose={onClose} onSaved={onSaved} />}
    </Dialog>
  );
}

function SaveViewForm({
  slug,
  projectId,
  body,
  onClose,
  onSaved,
}: {
  slug: string;
  projectId: string;
  body: ViewBody;
  onClose: () => void;
  onSaved: (viewId: string) => void;
}) {
  const [name, setName] = useState("");
  const [shared, setShared] = useState(true);
  const [error, setError] = useState<string>();
  const save = useSaveView(slug, projectId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setError("Name the view.");
      return;
    }
    save.mutate(
      { name: name.trim(), access: shared ? 1 : 0, body },
      {
        onSuccess: (view) => {
          toast(`Saved the view “${view.name}”.`);
          onSaved(view.id);
        },
        onError: (failure) => setError(failure instanceof ApiError ? (failure.field("name") ?? failure.message) : "The view could not be saved."),
      },
    );
  };
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <p className="wi-muted">The view keeps the current filters, grouping, ordering, layout and shown properties.</p>
      <Field label="View name" error={error}>
        <input value={name} onChange={(e) => setName(e.target.value)} autoFocus maxLength={255} required />
      </Field>
      <label className="row">
        <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
        Shared with the project's members (otherwise only you see it)
      </label>
      <div className="row wi-form-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          Save view
        </button>
      </div>
    </form>
  );
}
