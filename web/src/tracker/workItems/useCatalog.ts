// The project's reference data gathered into one indexed catalogue for the layouts.
import { useMemo } from "react";
import { useCycles, useLabels, useModules, useProject, useProjectMembers, useStates } from "../data";
import { buildCatalog, type Catalog } from "./grouping";
import type { DisplayState } from "./query";
import { useMembership } from "./useWorkItems";

export function needsMembership(display: DisplayState): boolean {
  const uses = (g: string) => g === "cycle" || g === "module";
  return uses(display.groupBy) || uses(display.subGroupBy) || display.filters.cycle.length > 0 || display.filters.module.length > 0;
}

export function useCatalog(slug: string, projectId: string, display: DisplayState) {
  const project = useProject(slug, projectId);
  const states = useStates(slug, projectId);
  const labels = useLabels(slug, projectId);
  const members = useProjectMembers(slug, projectId);
  const cycles = useCycles(slug, projectId);
  const modules = useModules(slug, projectId);
  const membership = useMembership(slug, projectId, cycles.data, modules.data, needsMembership(display));
  const catalog: Catalog = useMemo(
    () =>
      buildCatalog({
        identifier: project.data?.identifier ?? "",
        states: states.data,
        labels: labels.data,
        members: members.data?.results,
        cycles: cycles.data,
        modules: modules.data,
        membership: membership.data,
      }),
    [project.data?.identifier, states.data, labels.data, members.data, cycles.data, modules.data, membership.data],
  );
  return {
    catalog,
    project,
    ready: project.isSuccess && states.isSuccess,
    error: project.error ?? states.error,
    membershipLoading: needsMembership(display) && membership.isPending,
  };
}
