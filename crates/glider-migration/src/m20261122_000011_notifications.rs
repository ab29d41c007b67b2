//! Notifications, explicit work-item subscriptions, per-kind notification preferences, and the
//! lease that lets one replica at a time send digests.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{created_updated, fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                created_updated(
                    Table::create()
                        .table("notifications")
                        .col(pk_uuid("id"))
                        .col(uuid("workspace_id"))
                        .col(uuid_null("project_id"))
                        .col(uuid("receiver_id"))
                        .col(uuid_null("actor_id"))
                        // state_change | assignment | comment | mention | property_change
                        .col(string("kind"))
                        .col(string("entity_name"))
                        .col(uuid_null("entity_id"))
                        // `WEB-12`, kept as it was when notified.
                        .col(string_null("identifier"))
                        .col(string("title"))
                        .col(text("message"))
                        .col(json_binary("data"))
                        // The event that caused it: with the receiver, unique, so a replayed
                        // event makes no second notification.
                        .col(uuid("event_id"))
                        .col(timestamp_with_time_zone_null("read_at"))
                        .col(timestamp_with_time_zone_null("archived_at"))
                        .col(timestamp_with_time_zone_null("snoozed_till"))
                        // Waiting for the receiver's next digest e-mail.
                        .col(boolean("digest_pending"))
                        .col(timestamp_with_time_zone_null("emailed_at"))
                        .foreign_key(&mut fk("notifications", "receiver_id", "users")),
                )
                .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_notifications__event_id")
                    .table("notifications")
                    .col("event_id")
                    .col("receiver_id")
                    .unique()
                    .take(),
            )
            .await?;
        index(
            manager,
            "ix_notifications__receiver",
            "notifications",
            &["receiver_id", "workspace_id", "created_at"],
        )
        .await?;
        index(
            manager,
            "ix_notifications__digest",
            "notifications",
            &["digest_pending", "receiver_id"],
        )
        .await?;

        // One row per person who chose for one work item: `subscribed` false is an explicit
        // unsubscribe, which also silences being its assignee or creator.
        manager
            .create_table(
                created_updated(
                    Table::create()
                        .table("work_item_subscribers")
                        .col(pk_uuid("id"))
                        .col(uuid("workspace_id"))
                        .col(uuid("project_id"))
                        .col(uuid("work_item_id"))
                        .col(uuid("user_id"))
                        .col(boolean("subscribed"))
                        .foreign_key(&mut fk(
                            "work_item_subscribers",
                            "work_item_id",
                            "work_items",
                        ))
                        .foreign_key(&mut fk("work_item_subscribers", "user_id", "users")),
                )
                .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_work_item_subscribers__subscriber")
                    .table("work_item_subscribers")
                    .col("work_item_id")
                    .col("user_id")
                    .unique()
                    .take(),
            )
            .await?;

        // Only the kinds a person changed; the others take the defaults.
        manager
            .create_table(
                created_updated(
                    Table::create()
                        .table("notification_preferences")
                        .col(pk_uuid("id"))
                        .col(uuid("user_id"))
                        .col(string("kind"))
                        .col(boolean("in_app"))
                        // off | immediate | digest
                        .col(string("email"))
                        .foreign_key(&mut fk("notification_preferences", "user_id", "users")),
                )
                .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_notification_preferences__kind")
                    .table("notification_preferences")
                    .col("user_id")
                    .col("kind")
                    .unique()
                    .take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("notification_digest_lease")
                    .col(string("name").primary_key())
                    .col(string_null("lease_owner"))
                    .col(timestamp_with_time_zone_null("lease_until"))
                    .col(timestamp_with_time_zone_null("last_run_at"))
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "notification_digest_lease",
            "notification_preferences",
            "work_item_subscribers",
            "notifications",
        ] {
            manager
                .drop_table(Table::drop().table(table).take())
                .await?;
        }
        Ok(())
    }
}
