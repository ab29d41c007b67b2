use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::{EventId, ProjectId, UserId, WorkspaceId};

/// A domain event, appended to the outbox in the transaction of the change it describes.
#[derive(Clone, Debug)]
pub struct NewEvent {
    pub id: EventId,
    pub workspace_id: Option<WorkspaceId>,
    pub project_id: Option<ProjectId>,
    pub actor_id: Option<UserId>,
    /// `<context>.<subject>.<verb>`, e.g. `tracker.project.created`.
    pub kind: &'static str,
    pub subject_id: uuid::Uuid,
    /// Changed fields as `{"field": {"old": …, "new": …}}`, or the created object.
    pub payload: Value,
    pub at: DateTime<Utc>,
}

/// An event as read back from the log, with its position.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct StoredEvent {
    /// The position in the log: consumers keep their offset against it.
    pub seq: i64,
    pub id: EventId,
    pub workspace_id: Option<WorkspaceId>,
    pub project_id: Option<ProjectId>,
    pub actor_id: Option<UserId>,
    pub kind: String,
    pub subject_id: uuid::Uuid,
    pub payload: Value,
    pub at: DateTime<Utc>,
}
