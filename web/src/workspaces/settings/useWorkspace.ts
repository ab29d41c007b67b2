// The current workspace (from the caller's list, which carries their role) and its members.
import { useQuery } from "@tanstack/react-query";
import { api, call } from "../../api/client";
import { keys } from "../../api/keys";
import { useWorkspaces } from "../../app/guards";

export function useCurrentWorkspace(slug: string) {
  const workspaces = useWorkspaces();
  return { ...workspaces, workspace: workspaces.data?.find((w) => w.slug === slug) };
}

/** Every member with their role (GET /members/, a bare array). */
export function useMembersWithRoles(slug: string) {
  return useQuery({
    queryKey: [...keys.members(slug), "full"],
    queryFn: () => call(api.GET("/api/v1/workspaces/{slug}/members/", { params: { path: { slug } } })),
  });
}

export function useInvitations(slug: string, enabled: boolean) {
  return useQuery({
    queryKey: [...keys.workspace(slug), "invitations"],
    queryFn: () => call(api.GET("/api/v1/workspaces/{slug}/invitations/", { params: { path: { slug } } })),
    enabled,
  });
}
