// One editable row of the spreadsheet.
import { memo, useState } from "react";
import type { WorkItem } from "../data";
import { useFlash } from "./flash";
import { itemKey, type Catalog } from "./grouping";
import { isPlaceholder, type UpdateVariables } from "./mutations";
import { AssigneePicker, LabelPicker, PrioritySelect, StateSelect } from "./pickers";
import { formatDate } from "./Properties";
import type { Property } from "./query";

function TitleInput({ item, onSave, label }: { item: WorkItem; onSave: (name: string) => void; label: string }) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    const name = draft?.trim();
    setDraft(null);
    if (name && name !== item.name) onSave(name);
  };
  return (
    <input
      className="wi-sheet-title"
      aria-label={label}
      value={draft ?? item.name}
      maxLength={255}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          commit();
        } else if (e.key === "Escape") {
          setDraft(null);
        }
      }}
    />
  );
}

export const SpreadsheetRow = memo(function SpreadsheetRow({
  item,
  catalog,
  hidden,
  index,
  onOpen,
  onUpdate,
  onDelete,
}: {
  item: WorkItem;
  catalog: Catalog;
  hidden: Property[];
  index: number;
  onOpen: (id: string) => void;
  onUpdate: (variables: UpdateVariables) => void;
  onDelete: (id: string) => void;
}) {
  const flashing = useFlash(item.id);
  const show = (p: Property) => !hidden.includes(p);
  const pending = isPlaceholder(item);
  const key = pending ? `${catalog.identifier}-…` : itemKey(catalog, item);
  const set = (changes: UpdateVariables["changes"]) => !pending && onUpdate({ id: item.id, changes });
  return (
    <tr data-row={index} aria-rowindex={index + 2} className={flashing ? "flash" : undefined}>
      {show("key") && (
        <th scope="row" className="wi-key">
          <button type="button" className="wi-link-button" onClick={() => onOpen(item.id)} aria-label={`Open ${key}`}>
            {key}
          </button>
        </th>
      )}
      <td>
        <TitleInput item={item} label={`Title of ${key}`} onSave={(name) => set({ name })} />
      </td>
      {show("state") && (
        <td>
          <StateSelect value={item.state} catalog={catalog} label={`State of ${key}`} onChange={(state) => set({ state })} />
        </td>
      )}
      {show("priority") && (
        <td>
          <PrioritySelect value={item.priority} label={`Priority of ${key}`} onChange={(priority) => set({ priority })} />
        </td>
      )}
      {show("assignee") && (
        <td>
          <AssigneePicker value={item.assignees} catalog={catalog} label={`Assignees of ${key}`} onChange={(assignees) => set({ assignees })} />
        </td>
      )}
      {show("labels") && (
        <td>
          <LabelPicker value={item.labels} catalog={catalog} label={`Labels of ${key}`} onChange={(labels) => set({ labels })} />
        </td>
      )}
      {show("start_date") && (
        <td>
          <input
            type="date"
            aria-label={`Start date of ${key}`}
            value={item.start_date ?? ""}
            onChange={(e) => set({ start_date: e.target.value || null })}
          />
        </td>
      )}
      {show("due_date") && (
        <td>
          <input
            type="date"
            aria-label={`Target date of ${key}`}
            value={item.target_date ?? ""}
            onChange={(e) => set({ target_date: e.target.value || null })}
          />
        </td>
      )}
      {show("updated_on") && <td className="wi-date">{formatDate(item.updated_at.slice(0, 10))}</td>}
      <td>
        <button type="button" className="icon-button" aria-label={`Delete ${key}`} disabled={pending} onClick={() => onDelete(item.id)}>
          <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.5">
            <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4M6.5 6.5v5M9.5 6.5v5" />
          </svg>
        </button>
      </td>
    </tr>
  );
});
