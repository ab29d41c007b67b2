//! Field-level history of work items.

use glider_domain::{
    ActivityId, CommentId, ProjectId, UserId, WorkItemId, WorkspaceId, model::work_items::Activity,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::{DbError, entities::work_item_activity, repo::found};

fn to_activity(row: work_item_activity::Model) -> Activity {
    Activity {
        id: ActivityId(row.id),
        workspace_id: WorkspaceId(row.workspace_id),
        project_id: ProjectId(row.project_id),
        work_item_id: WorkItemId(row.work_item_id),
        verb: row.verb,
        field: row.field,
        old_value: row.old_value,
        new_value: row.new_value,
        old_identifier: row.old_identifier,
        new_identifier: row.new_identifier,
        comment: row.comment,
        comment_id: row.comment_id.map(CommentId),
        actor_id: row.actor_id.map(UserId),
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

/// Appends history entries (in the transaction of the change), tagged with its event.
pub async fn insert_many(
    conn: &impl ConnectionTrait,
    activities: &[Activity],
    event_id: uuid::Uuid,
) -> Result<(), DbError> {
    if activities.is_empty() {
        return Ok(());
    }
    let rows = activities.iter().map(|a| work_item_activity::ActiveModel {
        id: Set(a.id.0),
        workspace_id: Set(a.workspace_id.0),
        project_id: Set(a.project_id.0),
        work_item_id: Set(a.work_item_id.0),
        verb: Set(a.verb.clone()),
        field: Set(a.field.clone()),
        old_value: Set(a.old_value.clone()),
        new_value: Set(a.new_value.clone()),
        old_identifier: Set(a.old_identifier),
        new_identifier: Set(a.new_identifier),
        comment: Set(a.comment.clone()),
        comment_id: Set(a.comment_id.map(|id| id.0)),
        actor_id: Set(a.actor_id.map(|id| id.0)),
        event_id: Set(Some(event_id)),
        created_at: Set(a.created_at),
        updated_at: Set(a.updated_at),
    });
    work_item_activity::Entity::insert_many(rows)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Fields Plane leaves out of the activity list.
const HIDDEN_FIELDS: [&str; 4] = ["comment", "vote", "reaction", "draft"];

fn visible(item: WorkItemId) -> sea_orm::Select<work_item_activity::Entity> {
    work_item_activity::Entity::find()
        .filter(work_item_activity::Column::WorkItemId.eq(item.0))
        .filter(
            sea_orm::Condition::any()
                .add(work_item_activity::Column::Field.is_null())
                .add(work_item_activity::Column::Field.is_not_in(HIDDEN_FIELDS)),
        )
}

/// A page of a work item's history, oldest first unless `newest_first`.
pub async fn list(
    conn: &impl ConnectionTrait,
    item: WorkItemId,
    newest_first: bool,
    offset: u64,
    limit: u64,
) -> Result<(u64, Vec<Activity>), DbError> {
    let total = visible(item).count(conn).await?;
    let query = if newest_first {
        visible(item)
            .order_by_desc(work_item_activity::Column::CreatedAt)
            .order_by_desc(work_item_activity::Column::Id)
    } else {
        visible(item)
            .order_by_asc(work_item_activity::Column::CreatedAt)
            .order_by_asc(work_item_activity::Column::Id)
    };
    let rows = query.offset(offset).limit(limit).all(conn).await?;
    Ok((total, rows.into_iter().map(to_activity).collect()))
}

pub async fn find(
    conn: &impl ConnectionTrait,
    item: WorkItemId,
    id: ActivityId,
) -> Result<Activity, DbError> {
    found(
        visible(item)
            .filter(work_item_activity::Column::Id.eq(id.0))
            .one(conn)
            .await?,
    )
    .map(to_activity)
}
