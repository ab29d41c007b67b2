// Which cached data a project event touches: the project screens subscribe `project:<id>`
// and invalidate exactly these keys (pure, so it is tested).
import { keys } from "../../api/keys";

export type QueryKey = readonly unknown[];

/** The query keys to refresh when an event of `kind` arrives on the project's topic. */
export function keysForEvent(kind: string, slug: string, projectId: string): QueryKey[] {
  const [context, entity] = kind.split(".");
  if (context !== "tracker" || !entity) return [];
  const project = keys.project(slug, projectId);
  switch (entity) {
    case "project":
      return [project, keys.projects(slug)];
    case "project_member":
      return [keys.projectMembers(slug, projectId), [...project, "members-full"], keys.projects(slug)];
    case "state":
      return [keys.states(slug, projectId)];
    case "label":
      return [keys.labels(slug, projectId)];
    case "cycle":
      return [keys.cycles(slug, projectId)];
    case "module":
      return [keys.modules(slug, projectId)];
    case "view":
      return [keys.views(slug, projectId)];
    case "estimate":
    case "estimate_point":
      return [keys.estimates(slug, projectId)];
    case "intake":
      return [[...project, "intake"]];
    case "work_item":
      // Counts of cycles and modules, the cycle/module item lists, the pickers and the queue.
      return [
        keys.cycles(slug, projectId),
        keys.modules(slug, projectId),
        [...project, "items"],
        [...project, "intake"],
      ];
    default:
      return [];
  }
}
