//! Workspace feature flags: one row per workspace, created on the first change.

use chrono::{DateTime, Utc};
use glider_domain::{UserId, WorkspaceId, model::catalog::WorkspaceFeatures};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, Set,
};

use crate::{DbError, entities::workspace_feature};

/// The workspace's flags; the defaults when no admin has changed them yet.
pub async fn workspace_features(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
) -> Result<WorkspaceFeatures, DbError> {
    Ok(workspace_feature::Entity::find()
        .filter(workspace_feature::Column::WorkspaceId.eq(workspace_id.0))
        .one(conn)
        .await?
        .map_or_else(WorkspaceFeatures::default, |row| WorkspaceFeatures {
            project_grouping: row.project_grouping,
            initiatives: row.initiatives,
            teams: row.teams,
            customers: row.customers,
            wiki: row.wiki,
            pi: row.pi,
        }))
}

/// Stores the workspace's flags, creating its row if needed.
pub async fn save_workspace_features(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    features: WorkspaceFeatures,
    actor: UserId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let existing = workspace_feature::Entity::find()
        .filter(workspace_feature::Column::WorkspaceId.eq(workspace_id.0))
        .one(conn)
        .await?;
    let is_new = existing.is_none();
    let mut active = match existing {
        Some(row) => row.into_active_model(),
        None => workspace_feature::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            workspace_id: Set(workspace_id.0),
            created_at: Set(now),
            ..Default::default()
        },
    };
    active.project_grouping = Set(features.project_grouping);
    active.initiatives = Set(features.initiatives);
    active.teams = Set(features.teams);
    active.customers = Set(features.customers);
    active.wiki = Set(features.wiki);
    active.pi = Set(features.pi);
    active.updated_by = Set(Some(actor.0));
    active.updated_at = Set(now);
    if is_new {
        workspace_feature::Entity::insert(active)
            .exec_without_returning(conn)
            .await?;
    } else {
        active.update(conn).await?;
    }
    Ok(())
}
