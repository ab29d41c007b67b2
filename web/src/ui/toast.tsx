// Transient messages: every failed action says what went wrong, in words, here.
import { useSyncExternalStore } from "react";

interface Toast {
  id: number;
  kind: "error" | "info";
  text: string;
}

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function publish(next: Toast[]): void {
  toasts = next;
  for (const listener of listeners) listener();
}

export function toast(text: string, kind: Toast["kind"] = "info"): void {
  const id = nextId++;
  publish([...toasts, { id, kind, text }].slice(-4));
  setTimeout(() => dismiss(id), kind === "error" ? 8000 : 4000);
}

/** Shows an error's message (an `ApiError` already carries a sentence for people). */
export function toastError(error: unknown): void {
  toast(error instanceof Error ? error.message : "Something went wrong.", "error");
}

function dismiss(id: number): void {
  publish(toasts.filter((t) => t.id !== id));
}

export function ToastHost() {
  const current = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => toasts,
  );
  return (
    <div className="toasts" role="status" aria-live="polite">
      {current.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`} role={t.kind === "error" ? "alert" : undefined}>
          <span>{t.text}</span>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
