// Create or edit a module: name, status, lead, members, dates and description.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, ApiError, call } from "../../api/client";
import { keys } from "../../api/keys";
import { Field } from "../../ui/common";
import { Dialog } from "../../ui/Dialog";
import { toastError } from "../../ui/toast";
import { personName, useProjectMembers, type Module } from "../data";
import { loose } from "../projects/loose";
import { MODULE_STATUSES, type ModuleStatus } from "./modules";

export function ModuleDialog(props: { slug: string; projectId: string; module?: Module; open: boolean; onClose: () => void }) {
  return (
    <Dialog open={props.open} title={props.module ? "Edit module" : "New module"} onClose={props.onClose}>
      <ModuleForm {...props} />
    </Dialog>
  );
}

function ModuleForm({ slug, projectId, module, onClose }: { slug: string; projectId: string; module?: Module; onClose: () => void }) {
  const client = useQueryClient();
  const members = (useProjectMembers(slug, projectId).data?.results ?? []).filter((m) => m.is_active);
  const [draft, setDraft] = useState({
    name: module?.name ?? "",
    description: module?.description ?? "",
    status: module?.status ?? ("planned" as ModuleStatus),
    lead: module?.lead ?? "",
    members: module?.members ?? [],
    start_date: module?.start_date ?? "",
    target_date: module?.target_date ?? "",
  });
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const set = (patch: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...patch }));

  const save = useMutation({
    mutationFn: () => {
      const body = loose({
        ...draft,
        name: draft.name.trim(),
        lead: draft.lead || null,
        start_date: draft.start_date || null,
        target_date: draft.target_date || null,
      });
      return module
        ? call(
            api.PATCH("/api/v1/workspaces/{slug}/projects/{project_id}/modules/{module_id}/", {
              params: { path: { slug, project_id: projectId, module_id: module.id } },
              body,
            }),
          )
        : call(api.POST("/api/v1/workspaces/{slug}/projects/{project_id}/modules/", { params: { path: { slug, project_id: projectId } }, body }));
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.modules(slug, projectId) });
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError && (error.field("name") || error.field("target_date"))) {
        setErrors({ name: error.field("name"), target: error.field("target_date") });
      } else toastError(error);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string | undefined> = {};
    if (!draft.name.trim()) found.name = "Give the module a name.";
    if (draft.start_date && draft.target_date && draft.start_date > draft.target_date) found.target = "The target date comes after the start.";
    setErrors(found);
    if (!found.name && !found.target) save.mutate();
  }

  return (
    <form className="pj-form" onSubmit={submit} noValidate>
      <Field label="Module name" error={errors.name}>
        <input value={draft.name} maxLength={255} autoFocus onChange={(e) => set({ name: e.target.value })} />
      </Field>
      <div className="pj-form-grid">
        <Field label="Status">
          <select aria-label="Status" value={draft.status} onChange={(e) => set({ status: e.target.value as ModuleStatus })}>
            {MODULE_STATUSES.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Lead">
          <select aria-label="Lead" value={draft.lead} onChange={(e) => set({ lead: e.target.value })}>
            <option value="">No lead</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {personName(m)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Start date">
          <input type="date" value={draft.start_date} onChange={(e) => set({ start_date: e.target.value })} />
        </Field>
        <Field label="Target date" error={errors.target}>
          <input type="date" value={draft.target_date} min={draft.start_date || undefined} onChange={(e) => set({ target_date: e.target.value })} />
        </Field>
      </div>
      <fieldset className="pj-radio-group">
        <legend>Members</legend>
        <div className="pj-picker">
          {members.map((m) => (
            <label key={m.id}>
              <input
                type="checkbox"
                checked={draft.members.includes(m.id)}
                onChange={(e) =>
                  set({ members: e.target.checked ? [...draft.members, m.id] : draft.members.filter((id) => id !== m.id) })
                }
              />
              {personName(m)}
            </label>
          ))}
        </div>
      </fieldset>
      <Field label="Description">
        <textarea value={draft.description} onChange={(e) => set({ description: e.target.value })} />
      </Field>
      <div className="pj-form-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : module ? "Save module" : "Create module"}
        </button>
      </div>
    </form>
  );
}
