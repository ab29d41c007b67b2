//! Projects and project members.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use glider_domain::{
    ProjectId, ProjectMemberId, ProjectRole, StateId, UserId, WorkspaceId,
    model::tracker::{Project, ProjectMember, ProjectSettings},
    policy::ProjectNetwork,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, sea_query::Expr,
};

use crate::{
    DbError,
    entities::{project, project_member},
    repo::{found, workspaces::users_by_id},
};

fn to_project(row: project::Model) -> Project {
    Project {
        id: ProjectId(row.id),
        workspace_id: WorkspaceId(row.workspace_id),
        name: row.name,
        identifier: row.identifier,
        network: ProjectNetwork::from_plane_code(i64::from(row.network))
            .unwrap_or(ProjectNetwork::Secret),
        settings: ProjectSettings {
            description: row.description,
            project_lead: row.project_lead.map(UserId),
            default_assignee: row.default_assignee.map(UserId),
            emoji: row.emoji,
            icon_prop: row.icon_prop,
            logo_props: row.logo_props,
            cover_image: row.cover_image,
            module_view: row.module_view,
            cycle_view: row.cycle_view,
            issue_views_view: row.issue_views_view,
            page_view: row.page_view,
            intake_view: row.intake_view,
            is_time_tracking_enabled: row.is_time_tracking_enabled,
            is_issue_type_enabled: row.is_issue_type_enabled,
            guest_view_all_features: row.guest_view_all_features,
            archive_in: row.archive_in,
            close_in: row.close_in,
            timezone: row.timezone,
            external_source: row.external_source,
            external_id: row.external_id,
            default_state_id: row.default_state_id.map(StateId),
            estimate_id: row.estimate_id,
        },
        archived_at: row.archived_at,
        created_by: UserId(row.created_by),
        updated_by: row.updated_by.map(UserId),
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

fn write_fields(active: &mut project::ActiveModel, p: &Project) {
    let s = &p.settings;
    active.name = Set(p.name.clone());
    active.identifier = Set(p.identifier.clone());
    active.network = Set(i16::try_from(p.network.plane_code()).unwrap_or(0));
    active.description = Set(s.description.clone());
    active.project_lead = Set(s.project_lead.map(|id| id.0));
    active.default_assignee = Set(s.default_assignee.map(|id| id.0));
    active.emoji = Set(s.emoji.clone());
    active.icon_prop = Set(s.icon_prop.clone());
    active.logo_props = Set(s.logo_props.clone());
    active.cover_image = Set(s.cover_image.clone());
    active.module_view = Set(s.module_view);
    active.cycle_view = Set(s.cycle_view);
    active.issue_views_view = Set(s.issue_views_view);
    active.page_view = Set(s.page_view);
    active.intake_view = Set(s.intake_view);
    active.is_time_tracking_enabled = Set(s.is_time_tracking_enabled);
    active.is_issue_type_enabled = Set(s.is_issue_type_enabled);
    active.guest_view_all_features = Set(s.guest_view_all_features);
    active.archive_in = Set(s.archive_in);
    active.close_in = Set(s.close_in);
    active.timezone = Set(s.timezone.clone());
    active.external_source = Set(s.external_source.clone());
    active.external_id = Set(s.external_id.clone());
    active.default_state_id = Set(s.default_state_id.map(|id| id.0));
    active.estimate_id = Set(s.estimate_id);
    active.archived_at = Set(p.archived_at);
    active.updated_by = Set(p.updated_by.map(|id| id.0));
    active.updated_at = Set(p.updated_at);
}

pub async fn insert_project(conn: &impl ConnectionTrait, p: &Project) -> Result<(), DbError> {
    let mut active = project::ActiveModel {
        id: Set(p.id.0),
        workspace_id: Set(p.workspace_id.0),
        deleted_at: Set(None),
        created_by: Set(p.created_by.0),
        created_at: Set(p.created_at),
        ..Default::default()
    };
    write_fields(&mut active, p);
    project::Entity::insert(active)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

pub async fn update_project(conn: &impl ConnectionTrait, p: &Project) -> Result<(), DbError> {
    let row = found(project::Entity::find_by_id(p.id.0).one(conn).await?)?;
    let mut active = row.into_active_model();
    write_fields(&mut active, p);
    active.update(conn).await?;
    Ok(())
}

/// A live project of the workspace.
pub async fn find_project(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    id: ProjectId,
) -> Result<Project, DbError> {
    found(
        project::Entity::find_by_id(id.0)
            .filter(project::Column::WorkspaceId.eq(workspace_id.0))
            .filter(project::Column::DeletedAt.is_null())
            .one(conn)
            .await?,
    )
    .map(to_project)
}

/// Every live project of the workspace, oldest first.
pub async fn list_projects(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
) -> Result<Vec<Project>, DbError> {
    Ok(project::Entity::find()
        .filter(project::Column::WorkspaceId.eq(workspace_id.0))
        .filter(project::Column::DeletedAt.is_null())
        .order_by_asc(project::Column::CreatedAt)
        .order_by_asc(project::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_project)
        .collect())
}

pub async fn soft_delete_project(
    conn: &impl ConnectionTrait,
    id: ProjectId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    project::Entity::update_many()
        .col_expr(project::Column::DeletedAt, Expr::value(Some(now)))
        .filter(project::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    Ok(())
}

/// The caller's active project memberships in a workspace: project → (role, sort order).
pub async fn memberships_of_user(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    user_id: UserId,
) -> Result<HashMap<ProjectId, (ProjectRole, f64)>, DbError> {
    Ok(project_member::Entity::find()
        .filter(project_member::Column::WorkspaceId.eq(workspace_id.0))
        .filter(project_member::Column::UserId.eq(user_id.0))
        .filter(project_member::Column::IsActive.eq(true))
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|row| {
            let role = ProjectRole::from_plane_code(i64::from(row.role))?;
            Some((ProjectId(row.project_id), (role, row.sort_order)))
        })
        .collect())
}

/// Active member counts per project of the workspace.
pub async fn member_counts(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
) -> Result<HashMap<ProjectId, u64>, DbError> {
    let rows: Vec<(uuid::Uuid, i64)> = project_member::Entity::find()
        .select_only()
        .column(project_member::Column::ProjectId)
        .column_as(project_member::Column::Id.count(), "count")
        .filter(project_member::Column::WorkspaceId.eq(workspace_id.0))
        .filter(project_member::Column::IsActive.eq(true))
        .group_by(project_member::Column::ProjectId)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, count)| (ProjectId(id), u64::try_from(count).unwrap_or(0)))
        .collect())
}

