// The frame of a project screen behind a feature switch (cycles, modules, intake, views): the
// project's tabs with the screen's create button once the feature is known to be on, live
// updates, and the switch's gate around the content.
import type { ReactNode } from "react";
import { FeatureGate } from "./FeatureGate";
import { useFeatureOn, type Features } from "./features";
import { ProjectTabs } from "./ProjectTabs";
import { useProjectLive } from "./useProjectLive";
import "./project.css";

export function FeaturePage({
  slug,
  projectId,
  feature,
  label,
  createLabel,
  onCreate,
  dialogs,
  children,
}: {
  slug: string;
  projectId: string;
  feature: keyof Features;
  /** The feature's name in the "turned off" message, e.g. "Cycles". */
  label: string;
  /** The create button's text, e.g. "New cycle". */
  createLabel: string;
  onCreate: () => void;
  /** Dialogs of the screen, outside the gate. */
  dialogs?: ReactNode;
  children: ReactNode;
}) {
  useProjectLive(slug, projectId);
  const enabled = useFeatureOn(slug, projectId, feature);
  return (
    <div className="pj-page">
      <ProjectTabs
        slug={slug}
        projectId={projectId}
        actions={
          enabled && (
            <button type="button" className="button button-primary" onClick={onCreate}>
              {createLabel}
            </button>
          )
        }
      />
      <div className="page-body">
        <FeatureGate slug={slug} projectId={projectId} feature={feature} label={label}>
          {children}
        </FeatureGate>
      </div>
      {dialogs}
    </div>
  );
}
