// One cycle: its dates, owner and progress by state group, the burn-down, its work items (add,
// remove) and, once it has ended, moving its open work items to another cycle.
import { useState } from "react";
import { Link, useParams } from "react-router";
import { useSlug } from "../../app/WorkspaceLayout";
import { Avatar, ErrorState, Spinner } from "../../ui/common";
import { personName, useProjectMembers, useStates, type Cycle } from "../data";
import { ProjectTabs } from "../projects/ProjectTabs";
import { useProjectLive } from "../projects/useProjectLive";
import { BurndownChart } from "./BurndownChart";
import { CycleDialog } from "./CycleDialog";
import { dateRange, phaseOf, progressOf } from "./cycles";
import { useContainerItems } from "./items";
import { ItemsPanel } from "./ItemsPanel";
import { ProgressBar } from "./ProgressBar";
import { TransferDialog } from "./TransferDialog";
import { cycleBurndown, useCycle } from "./useCycle";
import "../projects/project.css";

export default function CyclePage() {
  const slug = useSlug();
  const { projectId = "", cycleId = "" } = useParams();
  useProjectLive(slug, projectId);
  const cycle = useCycle(slug, projectId, cycleId);
  const [editing, setEditing] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const completed = cycle.data ? phaseOf(cycle.data, new Date()) === "completed" : false;
  const openCount = cycle.data ? (cycle.data.backlog_issues ?? 0) + (cycle.data.unstarted_issues ?? 0) + (cycle.data.started_issues ?? 0) : 0;

  return (
    <div className="pj-page">
      <ProjectTabs
        slug={slug}
        projectId={projectId}
        actions={
          cycle.data && (
            <>
              {completed && openCount > 0 && (
                <button type="button" className="button" onClick={() => setTransferring(true)}>
                  Move open work items
                </button>
              )}
              {!completed && (
                <button type="button" className="button" onClick={() => setEditing(true)}>
                  Edit cycle
                </button>
              )}
            </>
          )
        }
      />
      <div className="page-body">
        <p style={{ margin: "0 0 12px" }}>
          <Link to={`/${slug}/projects/${projectId}/cycles`}>← All cycles</Link>
        </p>
        {cycle.isPending ? (
          <Spinner label="Loading the cycle" />
        ) : cycle.isError ? (
          <ErrorState error={cycle.error} retry={() => void cycle.refetch()} />
        ) : (
          <CycleBody slug={slug} projectId={projectId} cycle={cycle.data} completed={completed} />
        )}
      </div>
      {cycle.data && (
        <>
          <CycleDialog
            key={cycle.data.updated_at}
            slug={slug}
            projectId={projectId}
            cycle={cycle.data}
            open={editing}
            onClose={() => setEditing(false)}
          />
          <TransferDialog
            slug={slug}
            projectId={projectId}
            cycle={cycle.data}
            openCount={openCount}
            open={transferring}
            onClose={() => setTransferring(false)}
          />
        </>
      )}
    </div>
  );
}

function CycleBody({ slug, projectId, cycle, completed }: { slug: string; projectId: string; cycle: Cycle; completed: boolean }) {
  const items = useContainerItems(slug, projectId, { kind: "cycle", id: cycle.id });
  const states = useStates(slug, projectId).data ?? [];
  const owner = (useProjectMembers(slug, projectId).data?.results ?? []).find((m) => m.id === cycle.owned_by);
  const progress = progressOf(cycle);
  const chart = items.data ? cycleBurndown(cycle, items.data, states, new Date()) : null;

  return (
    <div className="pj-split">
      <div className="stack">
        <header className="stack" style={{ gap: 4 }}>
          <h2 style={{ fontSize: 20, margin: 0 }}>{cycle.name}</h2>
          <span className="pj-muted">
            {dateRange(cycle.start_date, cycle.end_date, cycle.timezone)} · {phaseLabel(cycle)}
          </span>
          {cycle.description && <p style={{ margin: "4px 0 0" }}>{cycle.description}</p>}
        </header>
        <ItemsPanel
          slug={slug}
          projectId={projectId}
          container={{ kind: "cycle", id: cycle.id }}
          canAdd={!completed}
          addBlockedReason="The cycle has ended: work items can no longer be added."
        />
      </div>
      <aside className="stack" aria-label="Cycle progress">
        <div className="pj-panel">
          <h2>Progress</h2>
          <ProgressBar done={progress.done} total={progress.total} label={`Progress of ${cycle.name}`} />
          <dl className="pj-stats">
            {progress.groups.map((group) => (
              <div key={group.id}>
                <dt>{group.label}</dt>
                <dd>{group.count}</dd>
              </div>
            ))}
          </dl>
          {owner && (
            <span className="pj-meta">
              <Avatar name={personName(owner)} url={owner.avatar_url} size={20} />
              Owner: {personName(owner)}
            </span>
          )}
        </div>
        <div className="pj-panel">
          <h2>Burn-down</h2>
          {items.isPending ? (
            <Spinner label="Loading the burn-down" />
          ) : chart ? (
            <BurndownChart chart={chart} title={`Burn-down of ${cycle.name}`} />
          ) : (
            <p className="pj-muted">A draft has no dates: set them to see the burn-down.</p>
          )}
        </div>
      </aside>
    </div>
  );
}

function phaseLabel(cycle: Cycle): string {
  const phase = phaseOf(cycle, new Date());
  return { current: "In progress", upcoming: "Upcoming", completed: "Completed", draft: "Draft" }[phase];
}
