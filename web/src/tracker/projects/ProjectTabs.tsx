// The project's header: its identifier and name over a tab bar (Work items, Cycles, Modules,
// Intake, Views, Settings); tabs of features turned off are hidden. Any project screen may
// render it at its top.
import type { ReactNode } from "react";
import { NavLink } from "react-router";
import { useProject } from "../data";
import { useFeatures, visibleTabs } from "./features";
import "./project.css";

export function ProjectTabs({ slug, projectId, actions }: { slug: string; projectId: string; actions?: ReactNode }) {
  const project = useProject(slug, projectId).data;
  const features = useFeatures(slug, projectId).data;
  const base = `/${slug}/projects/${projectId}`;
  return (
    <header className="pj-header">
      <div className="pj-header-top">
        <h1 className="pj-title">
          {project && <span className="project-key">{project.identifier}</span>}
          <span>{project?.name ?? "Project"}</span>
        </h1>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      <nav aria-label="Project sections">
        <ul className="pj-tabs">
          {visibleTabs(features).map((tab) => (
            <li key={tab.path}>
              <NavLink to={`${base}/${tab.path}`}>{tab.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
