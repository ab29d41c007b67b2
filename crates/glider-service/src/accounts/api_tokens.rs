//! Personal API tokens, accepted as `X-Api-Key` (the header Plane's SDK sends).

use chrono::{DateTime, Utc};
use glider_db::repo::accounts as repo;
use glider_domain::{ApiTokenId, UserId, ValidationError, model::accounts::ApiToken, values::Name};
use serde_json::json;

use crate::{Ctx, ServiceError, ServiceResult, accounts::tokens, events::event};

/// A token as created: the secret is shown this once and only its digest is kept.
#[derive(Debug)]
pub struct CreatedApiToken {
    pub token: ApiToken,
    pub secret: String,
}

/// Creates a token for `user_id`. The caller has established that this is the user (their own
/// request) or an operator (the admin CLI).
pub async fn create(
    ctx: &Ctx,
    user_id: UserId,
    name: Option<&str>,
    expires_at: Option<DateTime<Utc>>,
) -> ServiceResult<CreatedApiToken> {
    let name = match name {
        Some(name) => Name::parse("name", name, 255)?.into_string(),
        None => "API token".to_owned(),
    };
    let now = ctx.now();
    if expires_at.is_some_and(|at| at <= now) {
        return Err(ValidationError::new("expires_at", "The expiry must be in the future.").into());
    }
    let secret = format!("glider_api_{}", tokens::random_hex(24));
    let hint: String = secret
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let tx = ctx.db.begin_write().await?;
    let token = repo::insert_api_token(
        &tx,
        repo::NewApiToken {
            id: ApiTokenId::new(),
            user_id,
            name: &name,
            token_hash: &tokens::digest(&secret),
            hint: &hint,
            now,
            expires_at,
        },
    )
    .await?;
    let payload = json!({ "name": token.name, "expires_at": token.expires_at });
    glider_db::repo::events::append(
        &tx,
        event(
            ctx,
            "accounts.api_token.created",
            Some(user_id),
            None,
            None,
            token.id.0,
            payload,
        ),
    )
    .await?;
    glider_db::commit(tx).await?;
    Ok(CreatedApiToken { token, secret })
}

pub async fn list(ctx: &Ctx, user_id: UserId) -> ServiceResult<Vec<ApiToken>> {
    Ok(repo::list_api_tokens(ctx.db.conn(), user_id).await?)
}

/// Revokes one of the user's own tokens; another user's token is "not found".
pub async fn revoke(ctx: &Ctx, user_id: UserId, id: ApiTokenId) -> ServiceResult<()> {
    let now = ctx.now();
    let tx = ctx.db.begin_write().await?;
    repo::revoke_api_token(&tx, user_id, id, now)
        .await
        .map_err(ServiceError::db("api_token"))?;
    glider_db::repo::events::append(
        &tx,
        event(
            ctx,
            "accounts.api_token.revoked",
            Some(user_id),
            None,
            None,
            id.0,
            json!({}),
        ),
    )
    .await?;
    glider_db::commit(tx).await?;
    Ok(())
}
