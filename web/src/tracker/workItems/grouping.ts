// Filtering, ordering and grouping of a project's work items (pure functions over the cache).
import type { Cycle, Label, Member, Module, State, WorkItem } from "../data";
import type { Filters, GroupBy, OrderBy } from "./query";

export const PRIORITIES = ["urgent", "high", "medium", "low", "none"] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PRIORITY_NAMES: Record<Priority, string> = {
  urgent: "Urgent",
  high: "High",
  medium: "Medium",
  low: "Low",
  none: "No priority",
};

/** Which cycle and modules each item belongs to (the item list does not carry them). */
export interface Membership {
  cycle: Map<string, string>;
  modules: Map<string, string[]>;
}

/** The project's reference data, indexed, for labelling and grouping items. */
export interface Catalog {
  identifier: string;
  states: State[];
  labels: Label[];
  members: Member[];
  cycles: Cycle[];
  modules: Module[];
  stateById: Map<string, State>;
  labelById: Map<string, Label>;
  memberById: Map<string, Member>;
  membership: Membership;
}

export function buildCatalog(parts: {
  identifier: string;
  states?: State[];
  labels?: Label[];
  members?: Member[];
  cycles?: Cycle[];
  modules?: Module[];
  membership?: Membership;
}): Catalog {
  const states = parts.states ?? [];
  const labels = parts.labels ?? [];
  const members = (parts.members ?? []).filter((m) => m.is_active !== false);
  return {
    identifier: parts.identifier,
    states,
    labels,
    members,
    cycles: parts.cycles ?? [],
    modules: parts.modules ?? [],
    stateById: new Map(states.map((s) => [s.id, s])),
    labelById: new Map(labels.map((l) => [l.id, l])),
    memberById: new Map((parts.members ?? []).map((m) => [m.id, m])),
    membership: parts.membership ?? { cycle: new Map(), modules: new Map() },
  };
}

export const NONE = "none";

export function itemKey(catalog: Pick<Catalog, "identifier">, item: Pick<WorkItem, "sequence_id">): string {
  return `${catalog.identifier}-${item.sequence_id}`;
}

/** The group keys an item falls under (several for assignees, labels and modules). */
export function keysOf(item: WorkItem, groupBy: GroupBy, catalog: Catalog): string[] {
  switch (groupBy) {
    case "state":
      return [item.state ?? NONE];
    case "priority":
      return [item.priority];
    case "assignees":
      return item.assignees.length > 0 ? item.assignees : [NONE];
    case "labels": {
      const known = item.labels.filter((id) => catalog.labelById.has(id));
      return known.length > 0 ? known : [NONE];
    }
    case "cycle":
      return [catalog.membership.cycle.get(item.id) ?? NONE];
    case "module": {
      const modules = catalog.membership.modules.get(item.id) ?? [];
      return modules.length > 0 ? modules : [NONE];
    }
    case "none":
      return ["all"];
  }
}

export interface GroupOption {
  key: string;
  title: string;
  color?: string;
}

/** Every group of a grouping, in display order (empty ones included). */
export function groupOptions(groupBy: GroupBy, catalog: Catalog): GroupOption[] {
  switch (groupBy) {
    case "state":
      return catalog.states.filter((s) => !s.is_triage).map((s) => ({ key: s.id, title: s.name, color: s.color }));
    case "priority":
      return PRIORITIES.map((p) => ({ key: p, title: PRIORITY_NAMES[p] }));
    case "assignees":
      return [
        ...catalog.members.map((m) => ({ key: m.id, title: memberName(m) })),
        { key: NONE, title: "Unassigned" },
      ];
    case "labels":
      return [...catalog.labels.map((l) => ({ key: l.id, title: l.name, color: l.color })), { key: NONE, title: "No label" }];
    case "cycle":
      return [...catalog.cycles.map((c) => ({ key: c.id, title: c.name })), { key: NONE, title: "No cycle" }];
    case "module":
      return [...catalog.modules.map((m) => ({ key: m.id, title: m.name })), { key: NONE, title: "No module" }];
    case "none":
      return [{ key: "all", title: "All work items" }];
  }
}

