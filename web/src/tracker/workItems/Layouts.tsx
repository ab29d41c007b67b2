// Picks the layout and prepares what it shows.
import { useMemo } from "react";
import { Spinner } from "../../ui/common";
import type { WorkItem } from "../data";
import type { CreateDefaults } from "./CreateDialog";
import { groupItems, type Catalog } from "./grouping";
import { ListView } from "./ListView";
import type { DisplayState } from "./query";
import { flattenRows } from "./rows";

export interface LayoutProps {
  slug: string;
  projectId: string;
  display: DisplayState;
  items: WorkItem[];
  catalog: Catalog;
  collapsed: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onOpen: (id: string) => void;
  onCreate: (defaults: CreateDefaults) => void;
  busy: boolean;
}

function List({ display, items, catalog, collapsed, onToggle, onOpen }: LayoutProps) {
  const rows = useMemo(
    () => flattenRows(groupItems(items, display.groupBy, catalog), display.subGroupBy, catalog, collapsed),
    [items, display.groupBy, display.subGroupBy, catalog, collapsed],
  );
  return <ListView rows={rows} catalog={catalog} hidden={display.hidden} onOpen={onOpen} onToggle={onToggle} />;
}

export function Layouts(props: LayoutProps) {
  if (props.busy) return <Spinner label="Loading cycles and modules" />;
  switch (props.display.layout) {
    case "list":
      return <List {...props} />;
    default:
      return <List {...props} />;
  }
}
