//! Cycles of a project. The work items in them are rows of [`item_links::CYCLES`].

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use glider_domain::{
    CycleId, ProjectId, UserId, WorkspaceId,
    model::cycles::{Cycle, EstimateTotals, ItemCounts},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect, Set, sea_query::Expr,
};

use crate::{
    DbError,
    entities::{cycle, cycle_work_item},
    repo::{found, item_links},
};

fn to_cycle(row: cycle::Model) -> Cycle {
    Cycle {
        id: CycleId(row.id),
        workspace_id: WorkspaceId(row.workspace_id),
        project_id: ProjectId(row.project_id),
        name: row.name,
        description: row.description,
        start_date: row.start_date,
        end_date: row.end_date,
        view_props: row.view_props,
        sort_order: row.sort_order,
        external_source: row.external_source,
        external_id: row.external_id,
        progress_snapshot: row.progress_snapshot,
        archived_at: row.archived_at,
        logo_props: row.logo_props,
        timezone: row.timezone,
        version: row.version,
        owned_by: UserId(row.owned_by),
        created_by: row.created_by.map(UserId),
        updated_by: row.updated_by.map(UserId),
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

fn write_fields(active: &mut cycle::ActiveModel, c: &Cycle) {
    active.name = Set(c.name.clone());
    active.description = Set(c.description.clone());
    active.start_date = Set(c.start_date);
    active.end_date = Set(c.end_date);
    active.view_props = Set(c.view_props.clone());
    active.sort_order = Set(c.sort_order);
    active.external_source = Set(c.external_source.clone());
    active.external_id = Set(c.external_id.clone());
    active.progress_snapshot = Set(c.progress_snapshot.clone());
    active.archived_at = Set(c.archived_at);
    active.logo_props = Set(c.logo_props.clone());
    active.timezone = Set(c.timezone.clone());
    active.version = Set(c.version);
    active.owned_by = Set(c.owned_by.0);
    active.updated_by = Set(c.updated_by.map(|id| id.0));
    active.updated_at = Set(c.updated_at);
}

pub async fn insert(conn: &impl ConnectionTrait, c: &Cycle) -> Result<(), DbError> {
    let mut active = cycle::ActiveModel {
        id: Set(c.id.0),
        workspace_id: Set(c.workspace_id.0),
        project_id: Set(c.project_id.0),
        created_by: Set(c.created_by.map(|id| id.0)),
        created_at: Set(c.created_at),
        deleted_at: Set(None),
        ..Default::default()
    };
    write_fields(&mut active, c);
    cycle::Entity::insert(active)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Writes every column of `c`.
pub async fn save(conn: &impl ConnectionTrait, c: &Cycle) -> Result<(), DbError> {
    let row = found(cycle::Entity::find_by_id(c.id.0).one(conn).await?)?;
    let mut active = row.into_active_model();
    write_fields(&mut active, c);
    active.update(conn).await?;
    Ok(())
}

fn live(project: ProjectId) -> sea_orm::Select<cycle::Entity> {
    cycle::Entity::find()
        .filter(cycle::Column::ProjectId.eq(project.0))
        .filter(cycle::Column::DeletedAt.is_null())
}

/// A live cycle of the project, archived or not.
pub async fn find(
    conn: &impl ConnectionTrait,
    project: ProjectId,
    id: CycleId,
) -> Result<Cycle, DbError> {
    let row = live(project)
        .filter(cycle::Column::Id.eq(id.0))
        .one(conn)
        .await?;
    found(row).map(to_cycle)
}

/// The live cycle with an importer's external pair, if any.
pub async fn find_by_external(
    conn: &impl ConnectionTrait,
    project: ProjectId,
    source: &str,
    external_id: &str,
) -> Result<Option<Cycle>, DbError> {
    let row = live(project)
        .filter(cycle::Column::ExternalSource.eq(source))
        .filter(cycle::Column::ExternalId.eq(external_id))
        .one(conn)
        .await?;
    Ok(row.map(to_cycle))
}

/// The project's live cycles, archived ones or the others, newest first.
pub async fn list(
    conn: &impl ConnectionTrait,
    project: ProjectId,
    archived: bool,
) -> Result<Vec<Cycle>, DbError> {
    let select = live(project);
    let select = if archived {
        select.filter(cycle::Column::ArchivedAt.is_not_null())
    } else {
        select.filter(cycle::Column::ArchivedAt.is_null())
    };
    let rows = select
        .order_by_desc(cycle::Column::CreatedAt)
        .order_by_desc(cycle::Column::Id)
        .all(conn)
        .await?;
    Ok(rows.into_iter().map(to_cycle).collect())
}

/// The smallest sort order among the project's live cycles (a new cycle goes above it).
pub async fn min_sort_order(
    conn: &impl ConnectionTrait,
    project: ProjectId,
) -> Result<Option<f64>, DbError> {
    let min: Option<Option<f64>> = live(project)
        .select_only()
        .column_as(cycle::Column::SortOrder.min(), "min")
        .into_tuple()
        .one(conn)
        .await?;
    Ok(min.flatten())
}

/// Soft-deletes the cycle and takes its work items out of it.
pub async fn soft_delete(
    conn: &impl ConnectionTrait,
    id: CycleId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    cycle::Entity::update_many()
        .col_expr(cycle::Column::DeletedAt, Expr::value(Some(now)))
        .filter(cycle::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    cycle_work_item::Entity::update_many()
        .col_expr(cycle_work_item::Column::DeletedAt, Expr::value(Some(now)))
        .filter(cycle_work_item::Column::CycleId.eq(id.0))
        .filter(cycle_work_item::Column::DeletedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// Item counts by state group and estimate sums of each cycle.
pub async fn stats(
    conn: &impl ConnectionTrait,
    ids: &[CycleId],
) -> Result<HashMap<CycleId, (ItemCounts, EstimateTotals)>, DbError> {
    let owners: Vec<uuid::Uuid> = ids.iter().map(|id| id.0).collect();
    let stats = item_links::stats(conn, item_links::CYCLES, &owners).await?;
    Ok(stats.into_iter().map(|(id, s)| (CycleId(id), s)).collect())
}

/// Live cycles per project of the workspace.
pub async fn count_by_project(
    conn: &impl ConnectionTrait,
    workspace: WorkspaceId,
) -> Result<HashMap<ProjectId, u64>, DbError> {
    let rows: Vec<(uuid::Uuid, i64)> = cycle::Entity::find()
        .select_only()
        .column(cycle::Column::ProjectId)
        .column_as(cycle::Column::Id.count(), "count")
        .filter(cycle::Column::WorkspaceId.eq(workspace.0))
        .filter(cycle::Column::DeletedAt.is_null())
        .group_by(cycle::Column::ProjectId)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, n)| (ProjectId(id), u64::try_from(n).unwrap_or(0)))
        .collect())
}

/// Names of cycles by id (for history entries).
pub async fn names(
    conn: &impl ConnectionTrait,
    ids: &[uuid::Uuid],
) -> Result<HashMap<uuid::Uuid, String>, DbError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(uuid::Uuid, String)> = cycle::Entity::find()
        .select_only()
        .column(cycle::Column::Id)
        .column(cycle::Column::Name)
        .filter(cycle::Column::Id.is_in(ids.iter().copied()))
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows.into_iter().collect())
}
