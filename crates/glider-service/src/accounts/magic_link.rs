//! Magic-link sign-in: a 6-digit code and a link, e-mailed; either signs in once, within ten
//! minutes. A code dies after five wrong guesses (the link with it), and a new request retires
//! the codes sent before.
//!
//! Asking never tells whether an account exists: the answer is the same, and only an existing,
//! active account gets an e-mail.

use chrono::TimeDelta;
use glider_db::repo::email_codes as repo;
use glider_db::{DatabaseTransaction, DbError, repo::accounts as accounts_repo};
use glider_domain::{
    UserId, ValidationError,
    model::{
        accounts::User,
        email::{CodePurpose, OneTimeCode},
    },
    values::Email,
};
use hmac::{Hmac, Mac};
use rand::Rng;
use secrecy::ExposeSecret;
use serde_json::json;

use crate::{
    AuthFailure, Ctx, ServiceError, ServiceResult,
    accounts::{
        auth::{self, BrowserSession, ClientInfo},
        tokens,
    },
    email::{self, templates},
    events::event,
};

/// How long a code and its link work.
pub const CODE_TTL: TimeDelta = TimeDelta::minutes(10);
/// Wrong codes a code survives; the next guess finds it dead.
pub const MAX_WRONG_CODES: i32 = 5;

/// Six digits, uniformly drawn (leading zeros kept).
fn new_code() -> String {
    format!("{:06}", rand::rng().random_range(0..1_000_000u32))
}

/// The code's digest, keyed with the server secret: a million codes are quickly tried against
/// a bare SHA-256, not against an HMAC whose key is not in the database dump.
fn code_digest(ctx: &Ctx, user: UserId, code: &str) -> ServiceResult<String> {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(ctx.signing_key.expose_secret().as_bytes())
        .map_err(|error| anyhow::anyhow!("HMAC key: {error}"))?;
    mac.update(format!("magic-link:{}:{code}", user.0).as_bytes());
    Ok(hex::encode(mac.finalize().into_bytes()))
}

