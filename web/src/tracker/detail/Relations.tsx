// Relations to other work items: blocking, blocked by, relates to, duplicate of.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link } from "react-router";
import { toastProblem } from "./problem";
import { useProjectItems } from "../cycles/items";
import { addRelation, listRelations, removeRelation, type ItemRef, type Relations as RelationMap, type RelationType } from "./api";
import { ItemPicker } from "./ItemPicker";
import { usePart } from "./hooks";
import { partKey } from "./logic";

const KINDS: { type: RelationType; title: string }[] = [
  { type: "blocking", title: "Blocking" },
  { type: "blocked_by", title: "Blocked by" },
  { type: "relates_to", title: "Relates to" },
  { type: "duplicate", title: "Duplicate of" },
];

export function Relations({ itemRef, identifier, itemHref }: { itemRef: ItemRef; identifier: string; itemHref: (id: string) => string }) {
  const { slug, projectId, id } = itemRef;
  const client = useQueryClient();
  const selectId = useId();
  const key = partKey(slug, projectId, id, "relations");
  const relations = usePart(itemRef, "relations", () => listRelations(itemRef));
  const [kind, setKind] = useState<RelationType>("relates_to");
  const related = KINDS.flatMap((k) => relations.data?.[k.type] ?? []);
  const items = useProjectItems(slug, projectId, related.length > 0);
  const byId = new Map((items.data ?? []).map((item) => [item.id, item]));

  const add = useMutation({
    mutationFn: (vars: { type: RelationType; target: string }) => addRelation(itemRef, vars.type, [vars.target]),
    onMutate: async ({ type, target }) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<RelationMap>(key);
      client.setQueryData<RelationMap>(key, (map) => ({ ...map, [type]: [...(map?.[type] ?? []), target] }));
      return { previous };
    },
    onError: (error, _vars, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
      toastProblem(error);
    },
    onSettled: () => void client.invalidateQueries({ queryKey: key }),
  });

  const remove = useMutation({
    mutationFn: (target: string) => removeRelation(itemRef, target),
    onMutate: async (target) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<RelationMap>(key);
      client.setQueryData<RelationMap>(key, (map) =>
        Object.fromEntries(Object.entries(map ?? {}).map(([k, ids]) => [k, ids.filter((other) => other !== target)])),
      );
      return { previous };
    },
    onError: (error, _target, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
      toastProblem(error);
    },
    onSettled: () => void client.invalidateQueries({ queryKey: key }),
  });

  const label = (other: string) => {
    const item = byId.get(other);
    return item ? { key: `${identifier}-${item.sequence_id}`, name: item.name } : { key: "Work item", name: "" };
  };

  return (
    <section className="wid-section" aria-labelledby={`rel-${id}`}>
      <div className="wid-section-head">
        <h2 id={`rel-${id}`} className="wid-section-title">
          Relations
        </h2>
        <div className="row wid-relation-add">
          <label htmlFor={selectId} className="visually-hidden">
            Relation type
          </label>
          <select id={selectId} value={kind} onChange={(e) => setKind(e.target.value as RelationType)}>
            {KINDS.map((k) => (
              <option key={k.type} value={k.type}>
                {k.title}
              </option>
            ))}
          </select>
          <ItemPicker
            slug={slug}
            projectId={projectId}
            identifier={identifier}
            label={`Add a “${KINDS.find((k) => k.type === kind)?.title.toLowerCase()}” relation`}
            summary="Add relation"
            exclude={new Set([id, ...related])}
            onPick={(target) => add.mutate({ type: kind, target: target.id })}
          />
        </div>
      </div>
      {relations.isPending ? (
        <p className="wid-muted">Loading relations…</p>
      ) : relations.isError ? (
        <p className="form-error">The relations could not be loaded. {relations.error.message}</p>
      ) : related.length === 0 ? (
        <p className="wid-muted">Nothing related yet. Mark what blocks this work, or what it duplicates.</p>
      ) : (
        KINDS.filter((k) => (relations.data?.[k.type] ?? []).length > 0).map((k) => (
          <div key={k.type} className="wid-relation-group">
            <h3 className="wid-subtitle">{k.title}</h3>
            <ul className="plain-list wid-rows">
              {(relations.data?.[k.type] ?? []).map((other) => {
                const text = label(other);
                return (
                  <li key={other} className="wid-row">
                    <Link to={itemHref(other)} className="wid-item-link">
                      <span className="project-key">{text.key}</span> {text.name}
                    </Link>
                    <button
                      type="button"
                      className="icon-button wid-row-action"
                      aria-label={`Remove the relation with ${text.key}`}
                      title="Remove relation"
                      onClick={() => remove.mutate(other)}
                    >
                      ×
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}
