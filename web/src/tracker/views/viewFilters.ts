// A saved view's filters in Plane's keys (`state`, `priority`, `assignees`, `labels`, each a list),
// read from and written to the stored JSON, and summarised for people (pure, tested).

export const FILTER_KEYS = ["state", "priority", "assignees", "labels"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type FilterForm = Record<FilterKey, string[]>;

export const PRIORITIES = [
  { id: "urgent", label: "Urgent" },
  { id: "high", label: "High" },
  { id: "medium", label: "Medium" },
  { id: "low", label: "Low" },
  { id: "none", label: "No priority" },
];

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** The four filters this form edits, from a view's stored filters (anything else is ignored). */
export function readFilters(filters: unknown): FilterForm {
  const stored = record(filters);
  return { state: strings(stored.state), priority: strings(stored.priority), assignees: strings(stored.assignees), labels: strings(stored.labels) };
}

/** The stored filters after the form: other keys (cycle, module, dates…) are kept; empty lists go. */
export function writeFilters(previous: unknown, form: FilterForm): Record<string, unknown> {
  const next: Record<string, unknown> = { ...record(previous) };
  for (const key of FILTER_KEYS) {
    if (form[key].length > 0) next[key] = form[key];
    else delete next[key];
  }
  return next;
}

export interface Names {
  state: (id: string) => string | undefined;
  assignees: (id: string) => string | undefined;
  labels: (id: string) => string | undefined;
}

const LABELS: Record<string, string> = {
  state: "State",
  priority: "Priority",
  assignees: "Assignee",
  labels: "Label",
  cycle: "Cycle",
  module: "Module",
  target_date: "Due date",
};

/** "State: Todo, Done · Priority: High", or "No filters: every work item". */
export function summarise(filters: unknown, names: Names): string {
  const stored = record(filters);
  const parts: string[] = [];
  for (const [key, raw] of Object.entries(stored)) {
    const values = strings(raw);
    if (values.length === 0) continue;
    const label = LABELS[key] ?? key;
    let shown: string[];
    if (key === "priority") shown = values.map((v) => PRIORITIES.find((p) => p.id === v)?.label ?? v);
    else if (key === "state" || key === "assignees" || key === "labels") shown = values.map((v) => names[key](v) ?? "Unknown");
    else if (key === "target_date") shown = values.map((v) => v.replace(";after", " or later").replace(";before", " or earlier"));
    else shown = [`${values.length} selected`];
    parts.push(`${label}: ${shown.join(", ")}`);
  }
  return parts.length > 0 ? parts.join(" · ") : "No filters: every work item";
}
