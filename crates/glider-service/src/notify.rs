//! Notifications: who is told about a change to a work item, the inbox where they read,
//! archive and snooze what they were told, their per-kind preferences, and e-mail (at once or
//! in a periodic digest).
//!
//! Notifications are made from the event log by a durable consumer, so one exists for every
//! committed change even if the process dies right after the commit, and never twice.

mod compose;
mod consumer;
pub mod digest;
mod email;
pub mod inbox;
pub mod preferences;
mod recipients;
pub mod subscriptions;

pub use consumer::NotificationsConsumer;

use glider_db::{ConnectionTrait, repo::projects as project_repo};
use glider_domain::{ProjectId, policy::ProjectAccess, policy::WorkspaceAccess};

use crate::ServiceResult;

/// The projects of the workspace the member can see now: notifications about the others are
/// hidden from them (and no new ones are made).
pub(crate) async fn visible_projects(
    conn: &impl ConnectionTrait,
    access: WorkspaceAccess,
) -> ServiceResult<Vec<ProjectId>> {
    let projects = project_repo::list_projects(conn, access.workspace_id).await?;
    let memberships =
        project_repo::memberships_of_user(conn, access.workspace_id, access.user_id).await?;
    Ok(projects
        .into_iter()
        .filter(|project| {
            ProjectAccess {
                workspace: access,
                project_id: project.id,
                network: project.network,
                project_role: memberships.get(&project.id).map(|(role, _)| *role),
            }
            .viewer()
            .is_ok()
        })
        .map(|project| project.id)
        .collect())
}
