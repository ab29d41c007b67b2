import { describe, expect, it } from "vitest";
import { activeFilterCount, defaultState, fromView, parseQuery, toView, writeQuery, type DisplayState } from "./query";

describe("URL query", () => {
  it("defaults to a list grouped by state in manual order", () => {
    const state = parseQuery(new URLSearchParams(""));
    expect(state).toEqual(defaultState());
    expect(writeQuery(state, new URLSearchParams("peek=abc")).toString()).toBe("peek=abc");
  });

  it("round-trips filters, grouping, ordering and hidden properties", () => {
    const state: DisplayState = {
      layout: "board",
      groupBy: "priority",
      subGroupBy: "assignees",
      orderBy: "-updated_at",
      filters: {
        state: ["s1", "s2"],
        priority: ["urgent"],
        assignees: ["u1"],
        labels: [],
        cycle: ["c1"],
        module: [],
        targetFrom: "2026-01-01",
        targetTo: "2026-02-01",
        search: "login",
      },
      hidden: ["labels"],
    };
    const params = writeQuery(state, new URLSearchParams("view=v1"));
    expect(params.get("view")).toBe("v1");
    expect(params.get("state")).toBe("s1,s2");
    expect(params.get("target_date")).toBe("2026-01-01;after,2026-02-01;before");
    expect(parseQuery(new URLSearchParams(params.toString()))).toEqual(state);
  });

  it("ignores unknown values and a sub-group equal to the group", () => {
    const state = parseQuery(new URLSearchParams("layout=gantt&group_by=state&sub_group_by=state&order_by=x&target_date=soon;after"));
    expect(state.layout).toBe("list");
    expect(state.subGroupBy).toBe("none");
    expect(state.orderBy).toBe("sort_order");
    expect(state.filters.targetFrom).toBeUndefined();
  });

  it("keeps 'every property shown' distinct from the default", () => {
    const state = { ...defaultState(), hidden: [] };
    const params = writeQuery(state, new URLSearchParams());
    expect(params.has("hide")).toBe(true);
    expect(parseQuery(params).hidden).toEqual([]);
  });

  it("counts active filters", () => {
    const state = parseQuery(new URLSearchParams("state=a,b&q=x&target_date=2026-01-01;after"));
    expect(activeFilterCount(state.filters)).toBe(4);
  });
});

describe("saved views", () => {
  it("writes Plane's keys and reads them back", () => {
    const state = parseQuery(new URLSearchParams("layout=spreadsheet&group_by=none&labels=l1&target_date=2026-03-01;before&hide=key"));
    const body = toView(state);
    expect(body.filters).toEqual({ labels: ["l1"], target_date: ["2026-03-01;before"] });
    expect(body.display_filters).toEqual({ layout: "spreadsheet", group_by: null, sub_group_by: null, order_by: "sort_order" });
    expect(body.display_properties.key).toBe(false);
    expect(body.display_properties.state).toBe(true);
    const back = fromView(body);
    expect(back).toEqual({ ...state, filters: { ...state.filters, search: "" } });
  });

  it("tolerates views made elsewhere", () => {
    const state = fromView({ filters: { priority: ["high", 3], state: null }, display_filters: "x", display_properties: null });
    expect(state.filters.priority).toEqual(["high"]);
    expect(state.filters.state).toEqual([]);
    expect(state.layout).toBe("list");
  });
});
