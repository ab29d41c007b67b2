// Module statuses and ordering: pure helpers (tested).
import type { Schemas } from "../../api/client";
import type { Module } from "../data";

export type ModuleStatus = Schemas["ModuleStatus"];

export const MODULE_STATUSES: { id: ModuleStatus; label: string; tone: "" | "ok" | "bad" | "wait" }[] = [
  { id: "backlog", label: "Backlog", tone: "" },
  { id: "planned", label: "Planned", tone: "" },
  { id: "in-progress", label: "In progress", tone: "wait" },
  { id: "paused", label: "Paused", tone: "bad" },
  { id: "completed", label: "Completed", tone: "ok" },
  { id: "cancelled", label: "Cancelled", tone: "bad" },
];

export function statusInfo(status: ModuleStatus) {
  return MODULE_STATUSES.find((s) => s.id === status) ?? { id: status, label: status, tone: "" as const };
}

/** Only completed or cancelled modules can be archived (the server's rule). */
export function canArchive(module: Pick<Module, "status">): boolean {
  return module.status === "completed" || module.status === "cancelled";
}

/** Active modules first (in progress, planned, backlog, paused), then finished ones; by target date. */
export function sortModules(modules: Module[]): Module[] {
  const rank: Record<ModuleStatus, number> = { "in-progress": 0, planned: 1, backlog: 2, paused: 3, completed: 4, cancelled: 5 };
  return [...modules].sort(
    (a, b) =>
      rank[a.status] - rank[b.status] ||
      (a.target_date ?? "9999").localeCompare(b.target_date ?? "9999") ||
      a.name.localeCompare(b.name),
  );
}

/** "3 Mar – 17 Mar 2026", "From 3 Mar 2026", "Until …" or "No dates" (dates are YYYY-MM-DD). */
export function moduleDates(start: string | null | undefined, target: string | null | undefined): string {
  const format = (day: string) =>
    new Date(`${day}T12:00:00Z`).toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  if (start && target) return `${format(start)} – ${format(target)}`;
  if (start) return `From ${format(start)}`;
  if (target) return `Until ${format(target)}`;
  return "No dates";
}
