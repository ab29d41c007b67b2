// The full page of a work item: /:slug/projects/:projectId/issues/:workItemId.
import { useEffect } from "react";
import { Link, useParams } from "react-router";
import { useSlug } from "../../app/WorkspaceLayout";
import { useProject } from "../data";
import { WorkItemDetail } from "./WorkItemDetail";

export function FullPage({ slug, projectId, workItemId }: { slug: string; projectId: string; workItemId: string }) {
  const project = useProject(slug, projectId).data;
  const itemHref = (id: string) => `/${slug}/projects/${projectId}/issues/${id}`;
  return (
    <WorkItemDetail
      slug={slug}
      projectId={projectId}
      workItemId={workItemId}
      variant="page"
      itemHref={itemHref}
      header={(key) => <PageTop slug={slug} projectId={projectId} projectName={project?.name} itemKey={key} />}
    />
  );
}

function PageTop({ slug, projectId, projectName, itemKey }: { slug: string; projectId: string; projectName?: string; itemKey?: string }) {
  useEffect(() => {
    if (itemKey) document.title = `${itemKey} · Glider`;
  }, [itemKey]);
  return (
    <header className="page-header wid-page-header">
      <nav aria-label="Breadcrumb">
        <ol className="wid-breadcrumb">
          <li>
            <Link to={`/${slug}/projects/${projectId}/issues`}>{projectName ?? "Project"}</Link>
          </li>
          <li aria-current="page">
            <h1 className="wid-key">{itemKey ?? "Work item"}</h1>
          </li>
        </ol>
      </nav>
    </header>
  );
}

export default function WorkItemPage() {
  const slug = useSlug();
  const { projectId = "", workItemId = "" } = useParams();
  return <FullPage key={workItemId} slug={slug} projectId={projectId} workItemId={workItemId} />;
}
