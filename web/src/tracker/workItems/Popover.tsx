// A disclosure menu on <details>: keyboard operable as a button, closes on Escape and outside clicks.
import { useEffect, useRef, type ReactNode } from "react";

export function Popover({
  label,
  summary,
  children,
  className,
  align = "start",
  summaryLabel,
}: {
  label: string;
  /** The button's accessible name when its visible text alone is not enough. */
  summaryLabel?: string;
  summary: ReactNode;
  children: ReactNode;
  className?: string;
  align?: "start" | "end";
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
      className={`wi-popover ${className ?? ""}`}
      onKeyDown={(event) => {
        if (event.key === "Escape" && ref.current?.open) {
          event.stopPropagation();
          ref.current.open = false;
          ref.current.querySelector("summary")?.focus();
        }
      }}
    >
      <summary className="button" aria-label={summaryLabel}>
        {summary}
      </summary>
      <div className={`wi-popover-panel wi-popover-${align}`} role="group" aria-label={label}>
        {children}
      </div>
    </details>
  );
}
