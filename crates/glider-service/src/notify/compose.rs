//! Turning "these people should hear about this change" into notifications: one per person per
//! event, each announced on the event log and e-mailed when the person asked for it.

use std::collections::HashMap;

use glider_db::{
    DatabaseTransaction,
    repo::{notify as repo, notify_preferences},
};
use glider_domain::{
    UserId,
    model::{
        events::StoredEvent,
        notify::{EmailMode, KindPreference, Notification, NotificationId, NotificationKind},
        tracker::Project,
        work_items::WorkItem,
    },
};
use serde_json::{Value, json};

use super::recipients::can_see;
use crate::{Ctx, ServiceResult, events::event};

/// What a batch of notifications is about.
pub(super) struct Subject<'a> {
    pub event: &'a StoredEvent,
    pub project: &'a Project,
    pub item: &'a WorkItem,
    /// The actor's display name, for messages.
    pub actor_name: String,
}

impl Subject<'_> {
    /// `WEB-12`.
    pub fn identifier(&self) -> String {
        format!("{}-{}", self.project.identifier, self.item.sequence_id)
    }
}

/// One person to tell, and what.
pub(super) struct Draft {
    pub receiver: UserId,
    pub kind: NotificationKind,
    pub message: String,
    /// Merged into the notification's `data` (`changes`, `comment`).
    pub data: Value,
}

/// Makes the notifications of `drafts`, in order: the first draft for a person wins (callers
/// put mentions first, then assignments, then what followers hear). The actor, people who can
/// no longer see the project and kinds a person turned off are skipped.
pub(super) async fn deliver(
    ctx: &Ctx,
    tx: &DatabaseTransaction,
    subject: &Subject<'_>,
    drafts: Vec<Draft>,
) -> ServiceResult<()> {
    let mut told: Vec<UserId> = Vec::new();
    for draft in drafts {
        if told.contains(&draft.receiver)
            || Some(draft.receiver) == subject.event.actor_id
            || !can_see(tx, subject.project, draft.receiver).await?
        {
            continue;
        }
        told.push(draft.receiver);
        let preference = preference(tx, draft.receiver, draft.kind).await?;
        if !preference.in_app {
            continue;
        }
        let notification = build(ctx, subject, &draft);
        let digest = preference.email == EmailMode::Digest;
        if !repo::insert_if_new(tx, &notification, digest).await? {
            // Already made when this event was handled before.
            continue;
        }
        let payload = json!({
            "recipient": notification.receiver_id,
            "notification": serde_json::to_value(&notification).map_err(anyhow::Error::from)?,
        });
        let created = event(
            ctx,
            "notify.notification.created",
            subject.event.actor_id,
            Some(notification.workspace_id),
            None,
            notification.id.0,
            payload,
        );
        glider_db::repo::events::append(tx, created).await?;
        if preference.email == EmailMode::Immediate {
            super::email::send_now(ctx, tx, &notification).await?;
        }
    }
    Ok(())
}

/// The person's choice for `kind`, or the default.
pub(super) async fn preference(
    conn: &impl glider_db::ConnectionTrait,
    user: UserId,
    kind: NotificationKind,
) -> ServiceResult<KindPreference> {
    let chosen: HashMap<NotificationKind, KindPreference> =
        notify_preferences::chosen(conn, user).await?;
    Ok(chosen
        .get(&kind)
        .copied()
        .unwrap_or_else(|| KindPreference::default_for(kind)))
}

fn build(ctx: &Ctx, subject: &Subject<'_>, draft: &Draft) -> Notification {
    let item = subject.item;
    let identifier = subject.identifier();
    let mut data = json!({
        "work_item": {
            "id": item.id,
            "name": item.name,
            "identifier": identifier,
            "sequence_id": item.sequence_id,
            "project_identifier": subject.project.identifier,
        },
        "actor": {
            "id": subject.event.actor_id,
            "display_name": subject.actor_name,
        },
    });
    if let (Value::Object(data), Value::Object(extra)) = (&mut data, &draft.data) {
        data.extend(extra.clone());
    }
    let now = ctx.now();
    Notification {
        id: NotificationId::new(),
        workspace_id: item.workspace_id,
        project_id: Some(item.project_id),
        receiver_id: draft.receiver,
        actor_id: subject.event.actor_id,
        kind: draft.kind,
        entity_name: "issue".to_owned(),
        entity_identifier: Some(item.id.0),
        identifier: Some(identifier),
        title: item.name.clone(),
        message: draft.message.clone(),
        data,
        event_id: subject.event.id,
        read_at: None,
        archived_at: None,
        snoozed_till: None,
        created_at: now,
        updated_at: now,
    }
}
