//! Creating, reading, changing and deleting webhooks (workspace admins only, as in Plane).
//!
//! Events about webhooks name the target's origin only, never the full URL (its path or query
//! often carries a token) nor the secret.

use glider_db::{DbError, repo::webhooks as repo};
use glider_domain::{
    model::webhooks::{FailureState, Webhook, WebhookEvents, WebhookId},
    policy::WorkspaceAdmin,
};
use serde_json::{Map, Value, json};

use super::{input, origin};
use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self, refuse},
    accounts::{Actor, tokens},
    events::{changes, event},
};

/// The workspace, if the actor administers it.
pub(super) async fn admin(ctx: &Ctx, actor: &Actor, slug: &str) -> ServiceResult<WorkspaceAdmin> {
    let found = access::workspace(ctx, actor, slug).await?;
    found.access.admin().map_err(refuse("workspace"))
}

pub(super) async fn find(
    ctx: &Ctx,
    admin: &WorkspaceAdmin,
    id: WebhookId,
) -> ServiceResult<Webhook> {
    repo::find(ctx.db.conn(), admin.access().workspace_id, id)
        .await
        .map_err(ServiceError::db("webhook"))
}

/// A new secret, in Plane's form (`plane_wh_…`) with Glider's prefix.
fn new_secret() -> String {
    format!("glider_wh_{}", tokens::random_hex(32))
}

/// What events say about a webhook.
fn summary(hook: &Webhook) -> Value {
    let kinds: Vec<&str> = hook.events.kinds.iter().map(|k| k.as_str()).collect();
    json!({
        "origin": origin(&hook.url),
        "is_active": hook.is_active,
        "project": hook.events.project,
        "issue": hook.events.issue,
        "module": hook.events.module,
        "cycle": hook.events.cycle,
        "issue_comment": hook.events.issue_comment,
        "event_kinds": kinds,
    })
}

fn url_taken(error: DbError) -> ServiceError {
    match error {
        DbError::Conflict { .. } => ServiceError::conflict(
            "url",
            "A webhook with this URL already exists in the workspace.",
        ),
        other => other.into(),
    }
}

async fn commit_with_event(
    ctx: &Ctx,
    tx: glider_db::DatabaseTransaction,
    actor: &Actor,
    hook: &Webhook,
    kind: &'static str,
    payload: Value,
) -> ServiceResult<()> {
    let record = event(
        ctx,
        kind,
        Some(actor.user.id),
        Some(hook.workspace_id),
        None,
        hook.id.0,
        payload,
    );
    glider_db::repo::events::append(&tx, record).await?;
    glider_db::commit(tx).await?;
    Ok(())
}

/// Creates a webhook with a fresh secret; the caller shows the secret this once.
pub async fn create(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    body: &Map<String, Value>,
) -> ServiceResult<Webhook> {
    let admin = admin(ctx, actor, slug).await?;
    let now = ctx.now();
    let mut hook = Webhook {
        id: WebhookId::new(),
        workspace_id: admin.access().workspace_id,
        url: String::new(),
        secret: new_secret(),
        events: WebhookEvents::default(),
        is_active: true,
        failure: FailureState::default(),
        created_by: Some(actor.user.id),
        updated_by: Some(actor.user.id),
        created_at: now,
        updated_at: now,
    };
    input::apply(ctx, &mut hook, body, true).await?;
    let tx = ctx.db.begin_write().await?;
    repo::insert(&tx, &hook).await.map_err(url_taken)?;
    commit_with_event(
        ctx,
        tx,
        actor,
        &hook,
        "webhooks.webhook.created",
        summary(&hook),
    )
    .await?;
    Ok(hook)
}

/// The workspace's webhooks, newest first.
pub async fn list(ctx: &Ctx, actor: &Actor, slug: &str) -> ServiceResult<Vec<Webhook>> {
    let admin = admin(ctx, actor, slug).await?;
    Ok(repo::list(ctx.db.conn(), admin.access().workspace_id).await?)
}

pub async fn get(ctx: &Ctx, actor: &Actor, slug: &str, id: WebhookId) -> ServiceResult<Webhook> {
    let admin = admin(ctx, actor, slug).await?;
    find(ctx, &admin, id).await
}

/// Changes the URL, the event filter or the active flag (absent fields keep their value).
pub async fn update(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    id: WebhookId,
    body: &Map<String, Value>,
) -> ServiceResult<Webhook> {
    let admin = admin(ctx, actor, slug).await?;
    let before = find(ctx, &admin, id).await?;
    let mut hook = before.clone();
    input::apply(ctx, &mut hook, body, false).await?;
    hook.updated_by = Some(actor.user.id);
    hook.updated_at = ctx.now();
    let mut payload = changes(&summary(&before), &summary(&hook));
    if before.url != hook.url
        && let Value::Object(fields) = &mut payload
    {
        fields.insert("url_changed".to_owned(), json!(true));
    }
    let tx = ctx.db.begin_write().await?;
    repo::update(&tx, &hook)
        .await
        .map_err(|error| match error {
            DbError::NotFound => ServiceError::not_found("webhook"),
            other => url_taken(other),
        })?;
    commit_with_event(ctx, tx, actor, &hook, "webhooks.webhook.updated", payload).await?;
    Ok(hook)
}

/// Deletes a webhook (soft delete); deliveries still queued for it are not sent.
pub async fn delete(ctx: &Ctx, actor: &Actor, slug: &str, id: WebhookId) -> ServiceResult<()> {
    let admin = admin(ctx, actor, slug).await?;
    let hook = find(ctx, &admin, id).await?;
    let tx = ctx.db.begin_write().await?;
    repo::soft_delete(&tx, &hook, ctx.now()).await?;
    let payload = json!({ "origin": origin(&hook.url) });
    commit_with_event(ctx, tx, actor, &hook, "webhooks.webhook.deleted", payload).await
}

/// Replaces the secret; the caller shows the new one this once. Deliveries not yet sent are
/// signed with the new secret.
pub async fn regenerate_secret(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    id: WebhookId,
) -> ServiceResult<Webhook> {
    let admin = admin(ctx, actor, slug).await?;
    let mut hook = find(ctx, &admin, id).await?;
    hook.secret = new_secret();
    hook.updated_by = Some(actor.user.id);
    hook.updated_at = ctx.now();
    let tx = ctx.db.begin_write().await?;
    repo::set_secret(&tx, &hook, &hook.secret)
        .await
        .map_err(ServiceError::db("webhook"))?;
    let payload = json!({ "origin": origin(&hook.url) });
    commit_with_event(
        ctx,
        tx,
        actor,
        &hook,
        "webhooks.webhook.secret_regenerated",
        payload,
    )
    .await?;
    Ok(hook)
}
