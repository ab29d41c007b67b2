//! HTTP errors: one table of stable codes, and the body every error has.
//!
//! Body: `{"code": "workspace_not_found", "detail": "…", "fields": {"slug": ["…"]}}`. The web UI
//! translates by `code`. Plane's SDK builds its message from `detail` (then `error`), so the same
//! body serves both. A 500 never carries internal text: the cause goes to the request log.

use axum::{
    Json,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use glider_domain::FieldErrors;
use glider_service::{AuthFailure, ServiceError};
use serde_json::{Map, Value, json};

/// The stable codes and their statuses. Codes of domain rules come from the services and are
/// all 400 (`Rule`); the rest are here.
pub fn status_of(code: &str) -> StatusCode {
    match code {
        "malformed_json" | "validation_failed" | "invalid_pagination" => StatusCode::BAD_REQUEST,
        "not_authenticated"
        | "invalid_credentials"
        | "invalid_token"
        | "refresh_token_reused"
        | "session_revoked" => StatusCode::UNAUTHORIZED,
        "invalid_api_key" | "csrf_failed" | "account_disabled" | "forbidden" => {
            StatusCode::FORBIDDEN
        }
        "not_found" | "route_not_found" => StatusCode::NOT_FOUND,
        code if code.ends_with("_not_found") => StatusCode::NOT_FOUND,
        "method_not_allowed" => StatusCode::METHOD_NOT_ALLOWED,
        "conflict" => StatusCode::CONFLICT,
        "payload_too_large" => StatusCode::PAYLOAD_TOO_LARGE,
        "unsupported_media_type" => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "account_locked" => StatusCode::LOCKED,
        "rate_limited" => StatusCode::TOO_MANY_REQUESTS,
        "not_ready" => StatusCode::SERVICE_UNAVAILABLE,
        "internal" => StatusCode::INTERNAL_SERVER_ERROR,
        // Domain rules (`ServiceError::Rule`): a well-formed request the domain refuses.
        _ => StatusCode::BAD_REQUEST,
    }
}

/// An error response.
#[derive(Debug)]
pub struct ApiError {
    pub code: String,
    pub detail: String,
    pub fields: FieldErrors,
    /// Extra keys for clients that read Plane's shapes (`error`, `id`, `error_code`, …).
    pub extra: Map<String, Value>,
    pub headers: Vec<(header::HeaderName, HeaderValue)>,
    status: Option<StatusCode>,
}

impl ApiError {
    pub fn new(code: impl Into<String>, detail: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            detail: detail.into(),
            fields: FieldErrors::new(),
            extra: Map::new(),
            headers: Vec::new(),
            status: None,
        }
    }

    pub fn with_extra(mut self, key: &str, value: Value) -> Self {
        self.extra.insert(key.to_owned(), value);
        self
    }

    pub fn with_header(mut self, name: header::HeaderName, value: &str) -> Self {
        if let Ok(value) = HeaderValue::from_str(value) {
            self.headers.push((name, value));
        }
        self
    }

    /// A 400 naming each field, both under `fields` (Glider) and as top-level keys
    /// `{"name": ["…"]}` (Plane's serializer errors), so clients of either read it.
    pub fn validation(fields: FieldErrors) -> Self {
        let detail = match fields.first() {
            Some((field, message)) => format!("{field}: {message}"),
            None => "The request is not valid.".to_owned(),
        };
        let mut error = Self::new("validation_failed", detail);
        for (field, messages) in &fields.0 {
            error.extra.insert(field.clone(), json!(messages));
        }
        error.fields = fields;
        error
    }

    pub fn field(field: &str, message: &str) -> Self {
        let mut fields = FieldErrors::new();
        fields.add(field, message);
        Self::validation(fields)
    }

    pub fn not_found(resource: &str) -> Self {
        Self::new(
            format!("{resource}_not_found"),
            format!("The {} does not exist.", resource.replace('_', " ")),
        )
        .with_extra("error", json!("The requested resource does not exist."))
    }

    pub fn internal() -> Self {
        Self::new("internal", "Something went wrong; please try again later.").with_extra(
            "error",
            json!("Something went wrong please try again later"),
        )
    }

    pub fn status(&self) -> StatusCode {
        self.status.unwrap_or_else(|| status_of(&self.code))
    }

    /// Overrides the status the code table gives (for service-defined refusal codes).
    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = Some(status);
        self
    }
}

