// The state of the @mention popup, kept outside React so TipTap's suggestion callbacks can
// drive it and the editor component can render it (useSyncExternalStore).
import type { MentionCandidate } from "./mention";

export interface SuggestionState {
  open: boolean;
  items: MentionCandidate[];
  active: number;
  /** Where the typed "@query" is on screen, to place the popup under it. */
  rect: { left: number; top: number; bottom: number } | null;
  query: string;
}

const CLOSED: SuggestionState = { open: false, items: [], active: 0, rect: null, query: "" };

export class SuggestionStore {
  private state: SuggestionState = CLOSED;
  private listeners = new Set<() => void>();
  private candidates: MentionCandidate[] = [];
  /** Inserts the chosen candidate (set by the suggestion plugin while it is open). */
  select: ((candidate: MentionCandidate) => void) | null = null;

  get = (): SuggestionState => this.state;

  /** Who can be mentioned (the editor keeps this current). */
  setCandidates(candidates: MentionCandidate[]): void {
    this.candidates = candidates;
  }

  getCandidates(): MentionCandidate[] {
    return this.candidates;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  show(items: MentionCandidate[], rect: SuggestionState["rect"], query: string): void {
    const active = this.state.open && this.state.query === query ? Math.min(this.state.active, Math.max(0, items.length - 1)) : 0;
    this.set({ open: true, items, active, rect, query });
  }

  close(): void {
    this.select = null;
    if (this.state.open) this.set(CLOSED);
  }

  /** Moves the highlighted option by `delta`, wrapping around. */
  move(delta: number): void {
    const count = this.state.items.length;
    if (!count) return;
    this.set({ ...this.state, active: (this.state.active + delta + count) % count });
  }

  highlight(index: number): void {
    this.set({ ...this.state, active: index });
  }

  /** Picks the highlighted option; false when there is nothing to pick. */
  pickActive(): boolean {
    const candidate = this.state.items[this.state.active];
    if (!this.state.open || !candidate || !this.select) return false;
    this.select(candidate);
    return true;
  }

  private set(next: SuggestionState): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}
