// Inputs for an item's properties, shared by the create dialog, the spreadsheet and quick edits.
import type { WorkItem } from "../data";
import { memberName, PRIORITIES, PRIORITY_NAMES, type Catalog } from "./grouping";
import { Popover } from "./Popover";

export function StateSelect({
  value,
  catalog,
  onChange,
  label = "State",
  id,
}: {
  value?: string | null;
  catalog: Catalog;
  onChange: (state: string) => void;
  label?: string;
  id?: string;
}) {
  return (
    <select id={id} aria-label={id ? undefined : label} value={value ?? ""} onChange={(e) => onChange(e.target.value)}>
      {!value && <option value="">No state</option>}
      {catalog.states
        .filter((s) => !s.is_triage)
        .map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
    </select>
  );
}

export function PrioritySelect({
  value,
  onChange,
  label = "Priority",
  id,
}: {
  value: WorkItem["priority"];
  onChange: (priority: WorkItem["priority"]) => void;
  label?: string;
  id?: string;
}) {
  return (
    <select
      id={id}
      aria-label={id ? undefined : label}
      value={value}
      onChange={(e) => onChange(e.target.value as WorkItem["priority"])}
    >
      {PRIORITIES.map((p) => (
        <option key={p} value={p}>
          {PRIORITY_NAMES[p]}
        </option>
      ))}
    </select>
  );
}

function toggle(values: string[], value: string): string[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
}

/** Several choices from a list, as checkboxes in a menu. */
export function MultiPicker({
  label,
  summary,
  options,
  value,
  onChange,
  empty,
}: {
  label: string;
  summary: string;
  options: { id: string; name: string; color?: string }[];
  value: string[];
  onChange: (value: string[]) => void;
  empty: string;
}) {
  return (
    <Popover label={label} summary={summary} summaryLabel={`${label}: ${summary}`} className="wi-picker">
      {options.length === 0 && <p className="wi-muted">{empty}</p>}
      <ul className="wi-check-list">
        {options.map((option) => (
          <li key={option.id}>
            <label>
              <input
                type="checkbox"
                checked={value.includes(option.id)}
                onChange={() => onChange(toggle(value, option.id))}
              />
              {option.color && <span className="wi-label-dot" style={{ background: option.color }} aria-hidden="true" />}
              {option.name}
            </label>
          </li>
        ))}
      </ul>
    </Popover>
  );
}

export function AssigneePicker({
  value,
  catalog,
  onChange,
  label = "Assignees",
}: {
  value: string[];
  catalog: Catalog;
  onChange: (value: string[]) => void;
  label?: string;
}) {
  const names = value.map((id) => catalog.memberById.get(id)).flatMap((m) => (m ? [memberName(m)] : []));
  return (
    <MultiPicker
      label={label}
      summary={names.length === 0 ? "Unassigned" : names.length === 1 ? names[0]! : `${names.length} people`}
      options={catalog.members.map((m) => ({ id: m.id, name: memberName(m) }))}
      value={value}
      onChange={onChange}
      empty="Nobody is a member of this project yet."
    />
  );
}

export function LabelPicker({
  value,
  catalog,
  onChange,
  label = "Labels",
}: {
  value: string[];
  catalog: Catalog;
  onChange: (value: string[]) => void;
  label?: string;
}) {
  const names = value.flatMap((id) => catalog.labelById.get(id)?.name ?? []);
  return (
    <MultiPicker
      label={label}
      summary={names.length === 0 ? "No labels" : names.length <= 2 ? names.join(", ") : `${names.length} labels`}
      options={catalog.labels.map((l) => ({ id: l.id, name: l.name, color: l.color }))}
      value={value}
      onChange={onChange}
      empty="This project has no labels yet (add them in the project's settings)."
    />
  );
}
