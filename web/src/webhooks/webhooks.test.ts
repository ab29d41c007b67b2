import { describe, expect, it } from "vitest";
import {
  canResend,
  describeEvents,
  emptyForm,
  formOf,
  hasEvents,
  latency,
  parseKinds,
  requestOf,
  type Delivery,
  type Webhook,
} from "./webhooks";

const hook = {
  id: "h",
  url: "https://example.com/hook",
  is_active: false,
  project: false,
  issue: true,
  issue_comment: false,
  cycle: true,
  module: false,
  event_kinds: ["tracker.state.*"],
} as Webhook;

describe("webhook forms", () => {
  it("splits and dedupes extra event kinds", () => {
    expect(parseKinds(" tracker.state.*, tracker.label.created\n tracker.state.* ")).toEqual([
      "tracker.state.*",
      "tracker.label.created",
    ]);
    expect(parseKinds("  ")).toEqual([]);
  });

  it("round-trips a webhook through the form into a request", () => {
    expect(requestOf({ ...formOf(hook), url: " https://example.com/hook " })).toEqual({
      url: "https://example.com/hook",
      is_active: false,
      project: false,
      issue: true,
      issue_comment: false,
      cycle: true,
      module: false,
      event_kinds: ["tracker.state.*"],
    });
  });

  it("knows when nothing is selected", () => {
    const form = emptyForm();
    expect(hasEvents(form)).toBe(true);
    const none = { ...form, events: { project: false, issue: false, issue_comment: false, cycle: false, module: false } };
    expect(hasEvents(none)).toBe(false);
    expect(hasEvents({ ...none, extraKinds: "*" })).toBe(true);
  });

  it("describes a webhook's events", () => {
    expect(describeEvents(hook)).toBe("Work items, Cycles, tracker.state.*");
    expect(describeEvents({ ...hook, event_kinds: ["*"] })).toBe("Every event");
    expect(describeEvents({ ...hook, issue: false, cycle: false, event_kinds: [] })).toBe("No events");
  });
});

describe("deliveries", () => {
  it("formats latency", () => {
    expect(latency(null)).toBe("—");
    expect(latency(240)).toBe("240 ms");
    expect(latency(1530)).toBe("1.53 s");
    expect(latency(12_400)).toBe("12.4 s");
  });

  it("resends only finished deliveries", () => {
    expect(canResend({ status: "failed" } as Delivery)).toBe(true);
    expect(canResend({ status: "pending" } as Delivery)).toBe(false);
  });
});
