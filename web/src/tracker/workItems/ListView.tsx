// The list layout: groups, sub-groups and items in one virtual scroller, as a tree grid that
// j/k and the arrow keys move through.
import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useCallback, useRef, useState, type KeyboardEvent } from "react";
import type { WorkItem } from "../data";
import { useFlash } from "./flash";
import { itemKey, type Catalog } from "./grouping";
import { isPlaceholder } from "./mutations";
import { Assignees, DueDate, isDone, Labels, PriorityBadge, StateBadge, StateDot } from "./Properties";
import type { Property } from "./query";
import type { Row } from "./rows";
import { usePaintMarks } from "../../ui/perf";

const GROUP_HEIGHT = 38;
const ITEM_HEIGHT = 42;

interface ItemRowProps {
  item: WorkItem;
  catalog: Catalog;
  hidden: Property[];
  index: number;
  level: number;
  tabbable: boolean;
  onOpen: (id: string) => void;
}

const ItemRow = memo(function ItemRow({ item, catalog, hidden, index, level, tabbable, onOpen }: ItemRowProps) {
  const flashing = useFlash(item.id);
  const show = (p: Property) => !hidden.includes(p);
  const key = isPlaceholder(item) ? `${catalog.identifier}-…` : itemKey(catalog, item);
  return (
    <div
      role="row"
      aria-level={level}
      aria-rowindex={index + 1}
      aria-label={`${key} ${item.name}`}
      data-row={index}
      data-testid="list-row"
      tabIndex={tabbable ? 0 : -1}
      className={flashing ? "wi-row flash" : "wi-row"}
      style={{ paddingLeft: 12 + (level - 1) * 16 }}
    >
      {show("key") && (
        <span role="gridcell" className="wi-key">
          {key}
        </span>
      )}
      <span role="gridcell" className="wi-title-cell">
        <button type="button" tabIndex={-1} className="wi-title" onClick={() => onOpen(item.id)}>
          {item.name}
        </button>
      </span>
      {show("labels") && (
        <span role="gridcell" className="wi-cell-labels">
          <Labels ids={item.labels} catalog={catalog} />
        </span>
      )}
      {show("state") && (
        <span role="gridcell" className="wi-cell-state">
          <StateBadge stateId={item.state} catalog={catalog} />
        </span>
      )}
      {show("priority") && (
        <span role="gridcell" className="wi-cell-priority">
          <PriorityBadge priority={item.priority} compact />
        </span>
      )}
      {show("start_date") && (
        <span role="gridcell" className="wi-cell-date">
          <DueDate date={item.start_date} done label="Start date" />
        </span>
      )}
      {show("due_date") && (
        <span role="gridcell" className="wi-cell-date">
          <DueDate date={item.target_date} done={isDone(item, catalog)} />
        </span>
      )}
      {show("updated_on") && (
        <span role="gridcell" className="wi-cell-date">
          <DueDate date={item.updated_at.slice(0, 10)} done label="Updated" />
        </span>
      )}
      {show("assignee") && (
        <span role="gridcell" className="wi-cell-assignees">
          <Assignees ids={item.assignees} catalog={catalog} />
        </span>
      )}
    </div>
  );
});

function GroupRow({ row, index, tabbable, onToggle }: { row: Extract<Row, { kind: "group" }>; index: number; tabbable: boolean; onToggle: (id: string) => void }) {
  return (
    <div
      role="row"
      aria-level={row.level}
      aria-rowindex={index + 1}
      aria-expanded={!row.collapsed}
      data-row={index}
      tabIndex={tabbable ? 0 : -1}
      className={`wi-group-row wi-group-level-${row.level}`}
      onClick={() => onToggle(row.id)}
      style={{ paddingLeft: 8 + (row.level - 1) * 16 }}
    >
      <span role="gridcell" className="wi-group-title">
        <span className="wi-caret" aria-hidden="true">
          {row.collapsed ? "▸" : "▾"}
        </span>
        {row.color && <StateDot color={row.color} />}
        <span>{row.title}</span>
        <span className="wi-count" aria-label={`${row.count} work items`}>
          {row.count}
        </span>
      </span>
    </div>
  );
}

export function ListView({
  rows,
  catalog,
  hidden,
  onOpen,
  onToggle,
  onDelete,
}: {
  rows: Row[];
  catalog: Catalog;
  hidden: Property[];
  onOpen: (id: string) => void;
  onToggle: (id: string) => void;
  onDelete: (id: string) => void;
}) {
  usePaintMarks("list");
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const current = Math.min(active, Math.max(rows.length - 1, 0));
  // The virtualizer's functions change identity on every render; this component never memoises them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (rows[i]?.kind === "group" ? GROUP_HEIGHT : ITEM_HEIGHT),
    getItemKey: (i) => rows[i]?.id ?? i,
    overscan: 12,
  });

  const move = useCallback(
    (index: number) => {
      const next = Math.max(0, Math.min(index, rows.length - 1));
      setActive(next);
      virtualizer.scrollToIndex(next, { align: "auto" });
      // The row is rendered once the scroller has moved: focus it on the next frames.
      const focus = (attempt: number) => {
        const element = scroller.current?.querySelector<HTMLElement>(`[data-row="${next}"]`);
        if (element) element.focus({ preventScroll: true });
        else if (attempt < 5) requestAnimationFrame(() => focus(attempt + 1));
      };
      requestAnimationFrame(() => focus(0));
    },
    [rows.length, virtualizer],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const row = rows[current];
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / ITEM_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      j: () => move(current + 1),
      ArrowDown: () => move(current + 1),
      k: () => move(current - 1),
      ArrowUp: () => move(current - 1),
      Home: () => move(0),
      End: () => move(rows.length - 1),
      PageDown: () => move(current + page),
      PageUp: () => move(current - page),
      Enter: () => row && (row.kind === "item" ? onOpen(row.item.id) : onToggle(row.id)),
      " ": () => row?.kind === "group" && onToggle(row.id),
      ArrowLeft: () => row?.kind === "group" && !row.collapsed && onToggle(row.id),
      ArrowRight: () => row?.kind === "group" && row.collapsed && onToggle(row.id),
      Delete: () => row?.kind === "item" && onDelete(row.item.id),
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  return (
    <div
      ref={scroller}
      className="wi-list"
      role="treegrid"
      aria-label="Work items"
      aria-rowcount={rows.length}
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        const index = Number((event.target as HTMLElement).closest<HTMLElement>("[data-row]")?.dataset.row);
        if (Number.isFinite(index) && index !== current) setActive(index);
      }}
    >
      <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {virtualizer.getVirtualItems().map((virtual) => {
          const row = rows[virtual.index]!;
          return (
            <div
              key={virtual.key}
              className="wi-virtual"
              role="presentation"
              style={{ transform: `translateY(${virtual.start}px)`, height: virtual.size }}
            >
              {row.kind === "group" ? (
                <GroupRow row={row} index={virtual.index} tabbable={virtual.index === current} onToggle={onToggle} />
              ) : (
                <ItemRow
                  item={row.item}
                  catalog={catalog}
                  hidden={hidden}
                  index={virtual.index}
                  level={row.level}
                  tabbable={virtual.index === current}
                  onOpen={onOpen}
                />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
