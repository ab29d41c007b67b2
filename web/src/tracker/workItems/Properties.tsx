// How an item's properties read on rows, cards and chips.
import { memo } from "react";
import { Avatar } from "../../ui/common";
import type { WorkItem } from "../data";
import { memberName, PRIORITY_NAMES, type Catalog, type Priority } from "./grouping";

const PRIORITY_GLYPH: Record<Priority, string> = { urgent: "!!!", high: "▲", medium: "■", low: "▼", none: "–" };

export function PriorityBadge({ priority, compact }: { priority: WorkItem["priority"]; compact?: boolean }) {
  const name = PRIORITY_NAMES[priority];
  return (
    <span className={`wi-priority wi-priority-${priority}`} title={`Priority: ${name}`}>
      <span aria-hidden="true">{PRIORITY_GLYPH[priority]}</span>
      {compact ? <span className="visually-hidden">Priority: {name}</span> : <span>{name}</span>}
    </span>
  );
}

export function StateDot({ color }: { color?: string }) {
  return <span className="wi-state-dot" style={{ borderColor: color ?? "var(--text-muted)" }} aria-hidden="true" />;
}

export function StateBadge({ stateId, catalog }: { stateId?: string | null; catalog: Catalog }) {
  const state = stateId ? catalog.stateById.get(stateId) : undefined;
  return (
    <span className="wi-state" title={`State: ${state?.name ?? "None"}`}>
      <StateDot color={state?.color} />
      <span>{state?.name ?? "No state"}</span>
    </span>
  );
}

export const Assignees = memo(function Assignees({ ids, catalog }: { ids: string[]; catalog: Catalog }) {
  if (ids.length === 0) {
    return (
      <span className="wi-unassigned" title="Unassigned">
        <span className="visually-hidden">Unassigned</span>
      </span>
    );
  }
  const names = ids.map((id) => {
    const member = catalog.memberById.get(id);
    return { id, name: member ? memberName(member) : "Former member", url: member?.avatar_url };
  });
  const label = `Assignees: ${names.map((n) => n.name).join(", ")}`;
  return (
    <span className="wi-assignees" title={label}>
      <span className="visually-hidden">{label}</span>
      {names.slice(0, 3).map((n) => (
        <Avatar key={n.id} name={n.name} url={n.url} size={20} />
      ))}
      {names.length > 3 && <span className="wi-more" aria-hidden="true">+{names.length - 3}</span>}
    </span>
  );
});

export const Labels = memo(function Labels({ ids, catalog }: { ids: string[]; catalog: Catalog }) {
  const labels = ids.flatMap((id) => catalog.labelById.get(id) ?? []);
  if (labels.length === 0) return null;
  return (
    <span className="wi-labels">
      {labels.slice(0, 3).map((label) => (
        <span key={label.id} className="wi-label">
          <span className="wi-label-dot" style={{ background: label.color || "var(--text-muted)" }} aria-hidden="true" />
          {label.name}
        </span>
      ))}
      {labels.length > 3 && <span className="wi-more">+{labels.length - 3}</span>}
    </span>
  );
});

const isoToday = new Date().toISOString().slice(0, 10);

const SHORT = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });
const LONG = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", year: "numeric" });
const THIS_YEAR = new Date().getFullYear();

export function formatDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return (y === THIS_YEAR ? SHORT : LONG).format(new Date(y, m - 1, d));
}

export function DueDate({ date, done, label = "Target date" }: { date?: string | null; done?: boolean; label?: string }) {
  if (!date) return null;
  const overdue = !done && date < isoToday;
  return (
    <time className={overdue ? "wi-date wi-overdue" : "wi-date"} dateTime={date} title={`${label}: ${date}${overdue ? " (overdue)" : ""}`}>
      <span className="visually-hidden">{label}: </span>
      {formatDate(date)}
      {overdue && <span className="visually-hidden"> (overdue)</span>}
    </time>
  );
}

export function isDone(item: WorkItem, catalog: Catalog): boolean {
  const group = item.state ? catalog.stateById.get(item.state)?.group : undefined;
  return group === "completed" || group === "cancelled";
}
