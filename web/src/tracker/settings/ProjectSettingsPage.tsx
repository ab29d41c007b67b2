// Project settings: general, members and roles, states, labels, estimates and features, each a
// sub-route under /:slug/projects/:projectId/settings.
import { NavLink, Navigate, Route, Routes, useParams } from "react-router";
import { useSlug } from "../../app/WorkspaceLayout";
import { ErrorState, Spinner } from "../../ui/common";
import { useCurrentWorkspace } from "../../workspaces/settings/useWorkspace";
import { useProject } from "../data";
import { ProjectTabs } from "../projects/ProjectTabs";
import { useProjectLive } from "../projects/useProjectLive";
import { EstimatesSettings } from "./EstimatesSettings";
import { FeaturesSettings } from "./FeaturesSettings";
import { GeneralSettings } from "./GeneralSettings";
import { LabelsSettings } from "./LabelsSettings";
import { MembersSettings } from "./MembersSettings";
import { canAdminister } from "./roles";
import { StatesSettings } from "./StatesSettings";
import "../projects/project.css";

const SECTIONS = [
  { to: "", label: "General" },
  { to: "members", label: "Members and roles" },
  { to: "states", label: "States" },
  { to: "labels", label: "Labels" },
  { to: "estimates", label: "Estimates" },
  { to: "features", label: "Features" },
];

export default function ProjectSettingsPage() {
  const slug = useSlug();
  const projectId = useParams().projectId ?? "";
  const project = useProject(slug, projectId);
  const { workspace } = useCurrentWorkspace(slug);
  useProjectLive(slug, projectId);
  const base = `/${slug}/projects/${projectId}/settings`;

  let content;
  if (project.isPending) content = <Spinner label="Loading the project" />;
  else if (project.isError) content = <ErrorState error={project.error} retry={() => void project.refetch()} />;
  else {
    const admin = canAdminister(project.data.member_role, workspace?.role_slug);
    const props = { slug, projectId, admin };
    content = (
      <Routes>
        <Route index element={<GeneralSettings key={project.data.updated_at} slug={slug} project={project.data} admin={admin} />} />
        <Route path="members" element={<MembersSettings {...props} />} />
        <Route path="states" element={<StatesSettings {...props} />} />
        <Route path="labels" element={<LabelsSettings {...props} />} />
        <Route path="estimates" element={<EstimatesSettings {...props} />} />
        <Route path="features" element={<FeaturesSettings {...props} />} />
        <Route path="*" element={<Navigate to={base} replace />} />
      </Routes>
    );
  }

  return (
    <div className="pj-page">
      <ProjectTabs slug={slug} projectId={projectId} />
      <div className="pj-settings">
        <nav className="pj-settings-nav" aria-label="Project settings sections">
          <ul>
            {SECTIONS.map((section) => (
              <li key={section.label}>
                <NavLink to={section.to ? `${base}/${section.to}` : base} end>
                  {section.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="pj-settings-content">{content}</div>
      </div>
    </div>
  );
}
