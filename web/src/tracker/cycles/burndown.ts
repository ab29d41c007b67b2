// The burn-down of a cycle: open work items at the end of each day from its first to its last,
// against the ideal straight line from everything to nothing (pure, tested).

export interface BurndownInput {
  /** First and last day of the cycle (YYYY-MM-DD, inclusive). */
  startDay: string;
  endDay: string;
  /** Today (YYYY-MM-DD); days after it have no actual value yet. */
  today: string;
  /** The day each work item in scope was completed (YYYY-MM-DD), or null while open. */
  completedDays: (string | null)[];
}

export interface Burndown {
  days: string[];
  ideal: number[];
  /** Open items at the end of each day; null for days still to come. */
  remaining: (number | null)[];
  total: number;
}

const MAX_DAYS = 366;

/** Every day from `start` to `end` inclusive (at most a year). */
export function daysBetween(start: string, end: string): string[] {
  const days: string[] = [];
  const cursor = new Date(`${start}T00:00:00Z`);
  const last = new Date(`${end}T00:00:00Z`);
  if (Number.isNaN(cursor.getTime()) || Number.isNaN(last.getTime())) return days;
  while (cursor <= last && days.length < MAX_DAYS) {
    days.push(cursor.toISOString().slice(0, 10));
    cursor.setUTCDate(cursor.getUTCDate() + 1);
  }
  return days;
}

export function burndown(input: BurndownInput): Burndown {
  const days = daysBetween(input.startDay, input.endDay);
  const total = input.completedDays.length;
  const steps = Math.max(1, days.length - 1);
  const ideal = days.map((_, index) => Math.max(0, total - (total * index) / steps));
  const remaining = days.map((day) => {
    if (day > input.today) return null;
    const done = input.completedDays.filter((completed) => completed !== null && completed <= day).length;
    return total - done;
  });
  return { days, ideal, remaining, total };
}
