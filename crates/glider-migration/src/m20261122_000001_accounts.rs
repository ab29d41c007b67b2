//! Users, sessions (with their refresh-token chain), API tokens, instance settings and the
//! event outbox.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{created_updated, fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("instance_settings")
                    .col(string("key").primary_key())
                    .col(text("value"))
                    .take(),
            )
            .await?;

        manager
            .create_table(
                created_updated(
                    Table::create()
                        .table("users")
                        .col(pk_uuid("id"))
                        .col(string_len("email", 254))
                        .col(text("password_hash"))
                        .col(string("first_name"))
                        .col(string("last_name"))
                        .col(string("display_name"))
                        .col(text("avatar"))
                        .col(string("timezone"))
                        .col(boolean("is_active"))
                        .col(integer("failed_logins"))
                        .col(timestamp_with_time_zone_null("locked_until"))
                        .col(timestamp_with_time_zone_null("last_login_at")),
                )
                .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_users__email")
                    .table("users")
                    .col("email")
                    .unique()
                    .take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("sessions")
                    .col(pk_uuid("id"))
                    .col(uuid("user_id"))
                    .col(string("kind"))
                    .col(string_null("secret_hash"))
                    .col(string_null("csrf_token"))
                    .col(text_null("user_agent"))
                    .col(string_null("ip"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("last_seen_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .col(string_null("revoked_reason"))
                    .foreign_key(&mut fk("sessions", "user_id", "users"))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_sessions__secret")
                    .table("sessions")
                    .col("secret_hash")
                    .unique()
                    .take(),
            )
            .await?;
        index(manager, "ix_sessions__user", "sessions", &["user_id"]).await?;

        manager
            .create_table(
                Table::create()
                    .table("refresh_tokens")
                    .col(pk_uuid("id"))
                    .col(uuid("session_id"))
                    .col(string("token_hash"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("rotated_at"))
                    .foreign_key(&mut fk("refresh_tokens", "session_id", "sessions"))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_refresh_tokens__token")
                    .table("refresh_tokens")
                    .col("token_hash")
                    .unique()
                    .take(),
            )
            .await?;
        index(
            manager,
            "ix_refresh_tokens__session",
            "refresh_tokens",
            &["session_id"],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table("api_tokens")
                    .col(pk_uuid("id"))
                    .col(uuid("user_id"))
                    .col(string("name"))
                    .col(string("token_hash"))
                    .col(string("token_hint"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("expires_at"))
                    .col(timestamp_with_time_zone_null("last_used_at"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .foreign_key(&mut fk("api_tokens", "user_id", "users"))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_api_tokens__token")
                    .table("api_tokens")
                    .col("token_hash")
                    .unique()
                    .take(),
            )
            .await?;
        index(manager, "ix_api_tokens__user", "api_tokens", &["user_id"]).await?;

        // The outbox: every mutation appends here in its own transaction (ARCHITECTURE.md,
        // "Events"). `seq` gives consumers a total order to keep offsets against.
        manager
            .create_table(
                Table::create()
                    .table("events")
                    .col(big_pk_auto("seq"))
                    .col(uuid("id"))
                    .col(uuid_null("workspace_id"))
                    .col(uuid_null("project_id"))
                    .col(uuid_null("actor_id"))
                    .col(string("kind"))
                    .col(uuid("subject_id"))
                    .col(json_binary("payload"))
                    .col(timestamp_with_time_zone("at"))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_events__id")
                    .table("events")
                    .col("id")
                    .unique()
                    .take(),
            )
            .await?;
        index(
            manager,
            "ix_events__workspace",
            "events",
            &["workspace_id", "seq"],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "events",
            "api_tokens",
            "refresh_tokens",
            "sessions",
            "users",
            "instance_settings",
        ] {
            manager
                .drop_table(Table::drop().table(table).take())
                .await?;
        }
        Ok(())
    }
}
