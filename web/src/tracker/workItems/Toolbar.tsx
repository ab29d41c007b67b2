// The display controls: layout, search, filters and display options.
import type { ReactNode } from "react";
import { memberName, PRIORITIES, PRIORITY_NAMES, type Catalog } from "./grouping";
import { Popover } from "./Popover";
import {
  activeFilterCount,
  GROUPS,
  ORDERS,
  PROPERTIES,
  type DisplayState,
  type Filters,
  type GroupBy,
  type Layout,
  type ListFilter,
  type OrderBy,
  type Property,
} from "./query";

/** The board's columns can be these (a card moves between them by changing the property). */
const BOARD_GROUPS: GroupBy[] = ["state", "priority", "assignees", "labels"];

const LAYOUT_NAMES: Record<Layout, string> = { list: "List", board: "Board", spreadsheet: "Spreadsheet", calendar: "Calendar" };
export const GROUP_NAMES: Record<GroupBy, string> = {
  state: "State",
  priority: "Priority",
  assignees: "Assignee",
  labels: "Label",
  cycle: "Cycle",
  module: "Module",
  none: "None",
};
const ORDER_NAMES: Record<OrderBy, string> = {
  sort_order: "Manual",
  "-priority": "Priority",
  "-created_at": "Last created",
  "-updated_at": "Last updated",
  target_date: "Target date",
};
const PROPERTY_NAMES: Record<Property, string> = {
  key: "ID",
  state: "State",
  priority: "Priority",
  assignee: "Assignees",
  labels: "Labels",
  start_date: "Start date",
  due_date: "Target date",
  updated_on: "Updated",
};

/** The options of each list filter, labelled. */
export function filterOptions(key: ListFilter, catalog: Catalog): { id: string; name: string }[] {
  switch (key) {
    case "state":
      return catalog.states.map((s) => ({ id: s.id, name: s.name }));
    case "priority":
      return PRIORITIES.map((p) => ({ id: p, name: PRIORITY_NAMES[p] }));
    case "assignees":
      return [...catalog.members.map((m) => ({ id: m.id, name: memberName(m) })), { id: "none", name: "Unassigned" }];
    case "labels":
      return [...catalog.labels.map((l) => ({ id: l.id, name: l.name })), { id: "none", name: "No label" }];
    case "cycle":
      return [...catalog.cycles.map((c) => ({ id: c.id, name: c.name })), { id: "none", name: "No cycle" }];
    case "module":
      return [...catalog.modules.map((m) => ({ id: m.id, name: m.name })), { id: "none", name: "No module" }];
  }
}

export const FILTER_NAMES: Record<ListFilter, string> = {
  state: "State",
  priority: "Priority",
  assignees: "Assignee",
  labels: "Label",
  cycle: "Cycle",
  module: "Module",
};

function LayoutSwitcher({ value, onChange }: { value: Layout; onChange: (layout: Layout) => void }) {
  return (
    <div className="wi-layouts" role="group" aria-label="Layout">
      {(Object.keys(LAYOUT_NAMES) as Layout[]).map((layout) => (
        <button
          key={layout}
          type="button"
          className={value === layout ? "button wi-layout-active" : "button"}
          aria-pressed={value === layout}
          onClick={() => onChange(layout)}
        >
          {LAYOUT_NAMES[layout]}
        </button>
      ))}
    </div>
  );
}

