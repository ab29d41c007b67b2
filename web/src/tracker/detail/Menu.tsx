// A disclosure menu on <details>: its summary is a button; Escape and outside clicks close it
// and focus returns to the summary.
import { useEffect, useRef, type ReactNode } from "react";

export function Menu({
  summary,
  summaryLabel,
  label,
  children,
  className,
  onOpen,
}: {
  summary: ReactNode;
  /** The button's accessible name when its visible text alone is not enough. */
  summaryLabel?: string;
  /** The panel's name. */
  label: string;
  children: ReactNode;
  className?: string;
  onOpen?: () => void;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const onPointer = (event: PointerEvent) => {
      const details = ref.current;
      if (details?.open && !details.contains(event.target as Node)) details.open = false;
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, []);
  return (
    <details
      ref={ref}
      className={`wid-menu ${className ?? ""}`}
      onToggle={(event) => {
        if (!(event.currentTarget as HTMLDetailsElement).open) return;
        onOpen?.();
        // Put the keyboard where the choices are.
        const first = ref.current?.querySelector<HTMLElement>(".wid-menu-panel input, .wid-menu-panel button");
        first?.focus();
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape" && ref.current?.open) {
          event.preventDefault();
          event.stopPropagation();
          closeMenuFrom(event.currentTarget);
        }
      }}
    >
      <summary className="wid-value" aria-label={summaryLabel}>
        {summary}
      </summary>
      <div className="wid-menu-panel" role="group" aria-label={label}>
        {children}
      </div>
    </details>
  );
}

/** Closes the menu holding `element` and puts focus back on its button. */
export function closeMenuFrom(element: Element): void {
  const details = element.closest("details");
  if (!details?.open) return;
  details.open = false;
  details.querySelector("summary")?.focus();
}

/** Several choices as checkboxes in a menu, with a filter when the list is long. */
export function CheckMenu({
  label,
  summary,
  options,
  value,
  onChange,
  empty,
}: {
  label: string;
  summary: ReactNode;
  options: { id: string; name: string; color?: string }[];
  value: string[];
  onChange: (value: string[]) => void;
  empty: string;
}) {
  const chosen = options
    .filter((o) => value.includes(o.id))
    .map((o) => o.name)
    .join(", ");
  // The spoken name starts with the visible text (WCAG label in name), e.g. "Assignees: Unassigned".
  const spoken = chosen || (typeof summary === "string" ? summary : "none");
  return (
    <Menu summary={summary} summaryLabel={`${label}: ${spoken}`} label={label}>
      {options.length === 0 ? (
          <p className="wid-muted">{empty}</p>
        ) : (
          <fieldset className="wid-checks">
            <legend className="visually-hidden">{label}</legend>
            {options.map((option) => (
              <label key={option.id} className="wid-check">
                <input
                  type="checkbox"
                  checked={value.includes(option.id)}
                  onChange={(event) =>
                    onChange(event.target.checked ? [...value, option.id] : value.filter((v) => v !== option.id))
                  }
                />
                {option.color && <span className="wid-dot" style={{ background: option.color }} aria-hidden="true" />}
                {option.name}
              </label>
            ))}
          </fieldset>
        )}
    </Menu>
  );
}
