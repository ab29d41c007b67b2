//! Work-item labels of a project.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use glider_domain::{LabelId, ProjectId, UserId, WorkspaceId, model::catalog::Label};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect, Set,
    sea_query::{Expr, ExprTrait, Query},
};

use crate::{DbError, entities::label, repo::found};

fn to_label(row: label::Model) -> Label {
    Label {
        id: LabelId(row.id),
        workspace_id: WorkspaceId(row.workspace_id),
        project_id: ProjectId(row.project_id),
        name: row.name,
        description: row.description,
        color: row.color,
        sort_order: row.sort_order,
        parent_id: row.parent_id.map(LabelId),
        external_source: row.external_source,
        external_id: row.external_id,
        created_by: row.created_by.map(UserId),
        updated_by: row.updated_by.map(UserId),
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

fn write_fields(active: &mut label::ActiveModel, l: &Label) {
    active.name = Set(l.name.clone());
    active.description = Set(l.description.clone());
    active.color = Set(l.color.clone());
    active.sort_order = Set(l.sort_order);
    active.parent_id = Set(l.parent_id.map(|id| id.0));
    active.external_source = Set(l.external_source.clone());
    active.external_id = Set(l.external_id.clone());
    active.updated_by = Set(l.updated_by.map(|id| id.0));
    active.updated_at = Set(l.updated_at);
}

pub async fn insert_label(conn: &impl ConnectionTrait, l: &Label) -> Result<(), DbError> {
    let mut active = label::ActiveModel {
        id: Set(l.id.0),
        workspace_id: Set(l.workspace_id.0),
        project_id: Set(l.project_id.0),
        created_by: Set(l.created_by.map(|id| id.0)),
        created_at: Set(l.created_at),
        deleted_at: Set(None),
        ..Default::default()
    };
    write_fields(&mut active, l);
    label::Entity::insert(active)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

pub async fn update_label(conn: &impl ConnectionTrait, l: &Label) -> Result<(), DbError> {
    let row = found(
        label::Entity::find_by_id(l.id.0)
            .filter(label::Column::ProjectId.eq(l.project_id.0))
            .filter(label::Column::DeletedAt.is_null())
            .one(conn)
            .await?,
    )?;
    let mut active = row.into_active_model();
    write_fields(&mut active, l);
    active.update(conn).await?;
    Ok(())
}

/// Live labels of the project, newest first.
pub async fn list_labels(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
) -> Result<Vec<Label>, DbError> {
    Ok(label::Entity::find()
        .filter(label::Column::ProjectId.eq(project_id.0))
        .filter(label::Column::DeletedAt.is_null())
        .order_by_desc(label::Column::CreatedAt)
        .order_by_desc(label::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_label)
        .collect())
}

/// Live labels of the workspace among `ids`, in one query (for `expand`).
pub async fn find_many(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    ids: &[LabelId],
) -> Result<Vec<Label>, DbError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(label::Entity::find()
        .filter(label::Column::WorkspaceId.eq(workspace_id.0))
        .filter(label::Column::Id.is_in(ids.iter().map(|id| id.0)))
        .filter(label::Column::DeletedAt.is_null())
        .all(conn)
        .await?
        .into_iter()
        .map(to_label)
        .collect())
}

pub async fn find_label(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
    id: LabelId,
) -> Result<Label, DbError> {
    found(
        label::Entity::find_by_id(id.0)
            .filter(label::Column::ProjectId.eq(project_id.0))
            .filter(label::Column::DeletedAt.is_null())
            .one(conn)
            .await?,
    )
    .map(to_label)
}

/// A live label of the project with exactly this name.
pub async fn find_by_name(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
    name: &str,
) -> Result<Option<Label>, DbError> {
    Ok(label::Entity::find()
        .filter(label::Column::ProjectId.eq(project_id.0))
        .filter(label::Column::Name.eq(name))
        .filter(label::Column::DeletedAt.is_null())
        .one(conn)
        .await?
        .map(to_label))
}

/// A live label of the project imported from this external source and id.
pub async fn find_by_external(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
    source: Option<&str>,
    external_id: &str,
) -> Result<Option<Label>, DbError> {
    let mut query = label::Entity::find()
        .filter(label::Column::ProjectId.eq(project_id.0))
        .filter(label::Column::ExternalId.eq(external_id))
        .filter(label::Column::DeletedAt.is_null());
    query = match source {
        Some(source) => query.filter(label::Column::ExternalSource.eq(source)),
        None => query.filter(label::Column::ExternalSource.is_null()),
    };
    Ok(query.one(conn).await?.map(to_label))
}

/// Each live label of the project with its parent, for walking the tree.
pub async fn parents(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
) -> Result<HashMap<LabelId, Option<LabelId>>, DbError> {
    let rows: Vec<(uuid::Uuid, Option<uuid::Uuid>)> = label::Entity::find()
        .select_only()
        .column(label::Column::Id)
        .column(label::Column::ParentId)
        .filter(label::Column::ProjectId.eq(project_id.0))
        .filter(label::Column::DeletedAt.is_null())
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, parent)| (LabelId(id), parent.map(LabelId)))
        .collect())
}

/// The highest sort order among the project's live labels.
pub async fn max_sort_order(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
) -> Result<Option<f64>, DbError> {
    let max: Option<Option<f64>> = label::Entity::find()
        .select_only()
        .column_as(label::Column::SortOrder.max(), "max_sort_order")
        .filter(label::Column::ProjectId.eq(project_id.0))
        .filter(label::Column::DeletedAt.is_null())
        .into_tuple()
        .one(conn)
        .await?;
    Ok(max.flatten())
}

/// Soft-deletes labels of the project and takes them off every work item.
pub async fn soft_delete_labels(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
    ids: &[LabelId],
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let ids: Vec<uuid::Uuid> = ids.iter().map(|id| id.0).collect();
    label::Entity::update_many()
        .col_expr(label::Column::DeletedAt, Expr::value(Some(now)))
        .filter(label::Column::ProjectId.eq(project_id.0))
        .filter(label::Column::Id.is_in(ids.clone()))
        .exec(conn)
        .await?;
    let unlink = Query::delete()
        .from_table("work_item_labels")
        .and_where(Expr::col("project_id").eq(project_id.0))
        .and_where(Expr::col("label_id").is_in(ids))
        .take();
    conn.execute(&unlink).await?;
    Ok(())
}
