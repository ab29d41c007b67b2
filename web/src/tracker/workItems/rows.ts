// The list layout's rows: group headers, sub-group headers and items flattened into one
// sequence for a single virtual scroller.
import type { WorkItem } from "../data";
import { groupItems, type Catalog, type Group } from "./grouping";
import type { GroupBy } from "./query";

export type Row =
  | { kind: "group"; id: string; title: string; color?: string; count: number; level: 1 | 2; collapsed: boolean }
  | { kind: "item"; id: string; item: WorkItem; level: 1 | 2 | 3 };

/**
 * Flattens groups (and sub-groups) into rows. `collapsed` holds the ids of collapsed headers
 * (a group's id is its key; a sub-group's is `<group>/<sub-group>`). Empty groups are kept so
 * that a newcomer sees where items will go; empty sub-groups are left out.
 */
export function flattenRows(
  groups: Group[],
  subGroupBy: GroupBy,
  catalog: Catalog,
  collapsed: ReadonlySet<string>,
  showEmpty = true,
): Row[] {
  const rows: Row[] = [];
  const single = groups.length === 1 && groups[0]?.key === "all";
  for (const group of groups) {
    if (!showEmpty && group.items.length === 0) continue;
    const groupId = group.key;
    const isCollapsed = collapsed.has(groupId);
    if (!single) {
      rows.push({ kind: "group", id: groupId, title: group.title, color: group.color, count: group.items.length, level: 1, collapsed: isCollapsed });
      if (isCollapsed) continue;
    }
    const base = single ? 0 : 1;
    if (subGroupBy === "none") {
      for (const item of group.items) rows.push({ kind: "item", id: `${groupId}:${item.id}`, item, level: (base + 1) as 1 | 2 });
      continue;
    }
    for (const sub of groupItems(group.items, subGroupBy, catalog)) {
      if (sub.items.length === 0) continue;
      const subId = `${groupId}/${sub.key}`;
      const subCollapsed = collapsed.has(subId);
      rows.push({ kind: "group", id: subId, title: sub.title, color: sub.color, count: sub.items.length, level: (base + 1) as 1 | 2, collapsed: subCollapsed });
      if (subCollapsed) continue;
      for (const item of sub.items) rows.push({ kind: "item", id: `${subId}:${item.id}`, item, level: (base + 2) as 2 | 3 });
    }
  }
  return rows;
}
