import { describe, expect, it } from "vitest";
import { decide, groupIntake, INTAKE_STATUS, tabOf, textToHtml, tomorrowDay, type IntakeItem } from "./intake";

function entry(issue: string, status: number, created_at: string): IntakeItem {
  return { issue, status, created_at, snoozed_till: null, duplicate_to: null } as IntakeItem;
}

describe("intake", () => {
  it("maps statuses to tabs", () => {
    expect(tabOf(-2)).toBe("pending");
    expect(tabOf(-1)).toBe("declined");
    expect(tabOf(0)).toBe("snoozed");
    expect(tabOf(1)).toBe("accepted");
    expect(tabOf(2)).toBe("duplicate");
  });
  it("groups newest first", () => {
    const groups = groupIntake([entry("a", -2, "2026-01-01"), entry("b", -2, "2026-02-01"), entry("c", 1, "2026-01-05")]);
    expect(groups.pending.map((e) => e.issue)).toEqual(["b", "a"]);
    expect(groups.accepted.map((e) => e.issue)).toEqual(["c"]);
  });
  it("applies a decision and clears fields of other decisions", () => {
    const items = [{ ...entry("a", 0, "2026-01-01"), snoozed_till: "2026-02-01T00:00:00Z" }];
    const next = decide(items, "a", { status: INTAKE_STATUS.duplicate, duplicate_to: "x" });
    expect(next[0]?.status).toBe(2);
    expect(next[0]?.duplicate_to).toBe("x");
    expect(next[0]?.snoozed_till).toBeNull();
  });
  it("turns text into escaped paragraphs", () => {
    expect(textToHtml("Hi <b>\nthere\n\nSecond")).toBe("<p>Hi &lt;b&gt;<br>there</p><p>Second</p>");
    expect(textToHtml("  ")).toBe("");
  });
});

describe("tomorrowDay", () => {
  it("rolls over months and years", () => {
    expect(tomorrowDay(new Date(2026, 11, 31, 15))).toBe("2027-01-01");
    expect(tomorrowDay(new Date(2026, 1, 28, 1))).toBe("2026-03-01");
  });
});
