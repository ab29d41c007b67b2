//! Work logs: time spent on work items, and sums of it. Sums count only live logs of live
//! work items.

use chrono::{DateTime, Utc};
use glider_domain::{
    ProjectId, UserId, WorkItemId, WorkLogId, WorkspaceId,
    model::{
        intake::{LoggedTotal, WorkLog, WorkLogFilter},
        work_items::WorkItem,
    },
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect, Set,
    sea_query::{Expr, Query},
};
use uuid::Uuid;

use crate::{
    DbError,
    entities::{work_item, work_log},
    repo::{found, work_items::to_work_item},
};

fn to_log(row: work_log::Model) -> WorkLog {
    WorkLog {
        id: WorkLogId(row.id),
        workspace_id: WorkspaceId(row.workspace_id),
        project_id: ProjectId(row.project_id),
        work_item_id: WorkItemId(row.work_item_id),
        duration: row.duration,
        description: row.description,
        logged_at: row.logged_at,
        logged_by: UserId(row.logged_by),
        created_by: row.created_by.map(UserId),
        updated_by: row.updated_by.map(UserId),
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

fn log_fields(active: &mut work_log::ActiveModel, log: &WorkLog) {
    active.duration = Set(log.duration);
    active.description = Set(log.description.clone());
    active.logged_at = Set(log.logged_at);
    active.updated_by = Set(log.updated_by.map(|id| id.0));
    active.updated_at = Set(log.updated_at);
}

pub async fn insert(conn: &impl ConnectionTrait, log: &WorkLog) -> Result<(), DbError> {
    let mut active = work_log::ActiveModel {
        id: Set(log.id.0),
        workspace_id: Set(log.workspace_id.0),
        project_id: Set(log.project_id.0),
        work_item_id: Set(log.work_item_id.0),
        logged_by: Set(log.logged_by.0),
        created_by: Set(log.created_by.map(|id| id.0)),
        deleted_at: Set(None),
        created_at: Set(log.created_at),
        ..Default::default()
    };
    log_fields(&mut active, log);
    work_log::Entity::insert(active)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Writes the editable fields of a log.
pub async fn save(conn: &impl ConnectionTrait, log: &WorkLog) -> Result<(), DbError> {
    let row = found(work_log::Entity::find_by_id(log.id.0).one(conn).await?)?;
    let mut active = row.into_active_model();
    log_fields(&mut active, log);
    active.update(conn).await?;
    Ok(())
}

pub async fn soft_delete(
    conn: &impl ConnectionTrait,
    id: WorkLogId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    work_log::Entity::update_many()
        .col_expr(work_log::Column::DeletedAt, Expr::value(Some(now)))
        .filter(work_log::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    Ok(())
}

/// A live log of the work item.
pub async fn find(
    conn: &impl ConnectionTrait,
    work_item: WorkItemId,
    id: WorkLogId,
) -> Result<WorkLog, DbError> {
    found(
        work_log::Entity::find_by_id(id.0)
            .filter(work_log::Column::WorkItemId.eq(work_item.0))
            .filter(work_log::Column::DeletedAt.is_null())
            .one(conn)
            .await?,
    )
    .map(to_log)
}

/// The work item's live logs, latest date worked first.
pub async fn list(
    conn: &impl ConnectionTrait,
    work_item: WorkItemId,
) -> Result<Vec<WorkLog>, DbError> {
    Ok(work_log::Entity::find()
        .filter(work_log::Column::WorkItemId.eq(work_item.0))
        .filter(work_log::Column::DeletedAt.is_null())
        .order_by_desc(work_log::Column::LoggedAt)
        .order_by_desc(work_log::Column::CreatedAt)
        .order_by_desc(work_log::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_log)
        .collect())
}

/// What a sum is grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupBy {
    WorkItem,
    Member,
    Project,
}

/// Logged minutes and entry counts per key, over the given projects, largest first.
pub async fn totals(
    conn: &impl ConnectionTrait,
    projects: &[ProjectId],
    filter: &WorkLogFilter,
    by: GroupBy,
) -> Result<Vec<LoggedTotal>, DbError> {
    if projects.is_empty() {
        return Ok(Vec::new());
    }
    let key = match by {
        GroupBy::WorkItem => work_log::Column::WorkItemId,
        GroupBy::Member => work_log::Column::LoggedBy,
        GroupBy::Project => work_log::Column::ProjectId,
    };
    let project_ids: Vec<Uuid> = projects.iter().map(|p| p.0).collect();
    let live_items = Query::select()
        .column(work_item::Column::Id)
        .from(work_item::Entity)
        .and_where(work_item::Column::ProjectId.is_in(project_ids.clone()))
        .and_where(work_item::Column::DeletedAt.is_null())
        .to_owned();
    let mut select = work_log::Entity::find()
        .select_only()
        .column_as(key, "key")
        .column_as(work_log::Column::Duration.sum(), "minutes")
        .column_as(work_log::Column::Id.count(), "entries")
        .filter(work_log::Column::ProjectId.is_in(project_ids))
        .filter(work_log::Column::DeletedAt.is_null())
        .filter(work_log::Column::WorkItemId.in_subquery(live_items));
    if let Some(from) = filter.from {
        select = select.filter(work_log::Column::LoggedAt.gte(from));
    }
    if let Some(to) = filter.to {
        select = select.filter(work_log::Column::LoggedAt.lte(to));
    }
    if let Some(member) = filter.member {
        select = select.filter(work_log::Column::LoggedBy.eq(member.0));
    }
    let rows: Vec<(Uuid, Option<i64>, i64)> = select.group_by(key).into_tuple().all(conn).await?;
    let mut totals: Vec<LoggedTotal> = rows
        .into_iter()
        .map(|(key, minutes, entries)| LoggedTotal {
            key,
            minutes: minutes.unwrap_or_default(),
            entries,
        })
        .collect();
    totals.sort_by(|a, b| b.minutes.cmp(&a.minutes).then(a.key.cmp(&b.key)));
    Ok(totals)
}

/// The live work items among `ids` (without their assignee and label sets), for naming the
/// rows of a summary.
pub async fn work_items(
    conn: &impl ConnectionTrait,
    ids: &[Uuid],
) -> Result<Vec<WorkItem>, DbError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(work_item::Entity::find()
        .filter(work_item::Column::Id.is_in(ids.iter().copied()))
        .filter(work_item::Column::DeletedAt.is_null())
        .all(conn)
        .await?
        .into_iter()
        .map(to_work_item)
        .collect())
}
