// Cards changed by someone else's event in the last moments, for a short highlight.
import { useSyncExternalStore } from "react";

const FLASH_MS = 2000;
const changed = new Map<string, number>();
const listeners = new Map<string, Set<() => void>>();

function notify(id: string): void {
  for (const listener of listeners.get(id) ?? []) listener();
}

/** Marks an item as just changed by someone else (the mark fades after ~2 s). */
export function flash(id: string): void {
  const until = Date.now() + FLASH_MS;
  changed.set(id, until);
  notify(id);
  setTimeout(() => {
    if ((changed.get(id) ?? 0) <= Date.now()) {
      changed.delete(id);
      notify(id);
    }
  }, FLASH_MS + 20);
}

export function isFlashing(id: string): boolean {
  return (changed.get(id) ?? 0) > Date.now();
}

/** Whether the item was changed by someone else within the last ~2 s (re-renders that card only). */
export function useFlash(id: string): boolean {
  return useSyncExternalStore(
    (listener) => {
      let set = listeners.get(id);
      if (!set) {
        set = new Set();
        listeners.set(id, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(id);
      };
    },
    () => isFlashing(id),
  );
}
