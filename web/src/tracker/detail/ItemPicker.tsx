// Picks a work item of the project by number or words of its name.
import { useState } from "react";
import type { WorkItem } from "../data";
import { useProjectItems } from "../cycles/items";
import { closeMenuFrom, Menu } from "./Menu";

export function matchItems(items: WorkItem[], query: string, exclude: Set<string>, identifier: string, limit = 30): WorkItem[] {
  const q = query.trim().toLowerCase();
  return items
    .filter((item) => !exclude.has(item.id))
    .filter((item) => {
      if (!q) return true;
      const key = `${identifier}-${item.sequence_id}`.toLowerCase();
      return key.includes(q) || String(item.sequence_id) === q || item.name.toLowerCase().includes(q);
    })
    .slice(0, limit);
}

export function ItemPicker({
  slug,
  projectId,
  identifier,
  label,
  summary,
  exclude,
  onPick,
}: {
  slug: string;
  projectId: string;
  identifier: string;
  /** The menu's name, e.g. "Choose the parent". */
  label: string;
  summary: string;
  exclude: Set<string>;
  onPick: (item: WorkItem) => void;
}) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const items = useProjectItems(slug, projectId, open);
  const found = matchItems(items.data ?? [], query, exclude, identifier);
  return (
    <Menu summary={summary} label={label} onOpen={() => setOpen(true)} className="wid-item-picker">
      <div className="stack wid-picker">
          <input
            type="search"
            aria-label={`${label}: search by number or title`}
            placeholder="Search by number or title"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
          {items.isPending ? (
            <p className="wid-muted">Loading work items…</p>
          ) : found.length === 0 ? (
            <p className="wid-muted">No work item matches.</p>
          ) : (
            <ul className="plain-list wid-picker-list">
              {found.map((item) => (
                <li key={item.id}>
                  <button
                    type="button"
                    className="wid-picker-option"
                    onClick={(event) => {
                      onPick(item);
                      setQuery("");
                      closeMenuFrom(event.currentTarget);
                    }}
                  >
                    <span className="project-key">
                      {identifier}-{item.sequence_id}
                    </span>{" "}
                    {item.name}
                  </button>
                </li>
              ))}
            </ul>
          )}
      </div>
    </Menu>
  );
}
