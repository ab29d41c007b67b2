// Cycles by phase (current, upcoming, completed, draft) and their progress: pure helpers (tested).
import type { Cycle } from "../data";

export type Phase = "current" | "upcoming" | "completed" | "draft";

export const PHASES: { id: Phase; label: string; empty: string }[] = [
  { id: "current", label: "Current", empty: "No cycle is running now." },
  { id: "upcoming", label: "Upcoming", empty: "No cycle is planned yet." },
  { id: "completed", label: "Completed", empty: "No cycle has ended yet." },
  { id: "draft", label: "Drafts", empty: "Cycles without dates show here." },
];

/** The phase of a cycle at `now` (as the server's `cycle_view` filters). */
export function phaseOf(cycle: Pick<Cycle, "start_date" | "end_date">, now: Date): Phase {
  if (!cycle.start_date || !cycle.end_date) return "draft";
  const start = Date.parse(cycle.start_date);
  const end = Date.parse(cycle.end_date);
  if (end < now.getTime()) return "completed";
  if (start > now.getTime()) return "upcoming";
  return "current";
}

/** Cycles by phase: current and upcoming soonest first, completed latest first. */
export function groupCycles(cycles: Cycle[], now: Date): Record<Phase, Cycle[]> {
  const groups: Record<Phase, Cycle[]> = { current: [], upcoming: [], completed: [], draft: [] };
  for (const cycle of cycles) groups[phaseOf(cycle, now)].push(cycle);
  const start = (c: Cycle) => Date.parse(c.start_date ?? "") || 0;
  const end = (c: Cycle) => Date.parse(c.end_date ?? "") || 0;
  groups.current.sort((a, b) => end(a) - end(b));
  groups.upcoming.sort((a, b) => start(a) - start(b));
  groups.completed.sort((a, b) => end(b) - end(a));
  groups.draft.sort((a, b) => a.name.localeCompare(b.name));
  return groups;
}

export interface Progress {
  total: number;
  done: number;
  percent: number;
  groups: { id: string; label: string; count: number }[];
}

/** Progress from a cycle's or module's counts: done is completed plus cancelled. */
export function progressOf(counts: {
  total_issues?: number | null;
  backlog_issues?: number | null;
  unstarted_issues?: number | null;
  started_issues?: number | null;
  completed_issues?: number | null;
  cancelled_issues?: number | null;
}): Progress {
  const n = (value: number | null | undefined) => value ?? 0;
  const total = n(counts.total_issues);
  const done = n(counts.completed_issues) + n(counts.cancelled_issues);
  return {
    total,
    done,
    percent: total === 0 ? 0 : Math.round((done / total) * 100),
    groups: [
      { id: "backlog", label: "Backlog", count: n(counts.backlog_issues) },
      { id: "unstarted", label: "Unstarted", count: n(counts.unstarted_issues) },
      { id: "started", label: "Started", count: n(counts.started_issues) },
      { id: "completed", label: "Completed", count: n(counts.completed_issues) },
      { id: "cancelled", label: "Cancelled", count: n(counts.cancelled_issues) },
    ],
  };
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone (UTC if the zone is unknown). */
export function dayIn(iso: string, timeZone: string): string {
  const date = new Date(iso);
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
  } catch {
    return date.toISOString().slice(0, 10);
  }
}

/** "3 Mar – 17 Mar 2026" for a cycle's dates, or "No dates". */
export function dateRange(start: string | null | undefined, end: string | null | undefined, timeZone = "UTC"): string {
  if (!start || !end) return "No dates";
  const format = (iso: string, withYear: boolean) =>
    new Date(`${dayIn(iso, timeZone)}T12:00:00Z`).toLocaleDateString(undefined, {
      day: "numeric",
      month: "short",
      year: withYear ? "numeric" : undefined,
      timeZone: "UTC",
    });
  return `${format(start, false)} – ${format(end, true)}`;
}
