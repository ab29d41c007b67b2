//! Reading projects with the facts that depend on who is looking.

use std::collections::HashSet;

use glider_db::repo::{cycles as cycle_repo, favorites, modules as module_repo, projects as repo};
use glider_domain::{
    ProjectId, UserId, WorkspaceId, model::tracker::ProjectViewerFacts, policy::ProjectAccess,
};
use uuid::Uuid;

use super::ProjectView;
use crate::{
    Ctx, ServiceResult,
    access::{self, InProject},
    accounts::Actor,
};

async fn favorite_projects(
    ctx: &Ctx,
    workspace: WorkspaceId,
    user: UserId,
) -> ServiceResult<HashSet<Uuid>> {
    Ok(favorites::favorite_ids(ctx.db.conn(), workspace, user, "project").await?)
}

async fn facts(ctx: &Ctx, found: &InProject) -> ServiceResult<ProjectViewerFacts> {
    let memberships = repo::memberships_of_user(
        ctx.db.conn(),
        found.workspace.id,
        found.access.workspace.user_id,
    )
    .await?;
    let mine = memberships.get(&found.project.id);
    let cycles = cycle_repo::count_by_project(ctx.db.conn(), found.workspace.id).await?;
    let modules = module_repo::count_by_project(ctx.db.conn(), found.workspace.id).await?;
    let favorites =
        favorite_projects(ctx, found.workspace.id, found.access.workspace.user_id).await?;
    Ok(ProjectViewerFacts {
        total_members: repo::count_active_members(ctx.db.conn(), found.project.id).await?,
        total_cycles: cycles.get(&found.project.id).copied().unwrap_or(0),
        total_modules: modules.get(&found.project.id).copied().unwrap_or(0),
        member_role: mine.map(|(role, _)| *role),
        sort_order: mine.map(|(_, order)| *order),
        is_favorite: favorites.contains(&found.project.id.0),
    })
}

/// One project the actor can see.
pub async fn get(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    id: ProjectId,
) -> ServiceResult<ProjectView> {
    let found = access::project(ctx, actor, slug, id).await?;
    let facts = facts(ctx, &found).await?;
    Ok(ProjectView {
        project: found.project,
        facts,
    })
}

/// The projects the actor can see: members see their projects and the public ones; guests only
/// their own; admins all.
pub async fn list(ctx: &Ctx, actor: &Actor, slug: &str) -> ServiceResult<Vec<ProjectView>> {
    let found = access::workspace(ctx, actor, slug).await?;
    let workspace_id = found.workspace.id;
    let memberships = repo::memberships_of_user(ctx.db.conn(), workspace_id, actor.user.id).await?;
    let counts = repo::member_counts(ctx.db.conn(), workspace_id).await?;
    let cycles = cycle_repo::count_by_project(ctx.db.conn(), workspace_id).await?;
    let modules = module_repo::count_by_project(ctx.db.conn(), workspace_id).await?;
    let projects = repo::list_projects(ctx.db.conn(), workspace_id).await?;
    let favorites = favorite_projects(ctx, workspace_id, actor.user.id).await?;
    Ok(projects
        .into_iter()
        .filter_map(|project| {
            let mine = memberships.get(&project.id);
            let access = ProjectAccess {
                workspace: found.access,
                project_id: project.id,
                network: project.network,
                project_role: mine.map(|(role, _)| *role),
            };
            access.viewer().ok()?;
            let facts = ProjectViewerFacts {
                total_members: counts.get(&project.id).copied().unwrap_or(0),
                total_cycles: cycles.get(&project.id).copied().unwrap_or(0),
                total_modules: modules.get(&project.id).copied().unwrap_or(0),
                member_role: mine.map(|(role, _)| *role),
                sort_order: mine.map(|(_, order)| *order),
                is_favorite: favorites.contains(&project.id.0),
            };
            Some(ProjectView { project, facts })
        })
        .collect())
}