function FiltersMenu({ filters, catalog, onChange }: { filters: Filters; catalog: Catalog; onChange: (f: Filters) => void }) {
  const count = activeFilterCount({ ...filters, search: "" });
  const toggle = (key: ListFilter, id: string) => {
    const values = filters[key];
    onChange({ ...filters, [key]: values.includes(id) ? values.filter((v) => v !== id) : [...values, id] });
  };
  return (
    <Popover label="Filters" summary={count > 0 ? `Filters (${count})` : "Filters"} className="wi-filters-menu">
      <div className="wi-filter-sections">
        {(Object.keys(FILTER_NAMES) as ListFilter[]).map((key) => (
          <fieldset key={key}>
            <legend>{FILTER_NAMES[key]}</legend>
            <ul className="wi-check-list">
              {filterOptions(key, catalog).map((option) => (
                <li key={option.id}>
                  <label>
                    <input type="checkbox" checked={filters[key].includes(option.id)} onChange={() => toggle(key, option.id)} />
                    {option.name}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ))}
        <fieldset>
          <legend>Target date</legend>
          <label className="field">
            <span className="field-label">From</span>
            <input
              type="date"
              value={filters.targetFrom ?? ""}
              onChange={(e) => onChange({ ...filters, targetFrom: e.target.value || undefined })}
            />
          </label>
          <label className="field">
            <span className="field-label">To</span>
            <input
              type="date"
              value={filters.targetTo ?? ""}
              onChange={(e) => onChange({ ...filters, targetTo: e.target.value || undefined })}
            />
          </label>
        </fieldset>
      </div>
    </Popover>
  );
}

function DisplayMenu({ state, onChange }: { state: DisplayState; onChange: (s: DisplayState) => void }) {
  const select = (label: string, value: string, options: readonly string[], names: Record<string, string>, set: (v: string) => void) => (
    <label className="field">
      <span className="field-label">{label}</span>
      <select aria-label={label} value={value} onChange={(e) => set(e.target.value)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {names[o]}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <Popover label="Display" summary="Display" align="end">
      <div className="stack wi-display-menu">
        {state.layout === "list" &&
          select("Group by", state.groupBy, GROUPS, GROUP_NAMES, (v) =>
            onChange({ ...state, groupBy: v as GroupBy, subGroupBy: v === state.subGroupBy ? "none" : state.subGroupBy }),
          )}
        {state.layout === "board" &&
          select("Columns by", BOARD_GROUPS.includes(state.groupBy) ? state.groupBy : "state", BOARD_GROUPS, GROUP_NAMES, (v) =>
            onChange({ ...state, groupBy: v as GroupBy }),
          )}
        {state.layout === "list" &&
          select("Sub-group by", state.subGroupBy, GROUPS.filter((g) => g !== state.groupBy || g === "none"), GROUP_NAMES, (v) =>
            onChange({ ...state, subGroupBy: v as GroupBy }),
          )}
        {select("Order by", state.orderBy, ORDERS, ORDER_NAMES, (v) => onChange({ ...state, orderBy: v as OrderBy }))}
        <fieldset>
          <legend>Properties</legend>
          <ul className="wi-check-list">
            {PROPERTIES.map((p) => (
              <li key={p}>
                <label>
                  <input
                    type="checkbox"
                    checked={!state.hidden.includes(p)}
                    onChange={() =>
                      onChange({
                        ...state,
                        hidden: state.hidden.includes(p) ? state.hidden.filter((h) => h !== p) : [...state.hidden, p],
                      })
                    }
                  />
                  {PROPERTY_NAMES[p]}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      </div>
    </Popover>
  );
}

export function Toolbar({
  state,
  catalog,
  onChange,
  children,
}: {
  state: DisplayState;
  catalog: Catalog;
  onChange: (s: DisplayState) => void;
  children?: ReactNode;
}) {
  return (
    <div className="wi-toolbar" role="toolbar" aria-label="Display controls">
      <LayoutSwitcher value={state.layout} onChange={(layout) => onChange({ ...state, layout })} />
      <input
        type="search"
        className="wi-search"
        aria-label="Search work items"
        placeholder="Search by title or ID"
        value={state.filters.search}
        onChange={(e) => onChange({ ...state, filters: { ...state.filters, search: e.target.value } })}
      />
      <FiltersMenu filters={state.filters} catalog={catalog} onChange={(filters) => onChange({ ...state, filters })} />
      <DisplayMenu state={state} onChange={onChange} />
      {children}
    </div>
  );
}
