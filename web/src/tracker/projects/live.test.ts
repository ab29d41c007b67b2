import { describe, expect, it } from "vitest";
import { keys } from "../../api/keys";
import { keysForEvent } from "./live";

describe("keysForEvent", () => {
  it("maps each reference-data kind to its cache", () => {
    expect(keysForEvent("tracker.cycle.created", "acme", "p1")).toEqual([keys.cycles("acme", "p1")]);
    expect(keysForEvent("tracker.module.work_items_added", "acme", "p1")).toEqual([keys.modules("acme", "p1")]);
    expect(keysForEvent("tracker.state.deleted", "acme", "p1")).toEqual([keys.states("acme", "p1")]);
    expect(keysForEvent("tracker.label.updated", "acme", "p1")).toEqual([keys.labels("acme", "p1")]);
    expect(keysForEvent("tracker.view.updated", "acme", "p1")).toEqual([keys.views("acme", "p1")]);
    expect(keysForEvent("tracker.estimate_point.created", "acme", "p1")).toEqual([keys.estimates("acme", "p1")]);
  });

  it("refreshes the sidebar's projects when the project or its members change", () => {
    expect(keysForEvent("tracker.project.updated", "acme", "p1")).toContainEqual(keys.projects("acme"));
    expect(keysForEvent("tracker.project_member.added", "acme", "p1")).toContainEqual(keys.projectMembers("acme", "p1"));
  });

  it("refreshes counts and item lists when a work item changes", () => {
    const touched = keysForEvent("tracker.work_item.updated", "acme", "p1");
    expect(touched).toContainEqual(keys.cycles("acme", "p1"));
    expect(touched).toContainEqual([...keys.project("acme", "p1"), "items"]);
  });

  it("ignores kinds of other contexts and unknown ones", () => {
    expect(keysForEvent("notify.notification.created", "acme", "p1")).toEqual([]);
    expect(keysForEvent("tracker.comment.created", "acme", "p1")).toEqual([]);
    expect(keysForEvent("garbage", "acme", "p1")).toEqual([]);
  });
});
