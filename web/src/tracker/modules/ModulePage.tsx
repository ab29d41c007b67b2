// One module: status (changed in place), lead, members, dates, progress and its work items.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { api, call } from "../../api/client";
import { keys } from "../../api/keys";
import { useSlug } from "../../app/WorkspaceLayout";
import { Avatar, ErrorState, Spinner } from "../../ui/common";
import { toastError } from "../../ui/toast";
import { personName, useProjectMembers, type Module } from "../data";
import { progressOf } from "../cycles/cycles";
import { ItemsPanel } from "../cycles/ItemsPanel";
import { ProgressBar } from "../cycles/ProgressBar";
import { loose } from "../projects/loose";
import { ProjectTabs } from "../projects/ProjectTabs";
import { useProjectLive } from "../projects/useProjectLive";
import { ModuleDialog } from "./ModuleDialog";
import { MODULE_STATUSES, moduleDates, type ModuleStatus } from "./modules";
import { useModule } from "./useModule";
import "../projects/project.css";

export default function ModulePage() {
  const slug = useSlug();
  const { projectId = "", moduleId = "" } = useParams();
  useProjectLive(slug, projectId);
  const module = useModule(slug, projectId, moduleId);
  const [editing, setEditing] = useState(false);
  return (
    <div className="pj-page">
      <ProjectTabs
        slug={slug}
        projectId={projectId}
        actions={
          module.data && (
            <button type="button" className="button" onClick={() => setEditing(true)}>
              Edit module
            </button>
          )
        }
      />
      <div className="page-body">
        <p style={{ margin: "0 0 12px" }}>
          <Link to={`/${slug}/projects/${projectId}/modules`}>← All modules</Link>
        </p>
        {module.isPending ? (
          <Spinner label="Loading the module" />
        ) : module.isError ? (
          <ErrorState error={module.error} retry={() => void module.refetch()} />
        ) : (
          <ModuleBody slug={slug} projectId={projectId} module={module.data} />
        )}
      </div>
      {module.data && (
        <ModuleDialog
          key={module.data.updated_at}
          slug={slug}
          projectId={projectId}
          module={module.data}
          open={editing}
          onClose={() => setEditing(false)}
        />
      )}
    </div>
  );
}

function ModuleBody({ slug, projectId, module }: { slug: string; projectId: string; module: Module }) {
  const client = useQueryClient();
  const people = useProjectMembers(slug, projectId).data?.results ?? [];
  const lead = people.find((m) => m.id === module.lead);
  const members = people.filter((m) => module.members.includes(m.id));
  const progress = progressOf(module);
  const key = [...keys.modules(slug, projectId), module.id];
  const setStatus = useMutation({
    mutationFn: (status: ModuleStatus) =>
      call(
        api.PATCH("/api/v1/workspaces/{slug}/projects/{project_id}/modules/{module_id}/", {
          params: { path: { slug, project_id: projectId, module_id: module.id } },
          body: loose({ status }),
        }),
      ),
    onMutate: async (status) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<Module>(key);
      if (previous) client.setQueryData<Module>(key, { ...previous, status });
      return { previous };
    },
    onError: (error, _status, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
      toastError(error);
    },
    onSettled: () => void client.invalidateQueries({ queryKey: keys.modules(slug, projectId) }),
  });

  return (
    <div className="pj-split">
      <div className="stack">
        <header className="stack" style={{ gap: 4 }}>
          <h2 style={{ fontSize: 20, margin: 0 }}>{module.name}</h2>
          <span className="pj-muted">{moduleDates(module.start_date, module.target_date)}</span>
          {module.description && <p style={{ margin: "4px 0 0" }}>{module.description}</p>}
        </header>
        <ItemsPanel slug={slug} projectId={projectId} container={{ kind: "module", id: module.id }} canAdd />
      </div>
      <aside className="stack" aria-label="Module details">
        <div className="pj-panel">
          <h2>Details</h2>
          <label className="field">
            <span className="field-label">Status</span>
            <select aria-label="Status" value={module.status} onChange={(e) => setStatus.mutate(e.target.value as ModuleStatus)}>
              {MODULE_STATUSES.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
          <div className="pj-meta">
            {lead ? (
              <>
                <Avatar name={personName(lead)} url={lead.avatar_url} size={20} /> Lead: {personName(lead)}
              </>
            ) : (
              "No lead"
            )}
          </div>
          <ProgressBar done={progress.done} total={progress.total} label={`Progress of ${module.name}`} />
          <dl className="pj-stats">
            {progress.groups.map((group) => (
              <div key={group.id}>
                <dt>{group.label}</dt>
                <dd>{group.count}</dd>
              </div>
            ))}
          </dl>
        </div>
        <div className="pj-panel">
          <h2>Members</h2>
          {members.length === 0 ? (
            <p className="pj-muted" style={{ margin: 0 }}>
              Nobody yet: add members with Edit module.
            </p>
          ) : (
            <ul className="plain-list">
              {members.map((m) => (
                <li key={m.id} className="pj-meta">
                  <Avatar name={personName(m)} url={m.avatar_url} size={22} />
                  {personName(m)}
                </li>
              ))}
            </ul>
          )}
        </div>
      </aside>
    </div>
  );
}
