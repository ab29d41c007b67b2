//! Authentication: one middleware resolves the credential to an `Actor` and applies the
//! per-credential rate limit; handlers take [`CurrentActor`].
//!
//! Credentials, in order: `X-Api-Key` (Plane's SDK), `Authorization: Bearer <access token>`,
//! the `glider_session` cookie (the web app; changes need `X-CSRF-Token`).

use axum::{
    extract::{FromRequestParts, Request, State},
    http::{Method, header, request::Parts},
    middleware::Next,
    response::{IntoResponse, Response},
};
use glider_service::{
    AuthFailure, ServiceError,
    accounts::{self, Actor, AuthMethod},
};

use crate::{AppState, error::ApiError};

pub const SESSION_COOKIE: &str = "glider_session";
pub const CSRF_COOKIE: &str = "glider_csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The authenticated caller; 401 when the request carries no credential.
#[derive(Clone, Debug)]
pub struct CurrentActor(pub Actor);

/// The caller if any credential was sent.
#[derive(Clone, Debug)]
pub struct MaybeActor(pub Option<Actor>);

impl<S: Send + Sync> FromRequestParts<S> for CurrentActor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Actor>()
            .cloned()
            .map(CurrentActor)
            .ok_or_else(|| ServiceError::Unauthenticated(AuthFailure::Missing).into())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for MaybeActor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(MaybeActor(parts.extensions.get::<Actor>().cloned()))
    }
}

/// A cookie's value from the `Cookie` header.
pub fn cookie<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

async fn resolve(
    state: &AppState,
    headers: &axum::http::HeaderMap,
    method: &Method,
) -> Result<Option<Actor>, ServiceError> {
    let ctx = &state.ctx;
    if let Some(key) = headers.get("x-api-key") {
        let key = key.to_str().unwrap_or_default().trim();
        if key.is_empty() {
            return Ok(None);
        }
        return accounts::authenticate_api_key(ctx, key).await.map(Some);
    }
    if let Some(value) = headers.get(header::AUTHORIZATION) {
        let value = value.to_str().unwrap_or_default();
        let token = value
            .strip_prefix("Bearer ")
            .or_else(|| value.strip_prefix("bearer "))
            .map(str::trim);
        return match token {
            Some(token) if !token.is_empty() => {
                accounts::authenticate_bearer(ctx, token).await.map(Some)
            }
            _ => Err(ServiceError::Unauthenticated(
                AuthFailure::InvalidAccessToken,
            )),
        };
    }
    if let Some(secret) = cookie(headers, SESSION_COOKIE) {
        let mutation = !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS);
        let csrf = headers
            .get(CSRF_HEADER)
            .and_then(|value| value.to_str().ok());
        return accounts::authenticate_cookie(ctx, secret, csrf, mutation)
            .await
            .map(Some);
    }
    Ok(None)
}

/// Resolves the credential (a bad one is refused at once), then rate-limits by credential.
pub async fn authenticate(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    if let Some(refusal) = crate::middleware::rate_limit::limit_auth_by_ip(&state, &request) {
        return refusal;
    }
    let (headers, method) = (request.headers().clone(), request.method().clone());
    let actor = match resolve(&state, &headers, &method).await {
        Ok(actor) => actor,
        Err(error) => return ApiError::from(error).into_response(),
    };
    let Some(actor) = actor else {
        return next.run(request).await;
    };
    let decision = match actor.method {
        AuthMethod::ApiKey { token_id } => state.limits.api_token.check(&token_id.to_string()),
        AuthMethod::Bearer { session_id } | AuthMethod::Cookie { session_id } => {
            state.limits.session.check(&session_id.to_string())
        }
    };
    let user_id = actor.user.id;
    if let Some(refusal) = decision.refusal() {
        let mut response = refusal.into_response();
        response.extensions_mut().insert(user_id);
        return response;
    }
    request.extensions_mut().insert(actor);
    let mut response = next.run(request).await;
    decision.decorate(response.headers_mut());
    response.extensions_mut().insert(user_id);
    response
}
