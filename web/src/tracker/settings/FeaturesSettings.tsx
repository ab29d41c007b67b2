// Feature toggles: cycles, modules, views, pages, intake and time tracking, saved at once
// (rolled back if the server refuses).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, call } from "../../api/client";
import { keys } from "../../api/keys";
import { ErrorState, Spinner } from "../../ui/common";
import { toastError } from "../../ui/toast";
import { featuresKey, useFeatures, type Features } from "../projects/features";

const FEATURES: { key: keyof Features; label: string; hint: string }[] = [
  { key: "cycles", label: "Cycles", hint: "Time-boxed iterations with progress and a burn-down." },
  { key: "modules", label: "Modules", hint: "Group work items into deliverables with a lead and dates." },
  { key: "views", label: "Views", hint: "Save filtered lists of work items to come back to." },
  { key: "pages", label: "Pages", hint: "Write documents next to the work." },
  { key: "intakes", label: "Intake", hint: "Triage requests before they become work items." },
  { key: "time_tracking", label: "Time tracking", hint: "Log time spent on work items." },
];

export function FeaturesSettings({ slug, projectId, admin }: { slug: string; projectId: string; admin: boolean }) {
  const client = useQueryClient();
  const features = useFeatures(slug, projectId);
  const key = featuresKey(slug, projectId);
  const toggle = useMutation({
    mutationFn: (patch: Partial<Features>) =>
      call(
        api.PATCH("/api/v1/workspaces/{slug}/projects/{project_id}/features/", {
          params: { path: { slug, project_id: projectId } },
          body: patch,
        }),
      ),
    onMutate: async (patch) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<Features>(key);
      if (previous) client.setQueryData<Features>(key, { ...previous, ...patch });
      return { previous };
    },
    onError: (error, _patch, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
      toastError(error);
    },
    onSuccess: (saved) => client.setQueryData(key, saved),
    onSettled: () => void client.invalidateQueries({ queryKey: keys.project(slug, projectId), exact: true }),
  });

  if (features.isPending) return <Spinner label="Loading features" />;
  if (features.isError) return <ErrorState error={features.error} retry={() => void features.refetch()} />;
  return (
    <section aria-labelledby="features-title">
      <header>
        <h2 id="features-title">Features</h2>
        <p>Turn on what this project uses; the tabs follow.</p>
      </header>
      <ul className="pj-rows" aria-label="Features">
        {FEATURES.map((feature) => (
          <li key={feature.key} className="pj-row">
            <div className="pj-row-main">
              <label className="pj-row-title" htmlFor={`feature-${feature.key}`}>
                {feature.label}
              </label>
              <span className="pj-muted pj-small" id={`feature-${feature.key}-hint`}>
                {feature.hint}
              </span>
            </div>
            <input
              id={`feature-${feature.key}`}
              type="checkbox"
              role="switch"
              className="pj-switch"
              aria-describedby={`feature-${feature.key}-hint`}
              checked={features.data[feature.key]}
              disabled={!admin}
              onChange={(e) => toggle.mutate({ [feature.key]: e.target.checked })}
            />
          </li>
        ))}
      </ul>
      {!admin && <p className="pj-muted">Only project admins can turn features on or off.</p>}
    </section>
  );
}
