//! The durable consumer that reads tracker events and decides who hears about each.
//!
//! Who: @mentioned people (in a description or a comment, newly mentioned only), people newly
//! assigned, and the work item's followers (assignees, creator, explicit subscribers) for state
//! changes, other field changes and comments. Never the actor; never someone who can no longer
//! see the project; an explicit unsubscribe silences everything but mentions.

use glider_db::{
    DatabaseTransaction, DbError,
    repo::{accounts, projects as project_repo, work_items as item_repo},
};
use glider_domain::{
    UserId, WorkItemId,
    model::{events::StoredEvent, notify::NotificationKind, notify::mentioned_users},
};
use serde_json::{Map, Value, json};

use super::{
    compose::{Draft, Subject, deliver},
    recipients::{Followers, followers},
};
use crate::{Ctx, ServiceResult, events::Consumer};

/// Makes notifications from tracker events (registered in [`crate::events::consumers`]).
pub struct NotificationsConsumer;

#[async_trait::async_trait]
impl Consumer for NotificationsConsumer {
    fn name(&self) -> &'static str {
        "notifications"
    }

    async fn handle(
        &self,
        ctx: &Ctx,
        tx: &DatabaseTransaction,
        event: &StoredEvent,
    ) -> ServiceResult<()> {
        let item_id = match event.kind.as_str() {
            "tracker.work_item.created"
            | "tracker.work_item.updated"
            | "tracker.work_item.archived"
            | "tracker.work_item.unarchived" => event.subject_id,
            "tracker.comment.created" | "tracker.comment.updated" => {
                match event.payload["work_item"]
                    .as_str()
                    .map(uuid::Uuid::parse_str)
                {
                    Some(Ok(id)) => id,
                    _ => return Ok(()),
                }
            }
            _ => return Ok(()),
        };
        let (Some(workspace), Some(project)) = (event.workspace_id, event.project_id) else {
            return Ok(());
        };
        // The item or project may be gone by now: nobody is told about what no longer exists.
        let project = match project_repo::find_project(tx, workspace, project).await {
            Ok(project) => project,
            Err(DbError::NotFound) => return Ok(()),
            Err(other) => return Err(other.into()),
        };
        let item = match item_repo::find(tx, project.id, WorkItemId(item_id)).await {
            Ok(item) => item,
            Err(DbError::NotFound) => return Ok(()),
            Err(other) => return Err(other.into()),
        };
        let actor_name = match event.actor_id {
            Some(actor) => accounts::find_user(tx, actor)
                .await
                .map(|user| user.display_name)
                .unwrap_or_else(|_| "Someone".to_owned()),
            None => "Glider".to_owned(),
        };
        let subject = Subject {
            event,
            project: &project,
            item: &item,
            actor_name,
        };
        let followers = followers(tx, &item).await?;
        let drafts = match event.kind.as_str() {
            "tracker.work_item.created" => created(&subject, &followers),
            "tracker.comment.created" => commented(&subject, &followers),
            "tracker.comment.updated" => comment_edited(&subject),
            _ => updated(tx, &subject, &followers).await?,
        };
        deliver(ctx, tx, &subject, drafts).await
    }
}

fn draft(receiver: UserId, kind: NotificationKind, message: String, data: Value) -> Draft {
    Draft {
        receiver,
        kind,
        message,
        data,
    }
}

/// Mention drafts for people in `now` but not in `before`.
fn mentions(
    subject: &Subject<'_>,
    before: &str,
    now: &str,
    place: &str,
    data: &Value,
) -> Vec<Draft> {
    let already = mentioned_users(before);
    mentioned_users(now)
        .into_iter()
        .filter(|user| !already.contains(user))
        .map(|user| {
            let message = format!(
                "{} mentioned you in {place}{}",
                subject.actor_name,
                subject.identifier()
            );
            draft(user, NotificationKind::Mention, message, data.clone())
        })
        .collect()
}

fn assignments(subject: &Subject<'_>, people: &[UserId], followers: &Followers) -> Vec<Draft> {
    people
        .iter()
        .filter(|user| !followers.unsubscribed.contains(user))
        .map(|user| {
            let message = format!(
                "{} assigned you to {}",
                subject.actor_name,
                subject.identifier()
            );
            draft(*user, NotificationKind::Assignment, message, json!({}))
        })
        .collect()
}

