//! Where a resource known only by its id lives, for callers that start from an id alone (a
//! WebSocket topic names a project or a work item, not its workspace). The answer is no
//! permission: the caller still checks the actor's access in that workspace.

use glider_domain::{ProjectId, WorkItemId, WorkspaceId};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::{
    DbError,
    entities::{project, work_item},
};

/// The workspace of a live project.
pub async fn project_workspace(
    conn: &impl ConnectionTrait,
    id: ProjectId,
) -> Result<Option<WorkspaceId>, DbError> {
    Ok(project::Entity::find_by_id(id.0)
        .filter(project::Column::DeletedAt.is_null())
        .one(conn)
        .await?
        .map(|row| WorkspaceId(row.workspace_id)))
}

/// The workspace and project of a live work item.
pub async fn work_item_scope(
    conn: &impl ConnectionTrait,
    id: WorkItemId,
) -> Result<Option<(WorkspaceId, ProjectId)>, DbError> {
    Ok(work_item::Entity::find_by_id(id.0)
        .filter(work_item::Column::DeletedAt.is_null())
        .one(conn)
        .await?
        .map(|row| (WorkspaceId(row.workspace_id), ProjectId(row.project_id))))
}
