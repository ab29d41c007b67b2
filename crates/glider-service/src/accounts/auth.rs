//! Registration, sign-in, token refresh with reuse detection, sign-out, password change.

use chrono::{DateTime, Utc};
use glider_db::{DbError, repo::accounts as repo};
use glider_domain::{
    FieldErrors, SessionId, UserId,
    model::accounts::{SessionKind, User},
    values::{Email, Name, Password},
};
use serde_json::json;

use crate::{
    AuthFailure, Ctx, ServiceError, ServiceResult,
    accounts::{Actor, passwords, tokens},
    events::event,
};

/// Where a sign-in came from, kept on the session for the person's session list.
#[derive(Clone, Debug, Default)]
pub struct ClientInfo {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

#[derive(Debug, Default)]
pub struct RegisterInput {
    pub email: String,
    pub password: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub display_name: Option<String>,
}

/// What a token sign-in hands back.
#[derive(Debug)]
pub struct TokenGrant {
    pub user: User,
    pub access_token: String,
    pub refresh_token: String,
    pub expires_in_seconds: i64,
}

/// What a browser sign-in hands back: the cookie secret and the CSRF token.
#[derive(Debug)]
pub struct BrowserSession {
    pub user: User,
    pub session_secret: String,
    pub csrf_token: String,
    pub expires_at: DateTime<Utc>,
}

/// Creates an account. Used by `auth/register/` and the admin CLI.
pub async fn create_user(ctx: &Ctx, input: RegisterInput) -> ServiceResult<User> {
    let mut errors = FieldErrors::new();
    let email = errors.check(Email::parse("email", &input.email));
    let password = errors.check(Password::parse("password", &input.password, email.as_ref()));
    let first_name = errors.check(optional_text("first_name", input.first_name.as_deref()));
    let last_name = errors.check(optional_text("last_name", input.last_name.as_deref()));
    let display_name = errors.check(optional_text("display_name", input.display_name.as_deref()));
    errors.into_result()?;
    let (Some(email), Some(password), Some(first_name), Some(last_name), Some(display_name)) =
        (email, password, first_name, last_name, display_name)
    else {
        return Err(anyhow::anyhow!("validated fields missing").into());
    };
    let display_name = if display_name.is_empty() {
        email.local_part().to_owned()
    } else {
        display_name
    };
    let hash = passwords::hash(ctx.settings.password_hashing, &password).await?;
    let now = ctx.now();
    let tx = ctx.db.begin_write().await?;
    let user = repo::insert_user(
        &tx,
        repo::NewUser {
            id: UserId::new(),
            email: &email,
            password_hash: &hash,
            first_name: &first_name,
            last_name: &last_name,
            display_name: &display_name,
            now,
        },
    )
    .await
    .map_err(|error| match error {
        DbError::Conflict { .. } => {
            ServiceError::conflict("email", "An account with this e-mail already exists.")
        }
        other => other.into(),
    })?;
    let payload = json!({ "email": user.email, "display_name": user.display_name });
    glider_db::repo::events::append(
        &tx,
        event(
            ctx,
            "accounts.user.registered",
            Some(user.id),
            None,
            None,
            user.id.0,
            payload,
        ),
    )
    .await?;
    glider_db::commit(tx).await?;
    tracing::info!(user_id = %user.id, "account registered");
    Ok(user)
}

pub(crate) fn optional_text(
    field: &str,
    value: Option<&str>,
) -> Result<String, glider_domain::ValidationError> {
    match value.map(str::trim) {
        None | Some("") => Ok(String::new()),
        Some(value) => Name::parse(field, value, 255).map(Name::into_string),
    }
}

/// Registers and signs in at once.
pub async fn register(
    ctx: &Ctx,
    input: RegisterInput,
    client: &ClientInfo,
) -> ServiceResult<TokenGrant> {
    let user = create_user(ctx, input).await?;
    grant_tokens(ctx, user, client).await
}

/// Checks e-mail and password, counting failures: after `lockout_threshold` consecutive
/// failures the account is locked for `lockout_duration`.
pub async fn check_password(
    ctx: &Ctx,
    email: &str,
    password: &str,
    client: &ClientInfo,
) -> ServiceResult<User> {
    let now = ctx.now();
    let password = Password::for_verification(password);
    let invalid = ServiceError::Unauthenticated(AuthFailure::InvalidCredentials);
    let Ok(email) = Email::parse("email", email) else {
        return Err(invalid);
    };
    let credentials = match repo::find_credentials(ctx.db.conn(), &email).await {
        Ok(credentials) => credentials,
        Err(DbError::NotFound) => {
            passwords::verify(
                passwords::dummy_hash(ctx.settings.password_hashing).await?,
                &password,
            )
            .await?;
            tracing::warn!(ip = client.ip.as_deref(), "sign-in failed: unknown e-mail");
            return Err(invalid);
        }
        Err(other) => return Err(other.into()),
    };
    let user_id = credentials.user.id;
    if let Some(until) = credentials.locked_until.filter(|until| *until > now) {
        tracing::warn!(user_id = %user_id, ip = client.ip.as_deref(), %until, "sign-in refused: account locked");
        return Err(locked(until, now));
    }
    if !passwords::verify(&credentials.password_hash, &password).await? {
        // A lock that has run out starts the count afresh.
        let previous = if credentials.locked_until.is_some() {
            0
        } else {
            credentials.failed_logins
        };
        let failures = previous + 1;
        let threshold = ctx.settings.lockout_threshold;
        let locked_until = (failures >= threshold).then(|| now + ctx.settings.lockout_duration);
        repo::record_login_failure(ctx.db.conn(), user_id, locked_until, failures).await?;
        tracing::warn!(user_id = %user_id, ip = client.ip.as_deref(), failures, "sign-in failed: wrong password");
        if let Some(until) = locked_until {
            tracing::warn!(user_id = %user_id, %until, "account locked after {failures} failed sign-ins");
            return Err(locked(until, now));
        }
        return Err(invalid);
    }
    if !credentials.user.is_active {
        return Err(ServiceError::Unauthenticated(AuthFailure::AccountDisabled));
    }
    repo::record_login_success(ctx.db.conn(), user_id, now).await?;
    Ok(credentials.user)
}

fn locked(until: DateTime<Utc>, now: DateTime<Utc>) -> ServiceError {
    ServiceError::AccountLocked {
        until,
        retry_after_seconds: (until - now).num_seconds().max(1),
    }
}

/// `auth/login/`: access and refresh tokens.
pub async fn login(
    ctx: &Ctx,
    email: &str,
    password: &str,
    client: &ClientInfo,
) -> ServiceResult<TokenGrant> {
    let user = check_password(ctx, email, password, client).await?;
    grant_tokens(ctx, user, client).await
}

async fn grant_tokens(ctx: &Ctx, user: User, client: &ClientInfo) -> ServiceResult<TokenGrant> {
    let now = ctx.now();
    let session_id = SessionId::new();
    let refresh_token = format!("glr_{}", tokens::random_secret(32));
    let tx = ctx.db.begin_write().await?;
    repo::insert_session(
        &tx,
        repo::NewSession {
            id: session_id,
            user_id: user.id,
            kind: SessionKind::Token,
            secret_hash: None,
            csrf_token: None,
            user_agent: client.user_agent.as_deref(),
            ip: client.ip.as_deref(),
            now,
            expires_at: now + ctx.settings.refresh_token_ttl,
        },
    )
    .await?;
    let expires_at = now + ctx.settings.refresh_token_ttl;
    repo::insert_refresh_token(
        &tx,
        session_id,
        &tokens::digest(&refresh_token),
        now,
        expires_at,
    )
    .await?;
    glider_db::commit(tx).await?;
    let access_token = tokens::issue_access_token(ctx, user.id, session_id, now)?;
    Ok(TokenGrant {
        user,
        access_token,
        refresh_token,
        expires_in_seconds: ctx.settings.access_token_ttl.num_seconds(),
    })
}

/// `auth/refresh/`: trades a refresh token for a new pair. A token can be used once; using a
/// rotated token again means it leaked, so the whole session (the token family) is revoked.
pub async fn refresh(ctx: &Ctx, refresh_token: &str) -> ServiceResult<TokenGrant> {
    let now = ctx.now();
    let invalid = || ServiceError::Unauthenticated(AuthFailure::InvalidRefreshToken);
    let digest = tokens::digest(refresh_token);
    let tx = ctx.db.begin_write().await?;
    let token = repo::find_refresh_token(&tx, &digest)
        .await
        .map_err(|_| invalid())?;
    let session = repo::find_session(&tx, token.session_id)
        .await
        .map_err(|_| invalid())?;
    if session.revoked_at.is_some() || session.expires_at <= now || token.expires_at <= now {
        return Err(invalid());
    }
    if token.rotated_at.is_some() || !repo::mark_refresh_token_rotated(&tx, &digest, now).await? {
        repo::revoke_session(&tx, session.id, "refresh token reused", now).await?;
        glider_db::commit(tx).await?;
        tracing::warn!(session_id = %session.id, user_id = %session.user_id, "refresh token reused: session revoked");
        return Err(ServiceError::Unauthenticated(
            AuthFailure::RefreshTokenReused,
        ));
    }
    let next = format!("glr_{}", tokens::random_secret(32));
    repo::insert_refresh_token(
        &tx,
        session.id,
        &tokens::digest(&next),
        now,
        session.expires_at,
    )
    .await?;
    let user = repo::find_user(&tx, session.user_id)
        .await
        .map_err(|_| invalid())?;
    glider_db::commit(tx).await?;
    if !user.is_active {
        return Err(ServiceError::Unauthenticated(AuthFailure::AccountDisabled));
    }
    let access_token = tokens::issue_access_token(ctx, user.id, session.id, now)?;
    Ok(TokenGrant {
        user,
        access_token,
        refresh_token: next,
        expires_in_seconds: ctx.settings.access_token_ttl.num_seconds(),
    })
}

/// `auth/logout/`: revokes the caller's session, and with it the access token, the refresh
/// chain or the cookie. A refresh token in the body revokes its session too.
pub async fn logout(
    ctx: &Ctx,
    actor: Option<&Actor>,
    refresh_token: Option<&str>,
) -> ServiceResult<()> {
    let now = ctx.now();
    let mut session_ids = Vec::new();
    if let Some(session_id) = actor.and_then(Actor::session_id) {
        session_ids.push(session_id);
    }
    if let Some(token) = refresh_token
        && let Ok(found) = repo::find_refresh_token(ctx.db.conn(), &tokens::digest(token)).await
    {
        session_ids.push(found.session_id);
    }
    if session_ids.is_empty() {
        return Err(ServiceError::Unauthenticated(AuthFailure::Missing));
    }
    let tx = ctx.db.begin_write().await?;
    for session_id in session_ids {
        repo::revoke_session(&tx, session_id, "signed out", now).await?;
    }
    glider_db::commit(tx).await?;
    Ok(())
}

/// `auth/session/`: a browser session behind an HttpOnly cookie.
pub async fn login_browser(
    ctx: &Ctx,
    email: &str,
    password: &str,
    client: &ClientInfo,
) -> ServiceResult<BrowserSession> {
    let user = check_password(ctx, email, password, client).await?;
    open_browser_session(ctx, user, client).await
}

/// Opens a browser session for a user who proved who they are (password or e-mailed code).
pub(crate) async fn open_browser_session(
    ctx: &Ctx,
    user: User,
    client: &ClientInfo,
) -> ServiceResult<BrowserSession> {
    let now = ctx.now();
    let secret = tokens::random_secret(32);
    let csrf_token = tokens::random_secret(24);
    let expires_at = now + ctx.settings.browser_session_ttl;
    repo::insert_session(
        ctx.db.conn(),
        repo::NewSession {
            id: SessionId::new(),
            user_id: user.id,
            kind: SessionKind::Browser,
            secret_hash: Some(&tokens::digest(&secret)),
            csrf_token: Some(&csrf_token),
            user_agent: client.user_agent.as_deref(),
            ip: client.ip.as_deref(),
            now,
            expires_at,
        },
    )
    .await?;
    Ok(BrowserSession {
        user,
        session_secret: secret,
        csrf_token,
        expires_at,
    })
}

/// `auth/change-password/`: checks the old password, applies the policy to the new one, and
/// signs out every other session.
pub async fn change_password(
    ctx: &Ctx,
    actor: &Actor,
    old_password: &str,
    new_password: &str,
) -> ServiceResult<()> {
    let credentials = repo::find_credentials_by_id(ctx.db.conn(), actor.user.id).await?;
    if !passwords::verify(
        &credentials.password_hash,
        &Password::for_verification(old_password),
    )
    .await?
    {
        return Err(glider_domain::ValidationError::new(
            "old_password",
            "The current password is not correct.",
        )
        .into());
    }
    let new = Password::parse("new_password", new_password, Some(&actor.user.email))?;
    if old_password == new_password {
        return Err(glider_domain::ValidationError::new(
            "new_password",
            "The new password must differ from the current one.",
        )
        .into());
    }
    let hash = passwords::hash(ctx.settings.password_hashing, &new).await?;
    let now = ctx.now();
    let tx = ctx.db.begin_write().await?;
    repo::set_password_hash(&tx, actor.user.id, &hash, now).await?;
    repo::revoke_user_sessions(
        &tx,
        actor.user.id,
        actor.session_id(),
        "password changed",
        now,
    )
    .await?;
    let user_id = actor.user.id;
    glider_db::repo::events::append(
        &tx,
        event(
            ctx,
            "accounts.password.changed",
            Some(user_id),
            None,
            None,
            user_id.0,
            json!({}),
        ),
    )
    .await?;
    glider_db::commit(tx).await?;
    tracing::info!(user_id = %user_id, "password changed; other sessions revoked");
    Ok(())
}
