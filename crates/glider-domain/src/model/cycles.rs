//! Cycles (time-boxed iterations) and modules (features or workstreams) of a project, and
//! the rules about their dates and states.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::Value;

use crate::{CycleId, ModuleId, ProjectId, UserId, ValidationError, WorkItemId, WorkspaceId};

/// A cycle. `start_date` and `end_date` are both set or both empty (a draft).
#[derive(Clone, Debug, PartialEq)]
pub struct Cycle {
    pub id: CycleId,
    pub workspace_id: WorkspaceId,
    pub project_id: ProjectId,
    pub name: String,
    pub description: String,
    pub start_date: Option<DateTime<Utc>>,
    pub end_date: Option<DateTime<Utc>>,
    pub view_props: Value,
    pub sort_order: f64,
    pub external_source: Option<String>,
    pub external_id: Option<String>,
    /// Counts and distributions saved when the cycle's open items were transferred.
    pub progress_snapshot: Value,
    pub archived_at: Option<DateTime<Utc>>,
    pub logo_props: Value,
    pub timezone: String,
    pub version: i32,
    pub owned_by: UserId,
    pub created_by: Option<UserId>,
    pub updated_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Cycle {
    /// True once the end has passed: a completed cycle takes no new items and no edits.
    pub fn is_completed(&self, now: DateTime<Utc>) -> bool {
        self.end_date.is_some_and(|end| end < now)
    }
}

/// Plane's cycle list filter (`status`, or the older `cycle_view`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CycleStatus {
    /// Started and not yet ended.
    Current,
    /// Starts later.
    Upcoming,
    /// Ended.
    Completed,
    /// No dates yet.
    Draft,
    /// Not ended, or without an end.
    Incomplete,
}

impl CycleStatus {
    /// The filter a value names; anything else lists every cycle (as Plane does).
    pub fn parse(value: &str) -> Option<Self> {
        Some(match value {
            "current" => Self::Current,
            "upcoming" => Self::Upcoming,
            "completed" => Self::Completed,
            "draft" => Self::Draft,
            "incomplete" => Self::Incomplete,
            _ => return None,
        })
    }

    /// Whether `cycle` is in this state at `now`.
    pub fn matches(self, cycle: &Cycle, now: DateTime<Utc>) -> bool {
        let (start, end) = (cycle.start_date, cycle.end_date);
        match self {
            Self::Current => start.is_some_and(|s| s <= now) && end.is_some_and(|e| e >= now),
            Self::Upcoming => start.is_some_and(|s| s > now),
            Self::Completed => end.is_some_and(|e| e < now),
            Self::Draft => start.is_none() && end.is_none(),
            Self::Incomplete => end.is_none_or(|e| e >= now),
        }
    }
}

/// The project's time zone, UTC when the stored name is not one.
pub fn project_zone(name: &str) -> Tz {
    name.parse().unwrap_or(Tz::UTC)
}

/// A time zone name as Plane accepts it (an IANA name such as `Europe/Paris`).
pub fn parse_zone(field: &str, value: &str) -> Result<Tz, ValidationError> {
    value
        .parse()
        .map_err(|_| ValidationError::new(field, format!("\"{value}\" is not a valid choice.")))
}

fn at_local(day: NaiveDate, time: NaiveTime, zone: Tz) -> DateTime<Utc> {
    let local = NaiveDateTime::new(day, time);
    zone.from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            zone.from_local_datetime(&(local + chrono::Duration::hours(1)))
                .earliest()
        })
        .map_or_else(|| local.and_utc(), |at| at.with_timezone(&Utc))
}

/// When a cycle starting on `day` starts: 00:00:01 that day in the project's zone, or `now`
/// when that day is today there.
pub fn cycle_start(day: NaiveDate, zone: Tz, now: DateTime<Utc>) -> DateTime<Utc> {
    if now.with_timezone(&zone).date_naive() == day {
        return now;
    }
    at_local(
        day,
        NaiveTime::from_hms_opt(0, 0, 1).unwrap_or_default(),
        zone,
    )
}

/// When a cycle ending on `day` ends: 23:59:00 that day in the project's zone.
pub fn cycle_end(day: NaiveDate, zone: Tz) -> DateTime<Utc> {
    at_local(
        day,
        NaiveTime::from_hms_opt(23, 59, 0).unwrap_or_default(),
        zone,
    )
}

/// The day a cycle date names: `YYYY-MM-DD`, or the UTC day of an ISO 8601 datetime.
pub fn parse_cycle_day(field: &str, value: &str) -> Result<NaiveDate, ValidationError> {
    let value = value.trim();
    if let Ok(day) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Ok(day);
    }
    if let Ok(at) = DateTime::parse_from_rfc3339(value) {
        return Ok(at.with_timezone(&Utc).date_naive());
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
    ] {
        if let Ok(at) = NaiveDateTime::parse_from_str(value, format) {
            return Ok(at.date());
        }
    }
    Err(ValidationError::new(
        field,
        "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].",
    ))
}

/// A module's progress as Plane names it.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
pub enum ModuleStatus {
    #[serde(rename = "backlog")]
    Backlog,
    #[serde(rename = "planned")]
    Planned,
    #[serde(rename = "in-progress")]
    InProgress,
    #[serde(rename = "paused")]
    Paused,
    #[serde(rename = "completed")]
    Completed,
    #[serde(rename = "cancelled")]
    Cancelled,
}

