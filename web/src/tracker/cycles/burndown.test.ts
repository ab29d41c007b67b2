import { describe, expect, it } from "vitest";
import { burndown, daysBetween } from "./burndown";

describe("daysBetween", () => {
  it("lists every day inclusive, across a month end", () => {
    expect(daysBetween("2026-01-30", "2026-02-02")).toEqual(["2026-01-30", "2026-01-31", "2026-02-01", "2026-02-02"]);
  });
  it("is empty for a reversed or invalid range", () => {
    expect(daysBetween("2026-02-02", "2026-02-01")).toEqual([]);
    expect(daysBetween("nope", "2026-02-01")).toEqual([]);
  });
});

describe("burndown", () => {
  const base = { startDay: "2026-03-01", endDay: "2026-03-05" };

  it("draws the ideal line from every item to none", () => {
    const chart = burndown({ ...base, today: "2026-03-10", completedDays: [null, null, null, null] });
    expect(chart.ideal).toEqual([4, 3, 2, 1, 0]);
    expect(chart.total).toBe(4);
  });

  it("counts items still open at the end of each day", () => {
    const chart = burndown({
      ...base,
      today: "2026-03-10",
      completedDays: ["2026-03-01", "2026-03-03", "2026-03-03", null],
    });
    expect(chart.remaining).toEqual([3, 3, 1, 1, 1]);
  });

  it("counts items completed before the cycle started as done from the first day", () => {
    const chart = burndown({ ...base, today: "2026-03-10", completedDays: ["2026-02-20", null] });
    expect(chart.remaining[0]).toBe(1);
  });

  it("leaves the days after today empty", () => {
    const chart = burndown({ ...base, today: "2026-03-02", completedDays: ["2026-03-02", null] });
    expect(chart.remaining).toEqual([2, 1, null, null, null]);
  });

  it("handles a one-day cycle and an empty one", () => {
    expect(burndown({ startDay: "2026-03-01", endDay: "2026-03-01", today: "2026-03-01", completedDays: [null] }).ideal).toEqual([1]);
    expect(burndown({ ...base, today: "2026-03-03", completedDays: [] }).remaining).toEqual([0, 0, 0, null, null]);
  });
});
