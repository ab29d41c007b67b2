// The screen's display state (layout, filters, grouping, ordering, shown properties) and its
// round trips through the URL query and through a saved view (Plane's filter and display keys).

export const LAYOUTS = ["list", "board", "spreadsheet", "calendar"] as const;
export type Layout = (typeof LAYOUTS)[number];

export const GROUPS = ["state", "priority", "assignees", "labels", "cycle", "module", "none"] as const;
export type GroupBy = (typeof GROUPS)[number];

export const ORDERS = ["sort_order", "-priority", "-created_at", "-updated_at", "target_date"] as const;
export type OrderBy = (typeof ORDERS)[number];

export const PROPERTIES = ["key", "state", "priority", "assignee", "labels", "start_date", "due_date", "updated_on"] as const;
export type Property = (typeof PROPERTIES)[number];

export const LIST_FILTERS = ["state", "priority", "assignees", "labels", "cycle", "module"] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];

export interface Filters extends Record<ListFilter, string[]> {
  /** Inclusive bounds on the target date (YYYY-MM-DD). */
  targetFrom?: string;
  targetTo?: string;
  search: string;
}

export interface DisplayState {
  layout: Layout;
  groupBy: GroupBy;
  subGroupBy: GroupBy;
  orderBy: OrderBy;
  filters: Filters;
  hidden: Property[];
}

export const DEFAULT_HIDDEN: Property[] = ["start_date", "updated_on"];

export function emptyFilters(): Filters {
  return { state: [], priority: [], assignees: [], labels: [], cycle: [], module: [], search: "" };
}

export function defaultState(): DisplayState {
  return { layout: "list", groupBy: "state", subGroupBy: "none", orderBy: "sort_order", filters: emptyFilters(), hidden: DEFAULT_HIDDEN };
}

function pick<T extends string>(options: readonly T[], value: unknown, fallback: T): T {
  return typeof value === "string" && (options as readonly string[]).includes(value) ? (value as T) : fallback;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function listParam(params: URLSearchParams, key: string): string[] {
  const raw = params.get(key);
  return raw ? raw.split(",").filter(Boolean) : [];
}

/** Reads the display state from the URL query (unknown or missing values take defaults). */
export function parseQuery(params: URLSearchParams): DisplayState {
  const base = defaultState();
  const filters = emptyFilters();
  for (const key of LIST_FILTERS) filters[key] = listParam(params, key);
  for (const bound of listParam(params, "target_date")) {
    const [date, side] = bound.split(";");
    if (!date || !DATE.test(date)) continue;
    if (side === "after") filters.targetFrom = date;
    if (side === "before") filters.targetTo = date;
  }
  filters.search = params.get("q") ?? "";
  const groupBy = pick(GROUPS, params.get("group_by"), base.groupBy);
  const subGroupBy = pick(GROUPS, params.get("sub_group_by"), "none");
  const hide = params.get("hide");
  return {
    layout: pick(LAYOUTS, params.get("layout"), base.layout),
    groupBy,
    subGroupBy: subGroupBy === groupBy ? "none" : subGroupBy,
    orderBy: pick(ORDERS, params.get("order_by"), base.orderBy),
    filters,
    hidden: hide === null ? base.hidden : hide.split(",").filter((p): p is Property => pick(PROPERTIES, p, "key") === p),
  };
}

function targetBounds(filters: Filters): string[] {
  const bounds: string[] = [];
  if (filters.targetFrom) bounds.push(`${filters.targetFrom};after`);
  if (filters.targetTo) bounds.push(`${filters.targetTo};before`);
  return bounds;
}

/**
 * Writes the display state into `current` (keeping its other parameters, such as `peek` and
 * `view`); values equal to the defaults are left out so that links stay short.
 */
export function writeQuery(state: DisplayState, current: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(current);
  const base = defaultState();
  const set = (key: string, value: string | undefined, fallback?: string) => {
    if (value === undefined || value === "" || value === fallback) next.delete(key);
    else next.set(key, value);
  };
  set("layout", state.layout, base.layout);
  set("group_by", state.groupBy, base.groupBy);
  set("sub_group_by", state.subGroupBy, "none");
  set("order_by", state.orderBy, base.orderBy);
  for (const key of LIST_FILTERS) set(key, state.filters[key].join(","));
  set("target_date", targetBounds(state.filters).join(","));
  set("q", state.filters.search.trim());
  set("hide", [...state.hidden].sort().join(","), [...base.hidden].sort().join(","));
  if (state.hidden.length === 0) next.set("hide", "");
  return next;
}

export function activeFilterCount(filters: Filters): number {
  let count = LIST_FILTERS.reduce((sum, key) => sum + filters[key].length, 0);
  if (filters.targetFrom) count += 1;
  if (filters.targetTo) count += 1;
  if (filters.search.trim()) count += 1;
  return count;
}

/** The body of a saved view, in Plane's keys. */
export interface ViewBody {
  filters: Record<string, string[]>;
  display_filters: { layout: Layout; group_by: string | null; sub_group_by: string | null; order_by: OrderBy };
  display_properties: Record<Property, boolean>;
}

export function toView(state: DisplayState): ViewBody {
  const filters: Record<string, string[]> = {};
  for (const key of LIST_FILTERS) if (state.filters[key].length > 0) filters[key] = state.filters[key];
  const bounds = targetBounds(state.filters);
  if (bounds.length > 0) filters.target_date = bounds;
  const display_properties = Object.fromEntries(PROPERTIES.map((p) => [p, !state.hidden.includes(p)])) as Record<
    Property,
    boolean
  >;
  return {
    filters,
    display_filters: {
      layout: state.layout,
      group_by: state.groupBy === "none" ? null : state.groupBy,
      sub_group_by: state.subGroupBy === "none" ? null : state.subGroupBy,
      order_by: state.orderBy,
    },
    display_properties,
  };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** Reads a saved view (written by this screen, by Plane, or by hand) into a display state. */
export function fromView(view: { filters: unknown; display_filters: unknown; display_properties: unknown }): DisplayState {
  const params = new URLSearchParams();
  const filters = record(view.filters);
  for (const key of [...LIST_FILTERS, "target_date"]) {
    const values = strings(filters[key]);
    if (values.length > 0) params.set(key, values.join(","));
  }
  const display = record(view.display_filters);
  for (const key of ["layout", "group_by", "sub_group_by", "order_by"]) {
    if (typeof display[key] === "string") params.set(key, display[key]);
  }
  if (display.group_by === null) params.set("group_by", "none");
  const properties = record(view.display_properties);
  const hidden = PROPERTIES.filter((p) => properties[p] === false);
  if (Object.keys(properties).length > 0) params.set("hide", hidden.join(","));
  return parseQuery(params);
}
