//! Compact lists for pickers (Plane's `*-lite` endpoints): projects and people.

use glider_domain::{
    ProjectId, ProjectRole, ValidationError, WorkspaceRole,
    model::{
        accounts::User,
        tracker::{Project, ProjectMember},
        workspaces::WorkspaceMember,
    },
};

use crate::{
    Ctx, ServiceResult,
    accounts::Actor,
    tracker::{project_members, projects},
    workspaces::members::{self, MemberFilter},
};

/// The people filters the SDK sends with member lists: text filters match case-insensitively,
/// `role_slug` and `is_active` exactly.
#[derive(Clone, Debug, Default)]
pub struct PeopleFilter {
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub display_name: Option<String>,
    pub is_active: Option<bool>,
    pub role_slug: Option<String>,
}

fn contains(haystack: &str, needle: Option<&String>) -> bool {
    needle.is_none_or(|needle| haystack.to_lowercase().contains(&needle.to_lowercase()))
}

impl PeopleFilter {
    fn matches_user(&self, user: &User) -> bool {
        contains(user.email.as_str(), self.email.as_ref())
            && contains(&user.first_name, self.first_name.as_ref())
            && contains(&user.last_name, self.last_name.as_ref())
            && contains(&user.display_name, self.display_name.as_ref())
    }
}

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
    let role = match filter.role_slug.as_deref() {
        Some(raw) => Some(WorkspaceRole::from_stored(raw).ok_or_else(|| {
            ValidationError::new("role_slug", format!("\"{raw}\" is not a valid choice."))
        })?),
        None => None,
    };
    let member_filter = MemberFilter {
        email: filter.email.clone(),
        first_name: filter.first_name.clone(),
        last_name: filter.last_name.clone(),
        display_name: filter.display_name.clone(),
        is_active: filter.is_active,
        role,
    };
    members::list(ctx, actor, slug, &member_filter).await
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
            filter.matches_user(&member.user)
                && filter
                    .is_active
                    .is_none_or(|active| member.is_active == active)
                && role.is_none_or(|role| member.role == role)
        })
        .collect())
}
