import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "../api/client";

// Live data arrives over the WebSocket, so cached data stays fresh until an event says
// otherwise: no polling and no refetch on focus.
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: Infinity,
      refetchOnWindowFocus: false,
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    },
    mutations: { retry: false },
  },
});
