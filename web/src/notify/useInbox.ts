// The inbox's server state: one infinite list per tab under keys.notifications(slug), so the
// layout's live invalidation refreshes every tab, and changes applied at once then confirmed.
import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { api, call } from "../api/client";
import { keys } from "../api/keys";
import { toastError } from "../ui/toast";
import { markAllRead, patchPages, tabQuery, type Notification, type NotificationPage, type Tab } from "./inbox";

const PER_PAGE = "30";

export function useNotifications(slug: string, tab: Tab) {
  return useInfiniteQuery({
    queryKey: [...keys.notifications(slug), tab],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(
        api.GET("/api/v1/workspaces/{slug}/notifications/", {
          params: {
            path: { slug },
            query: { ...tabQuery(tab), per_page: PER_PAGE, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    getNextPageParam: (last) => (last.next_page_results ? last.next_cursor : undefined),
  });
}

export type Action =
  | { kind: "read"; read: boolean }
  | { kind: "archive"; archived: boolean }
  | { kind: "snooze"; until: string | null };

function apply(n: Notification, action: Action, now: string): Notification {
  switch (action.kind) {
    case "read":
      return { ...n, read_at: action.read ? (n.read_at ?? now) : null };
    case "archive":
      return { ...n, archived_at: action.archived ? now : null };
    case "snooze":
      return { ...n, snoozed_till: action.until };
  }
}

function send(slug: string, id: string, action: Action) {
  const path = { slug, notification_id: id };
  switch (action.kind) {
    case "read":
      return action.read
        ? call(api.POST("/api/v1/workspaces/{slug}/notifications/{notification_id}/read/", { params: { path } }))
        : call(api.DELETE("/api/v1/workspaces/{slug}/notifications/{notification_id}/read/", { params: { path } }));
    case "archive":
      return action.archived
        ? call(api.POST("/api/v1/workspaces/{slug}/notifications/{notification_id}/archive/", { params: { path } }))
        : call(api.DELETE("/api/v1/workspaces/{slug}/notifications/{notification_id}/archive/", { params: { path } }));
    case "snooze":
      return call(
        api.PATCH("/api/v1/workspaces/{slug}/notifications/{notification_id}/", {
          params: { path },
          body: { snoozed_till: action.until },
        }),
      );
  }
}

type Snapshot = [readonly unknown[], InfiniteData<NotificationPage> | undefined][];

/** Changes one notification in every cached tab at once; rolls back if the server refuses. */
export function useNotificationAction(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: Action }) => send(slug, id, action),
    onMutate: async ({ id, action }) => {
      await client.cancelQueries({ queryKey: keys.notifications(slug) });
      const snapshot: Snapshot = client.getQueriesData<InfiniteData<NotificationPage>>({
        queryKey: keys.notifications(slug),
      });
      const now = new Date().toISOString();
      for (const [key, data] of snapshot) {
        const tab = key[key.length - 1] as Tab;
        client.setQueryData(key, patchPages(data, tab, id, (n) => apply(n, action, now)));
      }
      return { snapshot };
    },
    onError: (error, _vars, context) => {
      for (const [key, data] of context?.snapshot ?? []) client.setQueryData(key, data);
      toastError(error);
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: keys.notifications(slug) });
      void client.invalidateQueries({ queryKey: keys.unread(slug) });
    },
  });
}

export function useMarkAllRead(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      call(api.POST("/api/v1/workspaces/{slug}/notifications/mark-all-read/", { params: { path: { slug } } })),
    onMutate: async () => {
      await client.cancelQueries({ queryKey: keys.notifications(slug) });
      const snapshot: Snapshot = client.getQueriesData<InfiniteData<NotificationPage>>({
        queryKey: keys.notifications(slug),
      });
      const now = new Date().toISOString();
      for (const [key, data] of snapshot) client.setQueryData(key, markAllRead(data, key[key.length - 1] as Tab, now));
      return { snapshot };
    },
    onError: (error, _vars, context) => {
      for (const [key, data] of context?.snapshot ?? []) client.setQueryData(key, data);
      toastError(error);
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: keys.notifications(slug) });
      void client.invalidateQueries({ queryKey: keys.unread(slug) });
    },
  });
}
