//! How the workspace's people are spread over project roles (the SDK's
//! `workspaces.get_project_role_distribution`, a paid Plane report).

use std::collections::HashSet;

use glider_db::repo::project_roles as repo;
use glider_domain::{ProjectRole, UserId};

use crate::{
    Ctx, ServiceResult,
    access::{self, refuse},
    accounts::Actor,
};

/// One project role and how many memberships and people hold it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleCount {
    pub role: ProjectRole,
    pub memberships: u64,
    pub members: u64,
}

/// The whole report: every built-in role (most powerful first, zeros included) and the totals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleDistribution {
    pub roles: Vec<RoleCount>,
    pub total_memberships: u64,
    pub total_members: u64,
}

/// Active project memberships over the workspace's live, unarchived projects, per role
/// (workspace admins; the report spans every project, secret ones too).
pub async fn distribution(ctx: &Ctx, actor: &Actor, slug: &str) -> ServiceResult<RoleDistribution> {
    let found = access::workspace(ctx, actor, slug).await?;
    let admin = found.access.admin().map_err(refuse("workspace"))?;
    let rows = repo::project_memberships(ctx.db.conn(), admin.access().workspace_id).await?;
    let roles = [ProjectRole::Admin, ProjectRole::Member, ProjectRole::Guest]
        .into_iter()
        .map(|role| {
            let held: Vec<UserId> = rows
                .iter()
                .filter(|(_, r)| *r == role)
                .map(|(user, _)| *user)
                .collect();
            let people: HashSet<UserId> = held.iter().copied().collect();
            RoleCount {
                role,
                memberships: held.len() as u64,
                members: people.len() as u64,
            }
        })
        .collect();
    let people: HashSet<UserId> = rows.iter().map(|(user, _)| *user).collect();
    Ok(RoleDistribution {
        roles,
        total_memberships: rows.len() as u64,
        total_members: people.len() as u64,
    })
}