fn auth_error(failure: AuthFailure) -> ApiError {
    let (code, detail) = match failure {
        AuthFailure::Missing => (
            "not_authenticated",
            "Authentication credentials were not provided.",
        ),
        AuthFailure::InvalidCredentials => (
            "invalid_credentials",
            "The e-mail or password is not correct.",
        ),
        AuthFailure::InvalidAccessToken => (
            "invalid_token",
            "The access token is not valid or has expired.",
        ),
        AuthFailure::InvalidApiKey => ("invalid_api_key", "Given API token is not valid"),
        AuthFailure::InvalidRefreshToken => (
            "invalid_token",
            "The refresh token is not valid or has expired.",
        ),
        AuthFailure::RefreshTokenReused => (
            "refresh_token_reused",
            "This refresh token was already used; the session was signed out for safety.",
        ),
        AuthFailure::SessionRevoked => (
            "session_revoked",
            "The session has ended; please sign in again.",
        ),
        AuthFailure::CsrfMismatch => (
            "csrf_failed",
            "The X-CSRF-Token header is missing or does not match.",
        ),
        AuthFailure::AccountDisabled => ("account_disabled", "This account is deactivated."),
    };
    ApiError::new(code, detail)
}

impl From<ServiceError> for ApiError {
    fn from(error: ServiceError) -> Self {
        match error {
            ServiceError::Validation(fields) => ApiError::validation(fields),
            ServiceError::NotFound { resource } => ApiError::not_found(resource),
            ServiceError::Forbidden => ApiError::new(
                "forbidden",
                "You do not have permission to perform this action.",
            ),
            ServiceError::Conflict {
                field,
                message,
                existing_id,
            } => {
                let mut fields = FieldErrors::new();
                fields.add(field.clone(), message.clone());
                let mut error = ApiError {
                    fields,
                    ..ApiError::new("conflict", message.clone())
                };
                error = error
                    .with_extra(&field, json!(message))
                    .with_extra("error", json!(message));
                if let Some(id) = existing_id {
                    error = error.with_extra("id", json!(id));
                }
                error
            }
            ServiceError::Unauthenticated(failure) => auth_error(failure),
            ServiceError::AccountLocked {
                until,
                retry_after_seconds: seconds,
            } => ApiError::new(
                "account_locked",
                format!(
                    "Too many failed sign-ins. Try again after {}.",
                    until.to_rfc3339()
                ),
            )
            .with_extra("locked_until", json!(until))
            .with_header(header::RETRY_AFTER, &seconds.to_string()),
            ServiceError::Refused { code, message } => ApiError::new(code, message.clone())
                .with_extra("error", json!(message))
                .with_status(StatusCode::FORBIDDEN),
            ServiceError::Rule { code, message } => {
                ApiError::new(code, message.clone()).with_extra("error", json!(message))
            }
            ServiceError::Internal(error) => {
                tracing::error!(error = format!("{error:#}"), "internal error");
                ApiError::internal()
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let mut body = Map::new();
        body.insert("code".to_owned(), json!(self.code));
        body.insert("detail".to_owned(), json!(self.detail));
        body.insert("fields".to_owned(), json!(self.fields.0));
        for (key, value) in self.extra {
            body.entry(key).or_insert(value);
        }
        let mut response = (status, Json(Value::Object(body))).into_response();
        for (name, value) in self.headers {
            response.headers_mut().insert(name, value);
        }
        response
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
