//! Compact lists for pickers (Plane's `*-lite` endpoints): projects and people.

use glider_domain::{
    ProjectId, ProjectRole,
    model::{
        tracker::{Project, ProjectMember},
        workspaces::WorkspaceMember,
    },
};

use crate::{
    Ctx, ServiceResult,
    accounts::Actor,
    tracker::{project_members, projects},
    workspaces::members,
};

/// The people filters the SDK sends with member lists (one type for workspace and project
/// lists).
pub use crate::workspaces::members::MemberFilter as PeopleFilter;

/// The projects the caller can see, in the order of the full project list.
pub async fn projects_lite(ctx: &Ctx, actor: &Actor, slug: &str) -> ServiceResult<Vec<Project>> {
    Ok(projects::list(ctx, actor, slug)
        .await?
        .into_iter()
        .map(|view| view.project)
        .collect())
}

/// Workspace members, newest first, for callers who may list members (not guests).
pub async fn workspace_members_lite(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    filter: &PeopleFilter,
) -> ServiceResult<Vec<WorkspaceMember>> {
    members::list(ctx, actor, slug, filter).await
}

/// Every membership row of the project (deactivated ones too, with `is_active` false).
pub async fn project_members_lite(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    filter: &PeopleFilter,
) -> ServiceResult<Vec<ProjectMember>> {
    let role = match filter.role_slug.as_deref() {
        Some(raw) => Some(ProjectRole::parse(
            "role_slug",
            &serde_json::Value::String(raw.to_owned()),
        )?),
        None => None,
    };
    Ok(project_members::list(ctx, actor, slug, project_id)
        .await?
        .into_iter()
        .filter(|member| {
            filter.matches_person(&member.user, member.is_active)
                && role.is_none_or(|role| member.role == role)
        })
        .collect())
}
