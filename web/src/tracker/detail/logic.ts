// Pure helpers of the detail: query keys, cache patches, which event refreshes what, the
// timeline of comments and history, and activity sentences.
import { keys } from "../../api/keys";
import type { WorkItem } from "../data";
import type { Activity, Comment, WorkItemPatch } from "./api";

export type Part = "comments" | "activity" | "links" | "attachments" | "relations" | "children" | "subscription" | "membership";

/** The key of one part of the item's detail, under the item's own key. */
export function partKey(slug: string, projectId: string, id: string, part: Part) {
  return [...keys.workItem(slug, projectId, id), part] as const;
}

export function applyPatch(item: WorkItem, patch: WorkItemPatch): WorkItem {
  return { ...item, ...patch } as WorkItem;
}

/** The project list with one item changed; undefined stays undefined (nothing cached). */
export function patchList(list: WorkItem[] | undefined, id: string, patch: WorkItemPatch | WorkItem): WorkItem[] | undefined {
  return list?.map((item) => (item.id === id ? ({ ...item, ...patch } as WorkItem) : item));
}

/** The parts of the detail an event on `work_item:<id>` touches (the item itself is "item"). */
export function partsForEvent(kind: string): (Part | "item")[] {
  const [context, entity, action] = kind.split(".");
  if (context !== "tracker") return [];
  switch (entity) {
    case "work_item":
      return action === "deleted" ? ["item"] : ["item", "activity", "subscription"];
    case "comment":
      return ["comments", "activity"];
    case "link":
      return ["links", "activity"];
    case "attachment":
      return ["attachments", "activity"];
    case "relation":
      return ["relations", "activity"];
    case "cycle":
    case "module":
      return ["membership", "activity"];
    case "worklog":
      return ["activity"];
    default:
      return [];
  }
}

/** Whether a project event concerns the children of `parentId` (created, moved, changed). */
export function touchesChildren(
  event: { kind: string; subject_id: string; payload: Record<string, unknown> },
  parentId: string,
  childIds: string[],
): boolean {
  if (!event.kind.startsWith("tracker.work_item.")) return false;
  if (childIds.includes(event.subject_id)) return true;
  const parent = event.payload.parent;
  if (parent === parentId) return true;
  if (parent && typeof parent === "object") {
    const change = parent as { old?: unknown; new?: unknown };
    return change.old === parentId || change.new === parentId;
  }
  return false;
}

export type TimelineEntry = { kind: "comment"; at: string; comment: Comment } | { kind: "activity"; at: string; activity: Activity };

/** Comments and history in one list, oldest first (ties: history before the comment). */
export function timeline(comments: Comment[], activities: Activity[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...activities.filter((a) => a.field !== "comment").map((activity) => ({ kind: "activity" as const, at: activity.created_at, activity })),
    ...comments.map((comment) => ({ kind: "comment" as const, at: comment.created_at, comment })),
  ];
  return entries.sort((a, b) => {
    const diff = Date.parse(a.at) - Date.parse(b.at);
    if (diff !== 0) return diff;
    return a.kind === b.kind ? 0 : a.kind === "activity" ? -1 : 1;
  });
}

const PRIORITY_WORDS: Record<string, string> = { urgent: "Urgent", high: "High", medium: "Medium", low: "Low", none: "None" };

/** What happened, after the actor's name: "updated the state to In Progress". */
export function describeActivity(activity: Activity): string {
  const comment = activity.comment.replace(/_/g, " ").trim();
  if (activity.verb === "created" && !activity.field) return "created the work item";
  if (activity.field === "description") return "updated the description";
  let value = activity.new_value ?? activity.old_value ?? "";
  if (activity.field === "priority") value = PRIORITY_WORDS[value] ?? value;
  if (comment.endsWith(" to")) return `${comment} ${value || "none"}`;
  if (value && !comment.includes(value)) return `${comment} ${value}`;
  return comment || `${activity.verb} ${activity.field ?? ""}`.trim();
}
