// Applying a project's live events to the cached list of its work items (pure functions).
import type { GliderEvent } from "../../api/realtime";
import type { WorkItem } from "../data";

/** What to do with the cache for one event. */
export type EventAction =
  | { type: "patch"; id: string; changes: Partial<WorkItem> }
  | { type: "remove"; id: string }
  | { type: "fetch"; id: string }
  | { type: "fetch-many"; ids: string[] }
  | { type: "membership" }
  | { type: "catalog"; what: "states" | "labels" | "cycles" | "modules" | "members" | "project" }
  | { type: "ignore" };

/** Update payload fields ({old, new}) that map one to one onto a work-item field. */
const DIRECT: Record<string, keyof WorkItem> = {
  name: "name",
  priority: "priority",
  state: "state",
  parent: "parent",
  start_date: "start_date",
  target_date: "target_date",
  estimate_point: "estimate_point",
  point: "point",
  estimate_time: "estimate_time",
  sequence_id: "sequence_id",
  assignees: "assignees",
  labels: "labels",
  sort_order: "sort_order",
};

function isChange(value: unknown): value is { old: unknown; new: unknown } {
  return typeof value === "object" && value !== null && "new" in value;
}

/** Reads an update event's `{field: {old, new}}` payload into a patch, or asks for a refetch. */
export function updateAction(event: GliderEvent): EventAction {
  const id = event.subject_id;
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(event.payload)) {
    if (!isChange(value)) continue;
    if ((field === "archived_at" && value.new) || (field === "draft" && value.new === true)) {
      return { type: "remove", id };
    }
    const key = DIRECT[field];
    // A field this screen cannot derive from the payload (a description, an unarchive…).
    if (!key) return { type: "fetch", id };
    changes[key] = value.new;
  }
  changes.updated_at = event.at;
  if (event.actor_id) changes.updated_by = event.actor_id;
  return { type: "patch", id, changes: changes as Partial<WorkItem> };
}

function idList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    if (typeof entry === "string") return [entry];
    if (typeof entry === "object" && entry !== null && "work_item" in entry) {
      const inner = (entry as { work_item: unknown }).work_item;
      return typeof inner === "string" ? [inner] : [];
    }
    return [];
  });
}

/** Decides what an event of `project:<id>` does to the work-item list. */
export function actionFor(event: GliderEvent): EventAction {
  const kind = event.kind;
  switch (kind) {
    case "tracker.work_item.created":
    case "tracker.work_item.unarchived":
      return { type: "fetch", id: event.subject_id };
    case "tracker.work_item.updated":
      return updateAction(event);
    case "tracker.work_item.deleted":
    case "tracker.work_item.archived":
      return { type: "remove", id: event.subject_id };
    case "tracker.intake.accepted": {
      const id = event.payload.work_item;
      return typeof id === "string" ? { type: "fetch", id } : { type: "ignore" };
    }
    case "tracker.cycle.work_items_added":
    case "tracker.cycle.work_item_removed":
    case "tracker.cycle.transferred":
    case "tracker.module.work_items_added":
    case "tracker.module.work_item_removed":
      return { type: "membership" };
  }
  if (kind.startsWith("tracker.state.")) return { type: "catalog", what: "states" };
  if (kind.startsWith("tracker.label.")) return { type: "catalog", what: "labels" };
  if (kind.startsWith("tracker.cycle.")) return { type: "catalog", what: "cycles" };
  if (kind.startsWith("tracker.module.")) return { type: "catalog", what: "modules" };
  if (kind.startsWith("tracker.project_member.")) return { type: "catalog", what: "members" };
  if (kind === "tracker.project.updated") return { type: "catalog", what: "project" };
  const many = idList(event.payload.work_items);
  if (kind.startsWith("tracker.work_item.") && many.length > 0) return { type: "fetch-many", ids: many };
  return { type: "ignore" };
}

/** The list with one item changed (the same array when the item is not there). */
export function patchItem(items: WorkItem[], id: string, changes: Partial<WorkItem>): WorkItem[] {
  const index = items.findIndex((item) => item.id === id);
  if (index < 0) return items;
  const next = items.slice();
  next[index] = { ...items[index]!, ...changes };
  return next;
}

/** The list without the item (the same array when it was not there). */
export function removeItem(items: WorkItem[], id: string): WorkItem[] {
  const index = items.findIndex((item) => item.id === id);
  if (index < 0) return items;
  return [...items.slice(0, index), ...items.slice(index + 1)];
}

/** The list with `item` in place of the one with its id (or of `replacing`), or added. */
export function upsertItem(items: WorkItem[], item: WorkItem, replacing?: string): WorkItem[] {
  const rest = replacing ? items.filter((existing) => existing.id !== replacing) : items;
  const index = rest.findIndex((existing) => existing.id === item.id);
  if (index < 0) return [...rest, item];
  const next = rest.slice();
  next[index] = item;
  return next;
}

/** Whether an event changed where or how a card shows (for the highlight of others' changes). */
export function touchedId(action: EventAction): string | undefined {
  return action.type === "patch" || action.type === "fetch" ? action.id : undefined;
}
