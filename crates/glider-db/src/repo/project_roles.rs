//! Project roles across a workspace (the project-role distribution report).

use std::collections::HashMap;

use glider_domain::{ProjectRole, UserId, WorkspaceId, WorkspaceRole};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect,
    sea_query::{Expr, ExprTrait, Query},
};
use uuid::Uuid;

use crate::{
    DbError,
    entities::{project, project_member, workspace_member},
};

/// Every active project membership of the workspace's live, unarchived projects, held by an
/// active workspace member: (user, role). A workspace guest counts as a guest in every project,
/// as the policy treats them.
pub async fn project_memberships(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
) -> Result<Vec<(UserId, ProjectRole)>, DbError> {
    let live_projects = Query::select()
        .column(project::Column::Id)
        .from(project::Entity)
        .and_where(Expr::col(project::Column::WorkspaceId).eq(workspace_id.0))
        .and_where(Expr::col(project::Column::DeletedAt).is_null())
        .and_where(Expr::col(project::Column::ArchivedAt).is_null())
        .to_owned();
    let rows: Vec<(Uuid, i16)> = project_member::Entity::find()
        .select_only()
        .column(project_member::Column::UserId)
        .column(project_member::Column::Role)
        .filter(project_member::Column::WorkspaceId.eq(workspace_id.0))
        .filter(project_member::Column::IsActive.eq(true))
        .filter(project_member::Column::ProjectId.in_subquery(live_projects))
        .into_tuple()
        .all(conn)
        .await?;
    let workspace_roles: HashMap<Uuid, WorkspaceRole> = workspace_member::Entity::find()
        .filter(workspace_member::Column::WorkspaceId.eq(workspace_id.0))
        .filter(workspace_member::Column::IsActive.eq(true))
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|row| Some((row.user_id, WorkspaceRole::from_stored(&row.role)?)))
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|(user, code)| {
            let workspace_role = workspace_roles.get(&user)?;
            let role = ProjectRole::from_plane_code(i64::from(code))?.capped_by(*workspace_role);
            Some((UserId(user), role))
        })
        .collect())
}
