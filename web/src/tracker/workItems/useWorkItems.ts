// The project's work items: one cache entry (keys.workItems) with every live item, kept
// current by the project's events.
import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { ApiError } from "../../api/client";
import { keys } from "../../api/keys";
import type { GliderEvent } from "../../api/realtime";
import { useTopic } from "../../api/useTopic";
import { useMe } from "../../accounts/session";
import type { WorkItem } from "../data";
import { fetchAllWorkItems, fetchWorkItem, memberIds } from "./api";
import { flash } from "./flash";
import type { Membership } from "./grouping";
import { actionFor, patchItem, removeItem, upsertItem } from "./patch";

export function useWorkItems(slug: string, projectId: string) {
  const client = useQueryClient();
  return useQuery({
    queryKey: keys.workItems(slug, projectId),
    // A large project shows its first page while the rest loads (the query stays fetching).
    queryFn: ({ signal }) =>
      fetchAllWorkItems(slug, projectId, signal, (first) => client.setQueryData(keys.workItems(slug, projectId), first)),
    staleTime: Infinity,
  });
}

/** Cycle and module membership of the items, loaded only when a grouping or filter needs it. */
export function membershipKey(slug: string, projectId: string) {
  return [...keys.project(slug, projectId), "wi-membership"] as const;
}

export function useMembership(
  slug: string,
  projectId: string,
  cycles: { id: string }[] | undefined,
  modules: { id: string }[] | undefined,
  enabled: boolean,
) {
  const cycleIds = useMemo(() => (cycles ?? []).map((c) => c.id), [cycles]);
  const moduleIds = useMemo(() => (modules ?? []).map((m) => m.id), [modules]);
  return useQuery({
    queryKey: [...membershipKey(slug, projectId), cycleIds, moduleIds],
    enabled: enabled && cycles !== undefined && modules !== undefined,
    staleTime: Infinity,
    queryFn: async (): Promise<Membership> => {
      const cycle = new Map<string, string>();
      const moduleMap = new Map<string, string[]>();
      const cycleLists = await Promise.all(cycleIds.map((id) => memberIds(slug, projectId, "cycle", id)));
      cycleIds.forEach((cycleId, index) => {
        for (const item of cycleLists[index] ?? []) cycle.set(item, cycleId);
      });
      const moduleLists = await Promise.all(moduleIds.map((id) => memberIds(slug, projectId, "module", id)));
      moduleIds.forEach((moduleId, index) => {
        for (const item of moduleLists[index] ?? []) moduleMap.set(item, [...(moduleMap.get(item) ?? []), moduleId]);
      });
      return { cycle, modules: moduleMap };
    },
  });
}

function setItems(client: QueryClient, slug: string, projectId: string, update: (items: WorkItem[]) => WorkItem[]) {
  client.setQueryData<WorkItem[]>(keys.workItems(slug, projectId), (items) => (items ? update(items) : items));
}

/** Reloads one item into the cache (or takes it out when it is gone or hidden). */
export async function refreshItem(client: QueryClient, slug: string, projectId: string, id: string): Promise<void> {
  try {
    const item = await fetchWorkItem(slug, projectId, id);
    if (item.archived_at || item.is_draft) setItems(client, slug, projectId, (items) => removeItem(items, id));
    else setItems(client, slug, projectId, (items) => upsertItem(items, item));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      setItems(client, slug, projectId, (items) => removeItem(items, id));
    }
  }
}

/** Subscribes to `project:<id>` and applies its events to the caches of this screen. */
export function useWorkItemsLive(slug: string, projectId: string): void {
  const client = useQueryClient();
  const me = useMe().data?.id;
  const onEvent = useCallback(
    (event: GliderEvent) => {
      const action = actionFor(event);
      const byOther = event.actor_id !== me;
      switch (action.type) {
        case "patch": {
          const cached = client.getQueryData<WorkItem[]>(keys.workItems(slug, projectId));
          // An item this list does not hold (in intake, archived, a draft) stays out of it.
          if (!cached?.some((i) => i.id === action.id)) break;
          setItems(client, slug, projectId, (items) => patchItem(items, action.id, action.changes));
          if (byOther) flash(action.id);
          break;
        }
        case "remove":
          setItems(client, slug, projectId, (items) => removeItem(items, action.id));
          break;
        case "fetch":
          void refreshItem(client, slug, projectId, action.id).then(() => byOther && flash(action.id));
          break;
        case "fetch-many":
          for (const id of action.ids) void refreshItem(client, slug, projectId, id);
          break;
        case "membership":
          void client.invalidateQueries({ queryKey: membershipKey(slug, projectId) });
          break;
        case "catalog": {
          const key = {
            states: keys.states(slug, projectId),
            labels: keys.labels(slug, projectId),
            cycles: keys.cycles(slug, projectId),
            modules: keys.modules(slug, projectId),
            members: keys.projectMembers(slug, projectId),
            project: keys.project(slug, projectId),
          }[action.what];
          void client.invalidateQueries({ queryKey: key, exact: true });
          if (action.what === "cycles" || action.what === "modules") {
            void client.invalidateQueries({ queryKey: membershipKey(slug, projectId) });
          }
          break;
        }
        case "ignore":
          break;
      }
    },
    [client, slug, projectId, me],
  );
  useTopic(projectId ? `project:${projectId}` : undefined, (message) => {
    if (message.type === "event") onEvent(message.event);
    else if (message.type === "resync") {
      void client.invalidateQueries({ queryKey: keys.workItems(slug, projectId), exact: true });
      void client.invalidateQueries({ queryKey: membershipKey(slug, projectId) });
    }
  });
}
