// Where a dropped card lands: its neighbours for the move call and the optimistic sort order
// (the server's rule: halfway between both, or 10,000 past a lone neighbour).
import type { WorkItem } from "../data";

export interface Placement {
  after?: string;
  before?: string;
  sortOrder: number;
}

const STEP = 10_000;

/**
 * `column` is the target column's cards in display order, without the moving card; `index`
 * is the slot it is dropped into (0 = top, column.length = bottom).
 */
export function placeAt(column: Pick<WorkItem, "id" | "sort_order">[], index: number, current: number): Placement {
  const slot = Math.max(0, Math.min(index, column.length));
  const above = column[slot - 1];
  const below = column[slot];
  if (above && below) {
    return { after: above.id, before: below.id, sortOrder: (above.sort_order + below.sort_order) / 2 };
  }
  if (above) return { after: above.id, sortOrder: above.sort_order + STEP };
  if (below) return { before: below.id, sortOrder: below.sort_order - STEP };
  return { sortOrder: current };
}

/**
 * The slot a card dropped over `overId` takes in `column` (the cards without the moving one).
 * Dropped on the column itself: the bottom. Moving down within its own column, it lands below
 * the card it is over; otherwise above it (as the sortable preview shows).
 */
export function dropIndex(column: { id: string }[], overId: string, movingDown: boolean): number {
  const index = column.findIndex((card) => card.id === overId);
  if (index < 0) return column.length;
  return movingDown ? index + 1 : index;
}
