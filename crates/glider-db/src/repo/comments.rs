//! Comments and links of work items.

use chrono::{DateTime, Utc};
use glider_domain::{
    CommentId, LinkId, ProjectId, UserId, WorkItemId, WorkspaceId,
    model::work_items::{Comment, CommentAccess, Link},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, sea_query::Expr,
};

use crate::{
    DbError,
    entities::{work_item_comment, work_item_link},
    repo::found,
};

fn to_comment(row: work_item_comment::Model) -> Comment {
    Comment {
        id: CommentId(row.id),
        workspace_id: WorkspaceId(row.workspace_id),
        project_id: ProjectId(row.project_id),
        work_item_id: WorkItemId(row.work_item_id),
        comment_html: row.comment_html,
        comment_stripped: row.comment_stripped,
        comment_json: row.comment_json,
        access: CommentAccess::parse("access", &row.access).unwrap_or(CommentAccess::Internal),
        actor_id: row.actor_id.map(UserId),
        parent_id: row.parent_id.map(CommentId),
        edited_at: row.edited_at,
        external_source: row.external_source,
        external_id: row.external_id,
        created_by: row.created_by.map(UserId),
        updated_by: row.updated_by.map(UserId),
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

fn comment_fields(active: &mut work_item_comment::ActiveModel, c: &Comment) {
    active.comment_html = Set(c.comment_html.clone());
    active.comment_stripped = Set(c.comment_stripped.clone());
    active.comment_json = Set(c.comment_json.clone());
    active.access = Set(c.access.as_str().to_owned());
    active.edited_at = Set(c.edited_at);
    active.external_source = Set(c.external_source.clone());
    active.external_id = Set(c.external_id.clone());
    active.updated_by = Set(c.updated_by.map(|id| id.0));
    active.updated_at = Set(c.updated_at);
}

/// The row of a new comment.
pub(crate) fn new_comment_row(c: &Comment) -> work_item_comment::ActiveModel {
    let mut active = work_item_comment::ActiveModel {
        id: Set(c.id.0),
        workspace_id: Set(c.workspace_id.0),
        project_id: Set(c.project_id.0),
        work_item_id: Set(c.work_item_id.0),
        actor_id: Set(c.actor_id.map(|id| id.0)),
        parent_id: Set(c.parent_id.map(|id| id.0)),
        created_by: Set(c.created_by.map(|id| id.0)),
        created_at: Set(c.created_at),
        deleted_at: Set(None),
        ..Default::default()
    };
    comment_fields(&mut active, c);
    active
}

pub async fn insert_comment(conn: &impl ConnectionTrait, c: &Comment) -> Result<(), DbError> {
    work_item_comment::Entity::insert(new_comment_row(c))
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

pub async fn save_comment(conn: &impl ConnectionTrait, c: &Comment) -> Result<(), DbError> {
    let mut active = found(
        work_item_comment::Entity::find_by_id(c.id.0)
            .one(conn)
            .await?,
    )?
    .into_active_model();
    comment_fields(&mut active, c);
    active.update(conn).await?;
    Ok(())
}

fn live_comments(item: WorkItemId) -> sea_orm::Select<work_item_comment::Entity> {
    work_item_comment::Entity::find()
        .filter(work_item_comment::Column::WorkItemId.eq(item.0))
        .filter(work_item_comment::Column::DeletedAt.is_null())
}

/// A page of a work item's comments, newest first.
pub async fn list_comments(
    conn: &impl ConnectionTrait,
    item: WorkItemId,
    offset: u64,
    limit: u64,
) -> Result<(u64, Vec<Comment>), DbError> {
    let total = live_comments(item).count(conn).await?;
    let rows = live_comments(item)
        .order_by_desc(work_item_comment::Column::CreatedAt)
        .order_by_desc(work_item_comment::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(conn)
        .await?;
    Ok((total, rows.into_iter().map(to_comment).collect()))
}

pub async fn find_comment(
    conn: &impl ConnectionTrait,
    item: WorkItemId,
    id: CommentId,
) -> Result<Comment, DbError> {
    found(
        live_comments(item)
            .filter(work_item_comment::Column::Id.eq(id.0))
            .one(conn)
            .await?,
    )
    .map(to_comment)
}

pub async fn find_comment_by_external(
    conn: &impl ConnectionTrait,
    item: WorkItemId,
    source: &str,
    external_id: &str,
) -> Result<Option<Comment>, DbError> {
    Ok(live_comments(item)
        .filter(work_item_comment::Column::ExternalSource.eq(source))
        .filter(work_item_comment::Column::ExternalId.eq(external_id))
        .one(conn)
        .await?
        .map(to_comment))
}

pub async fn delete_comment(
    conn: &impl ConnectionTrait,
    id: CommentId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    work_item_comment::Entity::update_many()
        .col_expr(work_item_comment::Column::DeletedAt, Expr::value(Some(now)))
        .filter(work_item_comment::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    Ok(())
}

fn to_link(row: work_item_link::Model) -> Link {
    Link {
        id: LinkId(row.id),
        workspace_id: WorkspaceId(row.workspace_id),
        project_id: ProjectId(row.project_id),
        work_item_id: WorkItemId(row.work_item_id),
        url: row.url,
        title: row.title,
        metadata: row.metadata,
        created_by: row.created_by.map(UserId),
        updated_by: row.updated_by.map(UserId),
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

pub async fn insert_link(conn: &impl ConnectionTrait, l: &Link) -> Result<(), DbError> {
    let active = work_item_link::ActiveModel {
        id: Set(l.id.0),
        workspace_id: Set(l.workspace_id.0),
        project_id: Set(l.project_id.0),
        work_item_id: Set(l.work_item_id.0),
        url: Set(l.url.clone()),
        title: Set(l.title.clone()),
        metadata: Set(l.metadata.clone()),
        created_by: Set(l.created_by.map(|id| id.0)),
        updated_by: Set(l.updated_by.map(|id| id.0)),
        created_at: Set(l.created_at),
        updated_at: Set(l.updated_at),
        deleted_at: Set(None),
    };
    work_item_link::Entity::insert(active)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

pub async fn save_link(conn: &impl ConnectionTrait, l: &Link) -> Result<(), DbError> {
    let mut active =
        found(work_item_link::Entity::find_by_id(l.id.0).one(conn).await?)?.into_active_model();
    active.url = Set(l.url.clone());
    active.title = Set(l.title.clone());
    active.metadata = Set(l.metadata.clone());
    active.updated_by = Set(l.updated_by.map(|id| id.0));
    active.updated_at = Set(l.updated_at);
    active.update(conn).await?;
    Ok(())
}

fn live_links(item: WorkItemId) -> sea_orm::Select<work_item_link::Entity> {
    work_item_link::Entity::find()
        .filter(work_item_link::Column::WorkItemId.eq(item.0))
        .filter(work_item_link::Column::DeletedAt.is_null())
}

pub async fn list_links(
    conn: &impl ConnectionTrait,
    item: WorkItemId,
    offset: u64,
    limit: u64,
) -> Result<(u64, Vec<Link>), DbError> {
    let total = live_links(item).count(conn).await?;
    let rows = live_links(item)
        .order_by_desc(work_item_link::Column::CreatedAt)
        .order_by_desc(work_item_link::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(conn)
        .await?;
    Ok((total, rows.into_iter().map(to_link).collect()))
}

pub async fn find_link(
    conn: &impl ConnectionTrait,
    item: WorkItemId,
    id: LinkId,
) -> Result<Link, DbError> {
    found(
        live_links(item)
            .filter(work_item_link::Column::Id.eq(id.0))
            .one(conn)
            .await?,
    )
    .map(to_link)
}

pub async fn link_url_exists(
    conn: &impl ConnectionTrait,
    item: WorkItemId,
    url: &str,
) -> Result<bool, DbError> {
    Ok(live_links(item)
        .filter(work_item_link::Column::Url.eq(url))
        .count(conn)
        .await?
        > 0)
}

pub async fn delete_link(
    conn: &impl ConnectionTrait,
    id: LinkId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    work_item_link::Entity::update_many()
        .col_expr(work_item_link::Column::DeletedAt, Expr::value(Some(now)))
        .filter(work_item_link::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    Ok(())
}
