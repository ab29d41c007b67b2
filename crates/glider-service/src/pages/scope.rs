//! Where a page or saved view lives (the workspace itself, or one project) and what the caller
//! may do there.
//!
//! The policy decides: a workspace scope follows workspace roles, a project scope follows
//! project access. Reading needs the scope to be visible; creating needs the contributor
//! capability; changing an existing page or view needs that capability too, and the caller must
//! own the thing or be an admin of the scope. Saved views (tracker) share these rules.

use glider_domain::{
    ProjectId, UserId, WorkspaceId,
    model::{tracker::Project, workspaces::Workspace},
};

use crate::{Ctx, ServiceError, ServiceResult, access, accounts::Actor};

/// The workspace's own pages or views, or one project's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Workspace,
    Project(ProjectId),
}

impl Scope {
    /// The project of a project scope.
    pub fn project_id(self) -> Option<ProjectId> {
        match self {
            Self::Workspace => None,
            Self::Project(id) => Some(id),
        }
    }
}

/// The caller inside a visible scope, with what the policy granted them there.
#[derive(Clone, Debug)]
pub struct InScope {
    pub workspace: Workspace,
    /// The project of a project scope.
    pub project: Option<Project>,
    pub user_id: UserId,
    contributor: bool,
    admin: bool,
}

/// Proof that the caller may create content in a scope (the policy's contributor capability).
#[derive(Clone, Copy, Debug)]
pub struct Writer {
    pub workspace_id: WorkspaceId,
    pub project_id: Option<ProjectId>,
    pub user_id: UserId,
}

/// Proof that the caller may change or remove one existing page or view: a contributor who owns
/// it or administers the scope.
#[derive(Clone, Copy, Debug)]
pub struct Manager {
    pub writer: Writer,
    /// True when the caller owns the thing (some changes are the owner's alone).
    pub is_owner: bool,
}

impl InScope {
    /// The scope's workspace.
    pub fn workspace_id(&self) -> WorkspaceId {
        self.workspace.id
    }

    /// The scope's project; `None` for the workspace's own pages and views.
    pub fn project_id(&self) -> Option<ProjectId> {
        self.project.as_ref().map(|project| project.id)
    }

    /// Whether the caller administers the scope (workspace admin, or project admin).
    pub fn is_admin(&self) -> bool {
        self.admin
    }

    /// The contributor capability, or 403.
    pub fn writer(&self) -> ServiceResult<Writer> {
        if !self.contributor {
            return Err(ServiceError::Forbidden);
        }
        Ok(Writer {
            workspace_id: self.workspace.id,
            project_id: self.project_id(),
            user_id: self.user_id,
        })
    }

    /// The right to change something owned by `owner`, or 403.
    pub fn manager(&self, owner: UserId) -> ServiceResult<Manager> {
        let writer = self.writer()?;
        let is_owner = owner == self.user_id;
        if is_owner || self.admin {
            Ok(Manager { writer, is_owner })
        } else {
            Err(ServiceError::Forbidden)
        }
    }
}

/// Loads the caller's access to a scope. An unknown workspace, a project of another workspace,
/// or a project the caller may not see are all "not found".
pub async fn enter(ctx: &Ctx, actor: &Actor, slug: &str, scope: Scope) -> ServiceResult<InScope> {
    match scope {
        Scope::Workspace => {
            let found = access::workspace(ctx, actor, slug).await?;
            Ok(InScope {
                contributor: found.access.contributor().is_ok(),
                admin: found.access.admin().is_ok(),
                user_id: found.access.user_id,
                workspace: found.workspace,
                project: None,
            })
        }
        Scope::Project(project_id) => {
            // `access::project` already hides projects the caller may not see.
            let found = access::project(ctx, actor, slug, project_id).await?;
            Ok(InScope {
                contributor: found.access.contributor().is_ok(),
                admin: found.access.admin().is_ok(),
                user_id: found.access.workspace.user_id,
                workspace: found.workspace,
                project: Some(found.project),
            })
        }
    }
}
