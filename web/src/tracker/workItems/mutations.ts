// Changes to work items: optimistic in the shared cache, rolled back (with a message) when
// the server refuses.
import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { keys } from "../../api/keys";
import { toastError } from "../../ui/toast";
import type { WorkItem } from "../data";
import { createWorkItem, deleteWorkItem, moveCard, updateWorkItem, type WorkItemInput } from "./api";
import { patchItem, removeItem, upsertItem } from "./patch";

type Items = WorkItem[] | undefined;

function useCache(slug: string, projectId: string) {
  const client = useQueryClient();
  const key = keys.workItems(slug, projectId);
  return {
    client,
    key,
    get: () => client.getQueryData<WorkItem[]>(key),
    set: (update: (items: WorkItem[]) => WorkItem[]) =>
      client.setQueryData<WorkItem[]>(key, (items: Items) => (items ? update(items) : items)),
  };
}

/** Puts back one item as it was (leaving every other change, such as live events, alone). */
function restore(client: QueryClient, key: readonly unknown[], previous: WorkItem | undefined, id: string) {
  client.setQueryData<WorkItem[]>(key, (items: Items) => {
    if (!items) return items;
    return previous ? upsertItem(items, previous) : removeItem(items, id);
  });
}

export interface UpdateVariables {
  id: string;
  changes: WorkItemInput;
}

export function useUpdateWorkItem(slug: string, projectId: string) {
  const cache = useCache(slug, projectId);
  return useMutation({
    mutationFn: ({ id, changes }: UpdateVariables) => updateWorkItem(slug, projectId, id, changes),
    onMutate: async ({ id, changes }) => {
      await cache.client.cancelQueries({ queryKey: cache.key, exact: true });
      const previous = cache.get()?.find((item) => item.id === id);
      cache.set((items) => patchItem(items, id, changes as Partial<WorkItem>));
      return { previous };
    },
    onError: (error, { id }, context) => {
      restore(cache.client, cache.key, context?.previous, id);
      toastError(error);
    },
    onSuccess: (item) => cache.set((items) => upsertItem(items, item)),
  });
}

export interface MoveVariables {
  id: string;
  /** The new state, when the card changes column. */
  state?: string;
  after?: string;
  before?: string;
  sortOrder: number;
}

export function useMoveWorkItem(slug: string, projectId: string) {
  const cache = useCache(slug, projectId);
  return useMutation({
    mutationFn: ({ id, state, after, before, sortOrder }: MoveVariables) =>
      moveCard(slug, projectId, {
        work_item: id,
        ...(state ? { state } : {}),
        ...(after ? { after } : {}),
        ...(before ? { before } : {}),
        ...(!after && !before ? { sort_order: sortOrder } : {}),
      }),
    onMutate: async ({ id, state, sortOrder }) => {
      await cache.client.cancelQueries({ queryKey: cache.key, exact: true });
      const previous = cache.get()?.find((item) => item.id === id);
      cache.set((items) => patchItem(items, id, { sort_order: sortOrder, ...(state ? { state } : {}) }));
      return { previous };
    },
    onError: (error, { id }, context) => {
      restore(cache.client, cache.key, context?.previous, id);
      toastError(error);
    },
    onSuccess: (item) => cache.set((items) => upsertItem(items, item)),
  });
}

let tempIds = 0;

function placeholder(projectId: string, input: WorkItemInput, items: WorkItem[]): WorkItem {
  const now = new Date().toISOString();
  const inState = items.filter((i) => i.state === (input.state ?? null));
  const last = inState.reduce((max, i) => Math.max(max, i.sort_order), 55535);
  tempIds += 1;
  return {
    id: `temp-${tempIds}`,
    name: input.name ?? "",
    state: input.state ?? null,
    priority: input.priority ?? "none",
    assignees: input.assignees ?? [],
    labels: input.labels ?? [],
    target_date: input.target_date ?? null,
    start_date: input.start_date ?? null,
    sort_order: last + 10000,
    sequence_id: 0,
    project: projectId,
    workspace: "",
    created_at: now,
    updated_at: now,
    description_html: "<p></p>",
    description_stripped: "",
    is_draft: false,
  };
}

export function isPlaceholder(item: Pick<WorkItem, "id">): boolean {
  return item.id.startsWith("temp-");
}

/** Creates an item; the caller shows errors (field messages in a form, or a toast). */
export function useCreateWorkItem(slug: string, projectId: string) {
  const cache = useCache(slug, projectId);
  return useMutation({
    mutationFn: (input: WorkItemInput) => createWorkItem(slug, projectId, input),
    onMutate: async (input) => {
      await cache.client.cancelQueries({ queryKey: cache.key, exact: true });
      const temp = placeholder(projectId, input, cache.get() ?? []);
      cache.set((items) => [...items, temp]);
      return { temp: temp.id };
    },
    onError: (_error, _input, context) => {
      if (context) cache.set((items) => removeItem(items, context.temp));
    },
    onSuccess: (item, _input, context) => cache.set((items) => upsertItem(items, item, context?.temp)),
  });
}

export function useDeleteWorkItem(slug: string, projectId: string) {
  const cache = useCache(slug, projectId);
  return useMutation({
    mutationFn: (id: string) => deleteWorkItem(slug, projectId, id),
    onMutate: async (id) => {
      await cache.client.cancelQueries({ queryKey: cache.key, exact: true });
      const previous = cache.get()?.find((item) => item.id === id);
      cache.set((items) => removeItem(items, id));
      return { previous };
    },
    onError: (error, id, context) => {
      restore(cache.client, cache.key, context?.previous, id);
      toastError(error);
    },
  });
}
