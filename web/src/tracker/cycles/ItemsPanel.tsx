// The work items of a cycle or module: a list with removal, and a picker to add more.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import { keys } from "../../api/keys";
import { EmptyState, ErrorState, Spinner } from "../../ui/common";
import { Dialog } from "../../ui/Dialog";
import { toastError } from "../../ui/toast";
import { useProject, useStates, type WorkItem } from "../data";
import { addItems, itemsKey, removeItem, useContainerItems, useProjectItems, type Container } from "./items";

export function ItemsPanel({
  slug,
  projectId,
  container,
  canAdd,
  addBlockedReason,
}: {
  slug: string;
  projectId: string;
  container: Container;
  canAdd: boolean;
  addBlockedReason?: string;
}) {
  const client = useQueryClient();
  const items = useContainerItems(slug, projectId, container);
  const states = useStates(slug, projectId).data ?? [];
  const identifier = useProject(slug, projectId).data?.identifier ?? "";
  const [picking, setPicking] = useState(false);
  const key = itemsKey(slug, projectId, container.kind, container.id);
  const countsKey = container.kind === "cycle" ? keys.cycles(slug, projectId) : keys.modules(slug, projectId);

  const remove = useMutation({
    mutationFn: (id: string) => removeItem(slug, projectId, container, id),
    onMutate: async (id) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<WorkItem[]>(key);
      client.setQueryData<WorkItem[]>(key, (list) => list?.filter((item) => item.id !== id));
      return { previous };
    },
    onError: (error, _id, context) => {
      client.setQueryData(key, context?.previous);
      toastError(error);
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: key });
      void client.invalidateQueries({ queryKey: countsKey });
    },
  });

  const noun = container.kind === "cycle" ? "cycle" : "module";
  return (
    <section className="pj-section" aria-labelledby="items-title">
      <div className="pj-toolbar" style={{ padding: 0 }}>
        <h2 id="items-title">Work items</h2>
        {canAdd ? (
          <button type="button" className="button" onClick={() => setPicking(true)}>
            Add work items
          </button>
        ) : (
          addBlockedReason && <span className="pj-muted pj-small">{addBlockedReason}</span>
        )}
      </div>
      {items.isPending ? (
        <Spinner label="Loading work items" />
      ) : items.isError ? (
        <ErrorState error={items.error} retry={() => void items.refetch()} />
      ) : items.data.length === 0 ? (
        <EmptyState title={`No work items in this ${noun}`}>
          {canAdd ? `Add work items to plan what this ${noun} delivers.` : `This ${noun} had no work items.`}
        </EmptyState>
      ) : (
        <ul className="pj-rows" aria-label={`Work items of the ${noun}`}>
          {items.data.map((item) => {
            const state = states.find((s) => s.id === item.state);
            return (
              <li key={item.id} className="pj-row">
                <span className="pj-key">
                  {identifier}-{item.sequence_id}
                </span>
                <div className="pj-row-main">
                  <Link to={`/${slug}/projects/${projectId}/issues/${item.id}`}>{item.name}</Link>
                </div>
                {state && (
                  <span className="pj-meta">
                    <span className="pj-swatch" style={{ background: state.color }} aria-hidden="true" />
                    {state.name}
                  </span>
                )}
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove ${identifier}-${item.sequence_id} from the ${noun}`}
                  onClick={() => remove.mutate(item.id)}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <Dialog open={picking} title="Add work items" onClose={() => setPicking(false)} wide>
        <Picker
          slug={slug}
          projectId={projectId}
          identifier={identifier}
          taken={new Set((items.data ?? []).map((item) => item.id))}
          onAdd={async (ids) => {
            try {
              await addItems(slug, projectId, container, ids);
              setPicking(false);
            } catch (error) {
              toastError(error);
            } finally {
              void client.invalidateQueries({ queryKey: key });
              void client.invalidateQueries({ queryKey: countsKey });
            }
          }}
        />
      </Dialog>
    </section>
  );
}

function Picker({
  slug,
  projectId,
  identifier,
  taken,
  onAdd,
}: {
  slug: string;
  projectId: string;
  identifier: string;
  taken: Set<string>;
  onAdd: (ids: string[]) => Promise<void>;
}) {
  const all = useProjectItems(slug, projectId, true);
  const [query, setQuery] = useState("");
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [pending, setPending] = useState(false);
  const candidates = useMemo(() => {
    const needle = query.trim().toLowerCase();
    return (all.data ?? [])
      .filter((item) => !taken.has(item.id))
      .filter((item) => !needle || `${identifier}-${item.sequence_id} ${item.name}`.toLowerCase().includes(needle))
      .slice(0, 200);
  }, [all.data, taken, query, identifier]);
  const toggle = (id: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <div className="pj-form">
      <label className="field">
        <span className="field-label">Search work items</span>
        <input type="search" value={query} autoFocus onChange={(e) => setQuery(e.target.value)} />
      </label>
      {all.isPending ? (
        <Spinner label="Loading work items" />
      ) : all.isError ? (
        <ErrorState error={all.error} retry={() => void all.refetch()} />
      ) : candidates.length === 0 ? (
        <p className="pj-muted">{query ? "Nothing matches." : "Every work item of the project is already here."}</p>
      ) : (
        <div className="pj-picker" role="group" aria-label="Work items to add">
          {candidates.map((item) => (
            <label key={item.id}>
              <input type="checkbox" checked={chosen.has(item.id)} onChange={() => toggle(item.id)} />
              <span className="pj-key">
                {identifier}-{item.sequence_id}
              </span>
              <span>{item.name}</span>
            </label>
          ))}
        </div>
      )}
      <div className="pj-form-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={chosen.size === 0 || pending}
          onClick={() => {
            setPending(true);
            void onAdd([...chosen]).finally(() => setPending(false));
          }}
        >
          {pending ? "Adding…" : chosen.size > 0 ? `Add ${chosen.size} work item${chosen.size === 1 ? "" : "s"}` : "Add"}
        </button>
      </div>
    </div>
  );
}
