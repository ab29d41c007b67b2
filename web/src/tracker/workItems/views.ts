// Saved views of the project: reading one (?view=<id>) and saving the current display.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, call } from "../../api/client";
import { keys } from "../../api/keys";
import type { ViewBody } from "./query";

export function useSavedView(slug: string, projectId: string, viewId: string | null) {
  return useQuery({
    queryKey: [...keys.views(slug, projectId), viewId],
    enabled: Boolean(viewId),
    queryFn: () =>
      call(
        api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/views/{view_id}/", {
          params: { path: { slug, project_id: projectId, view_id: viewId ?? "" } },
        }),
      ),
  });
}

export function useSaveView(slug: string, projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; access: number; body: ViewBody }) =>
      call(
        api.POST("/api/v1/workspaces/{slug}/projects/{project_id}/views/", {
          params: { path: { slug, project_id: projectId } },
          body: { name: input.name, access: input.access, ...input.body },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.views(slug, projectId) }),
  });
}
