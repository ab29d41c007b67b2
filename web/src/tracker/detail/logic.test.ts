import { describe, expect, it } from "vitest";
import type { WorkItem } from "../data";
import type { Activity, Comment } from "./api";
import { describeActivity, partsForEvent, patchList, timeline, touchesChildren } from "./logic";

function activity(over: Partial<Activity>): Activity {
  return {
    id: "a",
    actor: "u",
    attachments: [],
    comment: "",
    created_at: "2026-01-01T10:00:00Z",
    epoch: 0,
    issue: "i",
    project: "p",
    updated_at: "2026-01-01T10:00:00Z",
    verb: "updated",
    workspace: "w",
    ...over,
  };
}

function comment(id: string, at: string): Comment {
  return {
    access: "INTERNAL",
    attachments: [],
    comment_html: "<p>x</p>",
    comment_stripped: "x",
    created_at: at,
    id,
    is_member: true,
    issue: "i",
    project: "p",
    updated_at: at,
    workspace: "w",
  };
}

describe("patchList", () => {
  const items = [{ id: "1", name: "One" }, { id: "2", name: "Two" }] as WorkItem[];
  it("changes only the matching item", () => {
    expect(patchList(items, "2", { name: "Deux" })?.map((i) => i.name)).toEqual(["One", "Deux"]);
  });
  it("leaves an empty cache empty", () => {
    expect(patchList(undefined, "2", { name: "Deux" })).toBeUndefined();
  });
});

describe("timeline", () => {
  it("merges comments and history oldest first, history first on a tie", () => {
    const entries = timeline(
      [comment("c2", "2026-01-01T12:00:00Z"), comment("c1", "2026-01-01T10:00:00Z")],
      [activity({ id: "a1", created_at: "2026-01-01T09:00:00Z" }), activity({ id: "a2", created_at: "2026-01-01T10:00:00Z" })],
    );
    expect(entries.map((e) => (e.kind === "comment" ? e.comment.id : e.activity.id))).toEqual(["a1", "a2", "c1", "c2"]);
  });
});

describe("describeActivity", () => {
  it("says what a field became", () => {
    expect(describeActivity(activity({ field: "state", comment: "updated the state to", new_value: "In Progress" }))).toBe(
      "updated the state to In Progress",
    );
    expect(describeActivity(activity({ field: "priority", comment: "updated the priority to", new_value: "urgent" }))).toBe(
      "updated the priority to Urgent",
    );
  });
  it("names the creation, keeps descriptions short and spells relations out", () => {
    expect(describeActivity(activity({ verb: "created", comment: "created the issue" }))).toBe("created the work item");
    expect(describeActivity(activity({ field: "description", comment: "updated the description to", new_value: "long" }))).toBe(
      "updated the description",
    );
    expect(describeActivity(activity({ verb: "created", field: "blocked_by", comment: "added blocked_by relation", new_value: "Fonts" }))).toBe(
      "added blocked by relation Fonts",
    );
    expect(describeActivity(activity({ field: "assignees", comment: "removed assignee", old_value: "bob" }))).toBe("removed assignee bob");
  });
});

describe("events", () => {
  it("route comment, link and cycle events to their parts", () => {
    expect(partsForEvent("tracker.comment.created")).toEqual(["comments", "activity"]);
    expect(partsForEvent("tracker.cycle.work_items_added")).toContain("membership");
    expect(partsForEvent("identity.user.updated")).toEqual([]);
  });
  it("find events about children", () => {
    const base = { kind: "tracker.work_item.updated", subject_id: "x", payload: {} };
    expect(touchesChildren({ ...base, payload: { parent: { old: null, new: "p" } } }, "p", [])).toBe(true);
    expect(touchesChildren({ ...base, kind: "tracker.work_item.created", payload: { parent: "p" } }, "p", [])).toBe(true);
    expect(touchesChildren({ ...base, subject_id: "c" }, "p", ["c"])).toBe(true);
    expect(touchesChildren(base, "p", ["c"])).toBe(false);
  });
});