impl ModuleStatus {
    pub const ALL: [ModuleStatus; 6] = [
        Self::Backlog,
        Self::Planned,
        Self::InProgress,
        Self::Paused,
        Self::Completed,
        Self::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Backlog => "backlog",
            Self::Planned => "planned",
            Self::InProgress => "in-progress",
            Self::Paused => "paused",
            Self::Completed => "completed",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(field: &str, value: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == value)
            .ok_or_else(|| {
                ValidationError::new(field, format!("\"{value}\" is not a valid choice."))
            })
    }

    /// Only finished modules may be archived.
    pub fn is_closed(self) -> bool {
        matches!(self, Self::Completed | Self::Cancelled)
    }
}

/// A module and its members.
#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    pub id: ModuleId,
    pub workspace_id: WorkspaceId,
    pub project_id: ProjectId,
    pub name: String,
    pub description: String,
    pub description_text: Option<Value>,
    pub description_html: Option<Value>,
    pub start_date: Option<NaiveDate>,
    pub target_date: Option<NaiveDate>,
    pub status: ModuleStatus,
    pub view_props: Value,
    pub sort_order: f64,
    pub external_source: Option<String>,
    pub external_id: Option<String>,
    pub archived_at: Option<DateTime<Utc>>,
    pub logo_props: Value,
    pub lead: Option<UserId>,
    pub members: Vec<UserId>,
    pub created_by: Option<UserId>,
    pub updated_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What a cycle or module holds: a work item in it (Plane's `CycleIssue` / `ModuleIssue`).
/// `container` is the cycle's or the module's id.
#[derive(Clone, Debug, PartialEq)]
pub struct Membership {
    pub id: uuid::Uuid,
    pub workspace_id: WorkspaceId,
    pub project_id: ProjectId,
    pub container: uuid::Uuid,
    pub work_item_id: WorkItemId,
    /// Live sub-items of the work item.
    pub sub_issues_count: u64,
    pub created_by: Option<UserId>,
    pub updated_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Work items of a cycle or module by state group (archived items and drafts not counted).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ItemCounts {
    pub total: u64,
    pub backlog: u64,
    pub unstarted: u64,
    pub started: u64,
    pub completed: u64,
    pub cancelled: u64,
}

/// Sums of estimate point keys of a cycle's items (all, completed, started); `None` when no
/// item has an estimate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EstimateTotals {
    pub total: Option<i64>,
    pub completed: Option<i64>,
    pub started: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn cycle_dates_follow_the_project_zone() {
        let now = "2026-03-10T12:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let paris = project_zone("Europe/Paris");
        assert_eq!(
            cycle_start(day("2026-03-20"), paris, now).to_rfc3339(),
            "2026-03-19T23:00:01+00:00"
        );
        assert_eq!(
            cycle_end(day("2026-03-20"), paris).to_rfc3339(),
            "2026-03-20T22:59:00+00:00"
        );
        assert_eq!(
            cycle_start(day("2026-03-10"), paris, now),
            now,
            "today starts now"
        );
        assert_eq!(
            cycle_end(day("2026-03-20"), Tz::UTC).to_rfc3339(),
            "2026-03-20T23:59:00+00:00"
        );
        assert_eq!(project_zone("Not/AZone"), Tz::UTC);
    }

    #[test]
    fn cycle_days_parse_dates_and_datetimes() {
        assert_eq!(
            parse_cycle_day("d", "2026-05-19").unwrap(),
            day("2026-05-19")
        );
        assert_eq!(
            parse_cycle_day("d", "2026-05-19T23:30:00-05:00").unwrap(),
            day("2026-05-20")
        );
        assert_eq!(
            parse_cycle_day("d", "2026-05-19T10:00:00").unwrap(),
            day("2026-05-19")
        );
        assert!(parse_cycle_day("d", "soon").is_err());
    }

    #[test]
    fn statuses() {
        let now = Utc::now();
        let hour = chrono::Duration::hours(1);
        let mut cycle = Cycle {
            id: CycleId::new(),
            workspace_id: WorkspaceId::new(),
            project_id: ProjectId::new(),
            name: "c".into(),
            description: String::new(),
            start_date: Some(now - hour),
            end_date: Some(now + hour),
            view_props: Value::Null,
            sort_order: 0.0,
            external_source: None,
            external_id: None,
            progress_snapshot: Value::Null,
            archived_at: None,
            logo_props: Value::Null,
            timezone: "UTC".into(),
            version: 1,
            owned_by: UserId::new(),
            created_by: None,
            updated_by: None,
            created_at: now,
            updated_at: now,
        };
        assert!(CycleStatus::Current.matches(&cycle, now));
        assert!(CycleStatus::Incomplete.matches(&cycle, now));
        assert!(!CycleStatus::Completed.matches(&cycle, now));
        cycle.end_date = Some(now - hour);
        assert!(CycleStatus::Completed.matches(&cycle, now) && cycle.is_completed(now));
        cycle.start_date = None;
        cycle.end_date = None;
        assert!(
            CycleStatus::Draft.matches(&cycle, now) && CycleStatus::Incomplete.matches(&cycle, now)
        );
        assert_eq!(CycleStatus::parse("upcoming"), Some(CycleStatus::Upcoming));
        assert_eq!(CycleStatus::parse("all"), None);
        assert!(ModuleStatus::parse("status", "in-progress").is_ok());
        assert!(ModuleStatus::parse("status", "done").is_err());
    }
}
