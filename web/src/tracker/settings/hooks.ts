// Data of the project settings screens: full memberships, the estimate and its points.
import { useQuery } from "@tanstack/react-query";
import { api, ApiError, call, type Schemas } from "../../api/client";
import { keys } from "../../api/keys";

export type ProjectMember = Schemas["ProjectMemberResponse"];
export type Estimate = Schemas["EstimateResponse"];
export type EstimatePoint = Schemas["EstimatePointResponse"];

export function membersFullKey(slug: string, projectId: string) {
  return [...keys.project(slug, projectId), "members-full"] as const;
}

/** Every membership of the project, with its id (`member_id`) and role. */
export function useMembersFull(slug: string, projectId: string) {
  return useQuery({
    queryKey: membersFullKey(slug, projectId),
    queryFn: () =>
      call(
        api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/project-members/", {
          params: { path: { slug, project_id: projectId } },
        }),
      ),
  });
}

/** The project's estimate with its points, or null when it has none. */
export function useEstimate(slug: string, projectId: string) {
  return useQuery({
    queryKey: keys.estimates(slug, projectId),
    queryFn: async (): Promise<{ estimate: Estimate; points: EstimatePoint[] } | null> => {
      const path = { params: { path: { slug, project_id: projectId } } };
      let estimate: Estimate;
      try {
        estimate = await call(api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/estimates/", path));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
      const points = await call(
        api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/estimates/{estimate_id}/estimate-points/", {
          params: { path: { slug, project_id: projectId, estimate_id: estimate.id } },
        }),
      );
      return { estimate, points };
    },
  });
}
