// Who may do what in workspace settings, from the caller's role (GET /workspaces/ role_slug).
// The server decides; these rules only hide or disable controls the caller cannot use.
import type { Schemas } from "../../api/client";

export type Role = Schemas["WorkspaceRole"];
export type Workspace = Schemas["WorkspaceResponse"];
export type WorkspaceMember = Schemas["WorkspaceMemberResponse"];

/** The roles an admin can give (owner changes only by a transfer). */
export const ASSIGNABLE: { value: Exclude<Role, "owner">; label: string; hint: string }[] = [
  { value: "admin", label: "Admin", hint: "Manages members, invitations, webhooks and settings" },
  { value: "member", label: "Member", hint: "Creates projects and works in the projects they join" },
  { value: "guest", label: "Guest", hint: "Sees only the projects they are added to" },
];

export const ROLE_LABELS: Record<Role, string> = { owner: "Owner", admin: "Admin", member: "Member", guest: "Guest" };

export function isAdmin(role: Role | undefined): boolean {
  return role === "admin" || role === "owner";
}

/** Whether the caller may change this member's role or remove them. */
export function canManageMember(caller: Role | undefined, callerId: string | undefined, member: WorkspaceMember): boolean {
  if (!isAdmin(caller)) return false;
  if (member.role_slug === "owner") return false;
  // Changing your own role or removing yourself goes through "Leave workspace".
  return member.id !== callerId;
}

/** Members sorted for the settings list: owner, admins, members, guests, then by name. */
export function sortMembers(members: WorkspaceMember[]): WorkspaceMember[] {
  const rank: Record<Role, number> = { owner: 0, admin: 1, member: 2, guest: 3 };
  return [...members].sort(
    (a, b) =>
      rank[a.role_slug] - rank[b.role_slug] ||
      (a.display_name || a.email || "").localeCompare(b.display_name || b.email || ""),
  );
}

/** Case-insensitive match on name, display name or e-mail. */
export function matchesMember(member: WorkspaceMember, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [member.display_name, member.first_name, member.last_name, member.email, `${member.first_name} ${member.last_name}`]
    .filter(Boolean)
    .some((value) => value!.toLowerCase().includes(q));
}

/** The address the invitation link opens in this browser's origin. */
export function invitationUrl(invitation: { invitation_link?: string | null; token?: string | null }, origin: string) {
  if (invitation.invitation_link) {
    return /^https?:\/\//.test(invitation.invitation_link)
      ? invitation.invitation_link
      : `${origin}${invitation.invitation_link.startsWith("/") ? "" : "/"}${invitation.invitation_link}`;
  }
  return invitation.token ? `${origin}/invitations/${invitation.token}` : undefined;
}

/** Every IANA zone the browser knows, with UTC first. */
export function timeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...zones.filter((zone) => zone !== "UTC")];
}
