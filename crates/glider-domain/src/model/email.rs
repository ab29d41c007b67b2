//! Outgoing e-mail and the one-time codes sent by e-mail.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{UserId, WorkspaceId};

/// Where an e-mail stands in the outgoing queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmailStatus {
    /// Waiting for the sender (possibly for a retry at `next_attempt_at`).
    Queued,
    /// Claimed by a sender under a lease.
    Sending,
    Sent,
    /// Given up: a permanent error, or too many attempts.
    Failed,
    /// No SMTP server is configured; kept so an administrator can read it.
    Held,
}

impl EmailStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Failed => "failed",
            Self::Held => "held",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Some(match value {
            "queued" => Self::Queued,
            "sending" => Self::Sending,
            "sent" => Self::Sent,
            "failed" => Self::Failed,
            "held" => Self::Held,
            _ => return None,
        })
    }
}

/// An e-mail as queued, before any attempt.
#[derive(Clone, Debug, PartialEq)]
pub struct NewEmail {
    pub id: Uuid,
    pub workspace_id: Option<WorkspaceId>,
    pub to: String,
    pub subject: String,
    pub html: String,
    pub text: String,
    /// What it is about (`invitation`, `magic_link`, `notification`, …).
    pub kind: String,
    pub status: EmailStatus,
    /// Why it was refused at once, when `status` is `Failed`.
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// An e-mail in the queue with its delivery record.
#[derive(Clone, Debug, PartialEq)]
pub struct Email {
    pub id: Uuid,
    pub workspace_id: Option<WorkspaceId>,
    pub to: String,
    pub subject: String,
    pub html: String,
    pub text: String,
    pub kind: String,
    pub status: EmailStatus,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub next_attempt_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What a one-time code lets its holder do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodePurpose {
    MagicLink,
    PasswordReset,
}

impl CodePurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MagicLink => "magic_link",
            Self::PasswordReset => "password_reset",
        }
    }
}

/// A single-use, short-lived code sent by e-mail. Only digests are stored.
#[derive(Clone, Debug, PartialEq)]
pub struct OneTimeCode {
    pub id: Uuid,
    pub user_id: UserId,
    pub purpose: CodePurpose,
    /// Digest of the short code typed by hand (magic link only).
    pub code_hash: Option<String>,
    /// Digest of the long token the e-mailed link carries.
    pub token_hash: String,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
    /// Wrong codes typed against it.
    pub attempts: i32,
    pub created_at: DateTime<Utc>,
}
