// Modules of the project: status, lead, dates and progress; create, edit, archive, delete.
import { useState } from "react";
import { Link, useParams } from "react-router";
import { api, call } from "../../api/client";
import { keys } from "../../api/keys";
import { useSlug } from "../../app/WorkspaceLayout";
import { Avatar, EmptyState, ErrorState, Spinner } from "../../ui/common";
import { toast } from "../../ui/toast";
import { personName, useModules, useProjectMembers, type Module } from "../data";
import { ProgressBar } from "../cycles/ProgressBar";
import { progressOf } from "../cycles/cycles";
import { ConfirmDialog } from "../projects/ConfirmDialog";
import { useListMutation } from "../projects/optimistic";
import { FeaturePage } from "../projects/FeaturePage";
import { ModuleDialog } from "./ModuleDialog";
import { canArchive, moduleDates, sortModules, statusInfo } from "./modules";
import "../projects/project.css";

export default function ModulesPage() {
  const slug = useSlug();
  const projectId = useParams().projectId ?? "";
  const [editing, setEditing] = useState<Module | "new" | null>(null);
  return (
    <FeaturePage
      slug={slug}
      projectId={projectId}
      feature="modules"
      label="Modules"
      createLabel="New module"
      onCreate={() => setEditing("new")}
      dialogs={
        <ModuleDialog
          key={editing === null ? "closed" : editing === "new" ? "new" : editing.id}
          slug={slug}
          projectId={projectId}
          module={editing && editing !== "new" ? editing : undefined}
          open={editing !== null}
          onClose={() => setEditing(null)}
        />
      }
    >
      <ModuleList slug={slug} projectId={projectId} onNew={() => setEditing("new")} onEdit={setEditing} />
    </FeaturePage>
  );
}

function ModuleList({ slug, projectId, onNew, onEdit }: { slug: string; projectId: string; onNew: () => void; onEdit: (m: Module) => void }) {
  const modules = useModules(slug, projectId);
  const members = useProjectMembers(slug, projectId).data?.results ?? [];
  const [deleting, setDeleting] = useState<Module | null>(null);
  const act = useListMutation<Module, { module: Module; kind: "archive" | "delete" }>(
    keys.modules(slug, projectId),
    async ({ module, kind }) => {
      const params = { params: { path: { slug, project_id: projectId, module_id: module.id } } };
      if (kind === "archive") await call(api.POST("/api/v1/workspaces/{slug}/projects/{project_id}/modules/{module_id}/archive/", params));
      else await call(api.DELETE("/api/v1/workspaces/{slug}/projects/{project_id}/modules/{module_id}/", params));
      toast(kind === "archive" ? `${module.name} was archived.` : `${module.name} was deleted.`);
    },
    (list, { module }) => list.filter((m) => m.id !== module.id),
  );

  if (modules.isPending) return <Spinner label="Loading modules" />;
  if (modules.isError) return <ErrorState error={modules.error} retry={() => void modules.refetch()} />;
  if (modules.data.length === 0) {
    return (
      <EmptyState
        title="No modules yet"
        action={
          <button type="button" className="button button-primary" onClick={onNew}>
            Create your first module
          </button>
        }
      >
        A module groups the work items of one deliverable, such as a feature or a release, with a lead and a target date.
      </EmptyState>
    );
  }
  return (
    <>
      <ul className="pj-rows" aria-label="Modules">
        {sortModules(modules.data).map((module) => {
          const lead = members.find((m) => m.id === module.lead);
          const status = statusInfo(module.status);
          const progress = progressOf(module);
          return (
            <li key={module.id} className="pj-row">
              <div className="pj-row-main">
                <Link to={`/${slug}/projects/${projectId}/modules/${module.id}`}>{module.name}</Link>
                <span className="pj-muted pj-small">{moduleDates(module.start_date, module.target_date)}</span>
              </div>
              <span className={`pj-pill${status.tone ? ` pj-pill-${status.tone}` : ""}`}>{status.label}</span>
              <ProgressBar done={progress.done} total={progress.total} label={`Progress of ${module.name}`} />
              <span className="pj-meta">
                {lead ? (
                  <>
                    <Avatar name={personName(lead)} url={lead.avatar_url} size={22} />
                    <span className="visually-hidden">Lead: </span>
                    {personName(lead)}
                  </>
                ) : (
                  "No lead"
                )}
              </span>
              <div className="pj-row-actions">
                <button type="button" className="button button-ghost" aria-label={`Edit ${module.name}`} onClick={() => onEdit(module)}>
                  Edit
                </button>
                {canArchive(module) && (
                  <button
                    type="button"
                    className="button button-ghost"
                    aria-label={`Archive ${module.name}`}
                    onClick={() => act.mutate({ module, kind: "archive" })}
                  >
                    Archive
                  </button>
                )}
                <button
                  type="button"
                  className="button button-ghost pj-danger-text"
                  aria-label={`Delete ${module.name}`}
                  onClick={() => setDeleting(module)}
                >
                  Delete
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={deleting !== null}
        title="Delete module"
        message={`Delete ${deleting?.name ?? "this module"}? Its work items stay in the project.`}
        action="Delete module"
        onConfirm={() => deleting && act.mutate({ module: deleting, kind: "delete" })}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
