// Work items for the palette: the search endpoint (debounced) and an exact KEY-N lookup.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api, ApiError, call } from "../../api/client";
import { keys } from "../../api/keys";
import { mergeHits, parseHits, parseIdentifier, type Hit } from "./commands";

export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function useWorkItemSearch(slug: string, text: string) {
  const query = useDebounced(text.trim(), 200);
  const exactId = parseIdentifier(query);
  const search = useQuery({
    queryKey: [...keys.workspace(slug), "palette-search", query],
    enabled: query.length > 0,
    staleTime: 30_000,
    queryFn: async () =>
      parseHits(
        await call(
          api.GET("/api/v1/workspaces/{slug}/work-items/search/", {
            params: { path: { slug }, query: { search: query, limit: 20 } },
          }),
        ),
      ),
  });
  const exact = useQuery({
    queryKey: [...keys.workspace(slug), "palette-identifier", exactId?.identifier],
    enabled: exactId !== null,
    staleTime: 30_000,
    retry: false,
    queryFn: async (): Promise<Hit | null> => {
      if (!exactId) return null;
      try {
        const item = await call(
          api.GET("/api/v1/workspaces/{slug}/work-items/{identifier}/", {
            params: { path: { slug, identifier: exactId.identifier } },
          }),
        );
        return { id: item.id, name: item.name, projectId: item.project, identifier: exactId.identifier };
      } catch (error) {
        if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return null;
        throw error;
      }
    },
  });
  return {
    hits: query.length > 0 ? mergeHits(exactId ? exact.data : null, search.data ?? []) : [],
    loading: text.trim() !== query || search.isFetching || exact.isFetching,
    error: search.error ?? exact.error,
  };
}
