//! The event log: building events (appended in the transaction of each change) and
//! delivering them to consumers.

mod dispatch;

pub use dispatch::{Consumer, Dispatcher, LiveEvents, start};

/// The durable consumers every server runs (each context adds its own here).
pub fn consumers() -> Vec<std::sync::Arc<dyn Consumer>> {
    vec![
        std::sync::Arc::new(crate::webhooks::WebhookConsumer),
        std::sync::Arc::new(crate::webhooks::WebhookAlerts),
        std::sync::Arc::new(crate::notify::NotificationsConsumer),
    ]
}

use glider_domain::{EventId, ProjectId, UserId, WorkspaceId, model::events::NewEvent};
use serde_json::{Map, Value, json};

use crate::Ctx;

/// An event about `subject`, stamped with the context's clock.
pub fn event(
    ctx: &Ctx,
    kind: &'static str,
    actor: Option<UserId>,
    workspace: Option<WorkspaceId>,
    project: Option<ProjectId>,
    subject: uuid::Uuid,
    payload: Value,
) -> NewEvent {
    NewEvent {
        id: EventId::new(),
        workspace_id: workspace,
        project_id: project,
        actor_id: actor,
        kind,
        subject_id: subject,
        payload,
        at: ctx.now(),
    }
}

/// `{"field": {"old": …, "new": …}}` for every field whose value differs.
pub fn changes(before: &Value, after: &Value) -> Value {
    let mut out = Map::new();
    if let (Value::Object(old), Value::Object(new)) = (before, after) {
        for (key, new_value) in new {
            let old_value = old.get(key).unwrap_or(&Value::Null);
            if old_value != new_value {
                out.insert(key.clone(), json!({ "old": old_value, "new": new_value }));
            }
        }
    }
    Value::Object(out)
}

/// Ends a work-item change: writes its history entries tagged with the event, appends the
/// event to the outbox and commits, so the three always go together.
pub async fn commit_with_history(
    tx: glider_db::DatabaseTransaction,
    record: NewEvent,
    history: &[glider_domain::model::work_items::Activity],
) -> crate::ServiceResult<()> {
    glider_db::repo::activities::insert_many(&tx, history, record.id.0).await?;
    glider_db::repo::events::append(&tx, record).await?;
    glider_db::commit(tx).await?;
    Ok(())
}
