// The active filters as removable chips.
import { formatDate } from "./Properties";
import type { Catalog } from "./grouping";
import { FILTER_NAMES, filterOptions } from "./Toolbar";
import { activeFilterCount, emptyFilters, LIST_FILTERS, type Filters } from "./query";

export function FilterBar({ filters, catalog, onChange }: { filters: Filters; catalog: Catalog; onChange: (f: Filters) => void }) {
  if (activeFilterCount(filters) === 0) return null;
  const chips: { key: string; text: string; remove: () => void }[] = [];
  for (const key of LIST_FILTERS) {
    const options = filterOptions(key, catalog);
    for (const id of filters[key]) {
      const name = options.find((o) => o.id === id)?.name ?? "Unknown";
      chips.push({
        key: `${key}:${id}`,
        text: `${FILTER_NAMES[key]}: ${name}`,
        remove: () => onChange({ ...filters, [key]: filters[key].filter((v) => v !== id) }),
      });
    }
  }
  if (filters.targetFrom) {
    chips.push({ key: "from", text: `Target from ${formatDate(filters.targetFrom)}`, remove: () => onChange({ ...filters, targetFrom: undefined }) });
  }
  if (filters.targetTo) {
    chips.push({ key: "to", text: `Target until ${formatDate(filters.targetTo)}`, remove: () => onChange({ ...filters, targetTo: undefined }) });
  }
  if (filters.search.trim()) {
    chips.push({ key: "q", text: `Search: “${filters.search.trim()}”`, remove: () => onChange({ ...filters, search: "" }) });
  }
  return (
    <div className="wi-filter-bar" role="region" aria-label="Active filters">
      <ul className="wi-chips">
        {chips.map((chip) => (
          <li key={chip.key} className="wi-chip">
            <span>{chip.text}</span>
            <button type="button" className="wi-chip-remove" aria-label={`Remove filter ${chip.text}`} onClick={chip.remove}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="button button-ghost" onClick={() => onChange(emptyFilters())}>
        Clear all
      </button>
    </div>
  );
}
