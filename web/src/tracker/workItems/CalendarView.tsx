// The calendar: a month of days with the items due on each; drag a chip to another day (or
// from "No date") to change its target date.
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
} from "@dnd-kit/core";
import { memo, useMemo, useState } from "react";
import type { WorkItem } from "../data";
import { isoDate, monthGrid, monthOf, monthTitle, shiftMonth } from "./calendar";
import { useFlash } from "./flash";
import { itemKey, type Catalog } from "./grouping";
import { isPlaceholder, useUpdateWorkItem } from "./mutations";
import { PriorityBadge } from "./Properties";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const NO_DATE = "no-date";

const Chip = memo(function Chip({
  item,
  catalog,
  onOpen,
  inDay,
}: {
  item: WorkItem;
  catalog: Catalog;
  onOpen: (id: string) => void;
  inDay?: boolean;
}) {
  const flashing = useFlash(item.id);
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: item.id, disabled: isPlaceholder(item) });
  const key = itemKey(catalog, item);
  return (
    <li>
      <button
        ref={setNodeRef}
        type="button"
        {...attributes}
        {...listeners}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            onOpen(item.id);
          } else listeners?.onKeyDown?.(event);
        }}
        onClick={() => onOpen(item.id)}
        className={`wi-chip-item${flashing ? " flash" : ""}${isDragging ? " wi-card-dragging" : ""}`}
        title={`${key} ${item.name}`}
        data-testid="calendar-item"
      >
        <PriorityBadge priority={item.priority} compact />
        <span className={inDay ? "visually-hidden" : "wi-key"}>{key} </span>
        <span className="wi-chip-name">{item.name}</span>
      </button>
    </li>
  );
});

function Day({
  date,
  month,
  today,
  items,
  catalog,
  onOpen,
}: {
  date: string;
  month: string;
  today: string;
  items: WorkItem[];
  catalog: Catalog;
  onOpen: (id: string) => void;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: date });
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const label = new Date(y, m - 1, d).toLocaleDateString(undefined, { weekday: "long", day: "numeric", month: "long" });
  const classes = ["wi-day"];
  if (monthOf(date) !== month) classes.push("wi-day-outside");
  if (date === today) classes.push("wi-day-today");
  if (isOver) classes.push("wi-day-over");
  return (
    <div ref={setNodeRef} role="gridcell" className={classes.join(" ")}>
      <span className="wi-day-number">
        <span aria-hidden="true">{d}</span>
        <span className="visually-hidden">
          {label}
          {date === today ? " (today)" : ""}, {items.length === 1 ? "1 work item" : `${items.length} work items`}
        </span>
      </span>
      {items.length > 0 && (
        <ul className="wi-day-items">
          {items.map((item) => (
            <Chip key={item.id} item={item} catalog={catalog} onOpen={onOpen} inDay />
          ))}
        </ul>
      )}
    </div>
  );
}

function Undated({ items, catalog, onOpen }: { items: WorkItem[]; catalog: Catalog; onOpen: (id: string) => void }) {
  const { setNodeRef, isOver } = useDroppable({ id: NO_DATE });
  const [limit, setLimit] = useState(100);
  return (
    <aside ref={setNodeRef} className={isOver ? "wi-undated wi-day-over" : "wi-undated"} aria-labelledby="wi-undated-title">
      <h2 id="wi-undated-title">
        No date <span className="wi-count">{items.length}</span>
      </h2>
      <p className="wi-muted">Drag an item onto a day to give it a target date.</p>
      <ul className="wi-day-items">
        {items.slice(0, limit).map((item) => (
          <Chip key={item.id} item={item} catalog={catalog} onOpen={onOpen} />
        ))}
      </ul>
      {items.length > limit && (
        <button type="button" className="button button-ghost" onClick={() => setLimit((l) => l + 200)}>
          Show more ({items.length - limit} left)
        </button>
      )}
    </aside>
  );
}

export function CalendarView({
  slug,
  projectId,
  items,
  catalog,
  onOpen,
}: {
  slug: string;
  projectId: string;
  items: WorkItem[];
  catalog: Catalog;
  onOpen: (id: string) => void;
}) {
  const today = isoDate(new Date());
  const [month, setMonth] = useState(monthOf(today));
  const update = useUpdateWorkItem(slug, projectId);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }), useSensor(KeyboardSensor));
  const weeks = useMemo(() => monthGrid(month), [month]);
  const { byDate, undated } = useMemo(() => {
    const byDate = new Map<string, WorkItem[]>();
    const undated: WorkItem[] = [];
    for (const item of items) {
      if (!item.target_date) undated.push(item);
      else byDate.set(item.target_date, [...(byDate.get(item.target_date) ?? []), item]);
    }
    return { byDate, undated };
  }, [items]);

  const [dragging, setDragging] = useState<WorkItem | null>(null);
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(null);
    if (!over) return;
    const item = items.find((i) => i.id === String(active.id));
    const date = over.id === NO_DATE ? null : String(over.id);
    if (!item || (item.target_date ?? null) === date) return;
    update.mutate({ id: item.id, changes: { target_date: date } });
  };

  return (
    <DndContext
      sensors={sensors}
      onDragStart={({ active }) => setDragging(items.find((i) => i.id === String(active.id)) ?? null)}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDragging(null)}
      accessibility={{
        screenReaderInstructions: {
          draggable: "Press Enter to open the work item. To change its target date, press Space, move with the arrow keys, and press Space on the day.",
        },
      }}
    >
      <div className="wi-calendar">
        <div className="wi-month">
          <div className="wi-month-bar">
            <h2 aria-live="polite">{monthTitle(month)}</h2>
            <div className="row">
              <button type="button" className="button" onClick={() => setMonth(shiftMonth(month, -1))}>
                <span aria-hidden="true">‹</span> Previous month
              </button>
              <button type="button" className="button" onClick={() => setMonth(monthOf(today))}>
                Today
              </button>
              <button type="button" className="button" onClick={() => setMonth(shiftMonth(month, 1))}>
                Next month <span aria-hidden="true">›</span>
              </button>
            </div>
          </div>
          <div className="wi-month-grid" role="grid" aria-label={monthTitle(month)}>
            <div role="row" className="wi-week wi-weekdays">
              {WEEKDAYS.map((day) => (
                <span key={day} role="columnheader">
                  {day}
                </span>
              ))}
            </div>
            {weeks.map((week) => (
              <div role="row" className="wi-week" key={week[0]}>
                {week.map((date) => (
                  <Day key={date} date={date} month={month} today={today} items={byDate.get(date) ?? []} catalog={catalog} onOpen={onOpen} />
                ))}
              </div>
            ))}
          </div>
        </div>
        <Undated items={undated} catalog={catalog} onOpen={onOpen} />
      </div>
      <DragOverlay dropAnimation={null}>
        {dragging && (
          <span className="wi-chip-item wi-card-overlay">
            <span className="wi-key">{itemKey(catalog, dragging)}</span>
            <span className="wi-chip-name">{dragging.name}</span>
          </span>
        )}
      </DragOverlay>
    </DndContext>
  );
}
