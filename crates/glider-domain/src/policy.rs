//! The permission policy: the one place where roles become capabilities.
//!
//! A capability is a value only this module can build. Service operations that change data take
//! one as an argument, so they cannot be called unchecked, and they read the workspace and project
//! ids from it rather than from the request.
//!
//! | capability | who holds it |
//! | --- | --- |
//! | [`WorkspaceViewer`] | every active member, guests included |
//! | [`WorkspaceContributor`] | members, admins, the owner |
//! | [`WorkspaceAdmin`] | admins and the owner |
//! | [`WorkspaceOwner`] | the owner |
//! | [`ProjectViewer`] | project members; workspace members for public projects; workspace admins |
//! | [`ProjectContributor`] | project members and admins (never workspace guests); workspace admins |
//! | [`ProjectAdmin`] | project admins; workspace admins |
//!
//! Someone outside the workspace, or a workspace member who cannot see a secret project, gets
//! [`AccessError::NotFound`]: a 403 would confirm that the thing exists.

use crate::{ProjectId, ProjectRole, UserId, WorkspaceId, WorkspaceRole};

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AccessError {
    /// The actor may not know the resource exists.
    #[error("not found")]
    NotFound,
    /// The actor sees the resource but lacks the role for this action.
    #[error("permission denied")]
    Denied,
}

/// What is known about an actor's membership in a workspace.
#[derive(Clone, Copy, Debug)]
pub struct WorkspaceAccess {
    pub workspace_id: WorkspaceId,
    pub user_id: UserId,
    pub role: WorkspaceRole,
}

/// Project visibility as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProjectNetwork {
    Secret,
    Public,
}

impl ProjectNetwork {
    pub fn plane_code(self) -> i32 {
        match self {
            Self::Secret => 0,
            Self::Public => 2,
        }
    }

    pub fn from_plane_code(code: i64) -> Option<Self> {
        match code {
            0 => Some(Self::Secret),
            2 => Some(Self::Public),
            _ => None,
        }
    }
}

/// What is known about an actor and one project.
#[derive(Clone, Copy, Debug)]
pub struct ProjectAccess {
    pub workspace: WorkspaceAccess,
    pub project_id: ProjectId,
    pub network: ProjectNetwork,
    /// The actor's active project role, if any.
    pub project_role: Option<ProjectRole>,
}

macro_rules! capability {
    ($($(#[$meta:meta])* $name:ident($inner:ty);)*) => {$(
        $(#[$meta])*
        #[derive(Clone, Copy, Debug)]
        pub struct $name($inner);

        impl $name {
            pub fn access(&self) -> &$inner {
                &self.0
            }
        }
    )*};
}

capability! {
    /// May read the workspace.
    WorkspaceViewer(WorkspaceAccess);
    /// May create content in the workspace (projects, …).
    WorkspaceContributor(WorkspaceAccess);
    /// May manage members, invitations and settings.
    WorkspaceAdmin(WorkspaceAccess);
    /// May delete the workspace and transfer ownership.
    WorkspaceOwner(WorkspaceAccess);
    /// May read the project and its content.
    ProjectViewer(ProjectAccess);
    /// May create and edit the project's content.
    ProjectContributor(ProjectAccess);
    /// May change the project's settings and members.
    ProjectAdmin(ProjectAccess);
}

impl WorkspaceAccess {
    pub fn viewer(self) -> WorkspaceViewer {
        WorkspaceViewer(self)
    }

    pub fn contributor(self) -> Result<WorkspaceContributor, AccessError> {
        self.at_least(WorkspaceRole::Member)
            .map(WorkspaceContributor)
    }

    pub fn admin(self) -> Result<WorkspaceAdmin, AccessError> {
        self.at_least(WorkspaceRole::Admin).map(WorkspaceAdmin)
    }

    pub fn owner(self) -> Result<WorkspaceOwner, AccessError> {
        self.at_least(WorkspaceRole::Owner).map(WorkspaceOwner)
    }

    fn at_least(self, role: WorkspaceRole) -> Result<Self, AccessError> {
        if self.role >= role {
            Ok(self)
        } else {
            Err(AccessError::Denied)
        }
    }
}

impl ProjectAccess {
    /// The role that counts: workspace admins act as project admins, and a workspace guest is
    /// never more than a guest in a project.
    pub fn effective_role(&self) -> Option<ProjectRole> {
        if self.workspace.role >= WorkspaceRole::Admin {
            return Some(ProjectRole::Admin);
        }
        self.project_role
            .map(|role| role.capped_by(self.workspace.role))
    }

    pub fn viewer(self) -> Result<ProjectViewer, AccessError> {
        let visible = self.effective_role().is_some()
            || (self.network == ProjectNetwork::Public
                && self.workspace.role >= WorkspaceRole::Member);
        if visible {
            Ok(ProjectViewer(self))
        } else {
            Err(AccessError::NotFound)
        }
    }

    pub fn contributor(self) -> Result<ProjectContributor, AccessError> {
        self.viewer()?;
        match self.effective_role() {
            Some(role) if role >= ProjectRole::Member => Ok(ProjectContributor(self)),
            _ => Err(AccessError::Denied),
        }
    }

    pub fn admin(self) -> Result<ProjectAdmin, AccessError> {
        self.viewer()?;
        match self.effective_role() {
            Some(ProjectRole::Admin) => Ok(ProjectAdmin(self)),
            _ => Err(AccessError::Denied),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace(role: WorkspaceRole) -> WorkspaceAccess {
        WorkspaceAccess {
            workspace_id: WorkspaceId::new(),
            user_id: UserId::new(),
            role,
        }
    }

    fn project(
        role: WorkspaceRole,
        network: ProjectNetwork,
        project_role: Option<ProjectRole>,
    ) -> ProjectAccess {
        ProjectAccess {
            workspace: workspace(role),
            project_id: ProjectId::new(),
            network,
            project_role,
        }
    }

    #[test]
    fn workspace_roles_grant_in_order() {
        use WorkspaceRole::*;
        let table = [
            (Guest, [false, false, false]),
            (Member, [true, false, false]),
            (Admin, [true, true, false]),
            (Owner, [true, true, true]),
        ];
        for (role, [contribute, admin, own]) in table {
            let access = workspace(role);
            assert_eq!(
                access.contributor().is_ok(),
                contribute,
                "{role:?} contribute"
            );
            assert_eq!(access.admin().is_ok(), admin, "{role:?} admin");
            assert_eq!(access.owner().is_ok(), own, "{role:?} own");
        }
    }

    #[test]
    fn secret_projects_are_hidden_from_non_members() {
        let access = project(WorkspaceRole::Member, ProjectNetwork::Secret, None);
        assert_eq!(access.viewer().err(), Some(AccessError::NotFound));
        let public = project(WorkspaceRole::Member, ProjectNetwork::Public, None);
        assert!(public.viewer().is_ok());
        assert_eq!(public.contributor().err(), Some(AccessError::Denied));
    }

    #[test]
    fn workspace_guests_never_write() {
        let access = project(
            WorkspaceRole::Guest,
            ProjectNetwork::Public,
            Some(ProjectRole::Admin),
        );
        assert!(access.viewer().is_ok());
        assert_eq!(access.contributor().err(), Some(AccessError::Denied));
        let outsider_guest = project(WorkspaceRole::Guest, ProjectNetwork::Public, None);
        assert_eq!(outsider_guest.viewer().err(), Some(AccessError::NotFound));
    }

    #[test]
    fn workspace_admins_administer_every_project() {
        let access = project(WorkspaceRole::Admin, ProjectNetwork::Secret, None);
        assert!(access.admin().is_ok());
    }
}
