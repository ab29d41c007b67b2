// The intake queue: tabs by decision (pending, accepted, declined, snoozed, duplicate); submit a
// request; admins accept, decline, snooze until a date, mark as duplicate or reopen.
import { useState } from "react";
import { useParams } from "react-router";
import { useSlug } from "../../app/WorkspaceLayout";
import { EmptyState, ErrorState, Spinner } from "../../ui/common";
import { useCurrentWorkspace } from "../../workspaces/settings/useWorkspace";
import { useProjectItems } from "../cycles/items";
import { useProject } from "../data";
import { FeaturePage } from "../projects/FeaturePage";
import { canAdminister } from "../settings/roles";
import { CreateIntakeDialog } from "./CreateIntakeDialog";
import { DuplicateDialog, SnoozeDialog } from "./DecisionDialogs";
import { groupIntake, INTAKE_STATUS, INTAKE_TABS, type IntakeItem, type IntakeTab } from "./intake";
import { IntakeRow } from "./IntakeRow";
import { useDecide, useDeleteIntake, useIntake } from "./useIntake";
import "../projects/project.css";

export default function IntakePage() {
  const slug = useSlug();
  const projectId = useParams().projectId ?? "";
  const [creating, setCreating] = useState(false);
  return (
    <FeaturePage
      slug={slug}
      projectId={projectId}
      feature="intakes"
      label="Intake"
      createLabel="New request"
      onCreate={() => setCreating(true)}
      dialogs={
        <CreateIntakeDialog slug={slug} projectId={projectId} open={creating} onClose={() => setCreating(false)} />
      }
    >
      <Queue slug={slug} projectId={projectId} onNew={() => setCreating(true)} />
    </FeaturePage>
  );
}

function Queue({ slug, projectId, onNew }: { slug: string; projectId: string; onNew: () => void }) {
  const intake = useIntake(slug, projectId);
  const project = useProject(slug, projectId).data;
  const { workspace } = useCurrentWorkspace(slug);
  const admin = canAdminister(project?.member_role, workspace?.role_slug);
  const decide = useDecide(slug, projectId);
  const remove = useDeleteIntake(slug, projectId);
  const [tab, setTab] = useState<IntakeTab>("pending");
  const [snoozing, setSnoozing] = useState<IntakeItem | null>(null);
  const [duplicating, setDuplicating] = useState<IntakeItem | null>(null);
  const projectItems = useProjectItems(slug, projectId, tab === "duplicate");

  if (intake.isPending) return <Spinner label="Loading the intake queue" />;
  if (intake.isError) return <ErrorState error={intake.error} retry={() => void intake.refetch()} />;
  const groups = groupIntake(intake.data);
  const current = INTAKE_TABS.find((t) => t.id === tab) ?? INTAKE_TABS[0];
  const list = groups[tab];
  const originalOf = (id: string | null | undefined) => {
    if (!id) return undefined;
    const found = intake.data.find((e) => e.issue === id)?.issue_detail ?? projectItems.data?.find((i) => i.id === id);
    return found ? `${project?.identifier ?? ""}-${found.sequence_id} ${found.name}` : undefined;
  };

  return (
    <>
      <div className="pj-tabbar" role="tablist" aria-label="Intake by decision">
        {INTAKE_TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`intake-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls="intake-panel"
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => {
              const index = INTAKE_TABS.findIndex((x) => x.id === tab);
              const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
              if (!step) return;
              const next = INTAKE_TABS[(index + step + INTAKE_TABS.length) % INTAKE_TABS.length];
              if (next) {
                setTab(next.id);
                document.getElementById(`intake-tab-${next.id}`)?.focus();
              }
            }}
          >
            {t.label}{" "}
            <span className="pj-count pj-muted">
              {groups[t.id].length}
            </span>
          </button>
        ))}
      </div>
      <div id="intake-panel" role="tabpanel" aria-labelledby={`intake-tab-${tab}`}>
        {list.length === 0 ? (
          <EmptyState
            title={intake.data.length === 0 ? "The intake is empty" : `Nothing ${current?.label.toLowerCase()}`}
            action={
              intake.data.length === 0 ? (
                <button type="button" className="button button-primary" onClick={onNew}>
                  Submit the first request
                </button>
              ) : undefined
            }
          >
            {intake.data.length === 0
              ? "Requests from anyone in the project wait here until an admin accepts them into the work items, declines or snoozes them."
              : current?.empty}
          </EmptyState>
        ) : (
          <ul className="pj-rows" aria-label={`${current?.label} requests`}>
            {list.map((entry) => (
              <IntakeRow
                key={entry.id}
                slug={slug}
                projectId={projectId}
                entry={entry}
                original={originalOf(entry.duplicate_to)}
                admin={admin}
                onDecide={(status) => decide.mutate({ issue: entry.issue, status })}
                onSnooze={() => setSnoozing(entry)}
                onDuplicate={() => setDuplicating(entry)}
                onDelete={() => remove.mutate(entry.issue)}
              />
            ))}
          </ul>
        )}
      </div>
      <SnoozeDialog
        entry={snoozing}
        onSnooze={(until) => snoozing && decide.mutate({ issue: snoozing.issue, status: INTAKE_STATUS.snoozed, snoozed_till: until })}
        onClose={() => setSnoozing(null)}
      />
      <DuplicateDialog
        slug={slug}
        projectId={projectId}
        entry={duplicating}
        others={intake.data}
        onPick={(original) =>
          duplicating && decide.mutate({ issue: duplicating.issue, status: INTAKE_STATUS.duplicate, duplicate_to: original })
        }
        onClose={() => setDuplicating(null)}
      />
    </>
  );
}
