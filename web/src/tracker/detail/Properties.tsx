// The item's properties beside its content: each changes at once and rolls back if refused.
import { useQuery } from "@tanstack/react-query";
import { useId, type ReactNode } from "react";
import { keys } from "../../api/keys";
import { Link } from "react-router";
import { personName, useLabels, useProjectMembers, useStates, type WorkItem } from "../data";
import { useEstimate } from "../settings/hooks";
import { ItemPicker } from "./ItemPicker";
import { CheckMenu } from "./Menu";
import { MembershipFields } from "./MembershipFields";
import { getItem, type ItemRef, type WorkItemPatch } from "./api";

const PRIORITIES: { value: WorkItem["priority"]; name: string }[] = [
  { value: "urgent", name: "Urgent" },
  { value: "high", name: "High" },
  { value: "medium", name: "Medium" },
  { value: "low", name: "Low" },
  { value: "none", name: "No priority" },
];

function Row({ label, htmlFor, children }: { label: string; htmlFor?: string; children: ReactNode }) {
  return (
    <div className="wid-prop">
      {htmlFor ? (
        <label className="wid-prop-label" htmlFor={htmlFor}>
          {label}
        </label>
      ) : (
        <span className="wid-prop-label">{label}</span>
      )}
      <div className="wid-prop-value">{children}</div>
    </div>
  );
}

export function Properties({
  itemRef,
  item,
  identifier,
  itemHref,
  onChange,
  readOnly,
}: {
  readOnly: boolean;
  itemRef: ItemRef;
  item: WorkItem;
  identifier: string;
  itemHref: (id: string) => string;
  onChange: (patch: WorkItemPatch) => void;
}) {
  const { slug, projectId } = itemRef;
  const ids = useId();
  const states = (useStates(slug, projectId).data ?? []).filter((s) => !s.is_triage);
  const labels = useLabels(slug, projectId).data ?? [];
  const members = (useProjectMembers(slug, projectId).data?.results ?? []).filter((m) => m.is_active && m.role >= 15);
  const estimate = useEstimate(slug, projectId).data;
  const state = states.find((s) => s.id === item.state);
  const assigned = members.filter((m) => item.assignees.includes(m.id));
  const chosenLabels = labels.filter((l) => item.labels.includes(l.id));

  return (
    <fieldset className="wid-props" disabled={readOnly}>
      <legend className="visually-hidden">{readOnly ? "Properties (you can view them only)" : "Properties"}</legend>
      <Row label="State" htmlFor={`${ids}-state`}>
        <span className="wid-select-wrap">
          <span className="wid-dot" style={{ background: state?.color ?? "var(--border)" }} aria-hidden="true" />
          <select id={`${ids}-state`} value={item.state ?? ""} onChange={(e) => onChange({ state: e.target.value || null })}>
            {!item.state && <option value="">No state</option>}
            {states.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </span>
      </Row>
      <Row label="Priority" htmlFor={`${ids}-priority`}>
        <select
          id={`${ids}-priority`}
          value={item.priority}
          onChange={(e) => onChange({ priority: e.target.value as WorkItem["priority"] })}
        >
          {PRIORITIES.map((p) => (
            <option key={p.value} value={p.value}>
              {p.name}
            </option>
          ))}
        </select>
      </Row>
      <Row label="Assignees">
        <CheckMenu
          label="Assignees"
          summary={assigned.length ? assigned.map((m) => personName(m)).join(", ") : "Unassigned"}
          options={members.map((m) => ({ id: m.id, name: personName(m) }))}
          value={item.assignees}
          onChange={(assignees) => onChange({ assignees })}
          empty="Nobody in this project can be assigned yet. Add members in the project settings."
        />
      </Row>
      <Row label="Labels">
        <CheckMenu
          label="Labels"
          summary={
            chosenLabels.length ? (
              <span className="wid-chips">
                {chosenLabels.map((l) => (
                  <span key={l.id} className="wid-chip">
                    <span className="wid-dot" style={{ background: l.color }} aria-hidden="true" />
                    {l.name}
                  </span>
                ))}
              </span>
            ) : (
              "No labels"
            )
          }
          options={labels.map((l) => ({ id: l.id, name: l.name, color: l.color }))}
          value={item.labels}
          onChange={(next) => onChange({ labels: next })}
          empty="This project has no labels yet. Create them in the project settings."
        />
      </Row>
      <Row label="Start date" htmlFor={`${ids}-start`}>
        <input
          id={`${ids}-start`}
          type="date"
          value={item.start_date ?? ""}
          max={item.target_date ?? undefined}
          onChange={(e) => onChange({ start_date: e.target.value || null })}
        />
      </Row>
      <Row label="Due date" htmlFor={`${ids}-target`}>
        <input
          id={`${ids}-target`}
          type="date"
          value={item.target_date ?? ""}
          min={item.start_date ?? undefined}
          onChange={(e) => onChange({ target_date: e.target.value || null })}
        />
      </Row>
      <Row label="Estimate" htmlFor={estimate ? `${ids}-estimate` : undefined}>
        {estimate ? (
          <select
            id={`${ids}-estimate`}
            value={item.estimate_point ?? ""}
            onChange={(e) => onChange({ estimate_point: e.target.value || null })}
          >
            <option value="">No estimate</option>
            {[...estimate.points]
              .sort((a, b) => a.key - b.key)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.value}
                </option>
              ))}
          </select>
        ) : (
          <span className="wid-muted">
            No scale yet. <Link to={`/${slug}/projects/${projectId}/settings/estimates`}>Set one up</Link>
          </span>
        )}
      </Row>
      <MembershipFields itemRef={itemRef} Row={Row} />
      <Row label="Parent">
        <div className="wid-parent">
          {item.parent && <ParentLink itemRef={itemRef} parentId={item.parent} identifier={identifier} itemHref={itemHref} />}
          <ItemPicker
            slug={slug}
            projectId={projectId}
            identifier={identifier}
            label="Choose the parent"
            summary={item.parent ? "Change" : "Set parent"}
            exclude={new Set([item.id, ...(item.parent ? [item.parent] : [])])}
            onPick={(parent) => onChange({ parent: parent.id })}
          />
          {item.parent && (
            <button type="button" className="button button-ghost wid-small" onClick={() => onChange({ parent: null })}>
              Remove parent
            </button>
          )}
        </div>
      </Row>
    </fieldset>
  );
}


function ParentLink({
  itemRef,
  parentId,
  identifier,
  itemHref,
}: {
  itemRef: ItemRef;
  parentId: string;
  identifier: string;
  itemHref: (id: string) => string;
}) {
  const parent = useParent(itemRef, parentId);
  return (
    <Link to={itemHref(parentId)} className="wid-item-link">
      {parent ? `${identifier}-${parent.sequence_id} ${parent.name}` : "Open the parent"}
    </Link>
  );
}

function useParent(itemRef: ItemRef, parentId: string) {
  return useQuery({
    queryKey: keys.workItem(itemRef.slug, itemRef.projectId, parentId),
    queryFn: () => getItem({ ...itemRef, id: parentId }),
  }).data;
}
