// States by group and their order: pure helpers of the States settings (tested).
import type { State } from "../data";

export const STATE_GROUPS = [
  { id: "backlog", label: "Backlog" },
  { id: "unstarted", label: "Unstarted" },
  { id: "started", label: "Started" },
  { id: "completed", label: "Completed" },
  { id: "cancelled", label: "Cancelled" },
] as const;

export type StateGroupId = (typeof STATE_GROUPS)[number]["id"];

/** The states of each group in sequence order (triage states are left out). */
export function groupStates(states: State[]): Record<StateGroupId, State[]> {
  const groups: Record<StateGroupId, State[]> = { backlog: [], unstarted: [], started: [], completed: [], cancelled: [] };
  for (const state of [...states].sort((a, b) => a.sequence - b.sequence)) {
    if (state.group === "triage" || state.is_triage) continue;
    groups[state.group].push(state);
  }
  return groups;
}

const STEP = 1000;

/**
 * The sequence that moves `group[index]` one place up or down within its group, or undefined
 * when it is already at that end.
 */
export function sequenceForMove(group: State[], index: number, direction: -1 | 1): number | undefined {
  const target = index + direction;
  const neighbour = group[target];
  if (!neighbour || !group[index]) return undefined;
  const beyond = group[target + direction];
  if (!beyond) return neighbour.sequence + direction * STEP;
  return (neighbour.sequence + beyond.sequence) / 2;
}

/** The states list after `id` takes `sequence`, re-sorted (for the optimistic cache). */
export function withSequence(states: State[], id: string, sequence: number): State[] {
  return states.map((s) => (s.id === id ? { ...s, sequence } : s)).sort((a, b) => a.sequence - b.sequence);
}
