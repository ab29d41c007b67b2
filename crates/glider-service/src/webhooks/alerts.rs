//! Telling a workspace's admins that one of its webhooks is failing: an e-mail to each active
//! admin and owner, made once per `webhooks.webhook.failing` event (a durable consumer, so a
//! crash neither loses nor repeats it).

use glider_db::{DatabaseTransaction, repo::workspaces};
use glider_domain::{WorkspaceRole, model::events::StoredEvent};

use crate::{Ctx, ServiceResult, email, events::Consumer};

pub struct WebhookAlerts;

#[async_trait::async_trait]
impl Consumer for WebhookAlerts {
    fn name(&self) -> &'static str {
        "webhook_alerts"
    }

    async fn handle(
        &self,
        ctx: &Ctx,
        tx: &DatabaseTransaction,
        event: &StoredEvent,
    ) -> ServiceResult<()> {
        if event.kind != "webhooks.webhook.failing" {
            return Ok(());
        }
        let Some(workspace_id) = event.workspace_id else {
            return Ok(());
        };
        let workspace = match workspaces::find_by_id(tx, workspace_id).await {
            Ok(workspace) => workspace,
            // A deleted workspace has nobody left to tell.
            Err(glider_db::DbError::NotFound) => return Ok(()),
            Err(other) => return Err(other.into()),
        };
        let origin = event.payload["origin"]
            .as_str()
            .unwrap_or("a webhook target");
        let failures = event.payload["consecutive_failures"].as_i64().unwrap_or(0);
        let link = format!(
            "{}/{}/settings/webhooks/{}",
            ctx.settings.public_url.trim_end_matches('/'),
            workspace.slug,
            event.subject_id
        );
        for member in workspaces::list_members(tx, workspace_id).await? {
            if member.is_active
                && matches!(member.role, WorkspaceRole::Admin | WorkspaceRole::Owner)
            {
                let message = email::templates::webhook_failing(
                    member.user.email.as_str(),
                    &workspace.name,
                    origin,
                    failures,
                    &link,
                );
                email::queue_in_workspace(ctx, tx, workspace_id, message).await?;
            }
        }
        Ok(())
    }
}
