//! Explicit choices to follow or stop following a work item.

use chrono::{DateTime, Utc};
use glider_domain::{UserId, WorkItemId, model::work_items::WorkItem};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, sea_query::OnConflict,
};

use crate::{DbError, entities::work_item_subscriber};

/// Records that `user` follows (`true`) or stopped following (`false`) the work item,
/// replacing an earlier choice.
pub async fn set_choice(
    conn: &impl ConnectionTrait,
    item: &WorkItem,
    user: UserId,
    subscribed: bool,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let row = work_item_subscriber::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        workspace_id: Set(item.workspace_id.0),
        project_id: Set(item.project_id.0),
        work_item_id: Set(item.id.0),
        user_id: Set(user.0),
        subscribed: Set(subscribed),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let replace = OnConflict::columns([
        work_item_subscriber::Column::WorkItemId,
        work_item_subscriber::Column::UserId,
    ])
    .update_columns([
        work_item_subscriber::Column::Subscribed,
        work_item_subscriber::Column::UpdatedAt,
    ])
    .to_owned();
    work_item_subscriber::Entity::insert(row)
        .on_conflict(replace)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Everyone who chose for the work item: (user, follows).
pub async fn choices(
    conn: &impl ConnectionTrait,
    item: WorkItemId,
) -> Result<Vec<(UserId, bool)>, DbError> {
    Ok(work_item_subscriber::Entity::find()
        .filter(work_item_subscriber::Column::WorkItemId.eq(item.0))
        .order_by_asc(work_item_subscriber::Column::CreatedAt)
        .all(conn)
        .await?
        .into_iter()
        .map(|row| (UserId(row.user_id), row.subscribed))
        .collect())
}

/// One person's choice for the work item, if they made one.
pub async fn choice(
    conn: &impl ConnectionTrait,
    item: WorkItemId,
    user: UserId,
) -> Result<Option<bool>, DbError> {
    Ok(work_item_subscriber::Entity::find()
        .filter(work_item_subscriber::Column::WorkItemId.eq(item.0))
        .filter(work_item_subscriber::Column::UserId.eq(user.0))
        .one(conn)
        .await?
        .map(|row| row.subscribed))
}
