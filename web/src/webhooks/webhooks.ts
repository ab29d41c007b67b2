// Webhook forms and delivery log: pure helpers (no React).
import type { Schemas } from "../api/client";

export type Webhook = Schemas["WebhookResponse"];
export type WebhookRequest = Schemas["WebhookRequest"];
export type Delivery = Schemas["DeliveryResponse"];
export type EventSwitch = "project" | "issue" | "issue_comment" | "cycle" | "module";

export const EVENT_GROUPS: { key: EventSwitch; label: string; kinds: string }[] = [
  { key: "project", label: "Projects", kinds: "tracker.project.*" },
  { key: "issue", label: "Work items", kinds: "tracker.work_item.*" },
  { key: "issue_comment", label: "Comments", kinds: "tracker.comment.*" },
  { key: "cycle", label: "Cycles", kinds: "tracker.cycle.*" },
  { key: "module", label: "Modules", kinds: "tracker.module.*" },
];

export interface WebhookForm {
  url: string;
  isActive: boolean;
  events: Record<EventSwitch, boolean>;
  /** Further event kinds, separated by commas, spaces or new lines. */
  extraKinds: string;
}

export function emptyForm(): WebhookForm {
  return {
    url: "",
    isActive: true,
    events: { project: false, issue: true, issue_comment: true, cycle: false, module: false },
    extraKinds: "",
  };
}

export function formOf(webhook: Webhook): WebhookForm {
  return {
    url: webhook.url,
    isActive: webhook.is_active,
    events: {
      project: webhook.project,
      issue: webhook.issue,
      issue_comment: webhook.issue_comment,
      cycle: webhook.cycle,
      module: webhook.module,
    },
    extraKinds: webhook.event_kinds.join(", "),
  };
}

export function parseKinds(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).map((kind) => kind.trim()).filter(Boolean))];
}

export function requestOf(form: WebhookForm): WebhookRequest {
  return {
    url: form.url.trim(),
    is_active: form.isActive,
    ...form.events,
    event_kinds: parseKinds(form.extraKinds),
  };
}

/** Whether the form would subscribe to anything at all. */
export function hasEvents(form: WebhookForm): boolean {
  return Object.values(form.events).some(Boolean) || parseKinds(form.extraKinds).length > 0;
}

/** "Work items, Comments + 2 more kinds" for the list. */
export function describeEvents(webhook: Webhook): string {
  const groups = EVENT_GROUPS.filter((group) => webhook[group.key]).map((group) => group.label);
  const kinds = webhook.event_kinds;
  if (kinds.includes("*")) return "Every event";
  const parts = [...groups, ...kinds];
  return parts.length ? parts.join(", ") : "No events";
}

export function latency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export const STATUS_LABELS: Record<Delivery["status"], string> = {
  pending: "Pending",
  succeeded: "Delivered",
  failed: "Failed",
};

/** A delivery can be sent again once it is no longer waiting for its next attempt. */
export function canResend(delivery: Delivery): boolean {
  return delivery.status !== "pending";
}

/** The JSON body, indented for reading. */
export function prettyBody(body: unknown): string {
  try {
    return JSON.stringify(body, null, 2) ?? "";
  } catch {
    return String(body);
  }
}
