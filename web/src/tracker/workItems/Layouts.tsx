// Picks the layout and prepares what it shows.
import { useMemo } from "react";
import { Spinner } from "../../ui/common";
import type { WorkItem } from "../data";
import type { CreateDefaults } from "./CreateDialog";
import { groupItems, type Catalog } from "./grouping";
import { ListView } from "./ListView";
import { BoardView } from "./BoardView";
import { CalendarView } from "./CalendarView";
import { SpreadsheetView } from "./SpreadsheetView";
import { activeFilterCount, type DisplayState, type Property } from "./query";
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
  onDelete: (id: string) => void;
  busy: boolean;
}

function List({ display, items, catalog, collapsed, onToggle, onOpen, onDelete, hidden }: LayoutProps & { hidden: Property[] }) {
  const filtered = activeFilterCount(display.filters) > 0;
  const rows = useMemo(
    () => flattenRows(groupItems(items, display.groupBy, catalog), display.subGroupBy, catalog, collapsed, !filtered),
    [items, display.groupBy, display.subGroupBy, catalog, collapsed, filtered],
  );
  return <ListView rows={rows} catalog={catalog} hidden={hidden} onOpen={onOpen} onToggle={onToggle} onDelete={onDelete} />;
}

export function Layouts(props: LayoutProps) {
  const shown = props.display.hidden.join(",");
  // One array per set of hidden properties, so that memoised rows and cards keep still.
  const hidden = useMemo(() => (shown ? (shown.split(",") as Property[]) : []), [shown]);
  if (props.busy) return <Spinner label="Loading cycles and modules" />;
  switch (props.display.layout) {
    case "board":
      return <BoardView {...props} hidden={hidden} />;
    case "spreadsheet":
      return <SpreadsheetView {...props} hidden={hidden} />;
    case "calendar":
      return <CalendarView {...props} />;
    default:
      return <List {...props} hidden={hidden} />;
  }
}
