//! Where each durable consumer of the event log stands, and which replica holds it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("event_offsets")
                    .col(string("consumer").primary_key())
                    // The `seq` of the last event whose effects are committed.
                    .col(big_integer("last_seq"))
                    // One replica at a time runs a durable consumer; the lease expires if it
                    // dies, and another replica takes over from `last_seq`.
                    .col(string_null("lease_owner"))
                    .col(timestamp_with_time_zone_null("lease_until"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("event_offsets").take())
            .await
    }
}
