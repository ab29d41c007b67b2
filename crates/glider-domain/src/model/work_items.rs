//! Work items (Plane's issues) and what hangs off them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{
    ActivityId, CommentId, LabelId, LinkId, ProjectId, StateId, UserId, ValidationError,
    WorkItemId, WorkspaceId,
};

/// Plane's priorities, from most to least urgent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    Urgent,
    High,
    Medium,
    Low,
    None,
}

impl Priority {
    pub const ALL: [Priority; 5] = [
        Self::Urgent,
        Self::High,
        Self::Medium,
        Self::Low,
        Self::None,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Urgent => "urgent",
            Self::High => "high",
            Self::Medium => "medium",
            Self::Low => "low",
            Self::None => "none",
        }
    }

    pub fn parse(field: &str, value: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|p| p.as_str() == value)
            .ok_or_else(|| {
                ValidationError::new(field, format!("\"{value}\" is not a valid choice."))
            })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct WorkItem {
    pub id: WorkItemId,
    pub workspace_id: WorkspaceId,
    pub project_id: ProjectId,
    pub sequence_id: i32,
    pub name: String,
    pub description_html: String,
    pub description_stripped: String,
    pub priority: Priority,
    pub state_id: Option<StateId>,
    pub parent_id: Option<WorkItemId>,
    pub estimate_point_id: Option<Uuid>,
    pub type_id: Option<Uuid>,
    pub point: Option<i16>,
    pub start_date: Option<NaiveDate>,
    pub target_date: Option<NaiveDate>,
    pub sort_order: f64,
    pub completed_at: Option<DateTime<Utc>>,
    pub archived_at: Option<NaiveDate>,
    pub is_draft: bool,
    /// Estimated effort in minutes (Glider; shown beside the logged total).
    pub estimate_time: Option<i32>,
    pub external_source: Option<String>,
    pub external_id: Option<String>,
    pub created_by: Option<UserId>,
    pub updated_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub assignees: Vec<UserId>,
    pub labels: Vec<LabelId>,
}

impl WorkItem {
    /// This change (made from `base`) applied to `current`: every field this item changed
    /// relative to `base` is taken from it, the rest from `current`. Two concurrent updates
    /// of different fields then both survive, and of the same field the last committed wins.
    pub fn rebase(&self, base: &WorkItem, current: &WorkItem) -> WorkItem {
        let mut rebased = current.clone();
        macro_rules! take_changed {
            ($($field:ident),* $(,)?) => {
                $(if self.$field != base.$field {
                    rebased.$field = self.$field.clone();
                })*
            };
        }
        take_changed!(
            name,
            description_html,
            description_stripped,
            priority,
            state_id,
            parent_id,
            estimate_point_id,
            type_id,
            point,
            start_date,
            target_date,
            sort_order,
            completed_at,
            archived_at,
            is_draft,
            estimate_time,
            external_source,
            external_id,
            created_by,
            updated_by,
            updated_at,
            assignees,
            labels,
        );
        rebased
    }
}

/// Who may see a comment: project members only, or also external parties.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum CommentAccess {
    Internal,
    External,
}

