// @mentions: who can be mentioned, how the typed text picks them, and the markup the server reads.
// The server finds mentions in sanitised HTML as Plane's
// `<mention-component entity_identifier="<user id>" entity_name="user_mention">` (see
// crates/glider-domain/src/model/notify.rs) and notifies each person mentioned.

export const MENTION_TAG = "mention-component";
export const USER_MENTION = "user_mention";

export interface MentionCandidate {
  id: string;
  /** The handle shown after "@" and read by screen readers (the member's display name). */
  handle: string;
  /** The person's full name, when they gave one. */
  fullName: string;
  avatarUrl?: string | null;
}

/** A project member as the API lists them, made a mention candidate. */
export function toCandidate(member: {
  id: string;
  display_name?: string;
  first_name?: string;
  last_name?: string;
  avatar_url?: string | null;
  is_active?: boolean;
}): MentionCandidate {
  const fullName = `${member.first_name ?? ""} ${member.last_name ?? ""}`.trim();
  return {
    id: member.id,
    handle: member.display_name || fullName || "member",
    fullName,
    avatarUrl: member.avatar_url ?? null,
  };
}

/**
 * The candidates matching what was typed after "@", best first: handles that start with it,
 * then names with a word that starts with it, then names that contain it anywhere.
 */
export function filterCandidates(candidates: MentionCandidate[], query: string, limit = 8): MentionCandidate[] {
  const q = query.trim().toLowerCase();
  if (!q) return candidates.slice(0, limit);
  const rank = (c: MentionCandidate): number => {
    const handle = c.handle.toLowerCase();
    const name = c.fullName.toLowerCase();
    if (handle.startsWith(q)) return 0;
    if (name.split(/\s+/).some((word) => word.startsWith(q)) || name.startsWith(q)) return 1;
    if (handle.includes(q) || name.includes(q)) return 2;
    return -1;
  };
  return candidates
    .map((candidate, index) => ({ candidate, index, score: rank(candidate) }))
    .filter((entry) => entry.score >= 0)
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .slice(0, limit)
    .map((entry) => entry.candidate);
}

/** The attributes of a mention element (the text inside it is "@handle"). */
export function mentionAttributes(id: string, label: string): Record<string, string> {
  return { entity_identifier: id, entity_name: USER_MENTION, label };
}

/** The user ids mentioned in HTML, once each, in order (what the server will notify). */
export function mentionedIds(html: string): string[] {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const ids: string[] = [];
  for (const element of doc.querySelectorAll(MENTION_TAG)) {
    const id = element.getAttribute("entity_identifier");
    if (element.getAttribute("entity_name") === USER_MENTION && id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}
