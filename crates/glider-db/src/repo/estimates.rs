//! A project's estimate and its points.

use chrono::{DateTime, Utc};
use glider_domain::{
    ProjectId, UserId, WorkspaceId,
    model::catalog::{Estimate, EstimateId, EstimatePoint, EstimatePointId, EstimateType},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set,
    sea_query::{Expr, ExprTrait, Query},
};

use crate::{
    DbError,
    entities::{estimate, estimate_point, project},
    repo::found,
};

fn to_estimate(row: estimate::Model) -> Estimate {
    Estimate {
        id: EstimateId(row.id),
        workspace_id: WorkspaceId(row.workspace_id),
        project_id: ProjectId(row.project_id),
        name: row.name,
        description: row.description,
        estimate_type: EstimateType::parse("type", &row.estimate_type)
            .unwrap_or(EstimateType::Categories),
        last_used: row.last_used,
        created_by: row.created_by.map(UserId),
        updated_by: row.updated_by.map(UserId),
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

fn to_point(row: estimate_point::Model) -> EstimatePoint {
    EstimatePoint {
        id: EstimatePointId(row.id),
        workspace_id: WorkspaceId(row.workspace_id),
        project_id: ProjectId(row.project_id),
        estimate_id: EstimateId(row.estimate_id),
        key: row.key,
        value: row.value,
        description: row.description,
        created_by: row.created_by.map(UserId),
        updated_by: row.updated_by.map(UserId),
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

pub async fn insert_estimate(conn: &impl ConnectionTrait, e: &Estimate) -> Result<(), DbError> {
    let row = estimate::ActiveModel {
        id: Set(e.id.0),
        workspace_id: Set(e.workspace_id.0),
        project_id: Set(e.project_id.0),
        name: Set(e.name.clone()),
        description: Set(e.description.clone()),
        estimate_type: Set(e.estimate_type.as_str().to_owned()),
        last_used: Set(e.last_used),
        created_by: Set(e.created_by.map(|id| id.0)),
        updated_by: Set(e.updated_by.map(|id| id.0)),
        deleted_at: Set(None),
        created_at: Set(e.created_at),
        updated_at: Set(e.updated_at),
    };
    estimate::Entity::insert(row)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Writes the estimate's name and description (the only fields Plane lets change).
pub async fn update_estimate(conn: &impl ConnectionTrait, e: &Estimate) -> Result<(), DbError> {
    let row = found(
        estimate::Entity::find_by_id(e.id.0)
            .filter(estimate::Column::ProjectId.eq(e.project_id.0))
            .filter(estimate::Column::DeletedAt.is_null())
            .one(conn)
            .await?,
    )?;
    let mut active = row.into_active_model();
    active.name = Set(e.name.clone());
    active.description = Set(e.description.clone());
    active.updated_by = Set(e.updated_by.map(|id| id.0));
    active.updated_at = Set(e.updated_at);
    active.update(conn).await?;
    Ok(())
}

/// The project's live estimate, if it has one.
pub async fn find_for_project(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
) -> Result<Option<Estimate>, DbError> {
    Ok(estimate::Entity::find()
        .filter(estimate::Column::ProjectId.eq(project_id.0))
        .filter(estimate::Column::DeletedAt.is_null())
        .order_by_asc(estimate::Column::CreatedAt)
        .one(conn)
        .await?
        .map(to_estimate))
}

/// A live estimate of the project by id.
pub async fn find_estimate(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
    id: EstimateId,
) -> Result<Estimate, DbError> {
    found(
        estimate::Entity::find_by_id(id.0)
            .filter(estimate::Column::ProjectId.eq(project_id.0))
            .filter(estimate::Column::DeletedAt.is_null())
            .one(conn)
            .await?,
    )
    .map(to_estimate)
}

/// Soft-deletes the estimate with its points; the project and its work items stop pointing at
/// them (Plane's `SET_NULL`).
pub async fn soft_delete_estimate(
    conn: &impl ConnectionTrait,
    e: &Estimate,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let points: Vec<uuid::Uuid> = list_points(conn, e.id)
        .await?
        .into_iter()
        .map(|p| p.id.0)
        .collect();
    estimate::Entity::update_many()
        .col_expr(estimate::Column::DeletedAt, Expr::value(Some(now)))
        .filter(estimate::Column::Id.eq(e.id.0))
        .filter(estimate::Column::ProjectId.eq(e.project_id.0))
        .exec(conn)
        .await?;
    estimate_point::Entity::update_many()
        .col_expr(estimate_point::Column::DeletedAt, Expr::value(Some(now)))
        .filter(estimate_point::Column::EstimateId.eq(e.id.0))
        .filter(estimate_point::Column::DeletedAt.is_null())
        .exec(conn)
        .await?;
    project::Entity::update_many()
        .col_expr(project::Column::EstimateId, Expr::value(None::<uuid::Uuid>))
        .filter(project::Column::Id.eq(e.project_id.0))
        .filter(project::Column::EstimateId.eq(e.id.0))
        .exec(conn)
        .await?;
    clear_work_item_points(conn, e.project_id, points).await
}

/// Work items of the project that used these points lose their estimate.
async fn clear_work_item_points(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
    points: Vec<uuid::Uuid>,
) -> Result<(), DbError> {
    if points.is_empty() {
        return Ok(());
    }
    let clear = Query::update()
        .table("work_items")
        .value("estimate_point_id", None::<uuid::Uuid>)
        .and_where(Expr::col("project_id").eq(project_id.0))
        .and_where(Expr::col("estimate_point_id").is_in(points))
        .take();
    conn.execute(&clear).await?;
    Ok(())
}

/// The estimate's live points by value.
pub async fn list_points(
    conn: &impl ConnectionTrait,
    estimate_id: EstimateId,
) -> Result<Vec<EstimatePoint>, DbError> {
    Ok(estimate_point::Entity::find()
        .filter(estimate_point::Column::EstimateId.eq(estimate_id.0))
        .filter(estimate_point::Column::DeletedAt.is_null())
        .order_by_asc(estimate_point::Column::Value)
        .order_by_asc(estimate_point::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_point)
        .collect())
}

pub async fn insert_points(
    conn: &impl ConnectionTrait,
    points: &[EstimatePoint],
) -> Result<(), DbError> {
    let rows = points.iter().map(|p| estimate_point::ActiveModel {
        id: Set(p.id.0),
        workspace_id: Set(p.workspace_id.0),
        project_id: Set(p.project_id.0),
        estimate_id: Set(p.estimate_id.0),
        key: Set(p.key),
        value: Set(p.value.clone()),
        description: Set(p.description.clone()),
        created_by: Set(p.created_by.map(|id| id.0)),
        updated_by: Set(p.updated_by.map(|id| id.0)),
        deleted_at: Set(None),
        created_at: Set(p.created_at),
        updated_at: Set(p.updated_at),
    });
    estimate_point::Entity::insert_many(rows)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// A live point of the estimate by id.
pub async fn find_point(
    conn: &impl ConnectionTrait,
    estimate_id: EstimateId,
    id: EstimatePointId,
) -> Result<EstimatePoint, DbError> {
    found(
        estimate_point::Entity::find_by_id(id.0)
            .filter(estimate_point::Column::EstimateId.eq(estimate_id.0))
            .filter(estimate_point::Column::DeletedAt.is_null())
            .one(conn)
            .await?,
    )
    .map(to_point)
}

/// Live points of the workspace among `ids`, in one query (for `expand`).
pub async fn find_points(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    ids: &[EstimatePointId],
) -> Result<Vec<EstimatePoint>, DbError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(estimate_point::Entity::find()
        .filter(estimate_point::Column::WorkspaceId.eq(workspace_id.0))
        .filter(estimate_point::Column::Id.is_in(ids.iter().map(|id| id.0)))
        .filter(estimate_point::Column::DeletedAt.is_null())
        .all(conn)
        .await?
        .into_iter()
        .map(to_point)
        .collect())
}

pub async fn update_point(conn: &impl ConnectionTrait, p: &EstimatePoint) -> Result<(), DbError> {
    let row = found(
        estimate_point::Entity::find_by_id(p.id.0)
            .filter(estimate_point::Column::EstimateId.eq(p.estimate_id.0))
            .filter(estimate_point::Column::DeletedAt.is_null())
            .one(conn)
            .await?,
    )?;
    let mut active = row.into_active_model();
    active.key = Set(p.key);
    active.value = Set(p.value.clone());
    active.description = Set(p.description.clone());
    active.updated_by = Set(p.updated_by.map(|id| id.0));
    active.updated_at = Set(p.updated_at);
    active.update(conn).await?;
    Ok(())
}

/// Soft-deletes one point; work items that used it lose their estimate.
pub async fn soft_delete_point(
    conn: &impl ConnectionTrait,
    p: &EstimatePoint,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    estimate_point::Entity::update_many()
        .col_expr(estimate_point::Column::DeletedAt, Expr::value(Some(now)))
        .filter(estimate_point::Column::Id.eq(p.id.0))
        .filter(estimate_point::Column::EstimateId.eq(p.estimate_id.0))
        .exec(conn)
        .await?;
    clear_work_item_points(conn, p.project_id, vec![p.id.0]).await
}
