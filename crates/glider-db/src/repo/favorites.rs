//! Users' favorites in a workspace. Every query is scoped by workspace and user: nobody sees or
//! removes another person's favorites.

use std::collections::HashSet;

use glider_domain::{FavoriteId, ProjectId, UserId, WorkspaceId, model::pages::Favorite};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::{DbError, entities::user_favorite, repo::found};

fn to_favorite(row: user_favorite::Model) -> Favorite {
    Favorite {
        id: FavoriteId(row.id),
        workspace_id: WorkspaceId(row.workspace_id),
        user_id: UserId(row.user_id),
        entity_type: row.entity_type,
        entity_id: row.entity_identifier,
        project_id: row.project_id.map(ProjectId),
        sequence: row.sequence,
        created_at: row.created_at,
    }
}

/// Adds a favorite; a second one for the same user and entity is `Conflict { field: "entity" }`.
pub async fn insert_favorite(conn: &impl ConnectionTrait, f: &Favorite) -> Result<(), DbError> {
    let row = user_favorite::ActiveModel {
        id: Set(f.id.0),
        workspace_id: Set(f.workspace_id.0),
        user_id: Set(f.user_id.0),
        entity_type: Set(f.entity_type.clone()),
        entity_identifier: Set(f.entity_id),
        project_id: Set(f.project_id.map(|id| id.0)),
        sequence: Set(f.sequence),
        created_at: Set(f.created_at),
    };
    user_favorite::Entity::insert(row)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// The user's favorites in the workspace, by sequence, then oldest first.
pub async fn list_favorites(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    user_id: UserId,
) -> Result<Vec<Favorite>, DbError> {
    Ok(user_favorite::Entity::find()
        .filter(user_favorite::Column::WorkspaceId.eq(workspace_id.0))
        .filter(user_favorite::Column::UserId.eq(user_id.0))
        .order_by_asc(user_favorite::Column::Sequence)
        .order_by_asc(user_favorite::Column::CreatedAt)
        .order_by_asc(user_favorite::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_favorite)
        .collect())
}

/// One of the user's favorites in the workspace.
pub async fn find_favorite(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    user_id: UserId,
    id: FavoriteId,
) -> Result<Favorite, DbError> {
    found(
        user_favorite::Entity::find_by_id(id.0)
            .filter(user_favorite::Column::WorkspaceId.eq(workspace_id.0))
            .filter(user_favorite::Column::UserId.eq(user_id.0))
            .one(conn)
            .await?,
    )
    .map(to_favorite)
}

/// The largest sequence among the user's favorites in the workspace.
pub async fn max_sequence(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    user_id: UserId,
) -> Result<Option<f64>, DbError> {
    let max: Option<Option<f64>> = user_favorite::Entity::find()
        .select_only()
        .column_as(user_favorite::Column::Sequence.max(), "max")
        .filter(user_favorite::Column::WorkspaceId.eq(workspace_id.0))
        .filter(user_favorite::Column::UserId.eq(user_id.0))
        .into_tuple()
        .one(conn)
        .await?;
    Ok(max.flatten())
}

/// Removes one of the user's favorites.
pub async fn delete_favorite(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    user_id: UserId,
    id: FavoriteId,
) -> Result<(), DbError> {
    user_favorite::Entity::delete_many()
        .filter(user_favorite::Column::Id.eq(id.0))
        .filter(user_favorite::Column::WorkspaceId.eq(workspace_id.0))
        .filter(user_favorite::Column::UserId.eq(user_id.0))
        .exec(conn)
        .await?;
    Ok(())
}

/// Removes everyone's favorites of an entity that was deleted.
pub async fn delete_for_entity(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    entity_type: &str,
    entity_id: uuid::Uuid,
) -> Result<(), DbError> {
    user_favorite::Entity::delete_many()
        .filter(user_favorite::Column::WorkspaceId.eq(workspace_id.0))
        .filter(user_favorite::Column::EntityType.eq(entity_type))
        .filter(user_favorite::Column::EntityIdentifier.eq(entity_id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Which entities of `entity_type` the user has marked as favorite in the workspace: answers
/// `is_favorite` for lists (`"project"`, `"view"`, `"page"`, …).
pub async fn favorite_ids(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    user_id: UserId,
    entity_type: &str,
) -> Result<HashSet<uuid::Uuid>, DbError> {
    let ids: Vec<uuid::Uuid> = user_favorite::Entity::find()
        .select_only()
        .column(user_favorite::Column::EntityIdentifier)
        .filter(user_favorite::Column::WorkspaceId.eq(workspace_id.0))
        .filter(user_favorite::Column::UserId.eq(user_id.0))
        .filter(user_favorite::Column::EntityType.eq(entity_type))
        .into_tuple()
        .all(conn)
        .await?;
    Ok(ids.into_iter().collect())
}
