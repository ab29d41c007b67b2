//! Pages of a workspace (`project_id` null) or of one of its projects.

use chrono::{DateTime, Utc};
use glider_domain::{
    PageId, ProjectId, UserId, WorkspaceId,
    model::pages::{Page, PageAccess},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Select, Set, sea_query::Expr,
};

use crate::{DbError, entities::page, repo::found};

fn to_page(row: page::Model) -> Page {
    Page {
        id: PageId(row.id),
        workspace_id: WorkspaceId(row.workspace_id),
        project_id: row.project_id.map(ProjectId),
        parent_id: row.parent_id.map(PageId),
        owned_by: UserId(row.owned_by),
        name: row.name,
        description_html: row.description_html,
        description_stripped: row.description_stripped,
        access: PageAccess::from_plane_code(i64::from(row.access)).unwrap_or(PageAccess::Private),
        color: row.color,
        logo_props: row.logo_props,
        view_props: row.view_props,
        is_locked: row.is_locked,
        archived_at: row.archived_at,
        sort_order: row.sort_order,
        external_source: row.external_source,
        external_id: row.external_id,
        created_by: UserId(row.created_by),
        updated_by: row.updated_by.map(UserId),
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

fn write_fields(active: &mut page::ActiveModel, p: &Page) {
    active.parent_id = Set(p.parent_id.map(|id| id.0));
    active.name = Set(p.name.clone());
    active.description_html = Set(p.description_html.clone());
    active.description_stripped = Set(p.description_stripped.clone());
    active.access = Set(p.access.plane_code());
    active.color = Set(p.color.clone());
    active.logo_props = Set(p.logo_props.clone());
    active.view_props = Set(p.view_props.clone());
    active.is_locked = Set(p.is_locked);
    active.archived_at = Set(p.archived_at);
    active.sort_order = Set(p.sort_order);
    active.external_source = Set(p.external_source.clone());
    active.external_id = Set(p.external_id.clone());
    active.updated_by = Set(p.updated_by.map(|id| id.0));
    active.updated_at = Set(p.updated_at);
}

/// Live pages of exactly one scope: the workspace's own pages, or one project's.
fn in_scope(workspace_id: WorkspaceId, project_id: Option<ProjectId>) -> Select<page::Entity> {
    let query = page::Entity::find()
        .filter(page::Column::WorkspaceId.eq(workspace_id.0))
        .filter(page::Column::DeletedAt.is_null());
    match project_id {
        Some(project) => query.filter(page::Column::ProjectId.eq(project.0)),
        None => query.filter(page::Column::ProjectId.is_null()),
    }
}

/// Stores a new page (the Y.js state starts empty).
pub async fn insert_page(conn: &impl ConnectionTrait, p: &Page) -> Result<(), DbError> {
    let mut active = page::ActiveModel {
        id: Set(p.id.0),
        workspace_id: Set(p.workspace_id.0),
        project_id: Set(p.project_id.map(|id| id.0)),
        owned_by: Set(p.owned_by.0),
        description_binary: Set(None),
        deleted_at: Set(None),
        created_by: Set(p.created_by.0),
        created_at: Set(p.created_at),
        ..Default::default()
    };
    write_fields(&mut active, p);
    page::Entity::insert(active)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Saves a page's editable fields.
pub async fn update_page(conn: &impl ConnectionTrait, p: &Page) -> Result<(), DbError> {
    let row = found(
        in_scope(p.workspace_id, p.project_id)
            .filter(page::Column::Id.eq(p.id.0))
            .one(conn)
            .await?,
    )?;
    let mut active = row.into_active_model();
    write_fields(&mut active, p);
    active.update(conn).await?;
    Ok(())
}

/// A live page of the scope (visibility to the caller is the service's business).
pub async fn find_page(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    project_id: Option<ProjectId>,
    id: PageId,
) -> Result<Page, DbError> {
    found(
        in_scope(workspace_id, project_id)
            .filter(page::Column::Id.eq(id.0))
            .one(conn)
            .await?,
    )
    .map(to_page)
}

/// Every live page of the scope, newest first.
pub async fn list_pages(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    project_id: Option<ProjectId>,
) -> Result<Vec<Page>, DbError> {
    Ok(in_scope(workspace_id, project_id)
        .order_by_desc(page::Column::CreatedAt)
        .order_by_desc(page::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_page)
        .collect())
}

/// Live pages of the workspace (any scope) among `ids`.
pub async fn pages_by_ids(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    ids: Vec<uuid::Uuid>,
) -> Result<Vec<Page>, DbError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(page::Entity::find()
        .filter(page::Column::WorkspaceId.eq(workspace_id.0))
        .filter(page::Column::DeletedAt.is_null())
        .filter(page::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(to_page)
        .collect())
}

/// Sets `archived_at` on several pages of the workspace at once (a page and its descendants).
pub async fn set_archived(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    ids: &[PageId],
    archived_at: Option<DateTime<Utc>>,
    actor: UserId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    page::Entity::update_many()
        .col_expr(page::Column::ArchivedAt, Expr::value(archived_at))
        .col_expr(page::Column::UpdatedBy, Expr::value(Some(actor.0)))
        .col_expr(page::Column::UpdatedAt, Expr::value(now))
        .filter(page::Column::WorkspaceId.eq(workspace_id.0))
        .filter(page::Column::Id.is_in(ids.iter().map(|id| id.0)))
        .exec(conn)
        .await?;
    Ok(())
}

/// Soft-deletes a page; its children move up to the top level, as in Plane.
pub async fn soft_delete_page(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    id: PageId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    page::Entity::update_many()
        .col_expr(
            page::Column::ParentId,
            Expr::value(Option::<uuid::Uuid>::None),
        )
        .col_expr(page::Column::UpdatedAt, Expr::value(now))
        .filter(page::Column::WorkspaceId.eq(workspace_id.0))
        .filter(page::Column::ParentId.eq(id.0))
        .exec(conn)
        .await?;
    page::Entity::update_many()
        .col_expr(page::Column::DeletedAt, Expr::value(Some(now)))
        .filter(page::Column::WorkspaceId.eq(workspace_id.0))
        .filter(page::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    Ok(())
}
