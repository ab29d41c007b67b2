//! Real time: which committed events and signals each WebSocket may receive.
//!
//! The transport (glider-http's `ws`) only moves frames. Here are the topics, the permission
//! check of every subscription (and its re-check when memberships change), the routing of the
//! event log and of bus signals to subscribers, and the JSON protocol of one socket
//! ([`Session`]).
//!
//! Topics:
//! - `project:{id}`: the tracker's events of that project (board and list changes). Events of
//!   other contexts that carry the project (a private page, someone's favourite) are not
//!   routed here: they are not visible to every viewer of the project.
//! - `work_item:{id}`: events whose subject is the work item, or whose payload names it
//!   (`work_item`, `issue`, or in a `work_items` / `issues` list).
//! - `user:{id}`: events whose payload has that `recipient` (notifications); only that user
//!   may subscribe, and such events go nowhere else.

mod hub;
mod protocol;
mod session;

use std::fmt;

use glider_db::repo::{accounts as account_repo, scopes, workspaces as workspace_repo};
use glider_domain::{ProjectId, UserId, WorkItemId, WorkspaceId, model::events::StoredEvent};
use serde_json::Value;
use uuid::Uuid;

pub use hub::{Hub, Inbound, Limits, SocketId};
pub use protocol::{ClientMessage, ServerMessage};
pub use session::{Outcome, Session};

use crate::{
    Ctx, ServiceError, ServiceResult, access,
    accounts::{Actor, AuthMethod},
};

/// What a socket can subscribe to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Topic {
    Project(ProjectId),
    WorkItem(WorkItemId),
    User(UserId),
}

impl Topic {
    /// `project:{uuid}`, `work_item:{uuid}` or `user:{uuid}`.
    pub fn parse(raw: &str) -> Option<Self> {
        let (kind, id) = raw.split_once(':')?;
        let id = Uuid::parse_str(id).ok()?;
        match kind {
            "project" => Some(Self::Project(ProjectId(id))),
            "work_item" => Some(Self::WorkItem(WorkItemId(id))),
            "user" => Some(Self::User(UserId(id))),
            _ => None,
        }
    }
}

impl fmt::Display for Topic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Project(id) => write!(f, "project:{id}"),
            Self::WorkItem(id) => write!(f, "work_item:{id}"),
            Self::User(id) => write!(f, "user:{id}"),
        }
    }
}

/// Where a topic lives, so membership changes there re-check it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    pub workspace: Option<WorkspaceId>,
    pub project: Option<ProjectId>,
}

/// A subscription the actor may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Grant {
    pub topic: Topic,
    pub scope: Scope,
    pub user: UserId,
    /// A project guest: sees the board, but not other people's intake requests.
    pub guest: bool,
}

/// The topic's scope, without any permission (`None`: no such project or work item).
pub async fn locate(ctx: &Ctx, topic: Topic) -> ServiceResult<Option<Scope>> {
    let conn = ctx.db.conn();
    Ok(match topic {
        Topic::User(_) => Some(Scope::default()),
        Topic::Project(id) => scopes::project_workspace(conn, id)
            .await?
            .map(|workspace| Scope {
                workspace: Some(workspace),
                project: Some(id),
            }),
        Topic::WorkItem(id) => {
            scopes::work_item_scope(conn, id)
                .await?
                .map(|(workspace, project)| Scope {
                    workspace: Some(workspace),
                    project: Some(project),
                })
        }
    })
}

/// Checks that the actor may follow `topic`. A topic they may not see answers exactly like one
/// that does not exist (`topic_not_found`), so subscribing reveals nothing.
pub async fn authorize(ctx: &Ctx, actor: &Actor, topic: Topic) -> ServiceResult<Grant> {
    let hidden = || ServiceError::not_found("topic");
    let scope = locate(ctx, topic).await?.ok_or_else(hidden)?;
    if let Topic::User(user) = topic {
        return if user == actor.user.id {
            Ok(Grant {
                topic,
                scope,
                user,
                guest: false,
            })
        } else {
            Err(hidden())
        };
    }
    let (Some(workspace_id), Some(project_id)) = (scope.workspace, scope.project) else {
        return Err(hidden());
    };
    let workspace = workspace_repo::find_by_id(ctx.db.conn(), workspace_id)
        .await
        .map_err(|_| hidden())?;
    let found = access::workspace_of(ctx, actor.user.id, &workspace.slug)
        .await
        .map_err(hide(hidden))?;
    let found = access::project_in(ctx, found.workspace, found.access, project_id)
        .await
        .map_err(hide(hidden))?;
    if let Topic::WorkItem(id) = topic {
        crate::tracker::work_items::visible(ctx, &found, id)
            .await
            .map_err(hide(hidden))?;
    }
    Ok(Grant {
        topic,
        scope,
        user: actor.user.id,
        guest: found.access.contributor().is_err(),
    })
}

/// Refusals become "not found"; failures of the database stay what they are.
fn hide(hidden: impl Fn() -> ServiceError) -> impl Fn(ServiceError) -> ServiceError {
    move |error| match error {
        ServiceError::NotFound { .. } | ServiceError::Forbidden => hidden(),
        other => other,
    }
}

