import { describe, expect, it } from "vitest";
import type { WorkItem } from "../data";
import { dropIndex, placeAt } from "./board";
import { monthGrid, shiftMonth } from "./calendar";
import { buildCatalog, filterItems, groupItems, sortItems } from "./grouping";
import { emptyFilters } from "./query";
import { flattenRows } from "./rows";

function item(id: string, extra: Partial<WorkItem> = {}): WorkItem {
  return {
    id, name: `Item ${id}`, assignees: [], labels: [], created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z",
    description_html: "", description_stripped: "", is_draft: false, priority: "none", project: "p", workspace: "w",
    sequence_id: 1, sort_order: 0, ...extra,
  };
}

const state = (id: string, name: string, sequence: number) =>
  ({ id, name, sequence, color: "#000", group: "backlog", is_triage: false }) as never;
const catalog = buildCatalog({
  identifier: "WEB",
  states: [state("s1", "Backlog", 1), state("s2", "Done", 2)],
  membership: { cycle: new Map([["a", "c1"]]), modules: new Map() },
});

const items = [
  item("a", { state: "s1", priority: "high", sort_order: 30, sequence_id: 1, target_date: "2026-03-10", assignees: ["u1", "u2"] }),
  item("b", { state: "s2", priority: "urgent", sort_order: 10, sequence_id: 2, name: "Fix login" }),
  item("c", { state: "s1", priority: "low", sort_order: 20, sequence_id: 3, target_date: "2026-02-01" }),
];

describe("filter, sort, group", () => {
  it("filters with alternatives inside a filter and all filters together", () => {
    const ids = (f: Partial<ReturnType<typeof emptyFilters>>) => filterItems(items, { ...emptyFilters(), ...f }, catalog).map((i) => i.id);
    expect(ids({ priority: ["high", "urgent"] })).toEqual(["a", "b"]);
    expect(ids({ priority: ["high", "urgent"], state: ["s2"] })).toEqual(["b"]);
    expect(ids({ assignees: ["none"] })).toEqual(["b", "c"]);
    expect(ids({ cycle: ["c1"] })).toEqual(["a"]);
    expect(ids({ targetFrom: "2026-03-01" })).toEqual(["a"]);
    expect(ids({ targetTo: "2026-03-01" })).toEqual(["c"]);
    expect(ids({ search: "LOGIN" })).toEqual(["b"]);
    expect(ids({ search: "web-3" })).toEqual(["c"]);
  });

  it("orders manually, by priority and by target date (undated last)", () => {
    expect(sortItems(items, "sort_order").map((i) => i.id)).toEqual(["b", "c", "a"]);
    expect(sortItems(items, "-priority").map((i) => i.id)).toEqual(["b", "a", "c"]);
    expect(sortItems(items, "target_date").map((i) => i.id)).toEqual(["c", "a", "b"]);
  });

  it("groups by state in the states' order, and by assignee into several groups", () => {
    const byState = groupItems(sortItems(items, "sort_order"), "state", catalog);
    expect(byState.map((g) => [g.title, g.items.map((i) => i.id)])).toEqual([
      ["Backlog", ["c", "a"]],
      ["Done", ["b"]],
    ]);
    const byAssignee = groupItems(items, "assignees", catalog);
    // u1 and u2 are not members this catalogue knows: they still get a group each.
    expect(byAssignee.map((g) => [g.key, g.items.length])).toEqual([["none", 2], ["u1", 1], ["u2", 1]]);
  });

  it("flattens groups and sub-groups into rows, skipping collapsed ones", () => {
    const groups = groupItems(sortItems(items, "sort_order"), "state", catalog);
    const rows = flattenRows(groups, "priority", catalog, new Set(["s2"]));
    expect(rows.map((r) => (r.kind === "group" ? `${r.level}:${r.title}(${r.count})` : r.item.id))).toEqual([
      "1:Backlog(2)", "2:High(1)", "a", "2:Low(1)", "c", "1:Done(1)",
    ]);
  });
});

describe("board placement", () => {
  const column = [{ id: "x", sort_order: 100 }, { id: "y", sort_order: 200 }];
  it("lands between, above or below its neighbours", () => {
    expect(placeAt(column, 1, 5)).toEqual({ after: "x", before: "y", sortOrder: 150 });
    expect(placeAt(column, 0, 5)).toEqual({ before: "x", sortOrder: -9900 });
    expect(placeAt(column, 2, 5)).toEqual({ after: "y", sortOrder: 10200 });
    expect(placeAt([], 0, 5)).toEqual({ sortOrder: 5 });
  });
  it("finds the slot from the card it is over", () => {
    expect(dropIndex(column, "y", false)).toBe(1);
    expect(dropIndex(column, "y", true)).toBe(2);
    expect(dropIndex(column, "column", false)).toBe(2);
  });
});

describe("calendar", () => {
  it("lays a month out in whole weeks from Monday", () => {
    const weeks = monthGrid("2026-02");
    expect(weeks[0]?.[0]).toBe("2026-01-26");
    expect(weeks.at(-1)?.at(-1)).toBe("2026-03-01");
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(monthGrid("2027-03")[0]?.[0]).toBe("2027-03-01");
  });
  it("moves between months across years", () => {
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
  });
});

describe("board drops", async () => {
  const { resolveDrop, columnChange } = await import("./boardDrop");
  const col = (key: string, ids: [string, number][]) => ({
    key, title: key, items: ids.map(([id, sort_order]) => item(id, { sort_order, state: key })),
  });
  const columns = [col("s1", [["a", 10], ["b", 20], ["c", 30]]), col("s2", [["d", 100]])];
  const a = columns[0]!.items[0]!;

  it("moves down within a column below the card it is over", () => {
    expect(resolveDrop("state", columns, a, "s1", "b", "s1", true)).toEqual({
      change: null, placement: { after: "b", before: "c", sortOrder: 25 },
    });
  });
  it("does nothing when dropped where it was", () => {
    expect(resolveDrop("state", columns, a, "s1", "a", "s1", true)).toEqual({ change: null, placement: null });
  });
  it("changes state and lands above the card it is over in another column", () => {
    expect(resolveDrop("state", columns, a, "s1", "d", "s2", true)).toEqual({
      change: { state: "s2" }, placement: { before: "d", sortOrder: -9900 },
    });
    expect(resolveDrop("state", columns, a, "s1", "col:s2", "s2", false)).toEqual({ change: { state: "s2" }, placement: null });
  });
  it("swaps one assignee or label for another", () => {
    const multi = item("m", { assignees: ["u1", "u2"] });
    expect(columnChange("assignees", multi, "u1", "u3")).toEqual({ assignees: ["u2", "u3"] });
    expect(columnChange("assignees", multi, "u1", "none")).toEqual({ assignees: [] });
    expect(columnChange("labels", item("n"), "none", "l1")).toEqual({ labels: ["l1"] });
  });
});

describe("rows while filtering", () => {
  it("leaves empty groups out when asked", () => {
    const groups = groupItems([item("z", { state: "s2" })], "state", catalog);
    expect(flattenRows(groups, "none", catalog, new Set()).length).toBe(3);
    expect(flattenRows(groups, "none", catalog, new Set(), false).map((r) => r.id)).toEqual(["s2", "s2:z"]);
  });
});
