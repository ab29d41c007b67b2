//! `/api/v1/auth/magic-link/…`: sign in with a code or link sent by e-mail.

use axum::{extract::State, http::StatusCode, response::Response};
use glider_domain::FieldErrors;
use glider_service::accounts::magic_link::{self, Proof};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{Client, browser_session_response};
use crate::{
    AppState,
    error::{ApiError, ApiResult},
    extract::ApiJson,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(request_magic_link))
        .routes(routes!(verify_magic_link))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct EmailRequest {
    /// Missing reads as blank, so the refusal names the field.
    #[serde(default)]
    pub email: String,
}

/// The same answer whether or not an account exists.
#[derive(Debug, Serialize, ToSchema)]
pub struct AcceptedResponse {
    pub detail: &'static str,
}

/// `{email, code}` (the code typed from the e-mail) or `{token}` (from the link).
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct VerifyMagicLinkRequest {
    pub email: Option<String>,
    /// The 6-digit code.
    pub code: Option<String>,
    /// The token of the e-mailed link.
    pub token: Option<String>,
}

/// E-mails a one-time sign-in code and link.
///
/// Only an active account with this address gets one; the code and the link work once, for ten
/// minutes. Always 202, so the answer does not reveal who has an account.
#[utoipa::path(post, path = "/api/v1/auth/magic-link/", tag = "auth", request_body = EmailRequest,
    responses((status = 202, body = AcceptedResponse), (status = 400), (status = 429)))]
pub async fn request_magic_link(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<EmailRequest>,
) -> ApiResult<(StatusCode, axum::Json<AcceptedResponse>)> {
    magic_link::request(&state.ctx, &body.email).await?;
    Ok((
        StatusCode::ACCEPTED,
        axum::Json(AcceptedResponse {
            detail: "If an account uses this address, a sign-in code is on its way.",
        }),
    ))
}

/// Signs in with the e-mailed code or link.
///
/// Answers exactly as `auth/session/` does (session and CSRF cookies). A code works once;
/// five wrong codes void it.
#[utoipa::path(post, path = "/api/v1/auth/magic-link/verify/", tag = "auth",
    request_body = VerifyMagicLinkRequest,
    responses((status = 200, body = super::BrowserSessionResponse), (status = 400), (status = 401), (status = 429)))]
pub async fn verify_magic_link(
    State(state): State<AppState>,
    Client(client): Client,
    ApiJson(body): ApiJson<VerifyMagicLinkRequest>,
) -> ApiResult<Response> {
    let proof = match (&body.token, &body.email, &body.code) {
        (Some(token), _, _) => Proof::Token(token),
        (None, Some(email), Some(code)) => Proof::Code { email, code },
        (None, email, code) => {
            let mut fields = FieldErrors::new();
            if email.is_none() {
                fields.add(
                    "email",
                    "Send the e-mail and the code, or the link's token.",
                );
            }
            if code.is_none() {
                fields.add("code", "Send the e-mail and the code, or the link's token.");
            }
            return Err(ApiError::validation(fields));
        }
    };
    let session = magic_link::verify(&state.ctx, proof, &client).await?;
    Ok(browser_session_response(&state, session))
}