pub async fn count_active_members(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
) -> Result<u64, DbError> {
    Ok(project_member::Entity::find()
        .filter(project_member::Column::ProjectId.eq(project_id.0))
        .filter(project_member::Column::IsActive.eq(true))
        .count(conn)
        .await?)
}

fn to_member_row(row: &project_member::Model) -> Option<(ProjectMemberId, ProjectRole, bool)> {
    Some((
        ProjectMemberId(row.id),
        ProjectRole::from_plane_code(i64::from(row.role))?,
        row.is_active,
    ))
}

/// Adds a project member, or reactivates a former one with the new role.
pub async fn upsert_project_member(
    conn: &impl ConnectionTrait,
    project: &Project,
    user_id: UserId,
    role: ProjectRole,
    now: DateTime<Utc>,
) -> Result<ProjectMemberId, DbError> {
    let existing = project_member::Entity::find()
        .filter(project_member::Column::ProjectId.eq(project.id.0))
        .filter(project_member::Column::UserId.eq(user_id.0))
        .one(conn)
        .await?;
    let role_code = i16::try_from(role.plane_code()).unwrap_or(5);
    if let Some(row) = existing {
        let id = row.id;
        let mut active = row.into_active_model();
        active.role = Set(role_code);
        active.is_active = Set(true);
        active.updated_at = Set(now);
        active.update(conn).await?;
        return Ok(ProjectMemberId(id));
    }
    let id = ProjectMemberId::new();
    let row = project_member::ActiveModel {
        id: Set(id.0),
        workspace_id: Set(project.workspace_id.0),
        project_id: Set(project.id.0),
        user_id: Set(user_id.0),
        role: Set(role_code),
        is_active: Set(true),
        sort_order: Set(65535.0),
        created_at: Set(now),
        updated_at: Set(now),
    };
    project_member::Entity::insert(row)
        .exec_without_returning(conn)
        .await?;
    Ok(id)
}

/// Does `user_id` have any membership row (active or not) in the project?
pub async fn has_member_row(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
    user_id: UserId,
) -> Result<bool, DbError> {
    Ok(project_member::Entity::find()
        .filter(project_member::Column::ProjectId.eq(project_id.0))
        .filter(project_member::Column::UserId.eq(user_id.0))
        .one(conn)
        .await?
        .is_some())
}

/// Every membership row of the project (active and not), oldest first, with its user.
pub async fn list_project_members(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
) -> Result<Vec<ProjectMember>, DbError> {
    let rows = project_member::Entity::find()
        .filter(project_member::Column::ProjectId.eq(project_id.0))
        .order_by_asc(project_member::Column::CreatedAt)
        .order_by_asc(project_member::Column::Id)
        .all(conn)
        .await?;
    let users = users_by_id(conn, rows.iter().map(|row| row.user_id).collect()).await?;
    Ok(rows
        .iter()
        .filter_map(|row| {
            let (id, role, is_active) = to_member_row(row)?;
            Some(ProjectMember {
                id,
                project_id,
                user: users.get(&row.user_id)?.clone(),
                role,
                is_active,
            })
        })
        .collect())
}

pub async fn find_project_member(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
    id: ProjectMemberId,
) -> Result<ProjectMember, DbError> {
    found(
        list_project_members(conn, project_id)
            .await?
            .into_iter()
            .find(|member| member.id == id),
    )
}

pub async fn update_project_member(
    conn: &impl ConnectionTrait,
    member: &ProjectMember,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    project_member::Entity::update_many()
        .col_expr(
            project_member::Column::Role,
            Expr::value(i16::try_from(member.role.plane_code()).unwrap_or(5)),
        )
        .col_expr(
            project_member::Column::IsActive,
            Expr::value(member.is_active),
        )
        .col_expr(
            project_member::Column::UserId,
            Expr::value(member.user.id.0),
        )
        .col_expr(project_member::Column::UpdatedAt, Expr::value(now))
        .filter(project_member::Column::Id.eq(member.id.0))
        .filter(project_member::Column::ProjectId.eq(member.project_id.0))
        .exec(conn)
        .await?;
    Ok(())
}

/// Deactivates every project membership of a user in a workspace (they left or were removed).
pub async fn deactivate_user_in_workspace(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    user_id: UserId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    project_member::Entity::update_many()
        .col_expr(project_member::Column::IsActive, Expr::value(false))
        .col_expr(project_member::Column::UpdatedAt, Expr::value(now))
        .filter(project_member::Column::WorkspaceId.eq(workspace_id.0))
        .filter(project_member::Column::UserId.eq(user_id.0))
        .exec(conn)
        .await?;
    Ok(())
}
