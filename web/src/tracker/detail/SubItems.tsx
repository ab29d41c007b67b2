// The item's sub-items: listed through the list's parent filter, created with `parent`,
// detached by clearing their parent.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { keys } from "../../api/keys";
import { ApiError } from "../../api/client";
import { toastProblem } from "./problem";
import { useStates, type WorkItem } from "../data";
import { createItem, patchItem, type ItemRef } from "./api";
import { useChildren } from "./hooks";
import { partKey, patchList } from "./logic";

export function SubItems({ itemRef, identifier, itemHref }: { itemRef: ItemRef; identifier: string; itemHref: (id: string) => string }) {
  const { slug, projectId, id } = itemRef;
  const client = useQueryClient();
  const children = useChildren(itemRef);
  const states = useStates(slug, projectId).data ?? [];
  const [name, setName] = useState("");
  const [error, setError] = useState<string>();
  const [adding, setAdding] = useState(false);
  const key = partKey(slug, projectId, id, "children");
  const listKey = keys.workItems(slug, projectId);

  const create = useMutation({
    mutationFn: (title: string) => createItem(slug, projectId, { name: title, parent: id }),
    onSuccess: (created) => {
      client.setQueryData<WorkItem[]>(key, (list) => (list ? [...list, created] : [created]));
      client.setQueryData<WorkItem[]>(listKey, (list) => (list && !list.some((i) => i.id === created.id) ? [created, ...list] : list));
      setName("");
      setError(undefined);
    },
    onError: (err) => {
      const message = err instanceof ApiError ? err.field("name") : undefined;
      if (message) setError(message);
      else toastProblem(err);
    },
    onSettled: () => void client.invalidateQueries({ queryKey: key }),
  });

  const detach = useMutation({
    mutationFn: (childId: string) => patchItem({ ...itemRef, id: childId }, { parent: null }),
    onMutate: async (childId) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<WorkItem[]>(key);
      client.setQueryData<WorkItem[]>(key, (list) => list?.filter((c) => c.id !== childId));
      return { previous };
    },
    onError: (err, _childId, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
      toastProblem(err);
    },
    onSuccess: (child) => {
      client.setQueryData<WorkItem[]>(listKey, (list) => patchList(list, child.id, child));
      client.setQueryData(keys.workItem(slug, projectId, child.id), child);
    },
    onSettled: () => void client.invalidateQueries({ queryKey: key }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const title = name.trim();
    if (!title) {
      setError("Give the sub-item a title.");
      return;
    }
    create.mutate(title);
  };

  const list = children.data ?? [];
  const done = list.filter((c) => {
    const group = states.find((s) => s.id === c.state)?.group;
    return group === "completed" || group === "cancelled";
  }).length;

  return (
    <section className="wid-section" aria-labelledby={`sub-${id}`}>
      <div className="wid-section-head">
        <h2 id={`sub-${id}`} className="wid-section-title">
          Sub-items {list.length > 0 && <span className="wid-count">{done}/{list.length} done</span>}
        </h2>
        <button type="button" className="button button-ghost wid-small" onClick={() => setAdding(true)}>
          Add sub-item
        </button>
      </div>
      {children.isPending ? (
        <p className="wid-muted">Loading sub-items…</p>
      ) : children.isError ? (
        <p className="form-error">The sub-items could not be loaded. {children.error.message}</p>
      ) : list.length === 0 && !adding ? (
        <p className="wid-muted">Break this work into smaller steps: add a sub-item.</p>
      ) : (
        <ul className="plain-list wid-rows">
          {list.map((child) => {
            const state = states.find((s) => s.id === child.state);
            return (
              <li key={child.id} className="wid-row">
                <span className="wid-dot" style={{ background: state?.color ?? "var(--border)" }} title={state?.name} aria-hidden="true" />
                <Link to={itemHref(child.id)} className="wid-item-link">
                  <span className="project-key">
                    {identifier}-{child.sequence_id}
                  </span>{" "}
                  {child.name}
                </Link>
                <span className="wid-muted wid-row-meta">{state?.name}</span>
                <button
                  type="button"
                  className="icon-button wid-row-action"
                  aria-label={`Remove ${identifier}-${child.sequence_id} from the sub-items`}
                  title="Remove from sub-items"
                  onClick={() => detach.mutate(child.id)}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {adding && (
        <form className="wid-inline-form" onSubmit={submit} noValidate>
          <input
            aria-label="Sub-item title"
            placeholder="Sub-item title"
            value={name}
            maxLength={255}
            autoFocus
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `sub-error-${id}` : undefined}
            onChange={(e) => {
              setName(e.target.value);
              setError(undefined);
            }}
            onKeyDown={(e) => {
              if (e.key === "Escape") {
                e.stopPropagation();
                setAdding(false);
              }
            }}
          />
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {create.isPending ? "Adding…" : "Add"}
          </button>
          <button type="button" className="button button-ghost" onClick={() => setAdding(false)}>
            Cancel
          </button>
          {error && (
            <p id={`sub-error-${id}`} className="field-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
