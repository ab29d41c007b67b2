//! Notifications: one row per person per event, read, archived and snoozed by that person.
//! Every query is scoped by receiver and workspace.

use chrono::{DateTime, Utc};
use glider_domain::{
    EventId, ProjectId, UserId, WorkspaceId,
    model::notify::{Notification, NotificationFilter, NotificationId, NotificationKind},
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
    sea_query::{Expr, OnConflict},
};

use crate::{DbError, entities::notification, repo::found};

pub(crate) fn to_notification(row: notification::Model) -> Notification {
    Notification {
        id: NotificationId(row.id),
        workspace_id: WorkspaceId(row.workspace_id),
        project_id: row.project_id.map(ProjectId),
        receiver_id: UserId(row.receiver_id),
        actor_id: row.actor_id.map(UserId),
        // Only this module writes the column; an unknown value would be a newer release's.
        kind: NotificationKind::parse("kind", &row.kind)
            .unwrap_or(NotificationKind::PropertyChange),
        entity_name: row.entity_name,
        entity_identifier: row.entity_id,
        identifier: row.identifier,
        title: row.title,
        message: row.message,
        data: row.data,
        event_id: EventId(row.event_id),
        read_at: row.read_at,
        archived_at: row.archived_at,
        snoozed_till: row.snoozed_till,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

/// Inserts unless the receiver already has a notification for this event; true if inserted.
/// A duplicate is skipped, not raised, so the consumer's transaction survives a replay.
pub async fn insert_if_new(
    conn: &impl ConnectionTrait,
    n: &Notification,
    digest_pending: bool,
) -> Result<bool, DbError> {
    let row = notification::ActiveModel {
        id: Set(n.id.0),
        workspace_id: Set(n.workspace_id.0),
        project_id: Set(n.project_id.map(|id| id.0)),
        receiver_id: Set(n.receiver_id.0),
        actor_id: Set(n.actor_id.map(|id| id.0)),
        kind: Set(n.kind.as_str().to_owned()),
        entity_name: Set(n.entity_name.clone()),
        entity_id: Set(n.entity_identifier),
        identifier: Set(n.identifier.clone()),
        title: Set(n.title.clone()),
        message: Set(n.message.clone()),
        data: Set(n.data.clone()),
        event_id: Set(n.event_id.0),
        read_at: Set(n.read_at),
        archived_at: Set(n.archived_at),
        snoozed_till: Set(n.snoozed_till),
        digest_pending: Set(digest_pending),
        emailed_at: Set(None),
        created_at: Set(n.created_at),
        updated_at: Set(n.updated_at),
    };
    let skip = OnConflict::columns([
        notification::Column::EventId,
        notification::Column::ReceiverId,
    ])
    .do_nothing()
    .to_owned();
    let inserted = notification::Entity::insert(row)
        .on_conflict(skip)
        .exec_without_returning(conn)
        .await?;
    Ok(inserted > 0)
}

/// The receiver's notifications in the workspace about projects in `visible` (or none).
fn mine(receiver: UserId, workspace: WorkspaceId, visible: &[ProjectId]) -> Condition {
    Condition::all()
        .add(notification::Column::ReceiverId.eq(receiver.0))
        .add(notification::Column::WorkspaceId.eq(workspace.0))
        .add(
            Condition::any()
                .add(notification::Column::ProjectId.is_null())
                .add(notification::Column::ProjectId.is_in(visible.iter().map(|p| p.0))),
        )
}

fn snoozed(now: DateTime<Utc>) -> Condition {
    Condition::all().add(notification::Column::SnoozedTill.gt(now))
}

fn awake(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(notification::Column::SnoozedTill.is_null())
        .add(notification::Column::SnoozedTill.lte(now))
}

fn filtered(filter: NotificationFilter, now: DateTime<Utc>) -> Condition {
    let mut condition = Condition::all();
    if let Some(read) = filter.read {
        condition = condition.add(if read {
            notification::Column::ReadAt.is_not_null()
        } else {
            notification::Column::ReadAt.is_null()
        });
    }
    if let Some(archived) = filter.archived {
        condition = condition.add(if archived {
            notification::Column::ArchivedAt.is_not_null()
        } else {
            notification::Column::ArchivedAt.is_null()
        });
    }
    match filter.snoozed {
        Some(true) => condition.add(snoozed(now)),
        Some(false) => condition.add(awake(now)),
        None => condition,
    }
}

/// One page of the receiver's notifications, newest first, and how many match in all.
pub async fn list(
    conn: &impl ConnectionTrait,
    (receiver, workspace, visible): (UserId, WorkspaceId, &[ProjectId]),
    filter: NotificationFilter,
    now: DateTime<Utc>,
    (offset, limit): (u64, u64),
) -> Result<(u64, Vec<Notification>), DbError> {
    let query = notification::Entity::find()
        .filter(mine(receiver, workspace, visible))
        .filter(filtered(filter, now));
    let total = query.clone().count(conn).await?;
    let rows = query
        .order_by_desc(notification::Column::CreatedAt)
        .order_by_desc(notification::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(conn)
        .await?;
    Ok((total, rows.into_iter().map(to_notification).collect()))
}

/// Unread, unarchived and awake notifications: all of them, and the mentions among them.
pub async fn unread_counts(
    conn: &impl ConnectionTrait,
    (receiver, workspace, visible): (UserId, WorkspaceId, &[ProjectId]),
    now: DateTime<Utc>,
) -> Result<(u64, u64), DbError> {
    let unread = notification::Entity::find()
        .filter(mine(receiver, workspace, visible))
        .filter(notification::Column::ReadAt.is_null())
        .filter(notification::Column::ArchivedAt.is_null())
        .filter(awake(now));
    let total = unread.clone().count(conn).await?;
    let mentions = unread
        .filter(notification::Column::Kind.eq(NotificationKind::Mention.as_str()))
        .count(conn)
        .await?;
    Ok((total, mentions))
}

/// One of the receiver's notifications.
pub async fn find(
    conn: &impl ConnectionTrait,
    (receiver, workspace, visible): (UserId, WorkspaceId, &[ProjectId]),
    id: NotificationId,
) -> Result<Notification, DbError> {
    found(
        notification::Entity::find_by_id(id.0)
            .filter(mine(receiver, workspace, visible))
            .one(conn)
            .await?,
    )
    .map(to_notification)
}

/// Writes what its receiver may change: read, archived, snoozed.
pub async fn save_state(conn: &impl ConnectionTrait, n: &Notification) -> Result<(), DbError> {
    notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(n.read_at))
        .col_expr(notification::Column::ArchivedAt, Expr::value(n.archived_at))
        .col_expr(
            notification::Column::SnoozedTill,
            Expr::value(n.snoozed_till),
        )
        .col_expr(notification::Column::UpdatedAt, Expr::value(n.updated_at))
        .filter(notification::Column::Id.eq(n.id.0))
        .filter(notification::Column::ReceiverId.eq(n.receiver_id.0))
        .exec(conn)
        .await?;
    Ok(())
}

/// Marks every unread notification of the receiver in the workspace as read; returns them as
/// they are now.
pub async fn mark_all_read(
    conn: &impl ConnectionTrait,
    (receiver, workspace, visible): (UserId, WorkspaceId, &[ProjectId]),
    now: DateTime<Utc>,
) -> Result<Vec<Notification>, DbError> {
    let rows = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Some(now)))
        .col_expr(notification::Column::UpdatedAt, Expr::value(now))
        .filter(mine(receiver, workspace, visible))
        .filter(notification::Column::ReadAt.is_null())
        .exec_with_returning(conn)
        .await?;
    Ok(rows.into_iter().map(to_notification).collect())
}

/// Records that a notification went out by e-mail on its own.
pub async fn mark_emailed(
    conn: &impl ConnectionTrait,
    id: NotificationId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    notification::Entity::update_many()
        .col_expr(notification::Column::EmailedAt, Expr::value(Some(now)))
        .filter(notification::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    Ok(())
}
