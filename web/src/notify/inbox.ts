// The inbox's pure logic: which notifications a tab shows, what a notification's details say,
// and how a change is applied to the cached pages before the server confirms it.
import type { InfiniteData } from "@tanstack/react-query";
import type { Schemas } from "../api/client";

export type Notification = Schemas["Notification"];
export type NotificationPage = Schemas["Paginated_Notification"];
export type Tab = "all" | "unread" | "mentions" | "snoozed" | "archived";

export const TABS: { id: Tab; label: string }[] = [
  { id: "all", label: "All" },
  { id: "unread", label: "Unread" },
  { id: "mentions", label: "Mentions" },
  { id: "snoozed", label: "Snoozed" },
  { id: "archived", label: "Archived" },
];

export function parseTab(value: string | null): Tab {
  return TABS.some((tab) => tab.id === value) ? (value as Tab) : "all";
}

/** The list endpoint's filters for a tab (mentions are narrowed on the client: no kind filter). */
export function tabQuery(tab: Tab): { read?: boolean; archived?: boolean; snoozed?: boolean } {
  switch (tab) {
    case "unread":
      return { read: false };
    case "archived":
      return { archived: true };
    case "snoozed":
      return { snoozed: true };
    default:
      return {};
  }
}

/** Whether a notification (after a change) still belongs in a tab's list. */
export function belongsTo(n: Notification, tab: Tab, now: Date = new Date()): boolean {
  const archived = Boolean(n.archived_at);
  const snoozed = Boolean(n.snoozed_till && new Date(n.snoozed_till) > now);
  if (tab === "archived") return archived;
  if (archived) return false;
  if (tab === "snoozed") return snoozed;
  if (snoozed) return false;
  if (tab === "unread") return !n.read_at;
  if (tab === "mentions") return n.kind === "mention";
  return true;
}

export interface Details {
  actor?: { id?: string; display_name?: string };
  workItem?: { id?: string; name?: string; identifier?: string };
  changes: { field: string; old: unknown; new: unknown }[];
  comment?: string;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Reads the loosely typed `data` of a notification: actor, work item, changes, comment. */
export function details(n: Notification, nameOf: NameOf = () => undefined): Details {
  const data = record(n.data) ?? {};
  const actor = record(data.actor);
  const item = record(data.work_item);
  const changes = Object.entries(record(data.changes) ?? {}).map(([field, change]) => {
    const c = record(change) ?? {};
    return { field, old: c.old, new: c.new };
  });
  const comment = text(record(data.comment)?.comment_html);
  return {
    actor: actor ? { id: text(actor.id), display_name: text(actor.display_name) } : undefined,
    workItem: item ? { id: text(item.id), name: text(item.name), identifier: text(item.identifier) } : undefined,
    changes,
    comment: comment === undefined ? undefined : plainText(comment, nameOf),
  };
}

const FIELD_NAMES: Record<string, string> = {
  state: "state",
  priority: "priority",
  assignees: "assignees",
  labels: "labels",
  name: "title",
  description_html: "description",
  start_date: "start date",
  target_date: "due date",
  estimate_point: "estimate",
  parent: "parent",
  cycle: "cycle",
  modules: "modules",
};

export function fieldName(field: string): string {
  return FIELD_NAMES[field] ?? field.replace(/_/g, " ");
}

/** A short, readable value for a change (ids are not shown: the message names states). */
export function changeValue(value: unknown): string | undefined {
  if (value === null || value === undefined || value === "") return "none";
  if (typeof value === "string") return /^[0-9a-f-]{36}$/i.test(value) ? undefined : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

export type NameOf = (userId: string) => string | undefined;

/** The text of a comment's HTML, collapsed to one line; mentions read as "@name". */
export function plainText(html: string, nameOf: NameOf = () => undefined): string {
  const doc = new DOMParser().parseFromString(html, "text/html");
  for (const mention of Array.from(doc.querySelectorAll("mention-component"))) {
    const id = mention.getAttribute("entity_identifier") ?? "";
    const name = nameOf(id) ?? mention.getAttribute("label") ?? mention.textContent?.replace(/^@/, "");
    mention.textContent = ` @${name || "someone"} `;
  }
  return (doc.body.textContent ?? "")
    .replace(/\s+/g, " ")
    .replace(/ ([,.;:!?])/g, "$1")
    .trim();
}

/** Where a notification leads: the work item's peek in its project, else its identifier. */
export function workItemHref(slug: string, n: Notification): string | undefined {
  if (n.project && n.entity_identifier) return `/${slug}/projects/${n.project}/issues?peek=${n.entity_identifier}`;
  if (n.identifier) return `/${slug}/browse/${n.identifier}`;
  return undefined;
}

/** "just now", "5m", "3h", "2d", else the date. */
export function timeAgo(iso: string, now: Date = new Date()): string {
  const seconds = Math.max(0, (now.getTime() - new Date(iso).getTime()) / 1000);
  if (seconds < 60) return "just now";
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h ago`;
  if (seconds < 7 * 86400) return `${Math.floor(seconds / 86400)}d ago`;
  return new Date(iso).toLocaleDateString(undefined, { month: "short", day: "numeric" });
}

/** Snooze choices, computed from now: in an hour, tomorrow 9:00, next Monday 9:00. */
export function snoozeOptions(now: Date = new Date()): { label: string; until: Date }[] {
  const hour = new Date(now.getTime() + 3600_000);
  const tomorrow = new Date(now);
  tomorrow.setDate(now.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  const monday = new Date(now);
  monday.setDate(now.getDate() + (((8 - now.getDay()) % 7) || 7));
  monday.setHours(9, 0, 0, 0);
  return [
    { label: "In 1 hour", until: hour },
    { label: "Tomorrow", until: tomorrow },
    { label: "Next week", until: monday },
  ];
}

/**
 * Applies `change` to the notification `id` in a tab's cached pages, dropping it from the list
 * when it no longer belongs to the tab (an archived one leaves "All").
 */
export function patchPages(
  data: InfiniteData<NotificationPage> | undefined,
  tab: Tab,
  id: string,
  change: (n: Notification) => Notification,
  now: Date = new Date(),
): InfiniteData<NotificationPage> | undefined {
  if (!data) return data;
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      results: page.results.flatMap((n) => {
        if (n.id !== id) return [n];
        const next = change(n);
        return belongsTo(next, tab, now) ? [next] : [];
      }),
    })),
  };
}

/** Marks every notification of the cached pages read (for "Mark all as read"). */
export function markAllRead(
  data: InfiniteData<NotificationPage> | undefined,
  tab: Tab,
  at: string,
): InfiniteData<NotificationPage> | undefined {
  if (!data) return data;
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      results: page.results
        .map((n) => (n.read_at ? n : { ...n, read_at: at }))
        .filter((n) => belongsTo(n, tab, new Date(at))),
    })),
  };
}
