// Create or edit a cycle: name, dates (both or neither) and description.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, ApiError, call } from "../../api/client";
import { keys } from "../../api/keys";
import { Field } from "../../ui/common";
import { Dialog } from "../../ui/Dialog";
import { toastError } from "../../ui/toast";
import type { Cycle } from "../data";
import { loose } from "../projects/loose";
import { dayIn } from "./cycles";

export function CycleDialog({
  slug,
  projectId,
  cycle,
  open,
  onClose,
}: {
  slug: string;
  projectId: string;
  cycle?: Cycle;
  open: boolean;
  onClose: () => void;
}) {
  return (
    <Dialog open={open} title={cycle ? "Edit cycle" : "New cycle"} onClose={onClose}>
      <CycleForm slug={slug} projectId={projectId} cycle={cycle} onClose={onClose} />
    </Dialog>
  );
}

function CycleForm({ slug, projectId, cycle, onClose }: { slug: string; projectId: string; cycle?: Cycle; onClose: () => void }) {
  const client = useQueryClient();
  const zone = cycle?.timezone ?? "UTC";
  const [name, setName] = useState(cycle?.name ?? "");
  const [start, setStart] = useState(cycle?.start_date ? dayIn(cycle.start_date, zone) : "");
  const [end, setEnd] = useState(cycle?.end_date ? dayIn(cycle.end_date, zone) : "");
  const [description, setDescription] = useState(cycle?.description ?? "");
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});

  const save = useMutation({
    mutationFn: () => {
      const body = loose({
        name: name.trim(),
        description,
        start_date: start || null,
        end_date: end || null,
        project_id: projectId,
        ...(cycle ? { owned_by: cycle.owned_by } : {}),
      });
      return cycle
        ? call(
            api.PATCH("/api/v1/workspaces/{slug}/projects/{project_id}/cycles/{cycle_id}/", {
              params: { path: { slug, project_id: projectId, cycle_id: cycle.id } },
              body,
            }),
          )
        : call(api.POST("/api/v1/workspaces/{slug}/projects/{project_id}/cycles/", { params: { path: { slug, project_id: projectId } }, body }));
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.cycles(slug, projectId) });
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError && (error.field("name") || error.field("start_date") || error.field("end_date"))) {
        setErrors({ name: error.field("name"), start: error.field("start_date"), end: error.field("end_date") });
      } else toastError(error);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string | undefined> = {};
    if (!name.trim()) found.name = "Give the cycle a name.";
    if (Boolean(start) !== Boolean(end)) found[start ? "end" : "start"] = "Set both dates, or neither for a draft.";
    if (start && end && start > end) found.end = "The end comes after the start.";
    setErrors(found);
    if (Object.values(found).every((v) => !v)) save.mutate();
  }

  return (
    <form className="pj-form" onSubmit={submit} noValidate>
      <Field label="Cycle name" error={errors.name}>
        <input value={name} maxLength={255} autoFocus onChange={(e) => setName(e.target.value)} />
      </Field>
      <div className="pj-form-grid">
        <Field label="Start date" error={errors.start}>
          <input type="date" value={start} onChange={(e) => setStart(e.target.value)} />
        </Field>
        <Field label="End date" error={errors.end}>
          <input type="date" value={end} min={start || undefined} onChange={(e) => setEnd(e.target.value)} />
        </Field>
      </div>
      <p className="pj-muted pj-small">Without dates the cycle stays a draft.</p>
      <Field label="Description">
        <textarea value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <div className="pj-form-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : cycle ? "Save cycle" : "Create cycle"}
        </button>
      </div>
    </form>
  );
}
