import { describe, expect, it } from "vitest";
import type { Cycle, State, WorkItem } from "../data";
import { cycleBurndown } from "./useCycle";

const cycle = { start_date: "2026-03-01T00:00:01Z", end_date: "2026-03-03T23:59:00Z", timezone: "UTC" } as Cycle;
const states = [
  { id: "todo", group: "unstarted" },
  { id: "done", group: "completed" },
  { id: "gone", group: "cancelled" },
] as State[];

function item(state: string, completed_at: string | null, updated_at = "2026-03-02T10:00:00Z"): WorkItem {
  return { state, completed_at, updated_at } as WorkItem;
}

describe("cycleBurndown", () => {
  it("leaves cancelled items out and counts completions by day", () => {
    const chart = cycleBurndown(
      cycle,
      [item("todo", null), item("done", "2026-03-02T09:00:00Z"), item("gone", null)],
      states,
      new Date("2026-03-03T12:00:00Z"),
    );
    expect(chart?.total).toBe(2);
    expect(chart?.remaining).toEqual([2, 1, 1]);
  });
  it("falls back to the last change for completed items without a completion time", () => {
    const chart = cycleBurndown(cycle, [item("done", null, "2026-03-01T08:00:00Z")], states, new Date("2026-03-05T00:00:00Z"));
    expect(chart?.remaining).toEqual([0, 0, 0]);
  });
  it("has no chart for a draft", () => {
    expect(cycleBurndown({ ...cycle, start_date: null }, [], states, new Date())).toBeNull();
  });
});
