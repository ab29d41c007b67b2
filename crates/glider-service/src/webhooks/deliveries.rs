//! A webhook's delivery log: every event owed to it, where each stands, and resending one.

use glider_db::repo::webhook_deliveries as repo;
use glider_domain::model::webhooks::{Delivery, DeliveryStatus, WebhookDeliveryId, WebhookId};
use serde_json::json;

use super::manage::{admin, find};
use crate::{Ctx, ServiceError, ServiceResult, accounts::Actor, events::event};

/// One page of the webhook's deliveries, newest first, and the total.
pub async fn page(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    webhook_id: WebhookId,
    status: Option<DeliveryStatus>,
    offset: u64,
    limit: u64,
) -> ServiceResult<(Vec<Delivery>, u64)> {
    let admin = admin(ctx, actor, slug).await?;
    let hook = find(ctx, &admin, webhook_id).await?;
    Ok(repo::page(
        ctx.db.conn(),
        hook.workspace_id,
        hook.id,
        status,
        offset,
        limit,
    )
    .await?)
}

pub async fn get(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    webhook_id: WebhookId,
    id: WebhookDeliveryId,
) -> ServiceResult<Delivery> {
    let admin = admin(ctx, actor, slug).await?;
    let hook = find(ctx, &admin, webhook_id).await?;
    repo::find(ctx.db.conn(), hook.workspace_id, hook.id, id)
        .await
        .map_err(ServiceError::db("webhook_delivery"))
}

/// Sends a delivery again as soon as possible, with a fresh count of attempts (the log keeps
/// the earlier ones). The same body is sent, signed with the webhook's current secret.
pub async fn resend(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    webhook_id: WebhookId,
    id: WebhookDeliveryId,
) -> ServiceResult<Delivery> {
    let admin = admin(ctx, actor, slug).await?;
    let hook = find(ctx, &admin, webhook_id).await?;
    if !hook.is_active {
        return Err(ServiceError::rule(
            "webhook_inactive",
            "The webhook is switched off; switch it on to resend deliveries.",
        ));
    }
    let delivery = repo::find(ctx.db.conn(), hook.workspace_id, hook.id, id)
        .await
        .map_err(ServiceError::db("webhook_delivery"))?;
    let tx = ctx.db.begin_write().await?;
    if !repo::resend(&tx, &delivery, ctx.now()).await? {
        return Err(ServiceError::conflict(
            "delivery",
            "This delivery is being sent right now; resend it when the attempt has ended.",
        ));
    }
    let record = event(
        ctx,
        "webhooks.delivery.resent",
        Some(actor.user.id),
        Some(hook.workspace_id),
        None,
        delivery.id.0,
        json!({
            "webhook_id": hook.id,
            "event_id": delivery.event_id,
            "event_kind": delivery.event_kind,
        }),
    );
    glider_db::repo::events::append(&tx, record).await?;
    // The commit wakes this replica's sender.
    glider_db::commit(tx).await?;
    repo::find(ctx.db.conn(), hook.workspace_id, hook.id, id)
        .await
        .map_err(ServiceError::db("webhook_delivery"))
}
