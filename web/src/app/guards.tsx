import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { api, call } from "../api/client";
import { keys } from "../api/keys";
import { useMe } from "../accounts/session";
import { ErrorState, Spinner } from "../ui/common";

const LAST_WORKSPACE = "glider.lastWorkspace";

export function rememberWorkspace(slug: string): void {
  localStorage.setItem(LAST_WORKSPACE, slug);
}

/** Renders its children for a signed-in user; sends everyone else to sign in and back. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Spinner />;
  if (me.isError) return <ErrorState error={me.error} retry={() => void me.refetch()} />;
  if (!me.data) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/sign-in?next=${next}`} replace />;
  }
  return <>{children}</>;
}

export function useWorkspaces() {
  return useQuery({
    queryKey: keys.workspaces,
    queryFn: () => call(api.GET("/api/v1/workspaces/")),
  });
}

/** `/`: the last workspace used, else the first, else the page to create or join one. */
export function Home() {
  const workspaces = useWorkspaces();
  if (workspaces.isPending) return <Spinner />;
  if (workspaces.isError) return <ErrorState error={workspaces.error} retry={() => void workspaces.refetch()} />;
  const list = workspaces.data;
  const last = localStorage.getItem(LAST_WORKSPACE);
  const target = list.find((w) => w.slug === last) ?? list[0];
  return <Navigate to={target ? `/${target.slug}/projects` : "/workspaces/new"} replace />;
}
