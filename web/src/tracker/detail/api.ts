// Requests of the work-item detail: the item, its comments, history, links, attachments,
// relations, sub-items, subscription, and which cycle and modules hold it.
import { api, call, type Schemas } from "../../api/client";
import type { Cycle, Module, WorkItem } from "../data";

export type Comment = Schemas["CommentResponse"];
export type Activity = Schemas["ActivityResponse"];
export type Link = Schemas["LinkResponse"];
export type Attachment = Schemas["AttachmentResponse"];
export type WorkItemPatch = Partial<
  Pick<
    WorkItem,
    | "name"
    | "description_html"
    | "state"
    | "priority"
    | "assignees"
    | "labels"
    | "start_date"
    | "target_date"
    | "estimate_point"
    | "parent"
  >
>;

/** Some endpoints take JSON the OpenAPI document leaves untyped; bodies of known shape go here. */
export function loose(body: object): Record<string, never> {
  return body as Record<string, never>;
}

const ALL = { per_page: "1000" };

export interface ItemRef {
  slug: string;
  projectId: string;
  id: string;
}

function path({ slug, projectId, id }: ItemRef) {
  return { slug, project_id: projectId, work_item_id: id };
}

export function getItem(ref: ItemRef) {
  return call(api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/", { params: { path: path(ref) } }));
}

export function getItemByIdentifier(slug: string, identifier: string) {
  return call(api.GET("/api/v1/workspaces/{slug}/work-items/{identifier}/", { params: { path: { slug, identifier } } }));
}

export function patchItem(ref: ItemRef, patch: WorkItemPatch) {
  return call(
    api.PATCH("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/", {
      params: { path: path(ref) },
      body: loose(patch),
    }),
  );
}

export function createItem(slug: string, projectId: string, body: { name: string; parent?: string }) {
  return call(
    api.POST("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/", {
      params: { path: { slug, project_id: projectId } },
      body: loose(body),
    }),
  );
}

/** The item's children, through the list's `parent` filter. */
export async function listChildren(ref: ItemRef): Promise<WorkItem[]> {
  const page = await call(
    api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/", {
      params: {
        path: { slug: ref.slug, project_id: ref.projectId },
        query: { ...ALL, order_by: "sequence_id", filters: JSON.stringify({ parent: ref.id }) },
      },
    }),
  );
  return page.results;
}

export async function listComments(ref: ItemRef): Promise<Comment[]> {
  const page = await call(
    api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/comments/", {
      params: { path: path(ref), query: ALL },
    }),
  );
  return page.results;
}

export function createComment(ref: ItemRef, html: string) {
  return call(
    api.POST("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/comments/", {
      params: { path: path(ref) },
      body: loose({ comment_html: html }),
    }),
  );
}

export function updateComment(ref: ItemRef, commentId: string, html: string) {
  return call(
    api.PATCH("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/comments/{child_id}/", {
      params: { path: { ...path(ref), child_id: commentId } },
      body: loose({ comment_html: html }),
    }),
  );
}

export function deleteComment(ref: ItemRef, commentId: string) {
  return call(
    api.DELETE("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/comments/{child_id}/", {
      params: { path: { ...path(ref), child_id: commentId } },
    }),
  );
}

export async function listActivities(ref: ItemRef): Promise<Activity[]> {
  const page = await call(
    api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/activities/", {
      params: { path: path(ref), query: ALL },
    }),
  );
  return page.results;
}

export async function listLinks(ref: ItemRef): Promise<Link[]> {
  const page = await call(
    api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/links/", {
      params: { path: path(ref), query: ALL },
    }),
  );
  return page.results;
}

export function createLink(ref: ItemRef, body: { url: string; title?: string | null }) {
  return call(
    api.POST("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/links/", {
      params: { path: path(ref) },
      body: loose(body),
    }),
  );
}

export function updateLink(ref: ItemRef, linkId: string, body: { url: string; title: string | null }) {
  return call(
    api.PATCH("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/links/{child_id}/", {
      params: { path: { ...path(ref), child_id: linkId } },
      body: loose(body),
    }),
  );
}

export function deleteLink(ref: ItemRef, linkId: string) {
  return call(
    api.DELETE("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/links/{child_id}/", {
      params: { path: { ...path(ref), child_id: linkId } },
    }),
  );
}

export function listAttachments(ref: ItemRef) {
  return call(
    api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/attachments/", {
      params: { path: path(ref) },
    }),
  );
}

/** Where an attachment downloads from: the API redirects to a signed, time-limited URL. */
export function attachmentUrl(ref: ItemRef, attachmentId: string): string {
  return `/api/v1/workspaces/${encodeURIComponent(ref.slug)}/projects/${ref.projectId}/work-items/${ref.id}/attachments/${attachmentId}/`;
}

export function deleteAttachment(ref: ItemRef, attachmentId: string) {
  return call(
    api.DELETE("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/attachments/{attachment_id}/", {
      params: { path: { ...path(ref), attachment_id: attachmentId } },
    }),
  );
}

