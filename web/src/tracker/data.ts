// A project's reference data (states, labels, members, cycles, modules), cached per project
// and refreshed by the project's events (see useProjectLive).
import { useQuery } from "@tanstack/react-query";
import { api, call, type Schemas } from "../api/client";
import { keys } from "../api/keys";

export type Project = Schemas["ProjectResponse"];
export type State = Schemas["StateResponse"];
export type Label = Schemas["LabelResponse"];
export type Member = Schemas["MemberLiteResponse"];
export type Cycle = Schemas["CycleResponse"];
export type Module = Schemas["ModuleResponse"];
export type WorkItem = Schemas["WorkItemResponse"];

const ALL = { per_page: "1000" };

export function useProjects(slug: string) {
  return useQuery({
    queryKey: keys.projects(slug),
    queryFn: async () =>
      (await call(api.GET("/api/v1/workspaces/{slug}/projects/", { params: { path: { slug }, query: ALL } })))
        .results,
  });
}

export function useProject(slug: string, projectId: string) {
  return useQuery({
    queryKey: keys.project(slug, projectId),
    queryFn: () =>
      call(
        api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/", {
          params: { path: { slug, project_id: projectId } },
        }),
      ),
  });
}

export function useStates(slug: string, projectId: string) {
  return useQuery({
    queryKey: keys.states(slug, projectId),
    queryFn: async () => {
      const page = await call(
        api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/states/", {
          params: { path: { slug, project_id: projectId }, query: ALL },
        }),
      );
      return [...page.results].sort((a, b) => a.sequence - b.sequence);
    },
  });
}

export function useLabels(slug: string, projectId: string) {
  return useQuery({
    queryKey: keys.labels(slug, projectId),
    queryFn: async () =>
      (
        await call(
          api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/labels/", {
            params: { path: { slug, project_id: projectId }, query: ALL },
          }),
        )
      ).results,
  });
}

/** The people who can be assigned in a project. */
export function useProjectMembers(slug: string, projectId: string) {
  return useQuery({
    queryKey: keys.projectMembers(slug, projectId),
    queryFn: () =>
      call(
        api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/project-members-lite/", {
          params: { path: { slug, project_id: projectId } },
        }),
      ),
  });
}

export function useWorkspaceMembers(slug: string) {
  return useQuery({
    queryKey: keys.members(slug),
    queryFn: () => call(api.GET("/api/v1/workspaces/{slug}/members-lite/", { params: { path: { slug } } })),
  });
}

export function useCycles(slug: string, projectId: string) {
  return useQuery({
    queryKey: keys.cycles(slug, projectId),
    queryFn: async () =>
      (
        await call(
          api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/cycles/", {
            params: { path: { slug, project_id: projectId }, query: ALL },
          }),
        )
      ).results,
  });
}

export function useModules(slug: string, projectId: string) {
  return useQuery({
    queryKey: keys.modules(slug, projectId),
    queryFn: async () =>
      (
        await call(
          api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/modules/", {
            params: { path: { slug, project_id: projectId }, query: ALL },
          }),
        )
      ).results,
  });
}

/** A member's name as people read it. */
export function personName(person: { display_name?: string; first_name?: string; last_name?: string } | undefined) {
  if (!person) return "Unknown";
  const full = `${person.first_name ?? ""} ${person.last_name ?? ""}`.trim();
  return full || person.display_name || "Unknown";
}
