// Saved views of the project: name, description, what they filter, owner and who sees them;
// create, edit (rename, filters), delete; opening one shows the work items through it.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { useMe } from "../../accounts/session";
import { api, call } from "../../api/client";
import { keys } from "../../api/keys";
import { useSlug } from "../../app/WorkspaceLayout";
import { Avatar, EmptyState, ErrorState, Spinner } from "../../ui/common";
import { toast } from "../../ui/toast";
import { useCurrentWorkspace } from "../../workspaces/settings/useWorkspace";
import { personName, useLabels, useProject, useStates, useWorkspaceMembers } from "../data";
import { ConfirmDialog } from "../projects/ConfirmDialog";
import { useListMutation } from "../projects/optimistic";
import { FeaturePage } from "../projects/FeaturePage";
import { canAdminister } from "../settings/roles";
import { ViewDialog, type View } from "./ViewDialog";
import { summarise } from "./viewFilters";
import "../projects/project.css";

function useViews(slug: string, projectId: string) {
  return useQuery({
    queryKey: [...keys.views(slug, projectId), "list"],
    queryFn: async () =>
      (
        await call(
          api.GET("/api/v1/workspaces/{slug}/projects/{project_id}/views/", {
            params: { path: { slug, project_id: projectId }, query: { per_page: "1000" } },
          }),
        )
      ).results,
  });
}

export default function ViewsPage() {
  const slug = useSlug();
  const projectId = useParams().projectId ?? "";
  const [editing, setEditing] = useState<View | "new" | null>(null);
  const me = useMe().data;
  const editingView = editing && editing !== "new" ? editing : undefined;
  return (
    <FeaturePage
      slug={slug}
      projectId={projectId}
      feature="views"
      label="Views"
      createLabel="New view"
      onCreate={() => setEditing("new")}
      dialogs={
        <ViewDialog
          key={editing === null ? "closed" : editing === "new" ? "new" : editing.id}
          slug={slug}
          projectId={projectId}
          view={editingView}
          canShare={!editingView || editingView.owned_by === me?.id}
          open={editing !== null}
          onClose={() => setEditing(null)}
        />
      }
    >
      <ViewList slug={slug} projectId={projectId} onNew={() => setEditing("new")} onEdit={setEditing} />
    </FeaturePage>
  );
}

function ViewList({ slug, projectId, onNew, onEdit }: { slug: string; projectId: string; onNew: () => void; onEdit: (v: View) => void }) {
  const views = useViews(slug, projectId);
  const states = useStates(slug, projectId).data ?? [];
  const labels = useLabels(slug, projectId).data ?? [];
  const people = useWorkspaceMembers(slug).data?.results ?? [];
  const me = useMe().data;
  const project = useProject(slug, projectId).data;
  const { workspace } = useCurrentWorkspace(slug);
  const admin = canAdminister(project?.member_role, workspace?.role_slug);
  const [deleting, setDeleting] = useState<View | null>(null);
  const listKey = [...keys.views(slug, projectId), "list"];
  const remove = useListMutation<View, View>(
    listKey,
    async (view) => {
      await call(
        api.DELETE("/api/v1/workspaces/{slug}/projects/{project_id}/views/{view_id}/", {
          params: { path: { slug, project_id: projectId, view_id: view.id } },
        }),
      );
      toast(`${view.name} was deleted.`);
    },
    (list, view) => list.filter((v) => v.id !== view.id),
  );

  if (views.isPending) return <Spinner label="Loading views" />;
  if (views.isError) return <ErrorState error={views.error} retry={() => void views.refetch()} />;
  if (views.data.length === 0) {
    return (
      <EmptyState
        title="No saved views yet"
        action={
          <button type="button" className="button button-primary" onClick={onNew}>
            Create your first view
          </button>
        }
      >
        A view saves a filter, such as “urgent bugs assigned to me”, so that you and your team can come back to it in one click.
      </EmptyState>
    );
  }
  const names = {
    state: (id: string) => states.find((s) => s.id === id)?.name,
    assignees: (id: string) => {
      const person = people.find((p) => p.id === id);
      return person ? personName(person) : undefined;
    },
    labels: (id: string) => labels.find((l) => l.id === id)?.name,
  };
  return (
    <>
      <ul className="pj-rows" aria-label="Saved views">
        {[...views.data]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((view) => {
            const owner = people.find((p) => p.id === view.owned_by);
            const mayChange = !view.is_locked && (view.owned_by === me?.id || admin);
            return (
              <li key={view.id} className="pj-row">
                <div className="pj-row-main">
                  <Link to={`/${slug}/projects/${projectId}/issues?view=${view.id}`}>{view.name}</Link>
                  {view.description && <span className="pj-small">{view.description}</span>}
                  <span className="pj-muted pj-small">{summarise(view.filters, names)}</span>
                </div>
                <span className={`pj-pill${view.access === 0 ? "" : " pj-pill-accent"}`}>{view.access === 0 ? "Private" : "Shared"}</span>
                {view.is_locked && <span className="pj-pill">Locked</span>}
                {owner && (
                  <span className="pj-meta">
                    <Avatar name={personName(owner)} url={owner.avatar_url} size={20} />
                    <span className="visually-hidden">Owner: </span>
                    {personName(owner)}
                  </span>
                )}
                {mayChange && (
                  <div className="pj-row-actions">
                    <button type="button" className="button button-ghost" aria-label={`Edit ${view.name}`} onClick={() => onEdit(view)}>
                      Edit
                    </button>
                    <button type="button" className="button button-ghost pj-danger-text" aria-label={`Delete ${view.name}`} onClick={() => setDeleting(view)}>
                      Delete
                    </button>
                  </div>
                )}
              </li>
            );
          })}
      </ul>
      <ConfirmDialog
        open={deleting !== null}
        title="Delete view"
        message={`Delete ${deleting?.name ?? "this view"}? The work items it shows are not touched.`}
        action="Delete view"
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
