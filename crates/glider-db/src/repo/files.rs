//! Uploaded files.

use chrono::{DateTime, Utc};
use glider_domain::{ProjectId, UserId, WorkItemId, WorkspaceId, model::files::FileAsset};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set, sea_query::Expr,
};
use uuid::Uuid;

use crate::{DbError, entities::file_asset, repo::found};

fn to_asset(row: file_asset::Model) -> FileAsset {
    FileAsset {
        id: row.id,
        workspace_id: WorkspaceId(row.workspace_id),
        project_id: row.project_id.map(ProjectId),
        work_item_id: row.work_item_id.map(WorkItemId),
        entity_type: row.entity_type,
        asset: row.asset,
        name: row.name,
        content_type: row.content_type,
        size: row.size,
        is_uploaded: row.is_uploaded,
        storage_metadata: row.storage_metadata,
        external_source: row.external_source,
        external_id: row.external_id,
        created_by: row.created_by.map(UserId),
        updated_by: row.updated_by.map(UserId),
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

pub async fn insert(conn: &impl ConnectionTrait, a: &FileAsset) -> Result<(), DbError> {
    let row = file_asset::ActiveModel {
        id: Set(a.id),
        workspace_id: Set(a.workspace_id.0),
        project_id: Set(a.project_id.map(|id| id.0)),
        work_item_id: Set(a.work_item_id.map(|id| id.0)),
        entity_type: Set(a.entity_type.clone()),
        asset: Set(a.asset.clone()),
        name: Set(a.name.clone()),
        content_type: Set(a.content_type.clone()),
        size: Set(a.size),
        is_uploaded: Set(a.is_uploaded),
        storage_metadata: Set(a.storage_metadata.clone()),
        external_source: Set(a.external_source.clone()),
        external_id: Set(a.external_id.clone()),
        created_by: Set(a.created_by.map(|id| id.0)),
        updated_by: Set(a.updated_by.map(|id| id.0)),
        deleted_at: Set(None),
        created_at: Set(a.created_at),
        updated_at: Set(a.updated_at),
    };
    file_asset::Entity::insert(row)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Records that the bytes arrived (size as stored, metadata from the store).
pub async fn mark_uploaded(conn: &impl ConnectionTrait, a: &FileAsset) -> Result<(), DbError> {
    let mut active =
        found(file_asset::Entity::find_by_id(a.id).one(conn).await?)?.into_active_model();
    active.is_uploaded = Set(true);
    active.size = Set(a.size);
    active.storage_metadata = Set(a.storage_metadata.clone());
    active.updated_by = Set(a.updated_by.map(|id| id.0));
    active.updated_at = Set(a.updated_at);
    active.update(conn).await?;
    Ok(())
}

/// A live asset by id (any owner) — for the signed upload and download endpoints.
pub async fn find(conn: &impl ConnectionTrait, id: Uuid) -> Result<FileAsset, DbError> {
    found(
        file_asset::Entity::find_by_id(id)
            .filter(file_asset::Column::DeletedAt.is_null())
            .one(conn)
            .await?,
    )
    .map(to_asset)
}

/// A live asset of a work item.
pub async fn find_for_item(
    conn: &impl ConnectionTrait,
    item: WorkItemId,
    id: Uuid,
) -> Result<FileAsset, DbError> {
    let asset = find(conn, id).await?;
    if asset.work_item_id == Some(item) {
        Ok(asset)
    } else {
        Err(DbError::NotFound)
    }
}

/// Uploaded, live attachments of a work item, oldest first.
pub async fn list_for_item(
    conn: &impl ConnectionTrait,
    item: WorkItemId,
) -> Result<Vec<FileAsset>, DbError> {
    Ok(file_asset::Entity::find()
        .filter(file_asset::Column::WorkItemId.eq(item.0))
        .filter(file_asset::Column::IsUploaded.eq(true))
        .filter(file_asset::Column::DeletedAt.is_null())
        .order_by_asc(file_asset::Column::CreatedAt)
        .order_by_asc(file_asset::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_asset)
        .collect())
}

pub async fn find_by_external(
    conn: &impl ConnectionTrait,
    item: WorkItemId,
    source: &str,
    external_id: &str,
) -> Result<Option<FileAsset>, DbError> {
    Ok(file_asset::Entity::find()
        .filter(file_asset::Column::WorkItemId.eq(item.0))
        .filter(file_asset::Column::ExternalSource.eq(source))
        .filter(file_asset::Column::ExternalId.eq(external_id))
        .filter(file_asset::Column::DeletedAt.is_null())
        .one(conn)
        .await?
        .map(to_asset))
}

pub async fn soft_delete(
    conn: &impl ConnectionTrait,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    file_asset::Entity::update_many()
        .col_expr(file_asset::Column::DeletedAt, Expr::value(Some(now)))
        .filter(file_asset::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}
