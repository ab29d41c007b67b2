// Profile and token helpers (pure).

export interface ProfileDraft {
  display_name: string;
  first_name: string;
  last_name: string;
  timezone: string;
}

/** Only the fields that changed, trimmed (the PATCH leaves the others alone). */
export function profileChanges(before: ProfileDraft, after: ProfileDraft): Partial<ProfileDraft> {
  const changes: Partial<ProfileDraft> = {};
  for (const key of Object.keys(before) as (keyof ProfileDraft)[]) {
    const value = after[key].trim();
    if (value !== before[key]) changes[key] = value;
  }
  return changes;
}

export const EXPIRY_CHOICES = [
  { value: "never", label: "Never" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In a year" },
] as const;

export type Expiry = (typeof EXPIRY_CHOICES)[number]["value"];

/** The `expires_at` for a choice, counted from `now`; undefined for "never". */
export function expiresAt(choice: Expiry, now: Date = new Date()): string | undefined {
  if (choice === "never") return undefined;
  return new Date(now.getTime() + Number(choice) * 86_400_000).toISOString();
}

/** "Never used", "Used today", "Used 3 days ago", or the date. */
export function lastUsed(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return "Never used";
  const days = Math.floor((now.getTime() - new Date(iso).getTime()) / 86_400_000);
  if (days <= 0) return "Used today";
  if (days === 1) return "Used yesterday";
  if (days < 30) return `Used ${days} days ago`;
  return `Used ${new Date(iso).toLocaleDateString()}`;
}

/** Password rules the server also enforces, said before sending. */
export function passwordProblem(next: string, confirm: string): string | undefined {
  if (next.length > 0 && next.length < 8) return "Use at least 8 characters.";
  if (confirm && next !== confirm) return "The two new passwords differ.";
  return undefined;
}
