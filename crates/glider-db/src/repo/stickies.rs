//! Stickies: personal notes in a workspace, each visible to its owner only.

use chrono::{DateTime, Utc};
use glider_domain::{
    UserId, WorkspaceId,
    model::catalog::{Sticky, StickyId},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect, Set,
    sea_query::{Expr, ExprTrait, Func, LikeExpr},
};

use crate::{DbError, entities::sticky, repo::found};

fn to_sticky(row: sticky::Model) -> Sticky {
    Sticky {
        id: StickyId(row.id),
        workspace_id: WorkspaceId(row.workspace_id),
        owner_id: UserId(row.owner_id),
        name: row.name,
        description: row.description,
        description_html: row.description_html,
        description_stripped: row.description_stripped,
        logo_props: row.logo_props,
        color: row.color,
        background_color: row.background_color,
        sort_order: row.sort_order,
        created_by: row.created_by.map(UserId),
        updated_by: row.updated_by.map(UserId),
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

fn write_fields(active: &mut sticky::ActiveModel, s: &Sticky) {
    active.name = Set(s.name.clone());
    active.description = Set(s.description.clone());
    active.description_html = Set(s.description_html.clone());
    active.description_stripped = Set(s.description_stripped.clone());
    active.logo_props = Set(s.logo_props.clone());
    active.color = Set(s.color.clone());
    active.background_color = Set(s.background_color.clone());
    active.sort_order = Set(s.sort_order);
    active.updated_by = Set(s.updated_by.map(|id| id.0));
    active.updated_at = Set(s.updated_at);
}

pub async fn insert_sticky(conn: &impl ConnectionTrait, s: &Sticky) -> Result<(), DbError> {
    let mut active = sticky::ActiveModel {
        id: Set(s.id.0),
        workspace_id: Set(s.workspace_id.0),
        owner_id: Set(s.owner_id.0),
        created_by: Set(s.created_by.map(|id| id.0)),
        created_at: Set(s.created_at),
        deleted_at: Set(None),
        ..Default::default()
    };
    write_fields(&mut active, s);
    sticky::Entity::insert(active)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

pub async fn update_sticky(conn: &impl ConnectionTrait, s: &Sticky) -> Result<(), DbError> {
    let row = found(
        sticky::Entity::find_by_id(s.id.0)
            .filter(sticky::Column::WorkspaceId.eq(s.workspace_id.0))
            .filter(sticky::Column::OwnerId.eq(s.owner_id.0))
            .filter(sticky::Column::DeletedAt.is_null())
            .one(conn)
            .await?,
    )?;
    let mut active = row.into_active_model();
    write_fields(&mut active, s);
    active.update(conn).await?;
    Ok(())
}

/// A live sticky of this owner in the workspace.
pub async fn find_sticky(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    owner_id: UserId,
    id: StickyId,
) -> Result<Sticky, DbError> {
    found(
        sticky::Entity::find_by_id(id.0)
            .filter(sticky::Column::WorkspaceId.eq(workspace_id.0))
            .filter(sticky::Column::OwnerId.eq(owner_id.0))
            .filter(sticky::Column::DeletedAt.is_null())
            .one(conn)
            .await?,
    )
    .map(to_sticky)
}

/// The owner's live stickies, newest first; `text` keeps those whose text contains it
/// (case-insensitive).
pub async fn list_stickies(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    owner_id: UserId,
    text: Option<&str>,
) -> Result<Vec<Sticky>, DbError> {
    let mut query = sticky::Entity::find()
        .filter(sticky::Column::WorkspaceId.eq(workspace_id.0))
        .filter(sticky::Column::OwnerId.eq(owner_id.0))
        .filter(sticky::Column::DeletedAt.is_null());
    if let Some(text) = text.filter(|t| !t.is_empty()) {
        let escaped: String = text
            .to_lowercase()
            .chars()
            .flat_map(|c| match c {
                '%' | '_' | '\\' => vec!['\\', c],
                other => vec![other],
            })
            .collect();
        let pattern = LikeExpr::new(format!("%{escaped}%")).escape('\\');
        query = query.filter(
            Expr::expr(Func::lower(Expr::col(sticky::Column::DescriptionStripped))).like(pattern),
        );
    }
    Ok(query
        .order_by_desc(sticky::Column::CreatedAt)
        .order_by_desc(sticky::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_sticky)
        .collect())
}

/// The highest sort order among the owner's live stickies in the workspace.
pub async fn max_sort_order(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    owner_id: UserId,
) -> Result<Option<f64>, DbError> {
    let max: Option<Option<f64>> = sticky::Entity::find()
        .select_only()
        .column_as(sticky::Column::SortOrder.max(), "max_sort_order")
        .filter(sticky::Column::WorkspaceId.eq(workspace_id.0))
        .filter(sticky::Column::OwnerId.eq(owner_id.0))
        .filter(sticky::Column::DeletedAt.is_null())
        .into_tuple()
        .one(conn)
        .await?;
    Ok(max.flatten())
}

pub async fn soft_delete_sticky(
    conn: &impl ConnectionTrait,
    s: &Sticky,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    sticky::Entity::update_many()
        .col_expr(sticky::Column::DeletedAt, Expr::value(Some(now)))
        .filter(sticky::Column::Id.eq(s.id.0))
        .filter(sticky::Column::WorkspaceId.eq(s.workspace_id.0))
        .filter(sticky::Column::OwnerId.eq(s.owner_id.0))
        .exec(conn)
        .await?;
    Ok(())
}