impl CommentAccess {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Internal => "INTERNAL",
            Self::External => "EXTERNAL",
        }
    }

    pub fn parse(field: &str, value: &str) -> Result<Self, ValidationError> {
        match value {
            "INTERNAL" => Ok(Self::Internal),
            "EXTERNAL" => Ok(Self::External),
            other => Err(ValidationError::new(
                field,
                format!("\"{other}\" is not a valid choice."),
            )),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Comment {
    pub id: CommentId,
    pub workspace_id: WorkspaceId,
    pub project_id: ProjectId,
    pub work_item_id: WorkItemId,
    pub comment_html: String,
    pub comment_stripped: String,
    pub comment_json: Option<serde_json::Value>,
    pub access: CommentAccess,
    pub actor_id: Option<UserId>,
    pub parent_id: Option<CommentId>,
    pub edited_at: Option<DateTime<Utc>>,
    pub external_source: Option<String>,
    pub external_id: Option<String>,
    pub created_by: Option<UserId>,
    pub updated_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub id: LinkId,
    pub workspace_id: WorkspaceId,
    pub project_id: ProjectId,
    pub work_item_id: WorkItemId,
    pub url: String,
    pub title: Option<String>,
    pub metadata: serde_json::Value,
    pub created_by: Option<UserId>,
    pub updated_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One field-level history entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Activity {
    pub id: ActivityId,
    pub workspace_id: WorkspaceId,
    pub project_id: ProjectId,
    pub work_item_id: WorkItemId,
    pub verb: String,
    pub field: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub old_identifier: Option<Uuid>,
    pub new_identifier: Option<Uuid>,
    pub comment: String,
    pub comment_id: Option<CommentId>,
    pub actor_id: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Plane's relation types. The reverse of each is stored flipped (see [`RelationType::stored`]).
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RelationType {
    Blocking,
    BlockedBy,
    Duplicate,
    RelatesTo,
    StartBefore,
    StartAfter,
    FinishBefore,
    FinishAfter,
}

impl RelationType {
    pub const ALL: [RelationType; 8] = [
        Self::Blocking,
        Self::BlockedBy,
        Self::Duplicate,
        Self::RelatesTo,
        Self::StartBefore,
        Self::StartAfter,
        Self::FinishBefore,
        Self::FinishAfter,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Blocking => "blocking",
            Self::BlockedBy => "blocked_by",
            Self::Duplicate => "duplicate",
            Self::RelatesTo => "relates_to",
            Self::StartBefore => "start_before",
            Self::StartAfter => "start_after",
            Self::FinishBefore => "finish_before",
            Self::FinishAfter => "finish_after",
        }
    }

    pub fn parse(field: &str, value: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|t| t.as_str() == value)
            .ok_or_else(|| {
                ValidationError::new(field, format!("\"{value}\" is not a valid choice."))
            })
    }

    /// How a relation "this → other" is stored: `(from_this_side, stored type)`. `blocking`
    /// X→Y is stored as Y `blocked_by` X; `start_after` and `finish_after` likewise.
    pub fn stored(self) -> (bool, RelationType) {
        match self {
            Self::Blocking => (false, Self::BlockedBy),
            Self::StartAfter => (false, Self::StartBefore),
            Self::FinishAfter => (false, Self::FinishBefore),
            other => (true, other),
        }
    }

    /// The type as seen from the other item of a stored row.
    pub fn reverse(self) -> RelationType {
        match self {
            Self::Blocking => Self::BlockedBy,
            Self::BlockedBy => Self::Blocking,
            Self::StartBefore => Self::StartAfter,
            Self::StartAfter => Self::StartBefore,
            Self::FinishBefore => Self::FinishAfter,
            Self::FinishAfter => Self::FinishBefore,
            symmetric => symmetric,
        }
    }
}

/// A stored relation row: `work_item` has `relation_type` towards `related`.
#[derive(Clone, Debug, PartialEq)]
pub struct Relation {
    pub work_item_id: WorkItemId,
    pub related_id: WorkItemId,
    pub relation_type: RelationType,
}

/// How a work-item list is ordered (`order_by`, `-` for descending).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkItemOrder {
    pub field: OrderField,
    pub descending: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderField {
    CreatedAt,
    UpdatedAt,
    SequenceId,
    Name,
    Priority,
    SortOrder,
    StartDate,
    TargetDate,
    CompletedAt,
    StateName,
    StateGroup,
    LabelName,
    AssigneeFirstName,
}

impl WorkItemOrder {
    /// Plane's default: newest first.
    pub const DEFAULT: WorkItemOrder = WorkItemOrder {
        field: OrderField::CreatedAt,
        descending: true,
    };

    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let (descending, name) = match raw.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, raw),
        };
        let field = match name {
            "created_at" => OrderField::CreatedAt,
            "updated_at" => OrderField::UpdatedAt,
            "sequence_id" => OrderField::SequenceId,
            "name" => OrderField::Name,
            "priority" => OrderField::Priority,
            "sort_order" => OrderField::SortOrder,
            "start_date" => OrderField::StartDate,
            "target_date" => OrderField::TargetDate,
            "completed_at" => OrderField::CompletedAt,
            "state__name" => OrderField::StateName,
            "state__group" => OrderField::StateGroup,
            "labels__name" => OrderField::LabelName,
            "assignees__first_name" => OrderField::AssigneeFirstName,
            other => {
                return Err(ValidationError::new(
                    "order_by",
                    format!("\"{other}\" is not a field work items can be ordered by."),
                ));
            }
        };
        Ok(Self { field, descending })
    }
}
