// One cycle (under the cycles key, so cycle events refresh it) and its burn-down input.
import { useQuery } from "@tanstack/react-query";
import { api, call } from "../../api/client";
import { keys } from "../../api/keys";
import type { Cycle, State, WorkItem } from "../data";
import { burndown, type Burndown } from "./burndown";
import { dayIn } from "./cycles";

export function useCycle(slug: string, projectId: string, cycleId: string) {
  return useQuery({
    queryKey: [...keys.cycles(slug, projectId), cycleId],
    queryFn: () =>
      call(
        api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/cycles/{cycle_id}/", {
          params: { path: { slug, project_id: projectId, cycle_id: cycleId } },
        }),
      ),
  });
}

/**
 * The cycle's burn-down from its work items: cancelled items leave the scope; an item counts as
 * done on the day of its `completed_at` (or of its last change, if it sits in a completed
 * state without one).
 */
export function cycleBurndown(cycle: Cycle, items: WorkItem[], states: State[], now: Date): Burndown | null {
  if (!cycle.start_date || !cycle.end_date) return null;
  const zone = cycle.timezone || "UTC";
  const group = new Map(states.map((s) => [s.id, s.group]));
  const completedDays = items
    .filter((item) => group.get(item.state ?? "") !== "cancelled")
    .map((item) => {
      if (item.completed_at) return dayIn(item.completed_at, zone);
      if (group.get(item.state ?? "") === "completed") return dayIn(item.updated_at, zone);
      return null;
    });
  return burndown({
    startDay: dayIn(cycle.start_date, zone),
    endDay: dayIn(cycle.end_date, zone),
    today: dayIn(now.toISOString(), zone),
    completedDays,
  });
}
