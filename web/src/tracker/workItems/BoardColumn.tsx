// A column of the board: header with count, its cards in a virtual scroller, and quick add.
import { useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useEffect, useMemo, useRef } from "react";
import type { WorkItemInput } from "./api";
import { BoardCard } from "./BoardCard";
import type { Catalog, Group } from "./grouping";
import { isPlaceholder } from "./mutations";
import { StateDot } from "./Properties";
import type { Property } from "./query";
import { QuickAdd } from "./QuickAdd";

export const BoardColumn = memo(function BoardColumn({
  group,
  catalog,
  hidden,
  dropBefore,
  slug,
  projectId,
  createValues,
  onOpen,
}: {
  group: Group;
  catalog: Catalog;
  hidden: Property[];
  /** The card a dragged card would land above, when it is in this column. */
  dropBefore: string | null;
  slug: string;
  projectId: string;
  createValues: WorkItemInput | null;
  onOpen: (id: string) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const { setNodeRef, isOver } = useDroppable({ id: `col:${group.key}`, data: { column: group.key } });
  const ids = useMemo(() => group.items.map((item) => item.id), [group.items]);
  const virtualizer = useVirtualizer({
    count: group.items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 92,
    getItemKey: (i) => group.items[i]?.id ?? i,
    overscan: 6,
  });
  // A card just added here (by quick add) lands at the foot: bring it into view.
  let added = -1;
  group.items.forEach((item, index) => {
    if (isPlaceholder(item)) added = index;
  });
  useEffect(() => {
    if (added >= 0) virtualizer.scrollToIndex(added, { align: "end" });
  }, [added, virtualizer]);
  return (
    <section className={isOver ? "wi-column wi-column-over" : "wi-column"} aria-label={group.title}>
      <header className="wi-column-header">
        {group.color && <StateDot color={group.color} />}
        <h2>{group.title}</h2>
        <span className="wi-count" aria-label={`${group.items.length} work items`}>
          {group.items.length}
        </span>
      </header>
      <div
        ref={(node) => {
          scroller.current = node;
          setNodeRef(node);
        }}
        className="wi-column-body"
      >
        <SortableContext id={group.key} items={ids} strategy={verticalListSortingStrategy}>
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualizer.getVirtualItems().map((virtual) => {
              const item = group.items[virtual.index]!;
              return (
                <div
                  key={virtual.key}
                  data-index={virtual.index}
                  ref={virtualizer.measureElement}
                  className="wi-virtual wi-card-slot"
                  style={{ transform: `translateY(${virtual.start}px)` }}
                >
                  <BoardCard
                    item={item}
                    column={group.key}
                    catalog={catalog}
                    hidden={hidden}
                    dropBefore={dropBefore === item.id}
                    onOpen={onOpen}
                  />
                </div>
              );
            })}
          </div>
        </SortableContext>
        {group.items.length === 0 && <p className="wi-column-empty">No work items</p>}
      </div>
      {createValues && (
        <footer className="wi-column-footer">
          <QuickAdd slug={slug} projectId={projectId} column={group.title} values={createValues} />
        </footer>
      )}
    </section>
  );
});
