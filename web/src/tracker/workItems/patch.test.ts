import { describe, expect, it } from "vitest";
import type { GliderEvent } from "../../api/realtime";
import type { WorkItem } from "../data";
import { actionFor, patchItem, removeItem, upsertItem } from "./patch";

function item(id: string, extra: Partial<WorkItem> = {}): WorkItem {
  return {
    id,
    name: `Item ${id}`,
    assignees: [],
    labels: [],
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    description_html: "<p></p>",
    description_stripped: "",
    is_draft: false,
    priority: "none",
    project: "p",
    workspace: "w",
    sequence_id: 1,
    sort_order: 65535,
    ...extra,
  };
}

function event(kind: string, payload: Record<string, unknown>, subject = "a"): GliderEvent {
  return { id: "e", seq: 1, kind, workspace_id: "w", project_id: "p", subject_id: subject, actor_id: "u2", payload, at: "2026-02-02T10:00:00Z" };
}

describe("actionFor", () => {
  it("turns a move into a patch of state and sort order", () => {
    const action = actionFor(
      event("tracker.work_item.updated", { state: { old: "s1", new: "s2" }, sort_order: { old: 1, new: 2.5 } }),
    );
    expect(action).toEqual({
      type: "patch",
      id: "a",
      changes: { state: "s2", sort_order: 2.5, updated_at: "2026-02-02T10:00:00Z", updated_by: "u2" },
    });
  });

  it("refetches when a field cannot be derived from the payload", () => {
    expect(actionFor(event("tracker.work_item.updated", { description_html: { old: "", new: "<p>x</p>" } }))).toEqual({
      type: "fetch",
      id: "a",
    });
  });

  it("removes archived, deleted and drafted items", () => {
    expect(actionFor(event("tracker.work_item.deleted", { name: "x" }))).toEqual({ type: "remove", id: "a" });
    expect(actionFor(event("tracker.work_item.archived", { archived_at: { old: null, new: "2026-01-02" } }))).toEqual({
      type: "remove",
      id: "a",
    });
    expect(actionFor(event("tracker.work_item.updated", { draft: { old: false, new: true } }))).toEqual({
      type: "remove",
      id: "a",
    });
  });

  it("fetches created items (the payload lacks most fields) and accepted intake items", () => {
    expect(actionFor(event("tracker.work_item.created", { name: "x", sequence_id: 3 }, "n"))).toEqual({
      type: "fetch",
      id: "n",
    });
    expect(actionFor(event("tracker.intake.accepted", { work_item: "w1" }, "i"))).toEqual({ type: "fetch", id: "w1" });
  });

  it("routes catalogue and membership events", () => {
    expect(actionFor(event("tracker.cycle.work_items_added", {}))).toEqual({ type: "membership" });
    expect(actionFor(event("tracker.state.created", {}))).toEqual({ type: "catalog", what: "states" });
    expect(actionFor(event("tracker.comment.created", {}))).toEqual({ type: "ignore" });
  });
});

describe("list edits", () => {
  const list = [item("a"), item("b"), item("c")];

  it("patches one item and keeps the others by reference", () => {
    const next = patchItem(list, "b", { priority: "high" });
    expect(next[1]?.priority).toBe("high");
    expect(next[0]).toBe(list[0]);
    expect(list[1]?.priority).toBe("none");
    expect(patchItem(list, "zz", { priority: "high" })).toBe(list);
  });

  it("removes an item", () => {
    expect(removeItem(list, "a").map((i) => i.id)).toEqual(["b", "c"]);
    expect(removeItem(list, "zz")).toBe(list);
  });

  it("upserts, replacing an optimistic placeholder", () => {
    const withTemp = [...list, item("temp-1")];
    const real = item("d", { name: "Real" });
    expect(upsertItem(withTemp, real, "temp-1").map((i) => i.id)).toEqual(["a", "b", "c", "d"]);
    // The created event may have inserted the real one already.
    expect(upsertItem([...withTemp, real], real, "temp-1").map((i) => i.id)).toEqual(["a", "b", "c", "d"]);
    expect(upsertItem(list, item("b", { name: "New" }))[1]?.name).toBe("New");
  });
});
