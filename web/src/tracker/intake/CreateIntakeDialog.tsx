// Submit a request to the project's intake: a title, an optional description and priority.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, ApiError, call, type Schemas } from "../../api/client";
import { Field } from "../../ui/common";
import { Dialog } from "../../ui/Dialog";
import { toastError } from "../../ui/toast";
import { loose } from "../projects/loose";
import { textToHtml } from "./intake";
import { intakeKey } from "./useIntake";

type Priority = Schemas["Priority"];
const PRIORITIES: { id: Priority; label: string }[] = [
  { id: "none", label: "No priority" },
  { id: "urgent", label: "Urgent" },
  { id: "high", label: "High" },
  { id: "medium", label: "Medium" },
  { id: "low", label: "Low" },
];

export function CreateIntakeDialog({ slug, projectId, open, onClose }: { slug: string; projectId: string; open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} title="New intake request" onClose={onClose}>
      <CreateForm slug={slug} projectId={projectId} onClose={onClose} />
    </Dialog>
  );
}

function CreateForm({ slug, projectId, onClose }: { slug: string; projectId: string; onClose: () => void }) {
  const client = useQueryClient();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [priority, setPriority] = useState<Priority>("none");
  const [error, setError] = useState<string>();
  const create = useMutation({
    mutationFn: () =>
      call(
        api.POST("/api/v1/workspaces/{slug}/projects/{project_id}/intake-issues/", {
          params: { path: { slug, project_id: projectId } },
          body: loose({ issue: { name: name.trim(), description_html: textToHtml(description), priority } }),
        }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: intakeKey(slug, projectId) });
      onClose();
    },
    onError: (failure) => {
      if (failure instanceof ApiError && failure.field("name")) setError(failure.field("name"));
      else toastError(failure);
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setError("Say in a few words what the request is about.");
      return;
    }
    create.mutate();
  }
  return (
    <form className="pj-form" onSubmit={submit} noValidate>
      <Field label="Title" error={error}>
        <input value={name} maxLength={255} autoFocus onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label="Description">
        <textarea value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <Field label="Priority">
        <select aria-label="Priority" value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
          {PRIORITIES.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </Field>
      <div className="pj-form-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? "Submitting…" : "Submit request"}
        </button>
      </div>
    </form>
  );
}
