// The intake queue by decision: pure helpers of the triage screen (tested).
import type { Schemas } from "../../api/client";

export type IntakeItem = Schemas["IntakeItemResponse"];

export const INTAKE_STATUS = { pending: -2, declined: -1, snoozed: 0, accepted: 1, duplicate: 2 } as const;

export type IntakeTab = keyof typeof INTAKE_STATUS;

export const INTAKE_TABS: { id: IntakeTab; label: string; empty: string }[] = [
  { id: "pending", label: "Pending", empty: "Nothing waits for triage. New requests land here." },
  { id: "accepted", label: "Accepted", empty: "Accepted requests become work items and show here." },
  { id: "declined", label: "Declined", empty: "No request was declined." },
  { id: "snoozed", label: "Snoozed", empty: "Snoozed requests wait here until their date." },
  { id: "duplicate", label: "Duplicate", empty: "Requests marked as duplicates show here." },
];

export function tabOf(status: number): IntakeTab {
  const found = (Object.keys(INTAKE_STATUS) as IntakeTab[]).find((tab) => INTAKE_STATUS[tab] === status);
  return found ?? "pending";
}

/** Entries by tab, newest first. */
export function groupIntake(items: IntakeItem[]): Record<IntakeTab, IntakeItem[]> {
  const groups: Record<IntakeTab, IntakeItem[]> = { pending: [], accepted: [], declined: [], snoozed: [], duplicate: [] };
  for (const item of [...items].sort((a, b) => b.created_at.localeCompare(a.created_at))) groups[tabOf(item.status)].push(item);
  return groups;
}

/** The cache after a decision (for the optimistic update). */
export function decide(
  items: IntakeItem[],
  issue: string,
  decision: { status: number; snoozed_till?: string | null; duplicate_to?: string | null },
): IntakeItem[] {
  return items.map((item) =>
    item.issue === issue
      ? {
          ...item,
          status: decision.status,
          snoozed_till: decision.status === INTAKE_STATUS.snoozed ? (decision.snoozed_till ?? null) : null,
          duplicate_to: decision.status === INTAKE_STATUS.duplicate ? (decision.duplicate_to ?? null) : null,
        }
      : item,
  );
}

/** A date input's day as the end of that day, local time, in ISO (when a snooze ends). */
export function snoozeUntil(day: string): string {
  return new Date(`${day}T23:59:00`).toISOString();
}

/** Plain text as the HTML of a description (paragraphs, escaped). */
export function textToHtml(text: string): string {
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  return text
    .split(/\n{2,}/)
    .map((para) => para.trim())
    .filter(Boolean)
    .map((para) => `<p>${escape(para).replace(/\n/g, "<br>")}</p>`)
    .join("");
}

/** Tomorrow's local day (YYYY-MM-DD), the earliest a snooze can end. */
export function tomorrowDay(now = new Date()): string {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${next.getFullYear()}-${pad(next.getMonth() + 1)}-${pad(next.getDate())}`;
}
