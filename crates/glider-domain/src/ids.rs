//! Id newtypes. Every id is a UUIDv7 (time-ordered, so indexes stay append-mostly).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($($(#[$meta:meta])* $name:ident),* $(,)?) => {$(
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
        #[serde(transparent)]
        #[schema(value_type = String, format = Uuid)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh, time-ordered id.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl From<Uuid> for $name {
            fn from(value: Uuid) -> Self {
                Self(value)
            }
        }

        impl From<$name> for Uuid {
            fn from(value: $name) -> Self {
                value.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

id_type!(
    /// A person's account.
    UserId,
    /// A signed-in session (browser cookie or token family).
    SessionId,
    /// A personal API token.
    ApiTokenId,
    /// A workspace (the tenant).
    WorkspaceId,
    /// A workspace membership row.
    WorkspaceMemberId,
    /// A workspace invitation.
    InvitationId,
    /// A project inside a workspace.
    ProjectId,
    /// A project membership row.
    ProjectMemberId,
    /// A work-item state of a project.
    StateId,
    /// A domain event in the outbox.
    EventId,
    /// An outgoing webhook of a workspace.
    WebhookId,
    /// One event owed to one webhook, with its attempts.
    WebhookDeliveryId,
    /// A work item (Plane's issue).
    WorkItemId,
    /// A comment on a work item.
    CommentId,
    /// A link on a work item.
    LinkId,
    /// A field-level history entry of a work item.
    ActivityId,
    /// A relation between two work items.
    RelationId,
    /// A label of a project.
    LabelId,
    /// An estimate scheme of a project.
    EstimateId,
    /// A point of an estimate scheme.
    EstimatePointId,
    /// A personal sticky note in a workspace.
    StickyId,
    /// A page (document).
    PageId,
    /// A saved view.
    ViewId,
    /// A user's favorite.
    FavoriteId,
    /// A cycle (a time-boxed iteration) of a project.
    CycleId,
    /// A module (a feature or workstream) of a project.
    ModuleId,
    /// An entry of a project's intake (triage queue).
    IntakeId,
    /// Time logged on a work item.
    WorkLogId,
    /// A notification to one user.
    NotificationId,
);
