//! Outgoing webhooks of a workspace and the delivery of each event to each of them (a durable
//! queue the sender task drains, kept afterwards as the delivery log).

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{created_updated, fk, index, unique_live};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                created_updated(
                    Table::create()
                        .table("webhooks")
                        .col(pk_uuid("id"))
                        .col(uuid("workspace_id"))
                        .col(text("url"))
                        // Kept in clear: every delivery is signed with it (HMAC), so a digest
                        // would not do. It leaves the server only on creation and regeneration.
                        .col(string("secret"))
                        // Plane's switches.
                        .col(boolean("project"))
                        .col(boolean("issue"))
                        .col(boolean("module"))
                        .col(boolean("cycle"))
                        .col(boolean("issue_comment"))
                        // Glider's list of event kinds and prefixes (JSON array of strings).
                        .col(json_binary("event_kinds"))
                        .col(boolean("is_active"))
                        .col(boolean("is_failing"))
                        .col(integer("consecutive_failures"))
                        .col(timestamp_with_time_zone_null("failing_since"))
                        .col(uuid_null("created_by"))
                        .col(uuid_null("updated_by"))
                        .col(timestamp_with_time_zone_null("deleted_at"))
                        .foreign_key(&mut fk("webhooks", "workspace_id", "workspaces")),
                )
                .take(),
            )
            .await?;
        index(
            manager,
            "ix_webhooks__workspace",
            "webhooks",
            &["workspace_id", "created_at"],
        )
        .await?;
        unique_live(
            manager,
            "ux_webhooks__url",
            "webhooks",
            "workspace_id, url",
            "deleted_at IS NULL",
        )
        .await?;

        manager
            .create_table(
                created_updated(
                    Table::create()
                        .table("webhook_deliveries")
                        .col(pk_uuid("id"))
                        .col(uuid("webhook_id"))
                        .col(uuid("workspace_id"))
                        .col(uuid("event_id"))
                        .col(string("event_kind"))
                        // The exact bytes sent and signed on every attempt.
                        .col(text("payload"))
                        // pending | succeeded | failed
                        .col(string("status"))
                        .col(integer("attempts"))
                        .col(timestamp_with_time_zone("next_attempt_at"))
                        // A sender holds the delivery until then; another replica may take it
                        // only after the lease runs out. `locked_by` names the claim, so a
                        // sender whose lease was taken over cannot overwrite the new result.
                        .col(timestamp_with_time_zone_null("locked_until"))
                        .col(string_null("locked_by"))
                        .col(integer_null("response_status"))
                        .col(text_null("response_body"))
                        .col(big_integer_null("latency_ms"))
                        .col(text_null("last_error"))
                        .col(timestamp_with_time_zone_null("last_attempt_at"))
                        // Every attempt's outcome, oldest first (bounded).
                        .col(json_binary("history"))
                        .foreign_key(&mut fk("webhook_deliveries", "webhook_id", "webhooks")),
                )
                .take(),
            )
            .await?;
        // A replayed event never makes a second delivery.
        manager
            .create_index(
                Index::create()
                    .name("ux_webhook_deliveries__event")
                    .table("webhook_deliveries")
                    .col("webhook_id")
                    .col("event_id")
                    .unique()
                    .take(),
            )
            .await?;
        index(
            manager,
            "ix_webhook_deliveries__due",
            "webhook_deliveries",
            &["status", "next_attempt_at"],
        )
        .await?;
        index(
            manager,
            "ix_webhook_deliveries__log",
            "webhook_deliveries",
            &["webhook_id", "created_at"],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("webhook_deliveries").take())
            .await?;
        manager
            .drop_table(Table::drop().table("webhooks").take())
            .await
    }
}
