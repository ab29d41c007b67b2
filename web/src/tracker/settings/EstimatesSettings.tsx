// Estimates: the project's one estimate system (points or categories) and its values.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, call } from "../../api/client";
import { keys } from "../../api/keys";
import { EmptyState, ErrorState, Field, Spinner } from "../../ui/common";
import { toastError } from "../../ui/toast";
import { ConfirmTyped } from "./ConfirmTyped";
import { useEstimate, type Estimate, type EstimatePoint } from "./hooks";

export function EstimatesSettings({ slug, projectId, admin }: { slug: string; projectId: string; admin: boolean }) {
  const estimate = useEstimate(slug, projectId);
  if (estimate.isPending) return <Spinner label="Loading estimates" />;
  if (estimate.isError) return <ErrorState error={estimate.error} retry={() => void estimate.refetch()} />;
  return (
    <section aria-labelledby="estimates-title">
      <header>
        <h2 id="estimates-title">Estimates</h2>
        <p>How big a work item is: numeric points (1, 2, 3, 5, 8) or categories (S, M, L).</p>
      </header>
      {estimate.data ? (
        <EstimateEditor slug={slug} projectId={projectId} admin={admin} estimate={estimate.data.estimate} points={estimate.data.points} />
      ) : admin ? (
        <CreateEstimate slug={slug} projectId={projectId} />
      ) : (
        <EmptyState title="No estimates">A project admin can set up estimates for this project.</EmptyState>
      )}
    </section>
  );
}

const PRESETS = { points: "1, 2, 3, 5, 8, 13", categories: "XS, S, M, L, XL" };

function CreateEstimate({ slug, projectId }: { slug: string; projectId: string }) {
  const client = useQueryClient();
  const [type, setType] = useState<"points" | "categories">("points");
  const [name, setName] = useState("Story points");
  const [values, setValues] = useState(PRESETS.points);
  const create = useMutation({
    mutationFn: async () => {
      const path = { params: { path: { slug, project_id: projectId } } };
      const estimate = await call(
        api.POST("/api/v1/workspaces/{slug}/projects/{project_id}/estimates/", { ...path, body: { name: name.trim(), type } }),
      );
      const points = values
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean)
        .map((value, index) => ({ key: index + 1, value }));
      if (points.length > 0) {
        await call(
          api.POST("/api/v1/workspaces/{slug}/projects/{project_id}/estimates/{estimate_id}/estimate-points/", {
            params: { path: { slug, project_id: projectId, estimate_id: estimate.id } },
            body: points,
          }),
        );
      }
    },
    onSettled: () => void client.invalidateQueries({ queryKey: keys.estimates(slug, projectId) }),
    onError: toastError,
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) create.mutate();
  }
  return (
    <form className="pj-card-box pj-form" onSubmit={submit}>
      <div className="pj-form-grid">
        <Field label="Estimate name">
          <input value={name} maxLength={255} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Kind">
          <select
            aria-label="Kind"
            value={type}
            onChange={(e) => {
              const next = e.target.value === "categories" ? "categories" : "points";
              setType(next);
              setValues(PRESETS[next]);
              setName(next === "points" ? "Story points" : "T-shirt sizes");
            }}
          >
            <option value="points">Points</option>
            <option value="categories">Categories</option>
          </select>
        </Field>
      </div>
      <Field label="Values" hint="Separated by commas, smallest first; each at most 20 characters.">
        <input value={values} onChange={(e) => setValues(e.target.value)} />
      </Field>
      <div className="pj-form-actions">
        <button type="submit" className="button button-primary" disabled={!name.trim() || create.isPending}>
          {create.isPending ? "Setting up…" : "Set up estimates"}
        </button>
      </div>
    </form>
  );
}

