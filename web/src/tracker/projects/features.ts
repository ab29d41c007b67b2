// A project's feature switches (cycles, modules, views, pages, intake, time tracking) and the
// tabs they show.
import { useQuery } from "@tanstack/react-query";
import { api, call, type Schemas } from "../../api/client";
import { keys } from "../../api/keys";

export type Features = Schemas["ProjectFeaturesResponse"];

export function featuresKey(slug: string, projectId: string) {
  return [...keys.project(slug, projectId), "features"] as const;
}

export function useFeatures(slug: string, projectId: string) {
  return useQuery({
    queryKey: featuresKey(slug, projectId),
    queryFn: () =>
      call(
        api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/features/", {
          params: { path: { slug, project_id: projectId } },
        }),
      ),
  });
}

export interface ProjectTab {
  path: string;
  label: string;
}

const TABS: { path: string; label: string; feature?: keyof Features }[] = [
  { path: "issues", label: "Work items" },
  { path: "cycles", label: "Cycles", feature: "cycles" },
  { path: "modules", label: "Modules", feature: "modules" },
  { path: "intake", label: "Intake", feature: "intakes" },
  { path: "views", label: "Views", feature: "views" },
  { path: "settings", label: "Settings" },
];

/** The tabs to show: a tab whose feature is off is hidden; while unknown, every tab shows. */
export function visibleTabs(features: Features | undefined): ProjectTab[] {
  return TABS.filter((tab) => !tab.feature || !features || features[tab.feature]).map(({ path, label }) => ({
    path,
    label,
  }));
}

/** Whether `feature` is on: false while loading, so a screen offers its actions only once known. */
export function useFeatureOn(slug: string, projectId: string, feature: keyof Features): boolean {
  return useFeatures(slug, projectId).data?.[feature] === true;
}
