// The spreadsheet: one row per item, properties edited in place; virtualised rows, and the
// arrow keys move between rows in the same column.
import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef, type KeyboardEvent } from "react";
import type { WorkItem } from "../data";
import type { Catalog } from "./grouping";
import { useUpdateWorkItem } from "./mutations";
import type { Property } from "./query";
import { SpreadsheetRow } from "./SpreadsheetRow";

const ROW_HEIGHT = 44;

const COLUMNS: { property?: Property; title: string }[] = [
  { property: "key", title: "ID" },
  { title: "Title" },
  { property: "state", title: "State" },
  { property: "priority", title: "Priority" },
  { property: "assignee", title: "Assignees" },
  { property: "labels", title: "Labels" },
  { property: "start_date", title: "Start date" },
  { property: "due_date", title: "Target date" },
  { property: "updated_on", title: "Updated" },
];

export function SpreadsheetView({
  slug,
  projectId,
  items,
  catalog,
  hidden,
  onOpen,
  onDelete,
}: {
  slug: string;
  projectId: string;
  items: WorkItem[];
  catalog: Catalog;
  hidden: Property[];
  onOpen: (id: string) => void;
  onDelete: (id: string) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const update = useUpdateWorkItem(slug, projectId);
  // The virtualizer's functions change identity on every render; nothing here memoises them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => items[i]?.id ?? i,
    overscan: 10,
  });
  const virtual = virtualizer.getVirtualItems();
  const top = virtual[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (virtual.at(-1)?.end ?? 0);
  const columns = [...COLUMNS.filter((c) => !c.property || !hidden.includes(c.property)), { title: "Actions" }];

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const target = event.target as HTMLElement;
    // Selects and date inputs use the arrows themselves.
    if (target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && target.type === "date")) return;
    const cell = target.closest("td, th");
    const row = target.closest<HTMLElement>("tr[data-row]");
    if (!cell || !row) return;
    event.preventDefault();
    const column = Array.from(row.children).indexOf(cell);
    const next = Number(row.dataset.row) + (event.key === "ArrowDown" ? 1 : -1);
    if (next < 0 || next >= items.length) return;
    virtualizer.scrollToIndex(next, { align: "auto" });
    const focus = (attempt: number) => {
      const cellNext = scroller.current?.querySelector(`tr[data-row="${next}"]`)?.children[column];
      const control = cellNext?.querySelector<HTMLElement>("input, select, button, summary");
      if (control) control.focus();
      else if (attempt < 5) requestAnimationFrame(() => focus(attempt + 1));
    };
    requestAnimationFrame(() => focus(0));
  };

  return (
    <div ref={scroller} className="wi-sheet">
      <table aria-label="Work items" aria-rowcount={items.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((c) => (
              <th key={c.title} scope="col">
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {top > 0 && (
            <tr aria-hidden="true" style={{ height: top }}>
              <td colSpan={columns.length} />
            </tr>
          )}
          {virtual.map((row) => (
            <SpreadsheetRow
              key={row.key}
              item={items[row.index]!}
              index={row.index}
              catalog={catalog}
              hidden={hidden}
              onOpen={onOpen}
              onUpdate={update.mutate}
              onDelete={onDelete}
            />
          ))}
          {bottom > 0 && (
            <tr aria-hidden="true" style={{ height: bottom }}>
              <td colSpan={columns.length} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
