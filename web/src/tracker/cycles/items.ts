// Work items of a cycle or a module, and of the whole project for the picker. Kept under the
// project's "items" key, which work-item events refresh (see projects/live.ts).
import { useQuery } from "@tanstack/react-query";
import { api, call } from "../../api/client";
import { keys } from "../../api/keys";
import type { WorkItem } from "../data";
import { loose } from "../projects/loose";

const ALL = { per_page: "1000" };

export function itemsKey(slug: string, projectId: string, scope: string, id?: string) {
  return [...keys.project(slug, projectId), "items", scope, ...(id ? [id] : [])] as const;
}

export type Container = { kind: "cycle" | "module"; id: string };

export function useContainerItems(slug: string, projectId: string, container: Container) {
  return useQuery({
    queryKey: itemsKey(slug, projectId, container.kind, container.id),
    queryFn: async (): Promise<WorkItem[]> => {
      if (container.kind === "cycle") {
        const page = await call(
          api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/cycles/{cycle_id}/cycle-issues/", {
            params: { path: { slug, project_id: projectId, cycle_id: container.id }, query: ALL },
          }),
        );
        return page.results;
      }
      const page = await call(
        api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/modules/{module_id}/module-issues/", {
          params: { path: { slug, project_id: projectId, module_id: container.id }, query: ALL },
        }),
      );
      return page.results;
    },
  });
}

/** Every live work item of the project (the first 1,000), for picking; loaded on demand. */
export function useProjectItems(slug: string, projectId: string, enabled: boolean) {
  return useQuery({
    queryKey: itemsKey(slug, projectId, "all"),
    enabled,
    queryFn: async () =>
      (
        await call(
          api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/", {
            params: { path: { slug, project_id: projectId }, query: { ...ALL, order_by: "-updated_at" } },
          }),
        )
      ).results,
  });
}

export async function addItems(slug: string, projectId: string, container: Container, ids: string[]): Promise<void> {
  if (container.kind === "cycle") {
    await call(
      api.POST("/api/v1/workspaces/{slug}/projects/{project_id}/cycles/{cycle_id}/cycle-issues/", {
        params: { path: { slug, project_id: projectId, cycle_id: container.id } },
        body: loose({ issues: ids }),
      }),
    );
  } else {
    await call(
      api.POST("/api/v1/workspaces/{slug}/projects/{project_id}/modules/{module_id}/module-issues/", {
        params: { path: { slug, project_id: projectId, module_id: container.id } },
        body: loose({ issues: ids }),
      }),
    );
  }
}

export async function removeItem(slug: string, projectId: string, container: Container, workItemId: string): Promise<void> {
  if (container.kind === "cycle") {
    await call(
      api.DELETE("/api/v1/workspaces/{slug}/projects/{project_id}/cycles/{cycle_id}/cycle-issues/{work_item_id}/", {
        params: { path: { slug, project_id: projectId, cycle_id: container.id, work_item_id: workItemId } },
      }),
    );
  } else {
    await call(
      api.DELETE("/api/v1/workspaces/{slug}/projects/{project_id}/modules/{module_id}/module-issues/{work_item_id}/", {
        params: { path: { slug, project_id: projectId, module_id: container.id, work_item_id: workItemId } },
      }),
    );
  }
}
