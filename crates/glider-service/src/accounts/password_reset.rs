//! Password reset by e-mail: a single-use link that works for 30 minutes. Setting the new
//! password signs out every session. Asking never tells whether an account exists.

use chrono::TimeDelta;
use glider_db::repo::{accounts as accounts_repo, email_codes};
use glider_domain::{
    model::email::CodePurpose,
    values::{Email, Password},
};
use serde_json::json;

use crate::{
    Ctx, ServiceResult,
    accounts::{magic_link, passwords, tokens},
    email::{self, templates},
    events::event,
};

/// How long a reset link works.
pub const RESET_TTL: TimeDelta = TimeDelta::minutes(30);

/// `auth/password-reset/`: e-mails a reset link to the account's address, if there is one.
pub async fn request(ctx: &Ctx, email: &str) -> ServiceResult<()> {
    let email = Email::parse("email", email)?;
    let Some(user) = magic_link::active_user(ctx, &email).await? else {
        tracing::info!("password reset asked for an address without an active account");
        return Ok(());
    };
    let token = tokens::random_secret(32);
    let link = format!(
        "{}/reset-password?token={token}",
        ctx.settings.public_url.trim_end_matches('/')
    );
    let tx = ctx.db.begin_write().await?;
    magic_link::issue(
        ctx,
        &tx,
        user.id,
        CodePurpose::PasswordReset,
        None,
        &token,
        RESET_TTL,
    )
    .await?;
    let message = templates::password_reset(user.email.as_str(), &link, RESET_TTL.num_minutes());
    email::queue(ctx, &tx, message).await?;
    glider_db::commit(tx).await?;
    Ok(())
}

/// `auth/password-reset/confirm/`: spends the link, sets the password (same rules as a
/// change) and revokes every session, all in one transaction.
pub async fn confirm(ctx: &Ctx, token: &str, new_password: &str) -> ServiceResult<()> {
    // The rules need the account's e-mail; the slow hash runs before the write transaction.
    let (user, _) = magic_link::find_by_token(
        ctx,
        ctx.db.conn(),
        CodePurpose::PasswordReset,
        token,
        "token",
    )
    .await?;
    let password = Password::parse("new_password", new_password, Some(&user.email))?;
    let hash = passwords::hash(ctx.settings.password_hashing, &password).await?;
    let tx = ctx.db.begin_write().await?;
    // Spent under the write lock: of two concurrent confirmations one wins.
    let (user, _) =
        magic_link::take_by_token(ctx, &tx, CodePurpose::PasswordReset, token, "token").await?;
    let now = ctx.now();
    accounts_repo::set_password_hash(&tx, user.id, &hash, now).await?;
    accounts_repo::revoke_user_sessions(&tx, user.id, None, "password reset", now).await?;
    // The lock a password guesser caused ends: the owner proved who they are.
    accounts_repo::record_login_success(&tx, user.id, now).await?;
    email_codes::retire_all(&tx, user.id, CodePurpose::MagicLink, now).await?;
    let record = event(
        ctx,
        "accounts.password.reset",
        Some(user.id),
        None,
        None,
        user.id.0,
        json!({}),
    );
    glider_db::repo::events::append(&tx, record).await?;
    glider_db::commit(tx).await?;
    tracing::info!(user_id = %user.id, "password reset; every session revoked");
    Ok(())
}
