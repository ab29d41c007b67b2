use chrono::{DateTime, Utc};

use crate::{ApiTokenId, SessionId, UserId, values::Email};

#[derive(Clone, Debug)]
pub struct User {
    pub id: UserId,
    pub email: Email,
    pub first_name: String,
    pub last_name: String,
    pub display_name: String,
    pub avatar: String,
    pub timezone: String,
    pub is_active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A user with what sign-in needs; never leaves the accounts service.
#[derive(Clone)]
pub struct UserCredentials {
    pub user: User,
    pub password_hash: String,
    pub failed_logins: i32,
    pub locked_until: Option<DateTime<Utc>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionKind {
    /// Signed in through `auth/login/`: bearer access tokens and a refresh-token chain.
    Token,
    /// Signed in through `auth/session/`: an HttpOnly cookie.
    Browser,
}

impl SessionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Token => "token",
            Self::Browser => "browser",
        }
    }

    pub fn from_stored(value: &str) -> Self {
        if value == "browser" {
            Self::Browser
        } else {
            Self::Token
        }
    }
}

#[derive(Clone, Debug)]
pub struct Session {
    pub id: SessionId,
    pub user_id: UserId,
    pub kind: SessionKind,
    pub csrf_token: Option<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug)]
pub struct RefreshToken {
    pub session_id: SessionId,
    pub expires_at: DateTime<Utc>,
    pub rotated_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug)]
pub struct ApiToken {
    pub id: ApiTokenId,
    pub user_id: UserId,
    pub name: String,
    /// The last characters of the secret, so people can tell their tokens apart.
    pub hint: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}
