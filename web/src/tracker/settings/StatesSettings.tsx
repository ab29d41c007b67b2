// States by group: add, rename, recolour, reorder within the group, make default, delete.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, call, type Schemas } from "../../api/client";
import { keys } from "../../api/keys";
import { ErrorState, Spinner } from "../../ui/common";
import { toastError } from "../../ui/toast";
import { useStates, type State } from "../data";
import { useListMutation } from "../projects/optimistic";
import { groupStates, sequenceForMove, STATE_GROUPS, withSequence, type StateGroupId } from "./states";

type StatePatch = Schemas["StateRequest"];

export function StatesSettings({ slug, projectId, admin }: { slug: string; projectId: string; admin: boolean }) {
  const states = useStates(slug, projectId);
  const key = keys.states(slug, projectId);
  const update = useListMutation<State, { id: string; patch: StatePatch }>(
    key,
    ({ id, patch }) =>
      call(
        api.PATCH("/api/v1/workspaces/{slug}/projects/{project_id}/states/{state_id}/", {
          params: { path: { slug, project_id: projectId, state_id: id } },
          body: patch,
        }),
      ),
    (list, { id, patch }) => {
      let next = list.map((s) => (s.id === id ? { ...s, ...definedOnly(patch) } : patch.default ? { ...s, default: false } : s));
      if (typeof patch.sequence === "number") next = withSequence(next, id, patch.sequence);
      return next;
    },
  );
  const remove = useListMutation<State, string>(
    key,
    (id) =>
      call(
        api.DELETE("/api/v1/workspaces/{slug}/projects/{project_id}/states/{state_id}/", {
          params: { path: { slug, project_id: projectId, state_id: id } },
        }),
      ),
    (list, id) => list.filter((s) => s.id !== id),
  );

  if (states.isPending) return <Spinner label="Loading states" />;
  if (states.isError) return <ErrorState error={states.error} retry={() => void states.refetch()} />;
  const groups = groupStates(states.data);

  return (
    <section aria-labelledby="states-title">
      <header>
        <h2 id="states-title">States</h2>
        <p>The steps a work item goes through, in five groups. New work items start in the default state.</p>
      </header>
      {STATE_GROUPS.map((group) => (
        <div key={group.id} className="pj-section">
          <h2 id={`group-${group.id}`}>{group.label}</h2>
          <ul className="pj-rows" aria-labelledby={`group-${group.id}`}>
            {groups[group.id].map((state, index, list) => (
              <li key={state.id} className="pj-row">
                <StateRow
                  key={state.name}
                  state={state}
                  admin={admin}
                  canUp={index > 0}
                  canDown={index < list.length - 1}
                  onPatch={(patch) => update.mutate({ id: state.id, patch })}
                  onMove={(direction) => {
                    const sequence = sequenceForMove(list, index, direction);
                    if (sequence !== undefined) update.mutate({ id: state.id, patch: { sequence } });
                  }}
                  onDelete={() => remove.mutate(state.id)}
                />
              </li>
            ))}
            {groups[group.id].length === 0 && (
              <li className="pj-row pj-muted">No states in this group yet.</li>
            )}
          </ul>
          {admin && <AddState slug={slug} projectId={projectId} group={group.id} label={group.label} />}
        </div>
      ))}
    </section>
  );
}

function definedOnly(patch: StatePatch): Partial<State> {
  const out: Partial<State> = {};
  if (typeof patch.name === "string") out.name = patch.name;
  if (typeof patch.color === "string") out.color = patch.color;
  if (typeof patch.default === "boolean") out.default = patch.default;
  return out;
}

function StateRow({
  state,
  admin,
  canUp,
  canDown,
  onPatch,
  onMove,
  onDelete,
}: {
  state: State;
  admin: boolean;
  canUp: boolean;
  canDown: boolean;
  onPatch: (patch: StatePatch) => void;
  onMove: (direction: -1 | 1) => void;
  onDelete: () => void;
}) {
  const [name, setName] = useState(state.name);
  const commitName = () => {
    const trimmed = name.trim();
    if (trimmed && trimmed !== state.name) onPatch({ name: trimmed });
    else setName(state.name);
  };
  if (!admin) {
    return (
      <>
        <span className="pj-swatch" style={{ background: state.color }} aria-hidden="true" />
        <span className="pj-row-main">{state.name}</span>
        {state.default && <span className="pj-pill pj-pill-accent">Default</span>}
      </>
    );
  }
  return (
    <>
      <input
        type="color"
        className="pj-color"
        value={/^#[0-9a-f]{6}$/i.test(state.color) ? state.color : "#888888"}
        aria-label={`Colour of ${state.name}`}
        onChange={(e) => onPatch({ color: e.target.value })}
      />
      <div className="pj-row-main">
        <input
          value={name}
          aria-label={`Name of ${state.name}`}
          maxLength={255}
          onChange={(e) => setName(e.target.value)}
          onBlur={commitName}
          onKeyDown={(e) => {
            if (e.key === "Enter") commitName();
            if (e.key === "Escape") setName(state.name);
          }}
        />
      </div>
      <div className="pj-row-actions">
        {state.default ? (
          <span className="pj-pill pj-pill-accent">Default</span>
        ) : (
          <button type="button" className="button button-ghost" onClick={() => onPatch({ default: true })}>
            Make default
          </button>
        )}
        <button type="button" className="icon-button" aria-label={`Move ${state.name} up`} disabled={!canUp} onClick={() => onMove(-1)}>
          ↑
        </button>
        <button type="button" className="icon-button" aria-label={`Move ${state.name} down`} disabled={!canDown} onClick={() => onMove(1)}>
          ↓
        </button>
        <button
          type="button"
          className="icon-button pj-danger-text"
          aria-label={`Delete ${state.name}`}
          disabled={state.default}
          title={state.default ? "The default state cannot be deleted" : undefined}
          onClick={onDelete}
        >
          ×
        </button>
      </div>
    </>
  );
}

function AddState({ slug, projectId, group, label }: { slug: string; projectId: string; group: StateGroupId; label: string }) {
  const client = useQueryClient();
  const [name, setName] = useState("");
  const [color, setColor] = useState("#6b7280");
  const add = useMutation({
    mutationFn: () =>
      call(
        api.POST("/api/v1/workspaces/{slug}/projects/{project_id}/states/", {
          params: { path: { slug, project_id: projectId } },
          body: { name: name.trim(), color, group },
        }),
      ),
    onSuccess: () => {
      setName("");
      void client.invalidateQueries({ queryKey: keys.states(slug, projectId) });
    },
    onError: toastError,
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) add.mutate();
  }
  return (
    <form className="pj-inline-form" onSubmit={submit} aria-label={`Add a ${label.toLowerCase()} state`}>
      <input
        type="color"
        className="pj-color"
        value={color}
        aria-label={`Colour of the new ${label.toLowerCase()} state`}
        onChange={(e) => setColor(e.target.value)}
      />
      <label className="field">
        <span className="visually-hidden">New {label.toLowerCase()} state</span>
        <input value={name} placeholder={`New ${label.toLowerCase()} state`} onChange={(e) => setName(e.target.value)} />
      </label>
      <button type="submit" className="button" disabled={!name.trim() || add.isPending}>
        {add.isPending ? "Adding…" : "Add state"}
      </button>
    </form>
  );
}
