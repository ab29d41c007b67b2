import { describe, expect, it } from "vitest";
import type { State } from "../data";
import { groupStates, sequenceForMove, withSequence } from "./states";

function state(id: string, group: State["group"], sequence: number): State {
  return {
    id,
    group,
    sequence,
    name: id,
    color: "#000",
    default: false,
    description: "",
    is_triage: group === "triage",
    project: "p",
    workspace: "w",
    slug: id,
    created_at: "",
    updated_at: "",
  };
}

describe("groupStates", () => {
  it("groups by state group in sequence order and hides triage", () => {
    const groups = groupStates([
      state("b", "started", 30),
      state("a", "started", 10),
      state("t", "triage", 1),
      state("x", "backlog", 5),
    ]);
    expect(groups.started.map((s) => s.id)).toEqual(["a", "b"]);
    expect(groups.backlog.map((s) => s.id)).toEqual(["x"]);
    expect(Object.values(groups).flat().some((s) => s.id === "t")).toBe(false);
  });
});

describe("sequenceForMove", () => {
  const group = [state("a", "started", 100), state("b", "started", 200), state("c", "started", 300)];
  it("lands between the two states above when moving up", () => {
    expect(sequenceForMove(group, 2, -1)).toBe(150);
  });
  it("goes before the first state when moving to the top", () => {
    expect(sequenceForMove(group, 1, -1)).toBe(-900);
  });
  it("goes after the last state when moving to the bottom", () => {
    expect(sequenceForMove(group, 1, 1)).toBe(1300);
  });
  it("refuses to move past either end", () => {
    expect(sequenceForMove(group, 0, -1)).toBeUndefined();
    expect(sequenceForMove(group, 2, 1)).toBeUndefined();
  });
  it("re-sorts after a move", () => {
    expect(withSequence(group, "c", 150).map((s) => s.id)).toEqual(["a", "c", "b"]);
  });
});
