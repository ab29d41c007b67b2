//! The durable consumer that turns each event into one queued delivery per interested webhook.
//! It makes no network call: the sender task delivers the rows it writes.

use glider_db::{
    DatabaseTransaction,
    repo::{webhook_deliveries, webhooks as repo},
};
use glider_domain::model::{
    events::StoredEvent,
    webhooks::{Delivery, DeliveryStatus, WebhookDeliveryId},
};

use crate::{Ctx, ServiceResult, events::Consumer};

/// Queues deliveries for the webhooks of the event's workspace.
#[derive(Debug, Default)]
pub struct WebhookConsumer;

#[async_trait::async_trait]
impl Consumer for WebhookConsumer {
    fn name(&self) -> &'static str {
        "webhooks"
    }

    async fn handle(
        &self,
        ctx: &Ctx,
        tx: &DatabaseTransaction,
        event: &StoredEvent,
    ) -> ServiceResult<()> {
        // Events outside a workspace (sign-ups, password changes) belong to no webhook.
        let Some(workspace_id) = event.workspace_id else {
            return Ok(());
        };
        let now = ctx.now();
        for hook in repo::active(tx, workspace_id).await? {
            // A webhook receives what happens from its creation on, even when this consumer
            // runs behind the log.
            if event.at < hook.created_at || !hook.events.wants(&event.kind) {
                continue;
            }
            let delivery = Delivery {
                id: WebhookDeliveryId::new(),
                webhook_id: hook.id,
                workspace_id,
                event_id: event.id,
                event_kind: event.kind.clone(),
                body: super::payload::body(event, hook.id),
                status: DeliveryStatus::Pending,
                attempts: 0,
                next_attempt_at: now,
                response_status: None,
                response_body: None,
                latency_ms: None,
                last_error: None,
                last_attempt_at: None,
                history: Vec::new(),
                created_at: now,
                updated_at: now,
            };
            // A replay of the same event finds the row there and adds nothing.
            webhook_deliveries::insert_if_absent(tx, &delivery).await?;
        }
        Ok(())
    }
}
