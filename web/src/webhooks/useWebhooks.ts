// The workspace's webhooks and each one's deliveries (admins only).
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { api, call } from "../api/client";
import { keys } from "../api/keys";

export const webhookKeys = {
  all: (slug: string) => [...keys.workspace(slug), "webhooks"] as const,
  deliveries: (slug: string, id: string) => [...keys.workspace(slug), "webhooks", id, "deliveries"] as const,
};

export function useWebhooks(slug: string) {
  return useQuery({
    queryKey: webhookKeys.all(slug),
    queryFn: () => call(api.GET("/api/v1/workspaces/{slug}/webhooks/", { params: { path: { slug } } })),
  });
}

export function useDeliveries(slug: string, webhookId: string, status: string) {
  return useInfiniteQuery({
    queryKey: [...webhookKeys.deliveries(slug, webhookId), status],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(
        api.GET("/api/v1/workspaces/{slug}/webhooks/{webhook_id}/deliveries/", {
          params: {
            path: { slug, webhook_id: webhookId },
            query: { per_page: "25", ...(status ? { status } : {}), ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    getNextPageParam: (last) => (last.next_page_results ? last.next_cursor : undefined),
  });
}
