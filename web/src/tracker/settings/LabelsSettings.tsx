// Labels: nested under a parent, with a colour; add, rename, recolour, move, delete.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, call, type Schemas } from "../../api/client";
import { keys } from "../../api/keys";
import { EmptyState, ErrorState, Spinner } from "../../ui/common";
import { toastError } from "../../ui/toast";
import { useLabels, type Label } from "../data";
import { useListMutation } from "../projects/optimistic";
import { labelTree, subtree } from "./labels";

type LabelPatch = Schemas["LabelRequest"];

export function LabelsSettings({ slug, projectId, admin }: { slug: string; projectId: string; admin: boolean }) {
  const labels = useLabels(slug, projectId);
  const key = keys.labels(slug, projectId);
  const update = useListMutation<Label, { id: string; patch: LabelPatch }>(
    key,
    ({ id, patch }) =>
      call(
        api.PATCH("/api/v1/workspaces/{slug}/projects/{project_id}/labels/{label_id}/", {
          params: { path: { slug, project_id: projectId, label_id: id } },
          body: patch,
        }),
      ),
    (list, { id, patch }) =>
      list.map((l) =>
        l.id === id
          ? {
              ...l,
              name: patch.name ?? l.name,
              color: patch.color ?? l.color,
              parent: patch.parent === undefined ? l.parent : patch.parent,
            }
          : l,
      ),
  );
  const remove = useListMutation<Label, string>(
    key,
    (id) =>
      call(
        api.DELETE("/api/v1/workspaces/{slug}/projects/{project_id}/labels/{label_id}/", {
          params: { path: { slug, project_id: projectId, label_id: id } },
        }),
      ),
    (list, id) => {
      const gone = subtree(list, id);
      return list.filter((l) => !gone.has(l.id));
    },
  );

  if (labels.isPending) return <Spinner label="Loading labels" />;
  if (labels.isError) return <ErrorState error={labels.error} retry={() => void labels.refetch()} />;
  const tree = labelTree(labels.data);

  return (
    <section aria-labelledby="labels-title">
      <header>
        <h2 id="labels-title">Labels</h2>
        <p>Tag work items by kind or area. A label may sit under a parent (Area › Frontend).</p>
      </header>
      {admin && <AddLabel slug={slug} projectId={projectId} labels={labels.data} />}
      {tree.length === 0 ? (
        <EmptyState title="No labels yet">Add labels such as Bug, Feature or Design to sort work items.</EmptyState>
      ) : (
        <ul className="pj-rows" aria-label="Labels">
          {tree.map(({ label, depth }) => (
            <li key={label.id} className="pj-row" style={{ paddingLeft: 14 + depth * 24 }}>
              <LabelRow
                key={`${label.name}|${label.parent ?? ""}`}
                label={label}
                labels={labels.data}
                admin={admin}
                onPatch={(patch) => update.mutate({ id: label.id, patch })}
                onDelete={() => remove.mutate(label.id)}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function LabelRow({
  label,
  labels,
  admin,
  onPatch,
  onDelete,
}: {
  label: Label;
  labels: Label[];
  admin: boolean;
  onPatch: (patch: LabelPatch) => void;
  onDelete: () => void;
}) {
  const [name, setName] = useState(label.name);
  if (!admin) {
    return (
      <>
        <span className="pj-swatch" style={{ background: label.color }} aria-hidden="true" />
        <span className="pj-row-main">{label.name}</span>
      </>
    );
  }
  const blocked = subtree(labels, label.id);
  const commit = () => {
    const trimmed = name.trim();
    if (trimmed && trimmed !== label.name) onPatch({ name: trimmed });
    else setName(label.name);
  };
  return (
    <>
      <input
        type="color"
        className="pj-color"
        value={/^#[0-9a-f]{6}$/i.test(label.color) ? label.color : "#888888"}
        aria-label={`Colour of ${label.name}`}
        onChange={(e) => onPatch({ color: e.target.value })}
      />
      <div className="pj-row-main">
        <input
          value={name}
          maxLength={255}
          aria-label={`Name of ${label.name}`}
          onChange={(e) => setName(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === "Enter") commit();
            if (e.key === "Escape") setName(label.name);
          }}
        />
      </div>
      <div className="pj-row-actions">
        <select
          aria-label={`Parent of ${label.name}`}
          value={label.parent ?? ""}
          onChange={(e) => onPatch({ parent: e.target.value || null })}
        >
          <option value="">No parent</option>
          {labels
            .filter((l) => !blocked.has(l.id))
            .map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
        </select>
        <button type="button" className="icon-button pj-danger-text" aria-label={`Delete ${label.name}`} onClick={onDelete}>
          ×
        </button>
      </div>
    </>
  );
}

function AddLabel({ slug, projectId, labels }: { slug: string; projectId: string; labels: Label[] }) {
  const client = useQueryClient();
  const [name, setName] = useState("");
  const [color, setColor] = useState("#2563eb");
  const [parent, setParent] = useState("");
  const add = useMutation({
    mutationFn: () =>
      call(
        api.POST("/api/v1/workspaces/{slug}/projects/{project_id}/labels/", {
          params: { path: { slug, project_id: projectId } },
          body: { name: name.trim(), color, parent: parent || null },
        }),
      ),
    onSuccess: () => {
      setName("");
      void client.invalidateQueries({ queryKey: keys.labels(slug, projectId) });
    },
    onError: toastError,
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) add.mutate();
  }
  return (
    <form className="pj-card-box pj-inline-form" onSubmit={submit} aria-label="Add a label">
      <input type="color" className="pj-color" value={color} aria-label="Colour of the new label" onChange={(e) => setColor(e.target.value)} />
      <label className="field">
        <span className="field-label">Label name</span>
        <input value={name} maxLength={255} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">Parent</span>
        <select aria-label="Parent" value={parent} onChange={(e) => setParent(e.target.value)}>
          <option value="">No parent</option>
          {labels.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button button-primary" disabled={!name.trim() || add.isPending}>
        {add.isPending ? "Adding…" : "Add label"}
      </button>
    </form>
  );
}
