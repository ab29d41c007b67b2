//! Notifications: what a person is told about work items they are involved in, and how they
//! want to be told (in the app, by e-mail at once, or in a digest).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

pub use crate::ids::NotificationId;
use crate::{EventId, ProjectId, UserId, ValidationError, WorkspaceId};

/// Why someone is notified; preferences are kept per kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// The work item moved to another state.
    StateChange,
    /// The person was assigned to the work item.
    Assignment,
    /// Someone commented on the work item.
    Comment,
    /// The person was @mentioned in a description or a comment.
    Mention,
    /// Another field of the work item changed (name, priority, dates, labels, …).
    PropertyChange,
}

impl NotificationKind {
    pub const ALL: [Self; 5] = [
        Self::StateChange,
        Self::Assignment,
        Self::Comment,
        Self::Mention,
        Self::PropertyChange,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::StateChange => "state_change",
            Self::Assignment => "assignment",
            Self::Comment => "comment",
            Self::Mention => "mention",
            Self::PropertyChange => "property_change",
        }
    }

    /// The kind named `value`; the error names `field`.
    pub fn parse(field: &str, value: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str() == value)
            .ok_or_else(|| {
                ValidationError::new(
                    field,
                    format!(
                        "\"{value}\" is not a notification kind (state_change, assignment, \
                         comment, mention, property_change)."
                    ),
                )
            })
    }
}

/// When a notification of a kind is also e-mailed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EmailMode {
    /// Never.
    Off,
    /// One e-mail per notification, as soon as it is created.
    Immediate,
    /// Collected into one periodic summary e-mail.
    Digest,
}

impl EmailMode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Off => "off",
            Self::Immediate => "immediate",
            Self::Digest => "digest",
        }
    }

    pub fn parse(field: &str, value: &str) -> Result<Self, ValidationError> {
        match value {
            "off" => Ok(Self::Off),
            "immediate" => Ok(Self::Immediate),
            "digest" => Ok(Self::Digest),
            other => Err(ValidationError::new(
                field,
                format!("\"{other}\" is not a valid choice (off, immediate, digest)."),
            )),
        }
    }
}

/// One person's choice for one kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct KindPreference {
    /// Shown in the app (and pushed live). Off means no notification at all, so no e-mail
    /// either: e-mails are sent for notifications.
    pub in_app: bool,
    pub email: EmailMode,
}

impl KindPreference {
    /// What a person gets before choosing: everything in the app, and e-mail at once for what
    /// is addressed to them by name (assignments and mentions).
    pub fn default_for(kind: NotificationKind) -> Self {
        let email = match kind {
            NotificationKind::Assignment | NotificationKind::Mention => EmailMode::Immediate,
            _ => EmailMode::Off,
        };
        Self {
            in_app: true,
            email,
        }
    }
}

/// A notification as stored and as the API renders it (also the payload of its events).
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Notification {
    pub id: NotificationId,
    #[serde(rename = "workspace")]
    pub workspace_id: WorkspaceId,
    #[serde(rename = "project")]
    pub project_id: Option<ProjectId>,
    /// The person notified.
    #[serde(rename = "receiver")]
    pub receiver_id: UserId,
    /// Who made the change.
    #[serde(rename = "triggered_by")]
    pub actor_id: Option<UserId>,
    pub kind: NotificationKind,
    /// What the notification is about: `issue` (a work item).
    pub entity_name: String,
    /// The work item's id.
    pub entity_identifier: Option<Uuid>,
    /// The work item's human identifier, e.g. `WEB-12`.
    pub identifier: Option<String>,
    /// The work item's name when the notification was made.
    pub title: String,
    /// One line for people: "Ann changed the state of WEB-12 to Done".
    pub message: String,
    /// Details: `work_item`, `actor`, `changes` (`{"field": {"old", "new"}}`), `comment`.
    #[schema(value_type = Object)]
    pub data: Value,
    /// The event of the change, so clients can relate the two.
    pub event_id: EventId,
    pub read_at: Option<DateTime<Utc>>,
    pub archived_at: Option<DateTime<Utc>>,
    pub snoozed_till: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Which of a person's notifications to list; `None` keeps both.
#[derive(Clone, Copy, Debug, Default)]
pub struct NotificationFilter {
    pub read: Option<bool>,
    pub archived: Option<bool>,
    /// Snoozed means `snoozed_till` is still in the future.
    pub snoozed: Option<bool>,
}

/// The users @mentioned in sanitised HTML: Plane's
/// `<mention-component entity_identifier="<user id>" entity_name="user_mention">`, each once,
/// in order of appearance.
///
/// Scans the sanitiser's output, not arbitrary HTML: ammonia re-serialises every tag, so the
/// tag name is lower case and every attribute value is double-quoted with `"` escaped.
pub fn mentioned_users(html: &str) -> Vec<UserId> {
    let mut found: Vec<UserId> = Vec::new();
    for (start, _) in html.match_indices("<mention-component") {
        let rest = &html[start..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        let is_user = attribute(tag, "entity_name") == Some("user_mention");
        let user = attribute(tag, "entity_identifier").and_then(|id| Uuid::parse_str(id).ok());
        if let (true, Some(user)) = (is_user, user)
            && !found.contains(&UserId(user))
        {
            found.push(UserId(user));
        }
    }
    found
}

/// The value of `name="…"` inside one serialised start tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let value = &tag[start..];
    value.find('"').map(|end| &value[..end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::sanitize;

    #[test]
    fn mentions_survive_sanitising_and_are_found_once() {
        let ann = Uuid::now_v7();
        let bob = Uuid::now_v7();
        let html = sanitize(&format!(
            r#"<p>Hi <mention-component entity_name="user_mention" entity_identifier="{ann}" onclick="x()"></mention-component>
            and <MENTION-COMPONENT ENTITY_IDENTIFIER='{bob}' entity_name='user_mention'></MENTION-COMPONENT>
            again <mention-component entity_identifier="{ann}" entity_name="user_mention"></mention-component>
            <mention-component entity_identifier="{bob}" entity_name="issue_mention"></mention-component>
            <mention-component entity_identifier="not-a-uuid" entity_name="user_mention"></mention-component></p>"#
        ));
        assert!(!html.contains("onclick"), "{html}");
        assert_eq!(mentioned_users(&html), vec![UserId(ann), UserId(bob)]);
    }

    #[test]
    fn text_that_only_looks_like_a_mention_is_not_one() {
        let ann = Uuid::now_v7();
        let html = sanitize(&format!(
            r#"<p>&lt;mention-component entity_identifier="{ann}" entity_name="user_mention"&gt;</p>"#
        ));
        assert!(mentioned_users(&html).is_empty(), "{html}");
    }

    #[test]
    fn kinds_and_modes_parse_with_the_field_named() {
        assert_eq!(
            NotificationKind::parse("k", "state_change").ok(),
            Some(NotificationKind::StateChange)
        );
        let error = NotificationKind::parse("colour", "colour").err();
        assert_eq!(error.map(|e| e.field), Some("colour".to_owned()));
        assert_eq!(
            EmailMode::parse("mention.email", "digest").ok(),
            Some(EmailMode::Digest)
        );
        assert!(EmailMode::parse("mention.email", "weekly").is_err());
    }
}
