//! A person's notifications in a workspace: list, count, read, archive, snooze. Nobody else's
//! notification is visible (another person's is "not found"), nor one about a project the
//! person can no longer see.

use chrono::{DateTime, Utc};
use glider_db::{DatabaseTransaction, repo::notify as repo};
use glider_domain::{
    ProjectId, UserId, WorkspaceId,
    model::notify::{Notification, NotificationFilter, NotificationId},
};
use serde_json::{Map, Value, json};

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self},
    accounts::Actor,
    events::event,
    input::{Field, JsonInput},
};

/// The caller, the workspace and the projects they can see in it.
struct Inbox {
    user: UserId,
    workspace: WorkspaceId,
    visible: Vec<ProjectId>,
}

impl Inbox {
    async fn open(ctx: &Ctx, actor: &Actor, slug: &str) -> ServiceResult<Self> {
        let found = access::workspace(ctx, actor, slug).await?;
        let visible = super::visible_projects(ctx.db.conn(), found.access).await?;
        Ok(Self {
            user: actor.user.id,
            workspace: found.workspace.id,
            visible,
        })
    }

    fn scope(&self) -> (UserId, WorkspaceId, &[ProjectId]) {
        (self.user, self.workspace, &self.visible)
    }

    async fn find(&self, ctx: &Ctx, id: NotificationId) -> ServiceResult<Notification> {
        repo::find(ctx.db.conn(), self.scope(), id)
            .await
            .map_err(ServiceError::db("notification"))
    }
}

/// One page of the caller's notifications, newest first, and how many match.
pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    filter: NotificationFilter,
    (offset, limit): (u64, u64),
) -> ServiceResult<(u64, Vec<Notification>)> {
    let inbox = Inbox::open(ctx, actor, slug).await?;
    Ok(repo::list(
        ctx.db.conn(),
        inbox.scope(),
        filter,
        ctx.now(),
        (offset, limit),
    )
    .await?)
}

/// How many notifications are unread (not archived, not snoozed): all, and mentions.
pub async fn unread_count(ctx: &Ctx, actor: &Actor, slug: &str) -> ServiceResult<(u64, u64)> {
    let inbox = Inbox::open(ctx, actor, slug).await?;
    Ok(repo::unread_counts(ctx.db.conn(), inbox.scope(), ctx.now()).await?)
}

pub async fn get(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    id: NotificationId,
) -> ServiceResult<Notification> {
    Inbox::open(ctx, actor, slug).await?.find(ctx, id).await
}

/// Appends `notify.notification.updated`, addressed to the receiver only.
async fn announce(ctx: &Ctx, tx: &DatabaseTransaction, n: &Notification) -> ServiceResult<()> {
    let payload = json!({
        "recipient": n.receiver_id,
        "notification": serde_json::to_value(n).map_err(anyhow::Error::from)?,
    });
    let record = event(
        ctx,
        "notify.notification.updated",
        Some(n.receiver_id),
        Some(n.workspace_id),
        None,
        n.id.0,
        payload,
    );
    glider_db::repo::events::append(tx, record).await?;
    Ok(())
}

/// Applies `change` to one of the caller's notifications; saves and announces it if it
/// changed anything.
async fn change(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    id: NotificationId,
    change: impl FnOnce(&mut Notification, DateTime<Utc>),
) -> ServiceResult<Notification> {
    let before = Inbox::open(ctx, actor, slug).await?.find(ctx, id).await?;
    let now = ctx.now();
    let mut after = before.clone();
    change(&mut after, now);
    if after == before {
        return Ok(after);
    }
    after.updated_at = now;
    let tx = ctx.db.begin_write().await?;
    repo::save_state(&tx, &after).await?;
    announce(ctx, &tx, &after).await?;
    glider_db::commit(tx).await?;
    Ok(after)
}

/// Marks read (`true`) or unread (`false`).
pub async fn set_read(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    id: NotificationId,
    read: bool,
) -> ServiceResult<Notification> {
    change(ctx, actor, slug, id, |n, now| {
        n.read_at = if read { n.read_at.or(Some(now)) } else { None };
    })
    .await
}

/// Archives (`true`) or restores (`false`).
pub async fn set_archived(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    id: NotificationId,
    archived: bool,
) -> ServiceResult<Notification> {
    change(ctx, actor, slug, id, |n, now| {
        n.archived_at = if archived {
            n.archived_at.or(Some(now))
        } else {
            None
        };
    })
    .await
}

/// Applies a PATCH: `snoozed_till`, a future RFC 3339 time, or `null` to wake it now.
pub async fn update(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    id: NotificationId,
    body: &Map<String, Value>,
) -> ServiceResult<Notification> {
    let mut input = JsonInput::new(body);
    let snooze = match input.string("snoozed_till", 64) {
        Field::Value(text) => match DateTime::parse_from_rfc3339(&text) {
            Ok(at) if at.with_timezone(&Utc) > ctx.now() => Some(Some(at.with_timezone(&Utc))),
            Ok(_) => {
                input.error("snoozed_till", "Must be in the future.");
                None
            }
            Err(_) => {
                input.error(
                    "snoozed_till",
                    "Datetime has wrong format. Use RFC 3339, e.g. 2026-12-01T09:00:00Z.",
                );
                None
            }
        },
        Field::Null => Some(None),
        Field::Absent => None,
    };
    input.errors.into_result()?;
    change(ctx, actor, slug, id, |n, _| {
        if let Some(snooze) = snooze {
            n.snoozed_till = snooze;
        }
    })
    .await
}

/// Marks every unread notification of the caller in the workspace as read; returns how many.
pub async fn mark_all_read(ctx: &Ctx, actor: &Actor, slug: &str) -> ServiceResult<u64> {
    let inbox = Inbox::open(ctx, actor, slug).await?;
    let tx = ctx.db.begin_write().await?;
    let changed = repo::mark_all_read(&tx, inbox.scope(), ctx.now()).await?;
    for n in &changed {
        announce(ctx, &tx, n).await?;
    }
    glider_db::commit(tx).await?;
    Ok(changed.len() as u64)
}
