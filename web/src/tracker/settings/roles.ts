// Project roles (Plane's numbers) and who may administer the project.
export const PROJECT_ROLES = [
  { value: 20, label: "Admin", hint: "Changes settings, members, states and labels" },
  { value: 15, label: "Member", hint: "Creates and edits work items, cycles and modules" },
  { value: 5, label: "Guest", hint: "Sees the project and submits intake requests" },
] as const;

export function roleLabel(role: number | null | undefined): string {
  return PROJECT_ROLES.find((r) => r.value === role)?.label ?? "No role";
}

/**
 * Whether the caller administers the project: a project admin, or a workspace admin or owner
 * (who act as admins of every project). The server decides; this only hides controls.
 */
export function canAdminister(projectRole: number | null | undefined, workspaceRole: string | undefined): boolean {
  return projectRole === 20 || workspaceRole === "admin" || workspaceRole === "owner";
}
