// Cycles of the project: current, upcoming, completed and drafts, with progress; create, edit,
// archive (once ended) and delete.
import { useState } from "react";
import { Link, useParams } from "react-router";
import { api, call } from "../../api/client";
import { keys } from "../../api/keys";
import { useSlug } from "../../app/WorkspaceLayout";
import { Avatar, EmptyState, ErrorState, Spinner } from "../../ui/common";
import { toast } from "../../ui/toast";
import { personName, useCycles, useProjectMembers, type Cycle } from "../data";
import { ConfirmDialog } from "../projects/ConfirmDialog";
import { useListMutation } from "../projects/optimistic";
import { FeaturePage } from "../projects/FeaturePage";
import { CycleDialog } from "./CycleDialog";
import { dateRange, groupCycles, PHASES, phaseOf, progressOf } from "./cycles";
import { ProgressBar } from "./ProgressBar";
import "../projects/project.css";

export default function CyclesPage() {
  const slug = useSlug();
  const projectId = useParams().projectId ?? "";
  const [editing, setEditing] = useState<Cycle | "new" | null>(null);
  return (
    <FeaturePage
      slug={slug}
      projectId={projectId}
      feature="cycles"
      label="Cycles"
      createLabel="New cycle"
      onCreate={() => setEditing("new")}
      dialogs={
        <CycleDialog
          key={editing === null ? "closed" : editing === "new" ? "new" : editing.id}
          slug={slug}
          projectId={projectId}
          cycle={editing && editing !== "new" ? editing : undefined}
          open={editing !== null}
          onClose={() => setEditing(null)}
        />
      }
    >
      <CycleList slug={slug} projectId={projectId} onNew={() => setEditing("new")} onEdit={setEditing} />
    </FeaturePage>
  );
}

function CycleList({
  slug,
  projectId,
  onNew,
  onEdit,
}: {
  slug: string;
  projectId: string;
  onNew: () => void;
  onEdit: (cycle: Cycle) => void;
}) {
  const cycles = useCycles(slug, projectId);
  const members = useProjectMembers(slug, projectId).data?.results ?? [];
  const [deleting, setDeleting] = useState<Cycle | null>(null);
  const act = useListMutation<Cycle, { cycle: Cycle; kind: "archive" | "delete" }>(
    keys.cycles(slug, projectId),
    async ({ cycle, kind }) => {
      const params = { params: { path: { slug, project_id: projectId, cycle_id: cycle.id } } };
      if (kind === "archive") await call(api.POST("/api/v1/workspaces/{slug}/projects/{project_id}/cycles/{cycle_id}/archive/", params));
      else await call(api.DELETE("/api/v1/workspaces/{slug}/projects/{project_id}/cycles/{cycle_id}/", params));
      toast(kind === "archive" ? `${cycle.name} was archived.` : `${cycle.name} was deleted.`);
    },
    (list, { cycle }) => list.filter((c) => c.id !== cycle.id),
  );

  if (cycles.isPending) return <Spinner label="Loading cycles" />;
  if (cycles.isError) return <ErrorState error={cycles.error} retry={() => void cycles.refetch()} />;
  if (cycles.data.length === 0) {
    return (
      <EmptyState
        title="No cycles yet"
        action={
          <button type="button" className="button button-primary" onClick={onNew}>
            Create your first cycle
          </button>
        }
      >
        A cycle is a time box, such as a two-week sprint: put work items in it and follow its progress and burn-down.
      </EmptyState>
    );
  }
  const now = new Date();
  const groups = groupCycles(cycles.data, now);
  return (
    <>
      {PHASES.filter((phase) => groups[phase.id].length > 0 || phase.id !== "draft").map((phase) => (
        <section key={phase.id} className="pj-section" aria-labelledby={`phase-${phase.id}`}>
          <h2 id={`phase-${phase.id}`}>
            {phase.label} <span className="pj-muted">{groups[phase.id].length}</span>
          </h2>
          {groups[phase.id].length === 0 ? (
            <p className="pj-muted">{phase.empty}</p>
          ) : (
            <ul className="pj-rows">
              {groups[phase.id].map((cycle) => {
                const owner = members.find((m) => m.id === cycle.owned_by);
                const progress = progressOf(cycle);
                const completed = phaseOf(cycle, now) === "completed";
                return (
                  <li key={cycle.id} className="pj-row">
                    <div className="pj-row-main">
                      <Link to={`/${slug}/projects/${projectId}/cycles/${cycle.id}`}>{cycle.name}</Link>
                      <span className="pj-muted pj-small">{dateRange(cycle.start_date, cycle.end_date, cycle.timezone)}</span>
                    </div>
                    <ProgressBar done={progress.done} total={progress.total} label={`Progress of ${cycle.name}`} />
                    {owner && (
                      <span className="pj-meta" title={`Owner: ${personName(owner)}`}>
                        <Avatar name={personName(owner)} url={owner.avatar_url} size={22} />
                        <span className="visually-hidden">Owner: {personName(owner)}</span>
                      </span>
                    )}
                    <div className="pj-row-actions">
                      {!completed && (
                        <button type="button" className="button button-ghost" onClick={() => onEdit(cycle)} aria-label={`Edit ${cycle.name}`}>
                          Edit
                        </button>
                      )}
                      {completed && (
                        <button
                          type="button"
                          className="button button-ghost"
                          aria-label={`Archive ${cycle.name}`}
                          onClick={() => act.mutate({ cycle, kind: "archive" })}
                        >
                          Archive
                        </button>
                      )}
                      <button
                        type="button"
                        className="button button-ghost pj-danger-text"
                        aria-label={`Delete ${cycle.name}`}
                        onClick={() => setDeleting(cycle)}
                      >
                        Delete
                      </button>
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      ))}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete cycle"
        message={`Delete ${deleting?.name ?? "this cycle"}? Its work items stay in the project.`}
        action="Delete cycle"
        onConfirm={() => deleting && act.mutate({ cycle: deleting, kind: "delete" })}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