export function memberName(member: { display_name?: string; first_name?: string; last_name?: string }): string {
  const full = `${member.first_name ?? ""} ${member.last_name ?? ""}`.trim();
  return full || member.display_name || "Unknown";
}

function someIn(values: string[], wanted: string[]): boolean {
  return values.some((v) => wanted.includes(v));
}

/** The items that pass every filter (values of one filter are alternatives). */
export function filterItems(items: WorkItem[], filters: Filters, catalog: Catalog): WorkItem[] {
  const search = filters.search.trim().toLowerCase();
  const { state, priority, assignees, labels, cycle, module, targetFrom, targetTo } = filters;
  if (!search && !targetFrom && !targetTo && [state, priority, assignees, labels, cycle, module].every((f) => f.length === 0)) {
    return items;
  }
  return items.filter((item) => {
    if (state.length > 0 && !state.includes(item.state ?? NONE)) return false;
    if (priority.length > 0 && !priority.includes(item.priority)) return false;
    if (assignees.length > 0 && !someIn(item.assignees.length ? item.assignees : [NONE], assignees)) return false;
    if (labels.length > 0 && !someIn(item.labels.length ? item.labels : [NONE], labels)) return false;
    if (cycle.length > 0 && !cycle.includes(catalog.membership.cycle.get(item.id) ?? NONE)) return false;
    if (module.length > 0) {
      const of = catalog.membership.modules.get(item.id) ?? [];
      if (!someIn(of.length ? of : [NONE], module)) return false;
    }
    if (targetFrom || targetTo) {
      const date = item.target_date;
      if (!date) return false;
      if (targetFrom && date < targetFrom) return false;
      if (targetTo && date > targetTo) return false;
    }
    if (search) {
      const key = itemKey(catalog, item).toLowerCase();
      if (!item.name.toLowerCase().includes(search) && !key.includes(search)) return false;
    }
    return true;
  });
}

const PRIORITY_RANK: Record<string, number> = { urgent: 0, high: 1, medium: 2, low: 3, none: 4 };

/** A new, ordered array; ties keep the manual (sort_order) order, then the number. */
export function sortItems(items: WorkItem[], orderBy: OrderBy): WorkItem[] {
  const manual = (a: WorkItem, b: WorkItem) => a.sort_order - b.sort_order || a.sequence_id - b.sequence_id;
  let compare: (a: WorkItem, b: WorkItem) => number;
  switch (orderBy) {
    case "sort_order":
      compare = manual;
      break;
    case "-priority":
      compare = (a, b) => (PRIORITY_RANK[a.priority] ?? 5) - (PRIORITY_RANK[b.priority] ?? 5) || manual(a, b);
      break;
    case "-created_at":
      compare = (a, b) => b.created_at.localeCompare(a.created_at) || b.sequence_id - a.sequence_id;
      break;
    case "-updated_at":
      compare = (a, b) => b.updated_at.localeCompare(a.updated_at) || b.sequence_id - a.sequence_id;
      break;
    case "target_date":
      compare = (a, b) => {
        if (a.target_date === b.target_date) return manual(a, b);
        if (!a.target_date) return 1;
        if (!b.target_date) return -1;
        return a.target_date.localeCompare(b.target_date);
      };
      break;
  }
  return [...items].sort(compare);
}

export interface Group extends GroupOption {
  items: WorkItem[];
}

/** Ordered items split into the grouping's groups (each keeps the items' order). */
export function groupItems(items: WorkItem[], groupBy: GroupBy, catalog: Catalog): Group[] {
  const options = groupOptions(groupBy, catalog);
  const byKey = new Map<string, Group>(options.map((o) => [o.key, { ...o, items: [] }]));
  const extra: Group[] = [];
  for (const item of items) {
    for (const key of keysOf(item, groupBy, catalog)) {
      let group = byKey.get(key);
      if (!group) {
        // An item pointing at something this screen does not know (yet): keep it visible.
        group = { key, title: groupBy === "state" ? "Unknown state" : "Other", items: [] };
        byKey.set(key, group);
        extra.push(group);
      }
      group.items.push(item);
    }
  }
  return [...options.map((o) => byKey.get(o.key)!), ...extra];
}