function EstimateEditor({
  slug,
  projectId,
  admin,
  estimate,
  points,
}: {
  slug: string;
  projectId: string;
  admin: boolean;
  estimate: Estimate;
  points: EstimatePoint[];
}) {
  const client = useQueryClient();
  const [value, setValue] = useState("");
  const [confirm, setConfirm] = useState(false);
  const refresh = () => void client.invalidateQueries({ queryKey: keys.estimates(slug, projectId) });
  const pointPath = (id: string) => ({
    params: { path: { slug, project_id: projectId, estimate_id: estimate.id, point_id: id } },
  });
  const act = useMutation({
    mutationFn: async (op: { kind: "add" } | { kind: "edit"; id: string; value: string } | { kind: "remove"; id: string } | { kind: "drop" }) => {
      const base = "/api/v1/workspaces/{slug}/projects/{project_id}/estimates/{estimate_id}/estimate-points/{point_id}/" as const;
      if (op.kind === "add") {
        const key = Math.max(0, ...points.map((p) => p.key)) + 1;
        await call(
          api.POST("/api/v1/workspaces/{slug}/projects/{project_id}/estimates/{estimate_id}/estimate-points/", {
            params: { path: { slug, project_id: projectId, estimate_id: estimate.id } },
            body: [{ key, value: value.trim() }],
          }),
        );
        setValue("");
      } else if (op.kind === "edit") await call(api.PATCH(base, { ...pointPath(op.id), body: { value: op.value } }));
      else if (op.kind === "remove") await call(api.DELETE(base, pointPath(op.id)));
      else {
        await call(
          api.DELETE("/api/v1/workspaces/{slug}/projects/{project_id}/estimates/", { params: { path: { slug, project_id: projectId } } }),
        );
        setConfirm(false);
      }
    },
    onError: toastError,
    onSettled: refresh,
  });
  return (
    <div className="pj-card-box">
      <div className="pj-danger-row">
        <div>
          <strong>{estimate.name}</strong>
          <p>{estimate.type === "points" ? "Points" : "Categories"}</p>
        </div>
        {admin && (
          <button type="button" className="button pj-danger-text" onClick={() => setConfirm(true)}>
            Remove estimates
          </button>
        )}
      </div>
      {points.length === 0 ? (
        <p className="pj-muted">No values yet: add the first one below.</p>
      ) : (
        <ul className="pj-rows" aria-label="Estimate values">
          {[...points].sort((a, b) => a.key - b.key).map((point) => (
            <li key={point.id} className="pj-row">
              {admin ? (
                <PointInput key={point.value} point={point} onSave={(next) => act.mutate({ kind: "edit", id: point.id, value: next })} />
              ) : (
                <span className="pj-row-main">{point.value}</span>
              )}
              {admin && (
                <button
                  type="button"
                  className="icon-button pj-danger-text"
                  aria-label={`Delete value ${point.value}`}
                  disabled={act.isPending}
                  onClick={() => act.mutate({ kind: "remove", id: point.id })}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {admin && (
        <form
          className="pj-inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (value.trim()) act.mutate({ kind: "add" });
          }}
        >
          <Field label="New value">
            <input value={value} maxLength={20} inputMode={estimate.type === "points" ? "decimal" : "text"} onChange={(e) => setValue(e.target.value)} />
          </Field>
          <button type="submit" className="button" disabled={!value.trim() || act.isPending}>
            Add value
          </button>
        </form>
      )}
      <ConfirmTyped
        open={confirm}
        title="Remove estimates"
        description="Work items lose their estimates; this cannot be undone."
        word={estimate.name}
        action="Remove estimates"
        pending={act.isPending}
        onConfirm={() => act.mutate({ kind: "drop" })}
        onClose={() => setConfirm(false)}
      />
    </div>
  );
}

function PointInput({ point, onSave }: { point: EstimatePoint; onSave: (value: string) => void }) {
  const [value, setValue] = useState(point.value);
  const commit = () => {
    const trimmed = value.trim();
    if (trimmed && trimmed !== point.value) onSave(trimmed);
    else setValue(point.value);
  };
  return (
    <div className="pj-row-main">
      <input
        value={value}
        maxLength={20}
        aria-label={`Estimate value ${point.value}`}
        onChange={(e) => setValue(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === "Enter" && commit()}
      />
    </div>
  );
}
