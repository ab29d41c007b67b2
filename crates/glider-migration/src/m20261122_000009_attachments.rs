//! Uploaded files (work-item attachments first; other owners later), stored in the object
//! store under `asset`.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{created_updated, index, unique_live};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                created_updated(
                    Table::create()
                        .table("file_assets")
                        .col(pk_uuid("id"))
                        .col(uuid("workspace_id"))
                        .col(uuid_null("project_id"))
                        .col(uuid_null("work_item_id"))
                        .col(string("entity_type"))
                        .col(string("asset"))
                        .col(string("name"))
                        .col(string("content_type"))
                        .col(big_integer("size"))
                        .col(boolean("is_uploaded"))
                        .col(json_binary_null("storage_metadata"))
                        .col(string_null("external_source"))
                        .col(string_null("external_id"))
                        .col(uuid_null("created_by"))
                        .col(uuid_null("updated_by"))
                        .col(timestamp_with_time_zone_null("deleted_at")),
                )
                .take(),
            )
            .await?;
        index(
            manager,
            "ix_file_assets__work_item",
            "file_assets",
            &["work_item_id", "created_at"],
        )
        .await?;
        unique_live(
            manager,
            "ux_file_assets__external_id",
            "file_assets",
            "work_item_id, external_source, external_id",
            "deleted_at IS NULL AND external_id IS NOT NULL",
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("file_assets").take())
            .await
    }
}
