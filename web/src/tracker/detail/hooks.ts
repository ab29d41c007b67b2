// Queries and live updates of one work item's detail, and its optimistic update.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { keys } from "../../api/keys";
import { useTopic } from "../../api/useTopic";
import { toastProblem } from "./problem";
import { useProject, type WorkItem } from "../data";
import { useProjectLive } from "../projects/useProjectLive";
import * as remote from "./api";
import { applyPatch, partKey, partsForEvent, patchList, touchesChildren, type Part } from "./logic";

export function useItem(ref: remote.ItemRef) {
  return useQuery({ queryKey: keys.workItem(ref.slug, ref.projectId, ref.id), queryFn: () => remote.getItem(ref) });
}

/** "WEB-12" once the project and the item are loaded. */
export function useItemKey(slug: string, projectId: string, sequence: number | undefined): string | undefined {
  const project = useProject(slug, projectId).data;
  return project && sequence !== undefined ? `${project.identifier}-${sequence}` : undefined;
}

export function usePart<T>(ref: remote.ItemRef, part: Part, queryFn: () => Promise<T>, enabled = true) {
  return useQuery({ queryKey: partKey(ref.slug, ref.projectId, ref.id, part), queryFn, enabled });
}

export function useChildren(ref: remote.ItemRef) {
  return usePart(ref, "children", () => remote.listChildren(ref));
}

/**
 * Keeps the detail current: events on `work_item:<id>` refresh the parts they touch, project
 * events refresh the sub-items they concern (and the project's reference data).
 */
export function useDetailLive(ref: remote.ItemRef, childIds: string[]) {
  const client = useQueryClient();
  const { slug, projectId, id } = ref;
  useProjectLive(slug, projectId);
  useTopic(`work_item:${id}`, (message) => {
    if (message.type === "resync") {
      void client.invalidateQueries({ queryKey: keys.workItem(slug, projectId, id) });
      return;
    }
    if (message.type !== "event") return;
    for (const part of partsForEvent(message.event.kind)) {
      void client.invalidateQueries({
        queryKey: part === "item" ? keys.workItem(slug, projectId, id) : partKey(slug, projectId, id, part),
        exact: part === "item",
      });
    }
  });
  useTopic(`project:${projectId}`, (message) => {
    if (message.type === "event" && touchesChildren(message.event, id, childIds)) {
      void client.invalidateQueries({ queryKey: partKey(slug, projectId, id, "children") });
    }
  });
}

/** Changes the item at once (here and in the project list), and puts it back if refused. */
export function useUpdateItem(ref: remote.ItemRef) {
  const client = useQueryClient();
  const itemKey = keys.workItem(ref.slug, ref.projectId, ref.id);
  const listKey = keys.workItems(ref.slug, ref.projectId);
  return useMutation({
    mutationFn: (patch: remote.WorkItemPatch) => remote.patchItem(ref, patch),
    onMutate: async (patch) => {
      await client.cancelQueries({ queryKey: itemKey, exact: true });
      const previous = client.getQueryData<WorkItem>(itemKey);
      const previousInList = client.getQueryData<WorkItem[]>(listKey)?.find((item) => item.id === ref.id);
      if (previous) client.setQueryData<WorkItem>(itemKey, applyPatch(previous, patch));
      client.setQueryData<WorkItem[]>(listKey, (list) => patchList(list, ref.id, patch));
      return { previous, previousInList };
    },
    onError: (error, _patch, context) => {
      if (context?.previous) client.setQueryData(itemKey, context.previous);
      const before = context?.previousInList;
      if (before) client.setQueryData<WorkItem[]>(listKey, (list) => patchList(list, ref.id, before));
      toastProblem(error);
    },
    onSuccess: (item) => {
      client.setQueryData(itemKey, item);
      client.setQueryData<WorkItem[]>(listKey, (list) => patchList(list, ref.id, item));
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: partKey(ref.slug, ref.projectId, ref.id, "activity") });
    },
  });
}
