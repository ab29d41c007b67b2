// The project's intake queue (every status at once) and the decisions on it, optimistic with
// rollback.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, call } from "../../api/client";
import { keys } from "../../api/keys";
import { toastError } from "../../ui/toast";
import { loose } from "../projects/loose";
import { decide, type IntakeItem } from "./intake";

export function intakeKey(slug: string, projectId: string) {
  return [...keys.project(slug, projectId), "intake"] as const;
}

export function useIntake(slug: string, projectId: string) {
  return useQuery({
    queryKey: intakeKey(slug, projectId),
    queryFn: async () =>
      (
        await call(
          api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/intake-issues/", {
            params: { path: { slug, project_id: projectId }, query: { per_page: "1000", status: "-2,-1,0,1,2" } },
          }),
        )
      ).results,
  });
}

export interface Decision {
  issue: string;
  status: number;
  snoozed_till?: string | null;
  duplicate_to?: string | null;
}

export function useDecide(slug: string, projectId: string) {
  const client = useQueryClient();
  const key = intakeKey(slug, projectId);
  return useMutation({
    mutationFn: ({ issue, ...body }: Decision) =>
      call(
        api.PATCH("/api/v1/workspaces/{slug}/projects/{project_id}/intake-issues/{work_item_id}/status/", {
          params: { path: { slug, project_id: projectId, work_item_id: issue } },
          body: loose(body),
        }),
      ),
    onMutate: async (decision) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<IntakeItem[]>(key);
      if (previous) client.setQueryData(key, decide(previous, decision.issue, decision));
      return { previous };
    },
    onError: (error, _decision, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
      toastError(error);
    },
    onSettled: () => void client.invalidateQueries({ queryKey: key }),
  });
}

export function useDeleteIntake(slug: string, projectId: string) {
  const client = useQueryClient();
  const key = intakeKey(slug, projectId);
  return useMutation({
    mutationFn: (issue: string) =>
      call(
        api.DELETE("/api/v1/workspaces/{slug}/projects/{project_id}/intake-issues/{work_item_id}/", {
          params: { path: { slug, project_id: projectId, work_item_id: issue } },
        }),
      ),
    onMutate: async (issue) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<IntakeItem[]>(key);
      if (previous) client.setQueryData(key, previous.filter((item) => item.issue !== issue));
      return { previous };
    },
    onError: (error, _issue, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
      toastError(error);
    },
    onSettled: () => void client.invalidateQueries({ queryKey: key }),
  });
}
