//! The service error: every way an operation can fail that a caller may act on.

use chrono::{DateTime, Utc};
use glider_db::DbError;
use glider_domain::{FieldErrors, ValidationError, policy::AccessError};

pub type ServiceResult<T> = Result<T, ServiceError>;

/// Why a credential was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthFailure {
    /// No credential was sent.
    Missing,
    /// E-mail and password do not match.
    InvalidCredentials,
    /// A bearer token that is malformed, forged or expired.
    InvalidAccessToken,
    /// An API key that is unknown, revoked or expired.
    InvalidApiKey,
    /// A refresh token that is unknown, expired or belongs to a revoked session.
    InvalidRefreshToken,
    /// A refresh token used twice: the whole session was revoked.
    RefreshTokenReused,
    /// The session behind the credential was signed out or revoked.
    SessionRevoked,
    /// A cookie-authenticated change without the matching CSRF header.
    CsrfMismatch,
    /// The account is deactivated.
    AccountDisabled,
}

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("invalid input")]
    Validation(FieldErrors),
    /// `resource` names what was not found ("workspace", "project", …).
    #[error("{resource} not found")]
    NotFound { resource: &'static str },
    #[error("permission denied")]
    Forbidden,
    #[error("{field} conflicts with an existing record")]
    Conflict {
        field: String,
        message: String,
        existing_id: Option<uuid::Uuid>,
    },
    #[error("authentication failed: {0:?}")]
    Unauthenticated(AuthFailure),
    #[error("account locked until {until}")]
    AccountLocked {
        until: DateTime<Utc>,
        retry_after_seconds: i64,
    },
    /// Permission denied for a stated reason (403 with a message).
    #[error("{message}")]
    Refused { code: &'static str, message: String },
    /// A request that is well-formed but breaks a rule of the domain.
    #[error("{message}")]
    Rule { code: &'static str, message: String },
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ServiceError {
    pub fn not_found(resource: &'static str) -> Self {
        Self::NotFound { resource }
    }

    pub fn rule(code: &'static str, message: impl Into<String>) -> Self {
        Self::Rule {
            code,
            message: message.into(),
        }
    }

    pub fn conflict(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Conflict {
            field: field.into(),
            message: message.into(),
            existing_id: None,
        }
    }

    /// Maps "row not found" to this resource; everything else as usual.
    pub fn db(resource: &'static str) -> impl Fn(DbError) -> ServiceError {
        move |error| match error {
            DbError::NotFound => ServiceError::not_found(resource),
            other => other.into(),
        }
    }
}

impl From<DbError> for ServiceError {
    fn from(error: DbError) -> Self {
        match error {
            DbError::NotFound => ServiceError::not_found("resource"),
            DbError::Conflict { field } => {
                let message = format!("This {} is already taken.", field.replace('_', " "));
                ServiceError::conflict(field, message)
            }
            DbError::Other(error) => ServiceError::Internal(anyhow::Error::new(error)),
        }
    }
}

impl From<FieldErrors> for ServiceError {
    fn from(errors: FieldErrors) -> Self {
        ServiceError::Validation(errors)
    }
}

impl From<ValidationError> for ServiceError {
    fn from(error: ValidationError) -> Self {
        ServiceError::Validation(error.into())
    }
}

impl From<AccessError> for ServiceError {
    fn from(error: AccessError) -> Self {
        match error {
            AccessError::NotFound => ServiceError::not_found("resource"),
            AccessError::Denied => ServiceError::Forbidden,
        }
    }
}
