// One card of the board: a sortable, focusable element that opens the peek on click or Enter.
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { memo, type KeyboardEvent } from "react";
import type { WorkItem } from "../data";
import { useFlash } from "./flash";
import { itemKey, type Catalog } from "./grouping";
import { isPlaceholder } from "./mutations";
import { Assignees, DueDate, isDone, Labels, PriorityBadge, StateBadge } from "./Properties";
import type { Property } from "./query";

export function CardBody({ item, catalog, hidden }: { item: WorkItem; catalog: Catalog; hidden: Property[] }) {
  const show = (p: Property) => !hidden.includes(p);
  const key = isPlaceholder(item) ? `${catalog.identifier}-…` : itemKey(catalog, item);
  return (
    <>
      {show("key") && <span className="wi-key">{key}</span>}
      {!show("key") && <span className="visually-hidden">{key}</span>}
      <span className="wi-card-title">{item.name}</span>
      <span className="wi-card-props">
        {show("state") && <StateBadge stateId={item.state} catalog={catalog} />}
        {show("priority") && <PriorityBadge priority={item.priority} compact />}
        {show("start_date") && <DueDate date={item.start_date} done label="Start date" />}
        {show("due_date") && <DueDate date={item.target_date} done={isDone(item, catalog)} />}
        {show("labels") && <Labels ids={item.labels} catalog={catalog} />}
        {show("assignee") && item.assignees.length > 0 && <Assignees ids={item.assignees} catalog={catalog} />}
      </span>
    </>
  );
}

export const BoardCard = memo(function BoardCard({
  item,
  column,
  catalog,
  hidden,
  dropBefore,
  onOpen,
}: {
  item: WorkItem;
  column: string;
  catalog: Catalog;
  hidden: Property[];
  dropBefore: boolean;
  onOpen: (id: string) => void;
}) {
  const flashing = useFlash(item.id);
  const disabled = isPlaceholder(item);
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: item.id,
    data: { column },
    disabled,
  });
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Enter" && !isDragging) {
      event.preventDefault();
      onOpen(item.id);
      return;
    }
    listeners?.onKeyDown?.(event);
  };
  const classes = ["wi-card"];
  if (flashing) classes.push("flash");
  if (isDragging) classes.push("wi-card-dragging");
  if (dropBefore) classes.push("wi-drop-before");
  return (
    <div
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      onKeyDown={onKeyDown}
      onClick={() => onOpen(item.id)}
      data-testid="card"
      data-id={item.id}
      className={classes.join(" ")}
      style={{ transform: CSS.Translate.toString(transform), transition }}
    >
      <CardBody item={item} catalog={catalog} hidden={hidden} />
    </div>
  );
});
