//! Who is calling: resolving a credential to an [`Actor`].

use chrono::Duration;
use glider_db::repo::accounts as repo;
use glider_domain::{
    ApiTokenId, SessionId,
    model::accounts::{SessionKind, User},
};

use crate::{AuthFailure, Ctx, ServiceError, ServiceResult, accounts::tokens};

/// How the actor proved who they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthMethod {
    Bearer { session_id: SessionId },
    Cookie { session_id: SessionId },
    ApiKey { token_id: ApiTokenId },
}

/// An authenticated user making a request.
#[derive(Clone, Debug)]
pub struct Actor {
    pub user: User,
    pub method: AuthMethod,
}

impl Actor {
    pub fn session_id(&self) -> Option<SessionId> {
        match self.method {
            AuthMethod::Bearer { session_id } | AuthMethod::Cookie { session_id } => {
                Some(session_id)
            }
            AuthMethod::ApiKey { .. } => None,
        }
    }
}

fn refused(failure: AuthFailure) -> ServiceError {
    ServiceError::Unauthenticated(failure)
}

async fn active_user(
    ctx: &Ctx,
    user_id: glider_domain::UserId,
    failure: AuthFailure,
) -> ServiceResult<User> {
    let user = repo::find_user(ctx.db.conn(), user_id)
        .await
        .map_err(|_| refused(failure))?;
    if user.is_active {
        Ok(user)
    } else {
        Err(refused(AuthFailure::AccountDisabled))
    }
}

/// `Authorization: Bearer <access token>`. The session is checked on every request, so signing
/// out stops the access token at once.
pub async fn authenticate_bearer(ctx: &Ctx, token: &str) -> ServiceResult<Actor> {
    let (user_id, session_id) = tokens::verify_access_token(ctx, token)?;
    let session = repo::find_session(ctx.db.conn(), session_id)
        .await
        .map_err(|_| refused(AuthFailure::InvalidAccessToken))?;
    if session.user_id != user_id || session.kind != SessionKind::Token {
        return Err(refused(AuthFailure::InvalidAccessToken));
    }
    if session.revoked_at.is_some() || session.expires_at <= ctx.now() {
        return Err(refused(AuthFailure::SessionRevoked));
    }
    let user = active_user(ctx, user_id, AuthFailure::InvalidAccessToken).await?;
    Ok(Actor {
        user,
        method: AuthMethod::Bearer { session_id },
    })
}

/// `X-Api-Key: <token>`.
pub async fn authenticate_api_key(ctx: &Ctx, key: &str) -> ServiceResult<Actor> {
    let now = ctx.now();
    let token = repo::find_api_token_by_hash(ctx.db.conn(), &tokens::digest(key))
        .await
        .map_err(|_| refused(AuthFailure::InvalidApiKey))?;
    if token.revoked_at.is_some() || token.expires_at.is_some_and(|at| at <= now) {
        return Err(refused(AuthFailure::InvalidApiKey));
    }
    let user = active_user(ctx, token.user_id, AuthFailure::InvalidApiKey).await?;
    // Writing on every request would serialise API reads behind the write lock; a minute's
    // precision is what people need from "last used".
    if token
        .last_used_at
        .is_none_or(|at| now - at > Duration::minutes(1))
    {
        repo::touch_api_token(ctx.db.conn(), token.id, now).await?;
    }
    Ok(Actor {
        user,
        method: AuthMethod::ApiKey { token_id: token.id },
    })
}

/// The browser session cookie. Changes need the session's CSRF token in a header
/// (`csrf_header`), which a cross-site form cannot read or send.
pub async fn authenticate_cookie(
    ctx: &Ctx,
    secret: &str,
    csrf_header: Option<&str>,
    is_mutation: bool,
) -> ServiceResult<Actor> {
    let session = repo::find_session_by_secret(ctx.db.conn(), &tokens::digest(secret))
        .await
        .map_err(|_| refused(AuthFailure::SessionRevoked))?;
    if session.kind != SessionKind::Browser
        || session.revoked_at.is_some()
        || session.expires_at <= ctx.now()
    {
        return Err(refused(AuthFailure::SessionRevoked));
    }
    if is_mutation {
        let expected = session.csrf_token.as_deref().unwrap_or_default();
        let matches = csrf_header
            .is_some_and(|sent| !expected.is_empty() && tokens::constant_time_eq(sent, expected));
        if !matches {
            return Err(refused(AuthFailure::CsrfMismatch));
        }
    }
    let user = active_user(ctx, session.user_id, AuthFailure::SessionRevoked).await?;
    Ok(Actor {
        user,
        method: AuthMethod::Cookie {
            session_id: session.id,
        },
    })
}
