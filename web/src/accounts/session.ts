import { useQuery } from "@tanstack/react-query";
import { api, ApiError, call, type Schemas } from "../api/client";
import { keys } from "../api/keys";
import { closeRealtime } from "../api/realtime";
import { queryClient } from "../app/queryClient";

export type Me = Schemas["MeResponse"];

/** The signed-in user, or `null` when nobody is (a 401 is an answer, not an error). */
export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await call(api.GET("/api/v1/auth/me/"));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
  });
}

export async function signIn(email: string, password: string): Promise<Me> {
  const session = await call(api.POST("/api/v1/auth/session/", { body: { email, password } }));
  queryClient.setQueryData(keys.me, session.user);
  return session.user;
}

export async function signOut(): Promise<void> {
  await call(api.DELETE("/api/v1/auth/session/"));
  closeRealtime();
  queryClient.clear();
  queryClient.setQueryData(keys.me, null);
}

/** What this server offers (e-mail sign-in only where SMTP is configured). */
export function useInstance() {
  return useQuery({ queryKey: ["instance"], queryFn: () => call(api.GET("/api/v1/instance/")) });
}