fn created(subject: &Subject<'_>, followers: &Followers) -> Vec<Draft> {
    let mut drafts = mentions(subject, "", &subject.item.description_html, "", &json!({}));
    drafts.extend(assignments(subject, &subject.item.assignees, followers));
    drafts
}

fn comment_data(subject: &Subject<'_>, html: &str) -> Value {
    json!({ "comment": { "id": subject.event.subject_id, "comment_html": html } })
}

fn commented(subject: &Subject<'_>, followers: &Followers) -> Vec<Draft> {
    let html = subject.event.payload["comment_html"]
        .as_str()
        .unwrap_or_default();
    let data = comment_data(subject, html);
    let mut drafts = mentions(subject, "", html, "a comment on ", &data);
    let message = format!(
        "{} commented on {}",
        subject.actor_name,
        subject.identifier()
    );
    drafts.extend(followers.following.iter().map(|user| {
        draft(
            *user,
            NotificationKind::Comment,
            message.clone(),
            data.clone(),
        )
    }));
    drafts
}

fn comment_edited(subject: &Subject<'_>) -> Vec<Draft> {
    let change = &subject.event.payload["comment_html"];
    let before = change["old"].as_str().unwrap_or_default();
    let now = change["new"].as_str().unwrap_or_default();
    let data = comment_data(subject, now);
    mentions(subject, before, now, "a comment on ", &data)
}

/// Fields whose change is not news: a drag within a column.
const QUIET_FIELDS: [&str; 1] = ["sort_order"];

async fn updated(
    tx: &DatabaseTransaction,
    subject: &Subject<'_>,
    followers: &Followers,
) -> ServiceResult<Vec<Draft>> {
    let Value::Object(changes) = &subject.event.payload else {
        return Ok(Vec::new());
    };
    let mut drafts = Vec::new();
    if let Some(change) = changes.get("description_html") {
        drafts.extend(mentions(
            subject,
            change["old"].as_str().unwrap_or_default(),
            change["new"].as_str().unwrap_or_default(),
            "",
            &json!({}),
        ));
    }
    if let Some(change) = changes.get("assignees") {
        let ids = |side: &str| -> Vec<UserId> {
            change[side]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|id| id.as_str()?.parse().ok().map(UserId))
                .collect()
        };
        let before = ids("old");
        let added: Vec<UserId> = ids("new")
            .into_iter()
            .filter(|user| !before.contains(user))
            .collect();
        drafts.extend(assignments(subject, &added, followers));
    }
    let news: Map<String, Value> = changes
        .iter()
        .filter(|(field, _)| !QUIET_FIELDS.contains(&field.as_str()))
        .map(|(field, change)| {
            // The description can be long; followers are told it changed, not what it says.
            let shown = if field == "description_html" {
                json!({ "changed": true })
            } else {
                change.clone()
            };
            (field.clone(), shown)
        })
        .collect();
    if news.is_empty() {
        return Ok(drafts);
    }
    let (kind, message) = follower_message(tx, subject, &news).await?;
    let data = json!({ "changes": news });
    drafts.extend(
        followers
            .following
            .iter()
            .map(|user| draft(*user, kind, message.clone(), data.clone())),
    );
    Ok(drafts)
}

/// What followers hear about an update: a state change by name, else the fields changed.
async fn follower_message(
    tx: &DatabaseTransaction,
    subject: &Subject<'_>,
    news: &Map<String, Value>,
) -> ServiceResult<(NotificationKind, String)> {
    let (actor, identifier) = (&subject.actor_name, subject.identifier());
    if let Some(change) = news.get("state") {
        let state = change["new"]
            .as_str()
            .and_then(|id| uuid::Uuid::parse_str(id).ok());
        let names =
            item_repo::names(tx, "states", "name", &state.into_iter().collect::<Vec<_>>()).await?;
        let name = state
            .and_then(|id| names.get(&id).cloned())
            .unwrap_or_else(|| "none".to_owned());
        let message = format!("{actor} changed the state of {identifier} to {name}");
        return Ok((NotificationKind::StateChange, message));
    }
    let message = match subject.event.kind.as_str() {
        "tracker.work_item.archived" => format!("{actor} archived {identifier}"),
        "tracker.work_item.unarchived" => format!("{actor} restored {identifier}"),
        _ => {
            let fields: Vec<String> = news
                .keys()
                .map(|field| field.trim_end_matches("_html").replace('_', " "))
                .collect();
            format!("{actor} updated the {} of {identifier}", fields.join(", "))
        }
    };
    Ok((NotificationKind::PropertyChange, message))
}