/// The topics an event is delivered to.
pub fn topics_of(event: &StoredEvent) -> Vec<Topic> {
    // A notification is its recipient's alone.
    if let Some(recipient) = uuid_at(&event.payload, "recipient") {
        return vec![Topic::User(UserId(recipient))];
    }
    let mut topics = Vec::new();
    if let Some(project) = event.project_id
        && event.kind.starts_with("tracker.")
    {
        topics.push(Topic::Project(project));
    }
    // Ids are unique across tables, so a subject that is a work item is that work item.
    let mut items = vec![event.subject_id];
    for key in ["work_item", "issue"] {
        items.extend(uuid_at(&event.payload, key));
    }
    for key in ["work_items", "issues"] {
        if let Some(Value::Array(values)) = event.payload.get(key) {
            items.extend(
                values
                    .iter()
                    .filter_map(|v| v.as_str()?.parse::<Uuid>().ok()),
            );
        }
    }
    items.sort_unstable();
    items.dedup();
    topics.extend(items.into_iter().map(|id| Topic::WorkItem(WorkItemId(id))));
    topics
}

/// Whether a subscriber holding `grant` receives `event` (its topic already matched).
pub fn may_receive(grant: &Grant, event: &StoredEvent) -> bool {
    !(grant.guest
        && event.kind.starts_with("tracker.intake.")
        && event.actor_id != Some(grant.user))
}

fn uuid_at(payload: &Value, key: &str) -> Option<Uuid> {
    payload.get(key)?.as_str()?.parse().ok()
}

/// Whether the credential a socket opened with still holds: the session not signed out or
/// expired, the API key not revoked or expired, the user still active.
pub async fn still_signed_in(ctx: &Ctx, actor: &Actor) -> ServiceResult<bool> {
    let conn = ctx.db.conn();
    let now = ctx.now();
    let active = account_repo::find_user(conn, actor.user.id)
        .await
        .is_ok_and(|user| user.is_active);
    if !active {
        return Ok(false);
    }
    Ok(match actor.method {
        AuthMethod::Bearer { session_id } | AuthMethod::Cookie { session_id } => {
            match account_repo::find_session(conn, session_id).await {
                Ok(session) => session.revoked_at.is_none() && session.expires_at > now,
                Err(glider_db::DbError::NotFound) => false,
                Err(error) => return Err(error.into()),
            }
        }
        AuthMethod::ApiKey { token_id } => account_repo::list_api_tokens(conn, actor.user.id)
            .await?
            .iter()
            .any(|token| token.id == token_id && token.expires_at.is_none_or(|at| at > now)),
    })
}

/// Whose subscriptions an event may have made forbidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recheck {
    /// One user's, everywhere (left or was removed from a workspace, changed role).
    User(UserId),
    /// Everyone's inside a project (a member removed or demoted; the project made secret,
    /// archived or deleted).
    Project(ProjectId),
    /// Everyone's inside a workspace (deleted).
    Workspace(WorkspaceId),
}

/// The re-check an event calls for, if any.
pub fn recheck_for(event: &StoredEvent) -> Option<Recheck> {
    match event.kind.as_str() {
        "workspaces.member.removed"
        | "workspaces.member.left"
        | "workspaces.member.role_changed" => Some(Recheck::User(UserId(event.subject_id))),
        "workspaces.workspace.deleted" => event.workspace_id.map(Recheck::Workspace),
        "tracker.project_member.removed"
        | "tracker.project_member.updated"
        | "tracker.project.archived"
        | "tracker.project.deleted" => event.project_id.map(Recheck::Project),
        "tracker.project.updated" if event.payload.get("network").is_some() => {
            event.project_id.map(Recheck::Project)
        }
        // Credentials revoked: the user's sockets check the one they opened with.
        "accounts.api_token.revoked" => event.actor_id.map(Recheck::User),
        "accounts.password.changed" | "accounts.password.reset" => {
            Some(Recheck::User(UserId(event.subject_id)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn event(kind: &str, project: Option<ProjectId>, subject: Uuid, payload: Value) -> StoredEvent {
        StoredEvent {
            seq: 1,
            id: glider_domain::EventId::new(),
            workspace_id: Some(WorkspaceId::new()),
            project_id: project,
            actor_id: None,
            kind: kind.to_owned(),
            subject_id: subject,
            payload,
            at: chrono::Utc::now(),
        }
    }

    #[test]
    fn topics_round_trip_and_reject_garbage() {
        let id = Uuid::now_v7();
        for raw in [
            format!("project:{id}"),
            format!("work_item:{id}"),
            format!("user:{id}"),
        ] {
            assert_eq!(Topic::parse(&raw).map(|t| t.to_string()), Some(raw));
        }
        for raw in [
            "",
            "project",
            "project:",
            "project:nope",
            "channel:x",
            &id.to_string(),
        ] {
            assert_eq!(Topic::parse(raw), None, "{raw}");
        }
    }

    #[test]
    fn routing_follows_project_subject_payload_and_recipient() {
        let project = ProjectId::new();
        let item = Uuid::now_v7();
        let other = Uuid::now_v7();
        let comment = event(
            "tracker.comment.created",
            Some(project),
            Uuid::now_v7(),
            json!({ "work_item": item }),
        );
        let topics = topics_of(&comment);
        assert!(topics.contains(&Topic::Project(project)));
        assert!(topics.contains(&Topic::WorkItem(WorkItemId(item))));
        let relation = event(
            "tracker.relation.created",
            Some(project),
            item,
            json!({ "issues": [other] }),
        );
        assert!(topics_of(&relation).contains(&Topic::WorkItem(WorkItemId(other))));
        let page = event(
            "pages.page.created",
            Some(project),
            Uuid::now_v7(),
            json!({}),
        );
        assert!(!topics_of(&page).contains(&Topic::Project(project)));
        let user = Uuid::now_v7();
        let notification = event(
            "notify.notification.created",
            None,
            Uuid::now_v7(),
            json!({ "recipient": user, "notification": { "work_item": item } }),
        );
        assert_eq!(topics_of(&notification), vec![Topic::User(UserId(user))]);
    }
}
