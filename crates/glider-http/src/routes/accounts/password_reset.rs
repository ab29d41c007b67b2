//! `/api/v1/auth/password-reset/…`: choose a new password through an e-mailed link.

use axum::{extract::State, http::StatusCode};
use glider_service::accounts::password_reset;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::magic_link::{AcceptedResponse, EmailRequest};
use crate::{AppState, error::ApiResult, extract::ApiJson};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(request_password_reset))
        .routes(routes!(confirm_password_reset))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ConfirmPasswordResetRequest {
    /// The token of the e-mailed link.
    pub token: String,
    pub new_password: String,
}

/// E-mails a link to choose a new password.
///
/// Only an active account with this address gets one; the link works once, for 30 minutes.
/// Always 202, so the answer does not reveal who has an account.
#[utoipa::path(post, path = "/api/v1/auth/password-reset/", tag = "auth", request_body = EmailRequest,
    responses((status = 202, body = AcceptedResponse), (status = 400), (status = 429)))]
pub async fn request_password_reset(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<EmailRequest>,
) -> ApiResult<(StatusCode, axum::Json<AcceptedResponse>)> {
    password_reset::request(&state.ctx, &body.email).await?;
    Ok((
        StatusCode::ACCEPTED,
        axum::Json(AcceptedResponse {
            detail: "If an account uses this address, a reset link is on its way.",
        }),
    ))
}

/// Sets a new password with the e-mailed link's token.
///
/// The rules of change-password apply; every session is signed out.
#[utoipa::path(post, path = "/api/v1/auth/password-reset/confirm/", tag = "auth",
    request_body = ConfirmPasswordResetRequest,
    responses((status = 204), (status = 400), (status = 429)))]
pub async fn confirm_password_reset(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<ConfirmPasswordResetRequest>,
) -> ApiResult<StatusCode> {
    password_reset::confirm(&state.ctx, &body.token, &body.new_password).await?;
    Ok(StatusCode::NO_CONTENT)
}
