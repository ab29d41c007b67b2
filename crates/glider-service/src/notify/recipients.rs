//! Who may be told about a work item: who can still see its project, and who follows it.

use glider_db::{
    ConnectionTrait,
    repo::{notify_subscribers, projects as project_repo, workspaces as workspace_repo},
};
use glider_domain::{
    UserId,
    model::{tracker::Project, work_items::WorkItem},
    policy::{ProjectAccess, WorkspaceAccess},
};

use crate::ServiceResult;

/// Whether `user` is an active member of the project's workspace who may read the project.
pub(super) async fn can_see(
    conn: &impl ConnectionTrait,
    project: &Project,
    user: UserId,
) -> ServiceResult<bool> {
    let Some((_, role, true)) =
        workspace_repo::find_membership(conn, project.workspace_id, user).await?
    else {
        return Ok(false);
    };
    let memberships = project_repo::memberships_of_user(conn, project.workspace_id, user).await?;
    let access = ProjectAccess {
        workspace: WorkspaceAccess {
            workspace_id: project.workspace_id,
            user_id: user,
            role,
        },
        project_id: project.id,
        network: project.network,
        project_role: memberships.get(&project.id).map(|(role, _)| *role),
    };
    Ok(access.viewer().is_ok())
}

/// Who follows a work item and who explicitly stopped.
pub(super) struct Followers {
    /// Assignees, the creator and explicit subscribers, minus those who unsubscribed.
    pub following: Vec<UserId>,
    /// Those who unsubscribed: told only when @mentioned.
    pub unsubscribed: Vec<UserId>,
}

pub(super) async fn followers(
    conn: &impl ConnectionTrait,
    item: &WorkItem,
) -> ServiceResult<Followers> {
    let choices = notify_subscribers::choices(conn, item.id).await?;
    let unsubscribed: Vec<UserId> = choices
        .iter()
        .filter(|(_, follows)| !follows)
        .map(|(user, _)| *user)
        .collect();
    let mut following: Vec<UserId> = Vec::new();
    let candidates = item.assignees.iter().copied().chain(item.created_by).chain(
        choices
            .iter()
            .filter(|(_, follows)| *follows)
            .map(|(user, _)| *user),
    );
    for user in candidates {
        if !unsubscribed.contains(&user) && !following.contains(&user) {
            following.push(user);
        }
    }
    Ok(Followers {
        following,
        unsubscribed,
    })
}
