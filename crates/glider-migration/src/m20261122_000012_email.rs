//! Outgoing e-mail (a durable queue the sender task drains) and the one-time codes that
//! magic-link sign-in and password reset send by e-mail.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("emails")
                    .col(pk_uuid("id"))
                    // Null for e-mails that belong to no workspace (sign-in, password reset).
                    .col(uuid_null("workspace_id"))
                    .col(string("to_address"))
                    .col(string("subject"))
                    .col(text("html"))
                    .col(text("text"))
                    .col(string("kind"))
                    // queued | sending | sent | failed | held (no SMTP server configured).
                    .col(string("status"))
                    .col(integer("attempts"))
                    .col(text_null("last_error"))
                    .col(timestamp_with_time_zone("next_attempt_at"))
                    // A replica sending this e-mail holds it until then; another replica may
                    // take it over only after the lease runs out.
                    .col(timestamp_with_time_zone_null("locked_until"))
                    .col(string_null("locked_by"))
                    .col(timestamp_with_time_zone_null("sent_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .take(),
            )
            .await?;
        index(
            manager,
            "ix_emails__due",
            "emails",
            &["status", "next_attempt_at"],
        )
        .await?;
        index(manager, "ix_emails__created", "emails", &["created_at"]).await?;

        manager
            .create_table(
                Table::create()
                    .table("one_time_codes")
                    .col(pk_uuid("id"))
                    .col(uuid("user_id"))
                    // magic_link | password_reset
                    .col(string("purpose"))
                    // SHA-256 of the short code typed by hand (magic link only); null otherwise.
                    .col(string_null("code_hash"))
                    // SHA-256 of the long random token carried by the e-mailed link.
                    .col(string("token_hash"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    // Wrong codes typed against this row; it stops accepting any past the limit.
                    .col(integer("attempts"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("one_time_codes", "user_id", "users"))
                    .take(),
            )
            .await?;
        index(
            manager,
            "ix_one_time_codes__user",
            "one_time_codes",
            &["user_id", "purpose", "created_at"],
        )
        .await?;
        index(
            manager,
            "ix_one_time_codes__token_hash",
            "one_time_codes",
            &["token_hash"],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("one_time_codes").take())
            .await?;
        manager
            .drop_table(Table::drop().table("emails").take())
            .await
    }
}
