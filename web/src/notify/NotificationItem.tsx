// One notification: who did what to which work item, and the actions on it.
import { Link } from "react-router";
import { Avatar } from "../ui/common";
import {
  changeValue,
  details,
  fieldName,
  snoozeOptions,
  timeAgo,
  workItemHref,
  type NameOf,
  type Notification,
} from "./inbox";
import type { Action } from "./useInbox";

const KIND_LABELS: Record<Notification["kind"], string> = {
  mention: "Mentioned you",
  assignment: "Assigned",
  comment: "Comment",
  state_change: "State",
  property_change: "Updated",
};

export function NotificationItem({
  slug,
  notification: n,
  onAction,
  nameOf,
}: {
  slug: string;
  notification: Notification;
  onAction: (action: Action) => void;
  nameOf: NameOf;
}) {
  const info = details(n, nameOf);
  const unread = !n.read_at;
  const href = workItemHref(slug, n);
  const actor = (info.actor?.id && nameOf(info.actor.id)) || info.actor?.display_name || "Someone";
  const snoozed = Boolean(n.snoozed_till && new Date(n.snoozed_till) > new Date());
  const changes = info.changes
    .map((c) => {
      const value = changeValue(c.new);
      return value ? `${fieldName(c.field)} → ${value}` : fieldName(c.field);
    })
    .join(", ");
  const title = (
    <>
      <span className="inbox-key">{n.identifier ?? info.workItem?.identifier}</span> {n.title}
    </>
  );

  return (
    <li className={unread ? "inbox-item inbox-unread" : "inbox-item"} data-testid="notification">
      <Avatar name={actor} size={32} />
      <div className="inbox-main">
        <div className="inbox-title">
          {unread && <span className="inbox-dot" aria-label="Unread" role="img" />}
          {href ? (
            <Link to={href} onClick={() => unread && onAction({ kind: "read", read: true })}>
              {title}
            </Link>
          ) : (
            <span>{title}</span>
          )}
        </div>
        <p className="inbox-message">{n.message}</p>
        {info.comment && <blockquote className="inbox-quote">{info.comment}</blockquote>}
        {!info.comment && changes && <p className="inbox-changes">Changed {changes}</p>}
        <p className="inbox-meta">
          <span className={`inbox-kind inbox-kind-${n.kind}`}>{KIND_LABELS[n.kind]}</span>
          <time dateTime={n.created_at} title={new Date(n.created_at).toLocaleString()}>
            {timeAgo(n.created_at)}
          </time>
          {snoozed && n.snoozed_till && <span>Snoozed until {new Date(n.snoozed_till).toLocaleString()}</span>}
        </p>
      </div>
      <div className="inbox-actions">
        <button
          type="button"
          className="button button-ghost"
          onClick={() => onAction({ kind: "read", read: unread })}
        >
          {unread ? "Mark read" : "Mark unread"}
        </button>
        {!n.archived_at && (
          <select
            aria-label={`Snooze ${n.identifier ?? "notification"}`}
            className="inbox-snooze"
            value=""
            onChange={(event) => {
              const value = event.target.value;
              if (value === "wake") onAction({ kind: "snooze", until: null });
              else if (value) onAction({ kind: "snooze", until: value });
            }}
          >
            <option value="">{snoozed ? "Snoozed" : "Snooze…"}</option>
            {snoozed && <option value="wake">Wake it now</option>}
            {snoozeOptions().map((option) => (
              <option key={option.label} value={option.until.toISOString()}>
                {option.label}
              </option>
            ))}
          </select>
        )}
        <button
          type="button"
          className="button button-ghost"
          onClick={() => onAction({ kind: "archive", archived: !n.archived_at })}
        >
          {n.archived_at ? "Restore" : "Archive"}
        </button>
      </div>
    </li>
  );
}
