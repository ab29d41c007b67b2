//! Loading what the policy needs: the actor's membership in a workspace and a project.
//!
//! Every operation on tenant data starts here. The workspace is found by slug only among the
//! actor's own memberships, and the project only inside that workspace, so an id from another
//! tenant is "not found" whatever it is.

use glider_db::repo::{projects as project_repo, workspaces as workspace_repo};
use glider_domain::{
    ProjectId, UserId,
    model::{tracker::Project, workspaces::Workspace},
    policy::{AccessError, ProjectAccess, WorkspaceAccess},
};

use crate::{Ctx, ServiceError, ServiceResult, accounts::Actor};

/// A workspace the actor is an active member of, with their access.
#[derive(Clone, Debug)]
pub struct InWorkspace {
    pub workspace: Workspace,
    pub access: WorkspaceAccess,
}

/// A project of such a workspace, with the actor's project access (not yet checked).
#[derive(Clone, Debug)]
pub struct InProject {
    pub workspace: Workspace,
    pub project: Project,
    pub access: ProjectAccess,
}

/// Maps a policy refusal, naming the resource when it must look absent.
pub fn refuse(resource: &'static str) -> impl Fn(AccessError) -> ServiceError {
    move |error| match error {
        AccessError::NotFound => ServiceError::not_found(resource),
        AccessError::Denied => ServiceError::Forbidden,
    }
}

pub async fn workspace(ctx: &Ctx, actor: &Actor, slug: &str) -> ServiceResult<InWorkspace> {
    workspace_of(ctx, actor.user.id, slug).await
}

/// As [`workspace`], for a user known by id (the admin CLI acts for the workspace owner).
pub async fn workspace_of(ctx: &Ctx, user_id: UserId, slug: &str) -> ServiceResult<InWorkspace> {
    let not_found = || ServiceError::not_found("workspace");
    let workspace = workspace_repo::find_by_slug(ctx.db.conn(), slug)
        .await
        .map_err(|_| not_found())?;
    match workspace_repo::find_membership(ctx.db.conn(), workspace.id, user_id).await? {
        Some((_, role, true)) => Ok(InWorkspace {
            access: WorkspaceAccess {
                workspace_id: workspace.id,
                user_id,
                role,
            },
            workspace,
        }),
        _ => Err(not_found()),
    }
}

pub async fn project(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
) -> ServiceResult<InProject> {
    let InWorkspace { workspace, access } = workspace(ctx, actor, slug).await?;
    project_in(ctx, workspace, access, project_id).await
}

pub(crate) async fn project_in(
    ctx: &Ctx,
    workspace: Workspace,
    access: WorkspaceAccess,
    project_id: ProjectId,
) -> ServiceResult<InProject> {
    let project = project_repo::find_project(ctx.db.conn(), workspace.id, project_id)
        .await
        .map_err(ServiceError::db("project"))?;
    let memberships =
        project_repo::memberships_of_user(ctx.db.conn(), workspace.id, access.user_id).await?;
    let access = ProjectAccess {
        workspace: access,
        project_id: project.id,
        network: project.network,
        project_role: memberships.get(&project.id).map(|(role, _)| *role),
    };
    // A project the actor may not see does not exist for them.
    access.viewer().map_err(refuse("project"))?;
    Ok(InProject {
        workspace,
        project,
        access,
    })
}
