// The month grid of the calendar layout (weeks start on Monday; dates as YYYY-MM-DD).

export function isoDate(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, "0");
  const d = String(date.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

/** The month of an ISO date, as "YYYY-MM". */
export function monthOf(iso: string): string {
  return iso.slice(0, 7);
}

export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const date = new Date(y, m - 1 + delta, 1);
  return isoDate(date).slice(0, 7);
}

/** The weeks shown for a month: whole weeks from the Monday on or before the 1st. */
export function monthGrid(month: string): string[][] {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const first = new Date(y, m - 1, 1);
  const offset = (first.getDay() + 6) % 7;
  const start = new Date(y, m - 1, 1 - offset);
  const last = new Date(y, m, 0);
  const weeks: string[][] = [];
  const cursor = new Date(start);
  while (cursor <= last || weeks.length === 0 || weeks[weeks.length - 1]!.length < 7) {
    const week: string[] = [];
    for (let i = 0; i < 7; i++) {
      week.push(isoDate(cursor));
      cursor.setDate(cursor.getDate() + 1);
    }
    weeks.push(week);
    if (cursor > last) break;
  }
  return weeks;
}

export function monthTitle(month: string, locale?: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(y, m - 1, 1).toLocaleDateString(locale, { month: "long", year: "numeric" });
}