/// An existing, active account for `email`, if any (never an error for an unknown one).
pub(crate) async fn active_user(ctx: &Ctx, email: &Email) -> ServiceResult<Option<User>> {
    match accounts_repo::find_user_by_email(ctx.db.conn(), email).await {
        Ok(user) if user.is_active => Ok(Some(user)),
        Ok(_) | Err(DbError::NotFound) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

/// Retires earlier codes, stores the new one's digests and appends the event, in `tx`.
pub(crate) async fn issue(
    ctx: &Ctx,
    tx: &DatabaseTransaction,
    user: UserId,
    purpose: CodePurpose,
    code_hash: Option<String>,
    token: &str,
    ttl: TimeDelta,
) -> ServiceResult<()> {
    let now = ctx.now();
    repo::retire_all(tx, user, purpose, now).await?;
    let code = OneTimeCode {
        id: uuid::Uuid::now_v7(),
        user_id: user,
        purpose,
        code_hash,
        token_hash: tokens::digest(token),
        expires_at: now + ttl,
        used_at: None,
        attempts: 0,
        created_at: now,
    };
    repo::insert(tx, &code).await?;
    let kind = match purpose {
        CodePurpose::MagicLink => "accounts.magic_link.requested",
        CodePurpose::PasswordReset => "accounts.password_reset.requested",
    };
    let record = event(ctx, kind, Some(user), None, None, user.0, json!({}));
    glider_db::repo::events::append(tx, record).await?;
    Ok(())
}

/// `auth/magic-link/`: e-mails a code and a link to the account's address, if there is one.
pub async fn request(ctx: &Ctx, email: &str) -> ServiceResult<()> {
    let email = Email::parse("email", email)?;
    let Some(user) = active_user(ctx, &email).await? else {
        tracing::info!("magic link asked for an address without an active account");
        return Ok(());
    };
    let code = new_code();
    let token = tokens::random_secret(32);
    let link = format!(
        "{}/sign-in/magic-link?token={token}",
        ctx.settings.public_url.trim_end_matches('/')
    );
    let tx = ctx.db.begin_write().await?;
    let code_hash = code_digest(ctx, user.id, &code)?;
    issue(
        ctx,
        &tx,
        user.id,
        CodePurpose::MagicLink,
        Some(code_hash),
        &token,
        CODE_TTL,
    )
    .await?;
    let message = templates::magic_link(user.email.as_str(), &code, &link, CODE_TTL.num_minutes());
    email::queue(ctx, &tx, message).await?;
    glider_db::commit(tx).await?;
    Ok(())
}

fn wrong(field: &str) -> ServiceError {
    let message = if field == "code" {
        "The code is wrong, was already used or has expired. Ask for a new one."
    } else {
        "The link is not valid, was already used or has expired. Ask for a new one."
    };
    ValidationError::new(field, message).into()
}

/// How the person proves they got the e-mail.
#[derive(Debug)]
pub enum Proof<'a> {
    Code { email: &'a str, code: &'a str },
    Token(&'a str),
}

/// `auth/magic-link/verify/`: spends the code (or link) and opens a browser session, as
/// password sign-in does.
pub async fn verify(
    ctx: &Ctx,
    proof: Proof<'_>,
    client: &ClientInfo,
) -> ServiceResult<BrowserSession> {
    let user = match proof {
        Proof::Code { email, code } => spend_code(ctx, email, code).await?,
        Proof::Token(token) => {
            let tx = ctx.db.begin_write().await?;
            let (user, _) = take_by_token(ctx, &tx, CodePurpose::MagicLink, token, "token").await?;
            glider_db::commit(tx).await?;
            user
        }
    };
    if !user.is_active {
        return Err(ServiceError::Unauthenticated(AuthFailure::AccountDisabled));
    }
    accounts_repo::record_login_success(ctx.db.conn(), user.id, ctx.now()).await?;
    tracing::info!(user_id = %user.id, "signed in with a magic link");
    auth::open_browser_session(ctx, user, client).await
}

async fn spend_code(ctx: &Ctx, email: &str, code: &str) -> ServiceResult<User> {
    let Ok(email) = Email::parse("email", email) else {
        return Err(wrong("code"));
    };
    let Some(user) = active_user(ctx, &email).await? else {
        return Err(wrong("code"));
    };
    let now = ctx.now();
    let typed = code_digest(ctx, user.id, code.trim())?;
    let tx = ctx.db.begin_write().await?;
    let Some(live) = repo::latest_live(&tx, user.id, CodePurpose::MagicLink, now).await? else {
        return Err(wrong("code"));
    };
    if live.attempts >= MAX_WRONG_CODES {
        return Err(wrong("code"));
    }
    let matches = live
        .code_hash
        .as_deref()
        .is_some_and(|stored| tokens::constant_time_eq(stored, &typed));
    if !matches {
        // The count must survive the refusal, so it commits on its own.
        repo::count_wrong_attempt(&tx, live.id).await?;
        glider_db::commit_quietly(tx).await?;
        tracing::warn!(user_id = %user.id, attempts = live.attempts + 1, "wrong magic-link code");
        return Err(wrong("code"));
    }
    spend(ctx, &tx, &live, "code").await?;
    glider_db::commit(tx).await?;
    Ok(user)
}

/// Spends, inside `tx`, the live code whose link token is `token`, and returns its user;
/// `field` names the token in a refusal. The caller commits.
pub(crate) async fn take_by_token(
    ctx: &Ctx,
    tx: &DatabaseTransaction,
    purpose: CodePurpose,
    token: &str,
    field: &str,
) -> ServiceResult<(User, OneTimeCode)> {
    let (user, live) = find_by_token(ctx, tx, purpose, token, field).await?;
    spend(ctx, tx, &live, field).await?;
    Ok((user, live))
}

/// The user and live code behind a link token, without spending it.
pub(crate) async fn find_by_token(
    ctx: &Ctx,
    conn: &impl glider_db::ConnectionTrait,
    purpose: CodePurpose,
    token: &str,
    field: &str,
) -> ServiceResult<(User, OneTimeCode)> {
    let now = ctx.now();
    let found = repo::find_by_token_hash(conn, purpose, &tokens::digest(token.trim())).await?;
    let Some(live) = found.filter(|code| {
        code.used_at.is_none() && code.expires_at > now && code.attempts < MAX_WRONG_CODES
    }) else {
        return Err(wrong(field));
    };
    let user = accounts_repo::find_user(conn, live.user_id)
        .await
        .map_err(|_| wrong(field))?;
    Ok((user, live))
}

/// Spends `code` (conditionally: of two concurrent uses one wins) and appends the event.
async fn spend(
    ctx: &Ctx,
    tx: &DatabaseTransaction,
    code: &OneTimeCode,
    field: &str,
) -> ServiceResult<()> {
    if !repo::spend(tx, code.id, ctx.now()).await? {
        return Err(wrong(field));
    }
    let kind = match code.purpose {
        CodePurpose::MagicLink => "accounts.magic_link.used",
        CodePurpose::PasswordReset => "accounts.password_reset.used",
    };
    let user = code.user_id;
    let record = event(ctx, kind, Some(user), None, None, user.0, json!({}));
    glider_db::repo::events::append(tx, record).await?;
    Ok(())
}
