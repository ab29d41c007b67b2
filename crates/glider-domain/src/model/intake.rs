//! Intake (a project's triage queue) and work logs (time spent on work items).

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use uuid::Uuid;

use crate::{IntakeId, ProjectId, UserId, ValidationError, WorkItemId, WorkLogId, WorkspaceId};

/// Where an intake entry stands, with Plane's numbers: `-2` pending, `-1` rejected,
/// `0` snoozed, `1` accepted, `2` duplicate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IntakeStatus {
    /// Waiting for triage (every new entry).
    Pending,
    /// Declined; the work item moves to a cancelled state.
    Rejected,
    /// Put aside until `snoozed_till`.
    Snoozed,
    /// Taken into the project; the work item moves to the default state and shows in lists.
    Accepted,
    /// The same request as another work item (`duplicate_to`); moves to a cancelled state.
    Duplicate,
}

impl IntakeStatus {
    /// Every status, in Plane's numeric order.
    pub const ALL: [IntakeStatus; 5] = [
        Self::Pending,
        Self::Rejected,
        Self::Snoozed,
        Self::Accepted,
        Self::Duplicate,
    ];

    /// Plane's number.
    pub fn code(self) -> i16 {
        match self {
            Self::Pending => -2,
            Self::Rejected => -1,
            Self::Snoozed => 0,
            Self::Accepted => 1,
            Self::Duplicate => 2,
        }
    }

    /// The status with Plane's number `code`.
    pub fn from_code(code: i64) -> Option<Self> {
        Self::ALL.into_iter().find(|s| i64::from(s.code()) == code)
    }

    /// A lowercase name for history entries and events.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Rejected => "rejected",
            Self::Snoozed => "snoozed",
            Self::Accepted => "accepted",
            Self::Duplicate => "duplicate",
        }
    }

    /// Reads Plane's number from a request field.
    pub fn parse(field: &str, value: &Value) -> Result<Self, ValidationError> {
        let invalid = || ValidationError::new(field, format!("\"{value}\" is not a valid choice."));
        value.as_i64().and_then(Self::from_code).ok_or_else(invalid)
    }

    /// Whether an entry may move from `self` to `next`. An accepted entry is an ordinary work
    /// item of the project: its triage is over, so its status no longer changes.
    pub fn can_become(self, next: IntakeStatus) -> bool {
        self != Self::Accepted || next == Self::Accepted
    }
}

/// A project's intake: the queue that entries belong to (one per project).
#[derive(Clone, Debug, PartialEq)]
pub struct Intake {
    pub id: Uuid,
    pub workspace_id: WorkspaceId,
    pub project_id: ProjectId,
    /// `"<project name> Intake"`, as Plane names it.
    pub name: String,
    pub description: String,
    pub is_default: bool,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One request in the queue: a work item (kept in the triage state until accepted) and its
/// triage facts.
#[derive(Clone, Debug, PartialEq)]
pub struct IntakeItem {
    pub id: IntakeId,
    pub workspace_id: WorkspaceId,
    pub project_id: ProjectId,
    pub intake_id: Uuid,
    pub work_item_id: WorkItemId,
    pub status: IntakeStatus,
    /// Until when a snoozed entry is put aside.
    pub snoozed_till: Option<DateTime<Utc>>,
    /// The work item a duplicate repeats.
    pub duplicate_to: Option<WorkItemId>,
    /// `IN_APP` for entries made through the API.
    pub source: String,
    pub source_email: Option<String>,
    pub external_source: Option<String>,
    pub external_id: Option<String>,
    pub extra: Value,
    pub created_by: Option<UserId>,
    pub updated_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The longest single work log: one day, since a log is the time worked on one date.
pub const MAX_LOG_MINUTES: i64 = 24 * 60;

/// Time someone worked on a work item on one date.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkLog {
    pub id: WorkLogId,
    pub workspace_id: WorkspaceId,
    pub project_id: ProjectId,
    pub work_item_id: WorkItemId,
    /// Minutes worked, 1 to [`MAX_LOG_MINUTES`].
    pub duration: i32,
    pub description: String,
    /// The date worked.
    pub logged_at: NaiveDate,
    /// Who worked (the person who logged it).
    pub logged_by: UserId,
    pub created_by: Option<UserId>,
    pub updated_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Checks a work-log duration in minutes.
pub fn log_minutes(field: &str, value: &Value) -> Result<i32, ValidationError> {
    let minutes = value
        .as_i64()
        .ok_or_else(|| ValidationError::new(field, "A valid integer is required."))?;
    if minutes < 1 {
        return Err(ValidationError::new(
            field,
            "Ensure this value is greater than or equal to 1.",
        ));
    }
    if minutes > MAX_LOG_MINUTES {
        return Err(ValidationError::new(
            field,
            format!("Ensure this value is less than or equal to {MAX_LOG_MINUTES}."),
        ));
    }
    i32::try_from(minutes).map_err(|_| ValidationError::new(field, "A valid integer is required."))
}

/// Which work logs a summary counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WorkLogFilter {
    /// First date counted (inclusive).
    pub from: Option<NaiveDate>,
    /// Last date counted (inclusive).
    pub to: Option<NaiveDate>,
    /// Only this person's logs.
    pub member: Option<UserId>,
}

/// Logged time summed for one key (a work item, a person or a project).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoggedTotal {
    pub key: Uuid,
    pub minutes: i64,
    pub entries: i64,
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn statuses_use_planes_numbers() {
        for status in IntakeStatus::ALL {
            assert_eq!(
                IntakeStatus::from_code(i64::from(status.code())),
                Some(status)
            );
        }
        assert_eq!(IntakeStatus::from_code(3), None);
        assert_eq!(
            IntakeStatus::parse("status", &json!(-2)),
            Ok(IntakeStatus::Pending)
        );
        assert!(IntakeStatus::parse("status", &json!("1")).is_err());
    }

    #[test]
    fn accepted_entries_keep_their_status() {
        assert!(IntakeStatus::Pending.can_become(IntakeStatus::Accepted));
        assert!(IntakeStatus::Rejected.can_become(IntakeStatus::Pending));
        assert!(!IntakeStatus::Accepted.can_become(IntakeStatus::Rejected));
        assert!(IntakeStatus::Accepted.can_become(IntakeStatus::Accepted));
    }

    #[test]
    fn durations_are_bounded_minutes() {
        assert_eq!(log_minutes("duration", &json!(90)), Ok(90));
        assert!(log_minutes("duration", &json!(0)).is_err());
        assert!(log_minutes("duration", &json!(1441)).is_err());
        assert!(log_minutes("duration", &json!(1.5)).is_err());
    }
}
