//! Saved views of a workspace (`project_id` null) or of one of its projects.

use chrono::{DateTime, Utc};
use glider_domain::{
    ProjectId, UserId, ViewId, WorkspaceId,
    model::pages::{SavedView, ViewAccess},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Select, Set, sea_query::Expr,
};

use crate::{DbError, entities::saved_view, repo::found};

fn to_view(row: saved_view::Model) -> SavedView {
    SavedView {
        id: ViewId(row.id),
        workspace_id: WorkspaceId(row.workspace_id),
        project_id: row.project_id.map(ProjectId),
        owned_by: UserId(row.owned_by),
        name: row.name,
        description: row.description,
        filters: row.filters,
        display_filters: row.display_filters,
        display_properties: row.display_properties,
        logo_props: row.logo_props,
        access: ViewAccess::from_plane_code(i64::from(row.access)).unwrap_or(ViewAccess::Private),
        is_locked: row.is_locked,
        sort_order: row.sort_order,
        created_by: UserId(row.created_by),
        updated_by: row.updated_by.map(UserId),
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

fn write_fields(active: &mut saved_view::ActiveModel, v: &SavedView) {
    active.name = Set(v.name.clone());
    active.description = Set(v.description.clone());
    active.filters = Set(v.filters.clone());
    active.display_filters = Set(v.display_filters.clone());
    active.display_properties = Set(v.display_properties.clone());
    active.logo_props = Set(v.logo_props.clone());
    active.access = Set(v.access.plane_code());
    active.is_locked = Set(v.is_locked);
    active.sort_order = Set(v.sort_order);
    active.updated_by = Set(v.updated_by.map(|id| id.0));
    active.updated_at = Set(v.updated_at);
}

/// Live views of exactly one scope: the workspace's own views, or one project's.
fn in_scope(
    workspace_id: WorkspaceId,
    project_id: Option<ProjectId>,
) -> Select<saved_view::Entity> {
    let query = saved_view::Entity::find()
        .filter(saved_view::Column::WorkspaceId.eq(workspace_id.0))
        .filter(saved_view::Column::DeletedAt.is_null());
    match project_id {
        Some(project) => query.filter(saved_view::Column::ProjectId.eq(project.0)),
        None => query.filter(saved_view::Column::ProjectId.is_null()),
    }
}

/// Stores a new saved view.
pub async fn insert_view(conn: &impl ConnectionTrait, v: &SavedView) -> Result<(), DbError> {
    let mut active = saved_view::ActiveModel {
        id: Set(v.id.0),
        workspace_id: Set(v.workspace_id.0),
        project_id: Set(v.project_id.map(|id| id.0)),
        owned_by: Set(v.owned_by.0),
        deleted_at: Set(None),
        created_by: Set(v.created_by.0),
        created_at: Set(v.created_at),
        ..Default::default()
    };
    write_fields(&mut active, v);
    saved_view::Entity::insert(active)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Saves a view's editable fields.
pub async fn update_view(conn: &impl ConnectionTrait, v: &SavedView) -> Result<(), DbError> {
    let row = found(
        in_scope(v.workspace_id, v.project_id)
            .filter(saved_view::Column::Id.eq(v.id.0))
            .one(conn)
            .await?,
    )?;
    let mut active = row.into_active_model();
    write_fields(&mut active, v);
    active.update(conn).await?;
    Ok(())
}

/// A live view of the scope (visibility to the caller is the service's business).
pub async fn find_view(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    project_id: Option<ProjectId>,
    id: ViewId,
) -> Result<SavedView, DbError> {
    found(
        in_scope(workspace_id, project_id)
            .filter(saved_view::Column::Id.eq(id.0))
            .one(conn)
            .await?,
    )
    .map(to_view)
}

/// Every live view of the scope, by sort order, then oldest first.
pub async fn list_views(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    project_id: Option<ProjectId>,
) -> Result<Vec<SavedView>, DbError> {
    Ok(in_scope(workspace_id, project_id)
        .order_by_asc(saved_view::Column::SortOrder)
        .order_by_asc(saved_view::Column::CreatedAt)
        .order_by_asc(saved_view::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_view)
        .collect())
}

/// Live views of the workspace (any scope) among `ids`.
pub async fn views_by_ids(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    ids: Vec<uuid::Uuid>,
) -> Result<Vec<SavedView>, DbError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(saved_view::Entity::find()
        .filter(saved_view::Column::WorkspaceId.eq(workspace_id.0))
        .filter(saved_view::Column::DeletedAt.is_null())
        .filter(saved_view::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(to_view)
        .collect())
}

/// Soft-deletes a view.
pub async fn soft_delete_view(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    id: ViewId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    saved_view::Entity::update_many()
        .col_expr(saved_view::Column::DeletedAt, Expr::value(Some(now)))
        .filter(saved_view::Column::WorkspaceId.eq(workspace_id.0))
        .filter(saved_view::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    Ok(())
}
