// What a project screen shows when its feature is turned off: where to turn it on.
import type { ReactNode } from "react";
import { Link } from "react-router";
import { EmptyState, Spinner } from "../../ui/common";
import { useFeatures, type Features } from "./features";

export function FeatureGate({
  slug,
  projectId,
  feature,
  label,
  children,
}: {
  slug: string;
  projectId: string;
  feature: keyof Features;
  label: string;
  children: ReactNode;
}) {
  const plural = label.endsWith("s");
  const features = useFeatures(slug, projectId);
  if (features.isPending) return <Spinner />;
  if (features.data && !features.data[feature]) {
    return (
      <EmptyState
        title={`${label} ${plural ? "are" : "is"} turned off`}
        action={
          <Link className="button" to={`/${slug}/projects/${projectId}/settings/features`}>
            Open feature settings
          </Link>
        }
      >
        A project admin can turn {label.toLowerCase()} on in the project settings.
      </EmptyState>
    );
  }
  return <>{children}</>;
}
