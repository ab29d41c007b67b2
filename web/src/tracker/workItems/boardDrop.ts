// What dropping a card does, for each grouping of the board.
import type { WorkItem } from "../data";
import type { WorkItemInput } from "./api";
import { dropIndex, placeAt, type Placement } from "./board";
import { NONE, type Group } from "./grouping";
import type { GroupBy } from "./query";

export type BoardGroup = "state" | "priority" | "assignees" | "labels";

export function boardGroup(groupBy: GroupBy): BoardGroup {
  return groupBy === "priority" || groupBy === "assignees" || groupBy === "labels" ? groupBy : "state";
}

/** The values a new item created in a column gets (null: nobody can create there). */
export function columnValues(groupBy: BoardGroup, key: string): WorkItemInput | null {
  if (groupBy === "state") return key === NONE ? null : { state: key };
  if (groupBy === "priority") return { priority: key as WorkItem["priority"] };
  if (groupBy === "assignees") return { assignees: key === NONE ? [] : [key] };
  return { labels: key === NONE ? [] : [key] };
}

/** The property change of moving `item` from column `from` to column `to`. */
export function columnChange(groupBy: BoardGroup, item: WorkItem, from: string, to: string): WorkItemInput | null {
  if (from === to) return null;
  switch (groupBy) {
    case "state":
      return to === NONE ? null : { state: to };
    case "priority":
      return { priority: to as WorkItem["priority"] };
    case "assignees": {
      const rest = item.assignees.filter((id) => id !== from && id !== to);
      return { assignees: to === NONE ? [] : [...rest, to] };
    }
    case "labels": {
      const rest = item.labels.filter((id) => id !== from && id !== to);
      return { labels: to === NONE ? [] : [...rest, to] };
    }
  }
}

export interface Drop {
  change: WorkItemInput | null;
  placement: Placement | null;
}

/**
 * Resolves a drop of `item` (from column `from`) over `overId` (a card, or `col:<key>`)
 * into a property change and, in manual order, a placement among the target's cards.
 */
export function resolveDrop(
  groupBy: BoardGroup,
  columns: Group[],
  item: WorkItem,
  from: string,
  overId: string,
  overColumn: string,
  manual: boolean,
): Drop {
  const target = columns.find((c) => c.key === overColumn);
  if (!target) return { change: null, placement: null };
  const change = columnChange(groupBy, item, from, overColumn);
  if (!manual) return { change, placement: null };
  if (overId === item.id && !change) return { change: null, placement: null };
  const others = target.items.filter((card) => card.id !== item.id);
  const ownIndex = from === overColumn ? target.items.findIndex((card) => card.id === item.id) : -1;
  const overIndex = target.items.findIndex((card) => card.id === overId);
  const index = overId.startsWith("col:") ? others.length : dropIndex(others, overId, ownIndex >= 0 && ownIndex < overIndex);
  if (!change && index === ownIndex) return { change: null, placement: null };
  return { change, placement: placeAt(others, index, item.sort_order) };
}
