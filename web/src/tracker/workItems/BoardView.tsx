// The board: a column per state (or priority, assignee, label); cards move by drag and drop
// with the pointer or the keyboard, optimistically, through the board's move call.
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  closestCorners,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
} from "@dnd-kit/core";
import { sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import { useCallback, useMemo, useState } from "react";
import type { WorkItem } from "../data";
import { BoardColumn } from "./BoardColumn";
import { CardBody } from "./BoardCard";
import { boardGroup, columnValues, resolveDrop } from "./boardDrop";
import { groupItems, itemKey, type Catalog } from "./grouping";
import { useMoveWorkItem, useUpdateWorkItem } from "./mutations";
import type { DisplayState } from "./query";
import { usePaintMarks } from "../../ui/perf";

function columnOf(data: unknown): string | undefined {
  const column = (data as { current?: { column?: unknown } } | undefined)?.current?.column;
  return typeof column === "string" ? column : undefined;
}

export function BoardView({
  slug,
  projectId,
  display,
  items,
  catalog,
  hidden,
  onOpen,
}: {
  slug: string;
  projectId: string;
  display: DisplayState;
  items: WorkItem[];
  catalog: Catalog;
  hidden: DisplayState["hidden"];
  onOpen: (id: string) => void;
}) {
  const groupBy = boardGroup(display.groupBy);
  const manual = display.orderBy === "sort_order";
  const only = display.filters[groupBy];
  const columns = useMemo(() => {
    const all = groupItems(items, groupBy, catalog);
    // Filtering by the grouping's own property shows just the chosen columns.
    return only.length > 0 ? all.filter((c) => only.includes(c.key)) : all;
  }, [items, groupBy, catalog, only]);
  const byId = useMemo(() => new Map(items.map((item) => [item.id, item])), [items]);
  const createValues = useMemo(() => new Map(columns.map((c) => [c.key, columnValues(groupBy, c.key)])), [columns, groupBy]);
  const titles = useMemo(() => new Map(columns.map((c) => [c.key, c.title])), [columns]);
  const move = useMoveWorkItem(slug, projectId);
  const update = useUpdateWorkItem(slug, projectId);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [over, setOver] = useState<{ id: string; column: string } | null>(null);
  usePaintMarks("board");

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: sortableKeyboardCoordinates,
      keyboardCodes: { start: ["Space"], cancel: ["Escape"], end: ["Space", "Enter"] },
    }),
  );

  const describe = useCallback(
    (id: string | number) => {
      const item = byId.get(String(id));
      return item ? `${itemKey(catalog, item)} ${item.name}` : "the card";
    },
    [byId, catalog],
  );
  const where = useCallback(
    (overId: string | number, data: unknown) => {
      const column = columnOf(data) ?? "";
      const title = titles.get(column) ?? column;
      return String(overId).startsWith("col:") ? `the end of ${title}` : `${describe(overId)} in ${title}`;
    },
    [titles, describe],
  );
  const announcements: Announcements = useMemo(
    () => ({
      onDragStart: ({ active }) => `Picked up ${describe(active.id)}. Use the arrow keys to move it, Space to drop, Escape to cancel.`,
      onDragOver: ({ active, over }) => (over ? `${describe(active.id)} is over ${where(over.id, over.data)}.` : `${describe(active.id)} is no longer over a column.`),
      onDragEnd: ({ active, over }) => (over ? `${describe(active.id)} was dropped on ${where(over.id, over.data)}.` : `${describe(active.id)} was dropped.`),
      onDragCancel: ({ active }) => `Moving ${describe(active.id)} was cancelled.`,
    }),
    [describe, where],
  );

  const onDragStart = (event: DragStartEvent) => setActiveId(String(event.active.id));
  const onDragOver = (event: DragOverEvent) => {
    const column = columnOf(event.over?.data);
    const from = columnOf(event.active.data);
    const id = event.over ? String(event.over.id) : "";
    // Within its own column the sortable preview shows the slot; elsewhere, a line above the card.
    setOver(column && column !== from && !id.startsWith("col:") ? { id, column } : null);
  };
  const onDragEnd = (event: DragEndEvent) => {
    setActiveId(null);
    setOver(null);
    const item = byId.get(String(event.active.id));
    const from = columnOf(event.active.data);
    const to = columnOf(event.over?.data);
    if (!item || !from || !to || !event.over) return;
    const drop = resolveDrop(groupBy, columns, item, from, String(event.over.id), to, manual);
    const { change, placement } = drop;
    if (!change && !placement) return;
    if (groupBy === "state" || !change) {
      move.mutate({
        id: item.id,
        ...(change?.state ? { state: change.state } : {}),
        ...(placement?.after ? { after: placement.after } : {}),
        ...(placement?.before ? { before: placement.before } : {}),
        sortOrder: placement?.sortOrder ?? item.sort_order,
      });
    } else {
      update.mutate({ id: item.id, changes: { ...change, ...(placement ? { sort_order: placement.sortOrder } : {}) } });
    }
  };

  const active = activeId ? byId.get(activeId) : undefined;
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCorners}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable: "To move a card, press Space, then use the arrow keys, and Space again to drop it. Escape cancels. Enter opens it.",
        },
      }}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragEnd={onDragEnd}
      onDragCancel={() => {
        setActiveId(null);
        setOver(null);
      }}
    >
      <div className="wi-board">
        {columns.map((group) => (
          <BoardColumn
            key={group.key}
            group={group}
            catalog={catalog}
            hidden={hidden}
            dropBefore={over?.column === group.key ? over.id : null}
            slug={slug}
            projectId={projectId}
            createValues={createValues.get(group.key) ?? null}
            onOpen={onOpen}
          />
        ))}
      </div>
      <DragOverlay dropAnimation={null}>
        {active ? (
          <div className="wi-card wi-card-overlay">
            <CardBody item={active} catalog={catalog} hidden={hidden} />
          </div>
        ) : null}
      </DragOverlay>
    </DndContext>
  );
}
