//! Outgoing webhooks: which events a workspace sends where, and the delivery of each one.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{EventId, UserId, ValidationError, WorkspaceId};

pub use crate::ids::{WebhookDeliveryId, WebhookId};

/// Which events a webhook receives: Plane's five switches, plus Glider's own list of event
/// kinds for everything else.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WebhookEvents {
    pub project: bool,
    pub issue: bool,
    pub module: bool,
    pub cycle: bool,
    pub issue_comment: bool,
    /// Kinds (`tracker.state.created`), prefixes (`tracker.state.*`) or `*` for every event.
    pub kinds: Vec<EventKindPattern>,
}

/// Plane's switches and the event kinds each one stands for.
const PLANE_SWITCHES: [(&str, &str); 5] = [
    ("project", "tracker.project."),
    ("issue", "tracker.work_item."),
    ("module", "tracker.module."),
    ("cycle", "tracker.cycle."),
    ("issue_comment", "tracker.comment."),
];

impl WebhookEvents {
    fn switch(&self, name: &str) -> bool {
        match name {
            "project" => self.project,
            "issue" => self.issue,
            "module" => self.module,
            "cycle" => self.cycle,
            "issue_comment" => self.issue_comment,
            _ => false,
        }
    }

    /// True when an event of `kind` is to be sent.
    pub fn wants(&self, kind: &str) -> bool {
        PLANE_SWITCHES
            .iter()
            .any(|(switch, prefix)| self.switch(switch) && kind.starts_with(prefix))
            || self.kinds.iter().any(|pattern| pattern.matches(kind))
    }
}

/// Plane's name for the kind of an event (`issue`, `project`, …) when it has one.
pub fn plane_event_name(kind: &str) -> Option<&'static str> {
    PLANE_SWITCHES
        .iter()
        .find(|(_, prefix)| kind.starts_with(prefix))
        .map(|(name, _)| *name)
}

/// One entry of a webhook's kind filter, parsed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct EventKindPattern(String);

impl EventKindPattern {
    /// `a.b.c`, a prefix ending in `.*` (`tracker.*`, `tracker.state.*`), or `*`.
    pub fn parse(field: &str, raw: &str) -> Result<Self, ValidationError> {
        let invalid = || {
            ValidationError::new(
                field,
                format!(
                    "\"{raw}\" is not an event kind: use a kind such as tracker.state.created, \
                     a prefix such as tracker.state.*, or *."
                ),
            )
        };
        if raw == "*" {
            return Ok(Self(raw.to_owned()));
        }
        let exact = raw.strip_suffix(".*").unwrap_or(raw);
        let segments: Vec<&str> = exact.split('.').collect();
        let well_formed = raw.len() <= 100
            && segments.len() <= 3
            && (segments.len() == 3 || raw.ends_with(".*"))
            && segments.iter().all(|segment| {
                !segment.is_empty()
                    && segment
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            });
        if well_formed {
            Ok(Self(raw.to_owned()))
        } else {
            Err(invalid())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn matches(&self, kind: &str) -> bool {
        match self.0.strip_suffix('*') {
            // `*` or `prefix.*`: the prefix keeps its dot, so `tracker.state.*` does not match
            // `tracker.statement.created`.
            Some(prefix) => kind.starts_with(prefix),
            None => self.0 == kind,
        }
    }
}

/// Whether a webhook keeps failing: set after several deliveries in a row failed for good,
/// cleared by the next delivery that succeeds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FailureState {
    pub is_failing: bool,
    /// Deliveries in a row that failed after their last attempt.
    pub consecutive_failures: i32,
    pub failing_since: Option<DateTime<Utc>>,
}

/// A webhook of a workspace. The secret signs every delivery; services never hand it out
/// except when it is created or regenerated.
#[derive(Clone, Debug)]
pub struct Webhook {
    pub id: WebhookId,
    pub workspace_id: WorkspaceId,
    pub url: String,
    pub secret: String,
    pub events: WebhookEvents,
    pub is_active: bool,
    pub failure: FailureState,
    pub created_by: Option<UserId>,
    pub updated_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Where a delivery stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Waiting for its first attempt or for a retry at `next_attempt_at`.
    Pending,
    /// The receiver answered 2xx.
    Succeeded,
    /// Given up after the last attempt (or the webhook went away).
    Failed,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Succeeded => "succeeded",
            Self::Failed => "failed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Some(match value {
            "pending" => Self::Pending,
            "succeeded" => Self::Succeeded,
            "failed" => Self::Failed,
            _ => return None,
        })
    }
}

/// What one attempt to deliver came to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttemptOutcome {
    pub at: DateTime<Utc>,
    /// The receiver's status code; none when no answer came (refused, timed out, …).
    pub response_status: Option<i32>,
    pub latency_ms: i64,
    /// Why the attempt failed, when it did.
    pub error: Option<String>,
}

impl AttemptOutcome {
    pub fn succeeded(&self) -> bool {
        self.response_status
            .is_some_and(|status| (200..300).contains(&status))
    }
}

/// One event owed to one webhook.
#[derive(Clone, Debug)]
pub struct Delivery {
    pub id: WebhookDeliveryId,
    pub webhook_id: WebhookId,
    pub workspace_id: WorkspaceId,
    pub event_id: EventId,
    pub event_kind: String,
    /// The exact JSON body sent (and signed) on every attempt.
    pub body: String,
    pub status: DeliveryStatus,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub response_status: Option<i32>,
    /// The start of the last answer's body.
    pub response_body: Option<String>,
    pub latency_ms: Option<i64>,
    pub last_error: Option<String>,
    pub last_attempt_at: Option<DateTime<Utc>>,
    /// Every attempt so far, oldest first (bounded).
    pub history: Vec<AttemptOutcome>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_patterns_parse_and_match() {
        let exact = EventKindPattern::parse("k", "tracker.state.created").unwrap();
        assert!(exact.matches("tracker.state.created"));
        assert!(!exact.matches("tracker.state.updated"));
        let prefix = EventKindPattern::parse("k", "tracker.state.*").unwrap();
        assert!(prefix.matches("tracker.state.deleted"));
        assert!(!prefix.matches("tracker.statement.created"));
        for bad in [
            "",
            "tracker",
            "tracker.state",
            "Tracker.x.y",
            "a.b.c.d",
            "a..b",
            "a.*.b",
        ] {
            assert!(EventKindPattern::parse("k", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn plane_switches_select_their_kinds() {
        let events = WebhookEvents {
            issue: true,
            ..WebhookEvents::default()
        };
        assert!(events.wants("tracker.work_item.updated"));
        assert!(!events.wants("tracker.project.updated"));
        assert!(!WebhookEvents::default().wants("tracker.work_item.updated"));
        assert_eq!(
            plane_event_name("tracker.comment.created"),
            Some("issue_comment")
        );
    }
}
