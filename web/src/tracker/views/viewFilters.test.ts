import { describe, expect, it } from "vitest";
import { readFilters, summarise, writeFilters } from "./viewFilters";

const names = {
  state: (id: string) => ({ s1: "Todo", s2: "Done" })[id],
  assignees: (id: string) => ({ u1: "Ada Lovelace" })[id],
  labels: (id: string) => ({ l1: "Bug" })[id],
};

describe("readFilters", () => {
  it("reads the four lists and ignores junk", () => {
    expect(readFilters({ state: ["s1", 3], priority: "high", labels: ["l1"] })).toEqual({
      state: ["s1"],
      priority: [],
      assignees: [],
      labels: ["l1"],
    });
    expect(readFilters(null).state).toEqual([]);
  });
});

describe("writeFilters", () => {
  it("keeps other keys and drops emptied lists", () => {
    const next = writeFilters({ cycle: ["c1"], state: ["s1"] }, { state: [], priority: ["high"], assignees: [], labels: [] });
    expect(next).toEqual({ cycle: ["c1"], priority: ["high"] });
  });
});

describe("summarise", () => {
  it("names what is filtered", () => {
    expect(summarise({ state: ["s1", "s2"], priority: ["high"], assignees: ["u1"], labels: ["gone"] }, names)).toBe(
      "State: Todo, Done · Priority: High · Assignee: Ada Lovelace · Label: Unknown",
    );
  });
  it("says when nothing is filtered", () => {
    expect(summarise({}, names)).toBe("No filters: every work item");
    expect(summarise({ state: [] }, names)).toBe("No filters: every work item");
  });
  it("describes date bounds and other filters", () => {
    expect(summarise({ target_date: ["2026-03-01;after"], module: ["m1", "m2"] }, names)).toBe(
      "Due date: 2026-03-01 or later · Module: 2 selected",
    );
  });
});
