// One request of the queue: what it is, who sent it, its decision, and the decisions to take.
import { Link } from "react-router";
import { useMe } from "../../accounts/session";
import { Avatar } from "../../ui/common";
import { personName, useProject, useProjectMembers } from "../data";
import { INTAKE_STATUS, tabOf, type IntakeItem } from "./intake";

function when(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" });
}

export function IntakeRow({
  slug,
  projectId,
  entry,
  original,
  admin,
  onDecide,
  onSnooze,
  onDuplicate,
  onDelete,
}: {
  slug: string;
  projectId: string;
  entry: IntakeItem;
  original: string | undefined;
  admin: boolean;
  onDecide: (status: number) => void;
  onSnooze: () => void;
  onDuplicate: () => void;
  onDelete: () => void;
}) {
  const me = useMe().data;
  const identifier = useProject(slug, projectId).data?.identifier ?? "";
  const sender = (useProjectMembers(slug, projectId).data?.results ?? []).find((m) => m.id === entry.created_by);
  const tab = tabOf(entry.status);
  const item = entry.issue_detail;
  const name = item.name;
  const canDelete = tab !== "accepted" && (admin || entry.created_by === me?.id);
  return (
    <li className="pj-row">
      <div className="pj-row-main">
        <Link to={`/${slug}/projects/${projectId}/issues/${entry.issue}`}>
          <span className="pj-key">
            {identifier}-{item.sequence_id}
          </span>{" "}
          {name}
        </Link>
        {item.description_stripped && <span className="pj-muted pj-small">{item.description_stripped.slice(0, 200)}</span>}
        <span className="pj-meta">
          {sender && (
            <span>
              <Avatar name={personName(sender)} url={sender.avatar_url} size={16} />
              {personName(sender)}
            </span>
          )}
          <span>{when(entry.created_at)}</span>
          {item.priority !== "none" && <span className="pj-pill">{item.priority}</span>}
          {tab === "snoozed" && entry.snoozed_till && <span>Snoozed until {when(entry.snoozed_till)}</span>}
          {tab === "duplicate" && entry.duplicate_to && (
            <Link to={`/${slug}/projects/${projectId}/issues/${entry.duplicate_to}`}>
              Duplicate of {original ?? "another work item"}
            </Link>
          )}
        </span>
      </div>
      <div className="pj-row-actions">
        {admin && tab !== "accepted" && (
          <button type="button" className="button" aria-label={`Accept ${name}`} onClick={() => onDecide(INTAKE_STATUS.accepted)}>
            Accept
          </button>
        )}
        {admin && tab === "pending" && (
          <>
            <button type="button" className="button button-ghost" aria-label={`Decline ${name}`} onClick={() => onDecide(INTAKE_STATUS.declined)}>
              Decline
            </button>
            <button type="button" className="button button-ghost" aria-label={`Snooze ${name}`} onClick={onSnooze}>
              Snooze
            </button>
            <button type="button" className="button button-ghost" aria-label={`Mark ${name} as duplicate`} onClick={onDuplicate}>
              Duplicate
            </button>
          </>
        )}
        {admin && tab !== "pending" && tab !== "accepted" && (
          <button type="button" className="button button-ghost" aria-label={`Move ${name} back to pending`} onClick={() => onDecide(INTAKE_STATUS.pending)}>
            Reopen
          </button>
        )}
        {canDelete && (
          <button type="button" className="icon-button pj-danger-text" aria-label={`Delete request ${name}`} onClick={onDelete}>
            ×
          </button>
        )}
      </div>
    </li>
  );
}
