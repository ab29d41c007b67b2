// Reading and writing work items through the typed client. Create, update and move take
// bodies the OpenAPI document types as plain objects, so they are described here.
import { api, call } from "../../api/client";
import type { WorkItem } from "../data";

const PAGE = "1000";

/** Every live item of the project, read page by page (a project may hold tens of thousands). */
/** Pages fetched at once after the first: the first says how many there are. */
const PARALLEL_PAGES = 4;

/**
 * Every live item of the project. The first page is handed to `onFirstPage` as soon as it
 * arrives, so a screen paints before a large project has loaded; the rest come a few pages
 * at a time.
 */
export function fetchAllWorkItems(
  slug: string,
  projectId: string,
  signal?: AbortSignal,
  onFirstPage?: (items: WorkItem[]) => void,
): Promise<WorkItem[]> {
  const fetchPage = async (page: number) => {
    const result = await call(
      api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/", {
        params: { path: { slug, project_id: projectId }, query: { per_page: PAGE, cursor: `${PAGE}:${page}:0` } },
        signal,
      }),
    );
    return { results: result.results as WorkItem[], total_pages: result.total_pages };
  };
  return collectPages(fetchPage, onFirstPage);
}

/** The pages of a list, the first alone and then `PARALLEL_PAGES` at a time, each item once. */
export async function collectPages<T extends { id: string }>(
  fetchPage: (page: number) => Promise<{ results: T[]; total_pages: number }>,
  onFirstPage?: (items: T[]) => void,
): Promise<T[]> {
  const first = await fetchPage(0);
  if (first.total_pages <= 1) return first.results;
  onFirstPage?.(first.results);
  const pages: T[][] = [first.results];
  for (let page = 1; page < first.total_pages; page += PARALLEL_PAGES) {
    const count = Math.min(PARALLEL_PAGES, first.total_pages - page);
    pages.push(...(await Promise.all(Array.from({ length: count }, (_, i) => fetchPage(page + i)))).map((p) => p.results));
  }
  // Items created meanwhile shift the pages: one may arrive twice.
  const seen = new Set<string>();
  return pages.flat().filter((item) => {
    if (seen.has(item.id)) return false;
    seen.add(item.id);
    return true;
  });
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