export type RelationType = "blocking" | "blocked_by" | "relates_to" | "duplicate" | "start_before" | "start_after" | "finish_before" | "finish_after";
export type Relations = Partial<Record<RelationType, string[]>>;

export async function listRelations(ref: ItemRef): Promise<Relations> {
  const body = (await call(
    api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/relations/", { params: { path: path(ref) } }),
  )) as Record<string, unknown>;
  const out: Relations = {};
  for (const [key, value] of Object.entries(body)) {
    if (!Array.isArray(value)) continue;
    // Ids (Glider, Plane's SDK) or {issue_id} objects (newer Plane).
    out[key as RelationType] = value
      .map((entry: unknown) =>
        typeof entry === "string" ? entry : ((entry as { issue_id?: string; id?: string }).issue_id ?? (entry as { id?: string }).id),
      )
      .filter((id): id is string => typeof id === "string");
  }
  return out;
}

export function addRelation(ref: ItemRef, relationType: RelationType, issues: string[]) {
  return call(
    api.POST("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/relations/", {
      params: { path: path(ref) },
      body: loose({ relation_type: relationType, issues }),
    }),
  );
}

export function removeRelation(ref: ItemRef, relatedId: string) {
  return call(
    api.POST("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/relations/remove/", {
      params: { path: path(ref) },
      body: loose({ related_issue: relatedId }),
    }),
  );
}

export async function getSubscribed(ref: ItemRef): Promise<boolean> {
  const body = await call(
    api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/subscribe/", { params: { path: path(ref) } }),
  );
  return body.subscribed;
}

export async function setSubscribed(ref: ItemRef, subscribed: boolean): Promise<void> {
  const options = { params: { path: path(ref) } };
  if (subscribed) {
    await call(api.POST("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/subscribe/", options));
  } else {
    await call(api.DELETE("/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/subscribe/", options));
  }
}

export interface Membership {
  cycle: string | null;
  modules: string[];
}

/** The ids of a cycle's or a module's work items (ids only, every page). */
async function containerIds(ref: ItemRef, kind: "cycle" | "module", containerId: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const query = { ...ALL, fields: "id", ...(cursor ? { cursor } : {}) };
    const base = { slug: ref.slug, project_id: ref.projectId };
    const page =
      kind === "cycle"
        ? await call(
            api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/cycles/{cycle_id}/cycle-issues/", {
              params: { path: { ...base, cycle_id: containerId }, query },
            }),
          )
        : await call(
            api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/modules/{module_id}/module-issues/", {
              params: { path: { ...base, module_id: containerId }, query },
            }),
          );
    ids.push(...page.results.map((r) => r.id));
    if (!page.next_page_results || !page.next_cursor || page.results.length === 0) return ids;
    cursor = page.next_cursor;
  }
}

/** Which cycle and modules hold the item (the item itself does not say). */
export async function getMembership(ref: ItemRef, cycles: Cycle[], modules: Module[]): Promise<Membership> {
  const [inCycles, inModules] = await Promise.all([
    Promise.all(cycles.map(async (c) => ((await containerIds(ref, "cycle", c.id)).includes(ref.id) ? c.id : null))),
    Promise.all(modules.map(async (m) => ((await containerIds(ref, "module", m.id)).includes(ref.id) ? m.id : null))),
  ]);
  return {
    cycle: inCycles.find((id): id is string => id !== null) ?? null,
    modules: inModules.filter((id): id is string => id !== null),
  };
}

export async function setCycle(ref: ItemRef, from: string | null, to: string | null): Promise<void> {
  if (to) {
    // Adding moves the item out of any other cycle.
    await call(
      api.POST("/api/v1/workspaces/{slug}/projects/{project_id}/cycles/{cycle_id}/cycle-issues/", {
        params: { path: { slug: ref.slug, project_id: ref.projectId, cycle_id: to } },
        body: loose({ issues: [ref.id] }),
      }),
    );
  } else if (from) {
    await call(
      api.DELETE("/api/v1/workspaces/{slug}/projects/{project_id}/cycles/{cycle_id}/cycle-issues/{work_item_id}/", {
        params: { path: { ...path(ref), cycle_id: from } },
      }),
    );
  }
}

export async function setModules(ref: ItemRef, from: string[], to: string[]): Promise<void> {
  const added = to.filter((id) => !from.includes(id));
  const removed = from.filter((id) => !to.includes(id));
  await Promise.all([
    ...added.map((moduleId) =>
      call(
        api.POST("/api/v1/workspaces/{slug}/projects/{project_id}/modules/{module_id}/module-issues/", {
          params: { path: { slug: ref.slug, project_id: ref.projectId, module_id: moduleId } },
          body: loose({ issues: [ref.id] }),
        }),
      ),
    ),
    ...removed.map((moduleId) =>
      call(
        api.DELETE("/api/v1/workspaces/{slug}/projects/{project_id}/modules/{module_id}/module-issues/{work_item_id}/", {
          params: { path: { ...path(ref), module_id: moduleId } },
        }),
      ),
    ),
  ]);
}
