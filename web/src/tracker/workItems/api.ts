// Reading and writing work items through the typed client. Create, update and move take
// bodies the OpenAPI document types as plain objects, so they are described here.
import { api, call } from "../../api/client";
import type { WorkItem } from "../data";

const PAGE = "1000";

/** Every live item of the project, read page by page (a project may hold tens of thousands). */
export async function fetchAllWorkItems(slug: string, projectId: string, signal?: AbortSignal): Promise<WorkItem[]> {
  const items: WorkItem[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await call(
      api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/", {
        params: { path: { slug, project_id: projectId }, query: { per_page: PAGE, ...(cursor ? { cursor } : {}) } },
        signal,
      }),
    );
    items.push(...(page.results as WorkItem[]));
    if (!page.next_page_results || !page.next_cursor || page.results.length === 0) return items;
    cursor = page.next_cursor;
  }
}

export function fetchWorkItem(slug: string, projectId: string, id: string): Promise<WorkItem> {
  return call(
    api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/", {
      params: { path: { slug, project_id: projectId, work_item_id: id } },
    }),
  );
}

/** The fields a create or PATCH may carry (as the server reads them). */
export interface WorkItemInput {
  name?: string;
  state?: string | null;
  priority?: WorkItem["priority"];
  assignees?: string[];
  labels?: string[];
  start_date?: string | null;
  target_date?: string | null;
  sort_order?: number;
  parent?: string | null;
}

type Loose = Record<string, never>;

export function createWorkItem(slug: string, projectId: string, input: WorkItemInput): Promise<WorkItem> {
  return call(
    api.POST("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/", {
      params: { path: { slug, project_id: projectId } },
      body: input as unknown as Loose,
    }),
  );
}

export function updateWorkItem(slug: string, projectId: string, id: string, input: WorkItemInput): Promise<WorkItem> {
  return call(
    api.PATCH("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/", {
      params: { path: { slug, project_id: projectId, work_item_id: id } },
      body: input as unknown as Loose,
    }),
  );
}

export interface MoveInput {
  work_item: string;
  state?: string;
  after?: string;
  before?: string;
  sort_order?: number;
}

export function moveCard(slug: string, projectId: string, input: MoveInput): Promise<WorkItem> {
  return call(
    api.PUT("/api/v1/workspaces/{slug}/projects/{project_id}/board/move/", {
      params: { path: { slug, project_id: projectId } },
      body: input as unknown as Loose,
    }),
  );
}

export function deleteWorkItem(slug: string, projectId: string, id: string): Promise<unknown> {
  return call(
    api.DELETE("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/", {
      params: { path: { slug, project_id: projectId, work_item_id: id } },
    }),
  );
}

/** The ids of a cycle's or a module's items. */
export async function memberIds(
  slug: string,
  projectId: string,
  kind: "cycle" | "module",
  containerId: string,
): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const query = { per_page: PAGE, fields: "id", ...(cursor ? { cursor } : {}) };
    const page =
      kind === "cycle"
        ? await call(
            api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/cycles/{cycle_id}/cycle-issues/", {
              params: { path: { slug, project_id: projectId, cycle_id: containerId }, query },
            }),
          )
        : await call(
            api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/modules/{module_id}/module-issues/", {
              params: { path: { slug, project_id: projectId, module_id: containerId }, query },
            }),
          );
    ids.push(...page.results.map((r) => r.id));
    if (!page.next_page_results || !page.next_cursor || page.results.length === 0) return ids;
    cursor = page.next_cursor;
  }
}
