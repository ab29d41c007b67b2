// Create or edit a saved view: name, description, who sees it, and a compact filter form
// (state, priority, assignee, label).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, ApiError, call, type Schemas } from "../../api/client";
import { keys } from "../../api/keys";
import { Field } from "../../ui/common";
import { Dialog } from "../../ui/Dialog";
import { toastError } from "../../ui/toast";
import { personName, useLabels, useProjectMembers, useStates } from "../data";
import { FILTER_KEYS, PRIORITIES, readFilters, writeFilters, type FilterForm, type FilterKey } from "./viewFilters";

export type View = Schemas["ViewResponse"];

export function ViewDialog(props: { slug: string; projectId: string; view?: View; canShare: boolean; open: boolean; onClose: () => void }) {
  return (
    <Dialog open={props.open} title={props.view ? "Edit view" : "New view"} onClose={props.onClose} wide>
      <ViewForm {...props} />
    </Dialog>
  );
}

function ViewForm({ slug, projectId, view, canShare, onClose }: { slug: string; projectId: string; view?: View; canShare: boolean; onClose: () => void }) {
  const client = useQueryClient();
  const states = useStates(slug, projectId).data ?? [];
  const labels = useLabels(slug, projectId).data ?? [];
  const members = (useProjectMembers(slug, projectId).data?.results ?? []).filter((m) => m.is_active);
  const [name, setName] = useState(view?.name ?? "");
  const [description, setDescription] = useState(view?.description ?? "");
  const [access, setAccess] = useState(view?.access ?? 1);
  const [filters, setFilters] = useState<FilterForm>(readFilters(view?.filters));
  const [error, setError] = useState<string>();

  const save = useMutation({
    mutationFn: () => {
      const body = {
        name: name.trim(),
        description,
        filters: writeFilters(view?.filters, filters),
        ...(canShare ? { access } : {}),
      };
      return view
        ? call(
            api.PATCH("/api/v1/workspaces/{slug}/projects/{project_id}/views/{view_id}/", {
              params: { path: { slug, project_id: projectId, view_id: view.id } },
              body,
            }),
          )
        : call(api.POST("/api/v1/workspaces/{slug}/projects/{project_id}/views/", { params: { path: { slug, project_id: projectId } }, body }));
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.views(slug, projectId) });
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
      setError("Give the view a name.");
      return;
    }
    save.mutate();
  }

  const options: Record<FilterKey, { id: string; label: string }[]> = {
    state: states.map((s) => ({ id: s.id, label: s.name })),
    priority: PRIORITIES,
    assignees: members.map((m) => ({ id: m.id, label: personName(m) })),
    labels: labels.map((l) => ({ id: l.id, label: l.name })),
  };
  const legends: Record<FilterKey, string> = { state: "State", priority: "Priority", assignees: "Assignee", labels: "Label" };
  const toggle = (key: FilterKey, id: string, on: boolean) =>
    setFilters((f) => ({ ...f, [key]: on ? [...f[key], id] : f[key].filter((v) => v !== id) }));

  return (
    <form className="pj-form" onSubmit={submit} noValidate>
      <div className="pj-form-grid">
        <Field label="View name" error={error}>
          <input value={name} maxLength={255} autoFocus onChange={(e) => setName(e.target.value)} />
        </Field>
        {canShare && (
          <Field label="Who sees it">
            <select aria-label="Who sees it" value={access} onChange={(e) => setAccess(Number(e.target.value))}>
              <option value={1}>Everyone in the project</option>
              <option value={0}>Only me</option>
            </select>
          </Field>
        )}
      </div>
      <Field label="Description">
        <input value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <div className="pj-filter-grid">
        {FILTER_KEYS.map((key) => (
          <fieldset key={key} className="pj-radio-group">
            <legend>{legends[key]}</legend>
            {options[key].length === 0 ? (
              <span className="pj-muted pj-small">None in this project</span>
            ) : (
              <div className="pj-picker">
                {options[key].map((option) => (
                  <label key={option.id}>
                    <input type="checkbox" checked={filters[key].includes(option.id)} onChange={(e) => toggle(key, option.id, e.target.checked)} />
                    {option.label}
                  </label>
                ))}
              </div>
            )}
          </fieldset>
        ))}
      </div>
      <div className="pj-form-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : view ? "Save view" : "Create view"}
        </button>
      </div>
    </form>
  );
}
