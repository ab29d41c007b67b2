import { describe, expect, it } from "vitest";
import type { Cycle } from "../data";
import { groupCycles, phaseOf, progressOf } from "./cycles";

const now = new Date("2026-03-10T12:00:00Z");

function cycle(name: string, start: string | null, end: string | null): Cycle {
  return { name, start_date: start, end_date: end } as Cycle;
}

describe("phaseOf", () => {
  it("tells current, upcoming, completed and draft apart", () => {
    expect(phaseOf(cycle("a", "2026-03-01T00:00:01Z", "2026-03-14T23:59:00Z"), now)).toBe("current");
    expect(phaseOf(cycle("b", "2026-03-15T00:00:01Z", "2026-03-28T23:59:00Z"), now)).toBe("upcoming");
    expect(phaseOf(cycle("c", "2026-02-01T00:00:01Z", "2026-02-14T23:59:00Z"), now)).toBe("completed");
    expect(phaseOf(cycle("d", null, null), now)).toBe("draft");
  });
});

describe("groupCycles", () => {
  it("orders upcoming soonest first and completed latest first", () => {
    const groups = groupCycles(
      [
        cycle("later", "2026-04-01T00:00:01Z", "2026-04-14T23:59:00Z"),
        cycle("sooner", "2026-03-20T00:00:01Z", "2026-03-30T23:59:00Z"),
        cycle("old", "2026-01-01T00:00:01Z", "2026-01-14T23:59:00Z"),
        cycle("recent", "2026-02-01T00:00:01Z", "2026-02-14T23:59:00Z"),
      ],
      now,
    );
    expect(groups.upcoming.map((c) => c.name)).toEqual(["sooner", "later"]);
    expect(groups.completed.map((c) => c.name)).toEqual(["recent", "old"]);
  });
});

describe("progressOf", () => {
  it("counts completed and cancelled as done", () => {
    const progress = progressOf({ total_issues: 8, completed_issues: 3, cancelled_issues: 1, started_issues: 4 });
    expect(progress.done).toBe(4);
    expect(progress.percent).toBe(50);
    expect(progress.groups.find((g) => g.id === "started")?.count).toBe(4);
  });
  it("is zero percent with nothing in it", () => {
    expect(progressOf({}).percent).toBe(0);
  });
});
