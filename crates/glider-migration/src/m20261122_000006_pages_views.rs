//! Pages (documents), saved views and users' favorites.
//!
//! Pages and views belong to a workspace and, optionally, to one project (`project_id` null
//! means a workspace-level page or view). A favorite points at any entity by type and id; one
//! per user and entity.

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
                        .table("pages")
                        .col(pk_uuid("id"))
                        .col(uuid("workspace_id"))
                        .col(uuid_null("project_id"))
                        .col(uuid_null("parent_id"))
                        .col(uuid("owned_by"))
                        .col(text("name"))
                        .col(text("description_html"))
                        .col(text("description_stripped"))
                        // The live document's Y.js state, once collaborative editing writes it.
                        .col(blob_null("description_binary"))
                        .col(small_integer("access"))
                        .col(string("color"))
                        .col(json_binary("logo_props"))
                        .col(json_binary("view_props"))
                        .col(boolean("is_locked"))
                        .col(timestamp_with_time_zone_null("archived_at"))
                        .col(double("sort_order"))
                        .col(string_null("external_source"))
                        .col(string_null("external_id"))
                        .col(timestamp_with_time_zone_null("deleted_at"))
                        .col(uuid("created_by"))
                        .col(uuid_null("updated_by"))
                        .foreign_key(&mut fk("pages", "workspace_id", "workspaces"))
                        .foreign_key(&mut fk("pages", "project_id", "projects")),
                )
                .take(),
            )
            .await?;
        index(
            manager,
            "ix_pages__scope",
            "pages",
            &["workspace_id", "project_id"],
        )
        .await?;

        manager
            .create_table(
                created_updated(
                    Table::create()
                        .table("saved_views")
                        .col(pk_uuid("id"))
                        .col(uuid("workspace_id"))
                        .col(uuid_null("project_id"))
                        .col(uuid("owned_by"))
                        .col(string("name"))
                        .col(text("description"))
                        .col(json_binary("filters"))
                        .col(json_binary("display_filters"))
                        .col(json_binary("display_properties"))
                        .col(json_binary("logo_props"))
                        .col(small_integer("access"))
                        .col(boolean("is_locked"))
                        .col(double("sort_order"))
                        .col(timestamp_with_time_zone_null("deleted_at"))
                        .col(uuid("created_by"))
                        .col(uuid_null("updated_by"))
                        .foreign_key(&mut fk("saved_views", "workspace_id", "workspaces"))
                        .foreign_key(&mut fk("saved_views", "project_id", "projects")),
                )
                .take(),
            )
            .await?;
        index(
            manager,
            "ix_saved_views__scope",
            "saved_views",
            &["workspace_id", "project_id"],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table("user_favorites")
                    .col(pk_uuid("id"))
                    .col(uuid("workspace_id"))
                    .col(uuid("user_id"))
                    .col(string("entity_type"))
                    .col(uuid("entity_identifier"))
                    .col(uuid_null("project_id"))
                    .col(double("sequence"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("user_favorites", "workspace_id", "workspaces"))
                    .foreign_key(&mut fk("user_favorites", "user_id", "users"))
                    .take(),
            )
            .await?;
        // Favorites are removed outright (never soft-deleted), so a plain unique index holds.
        manager
            .create_index(
                Index::create()
                    .name("ux_user_favorites__entity")
                    .table("user_favorites")
                    .col("user_id")
                    .col("entity_type")
                    .col("entity_identifier")
                    .unique()
                    .take(),
            )
            .await?;
        index(
            manager,
            "ix_user_favorites__user",
            "user_favorites",
            &["workspace_id", "user_id"],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["user_favorites", "saved_views", "pages"] {
            manager
                .drop_table(Table::drop().table(table).take())
                .await?;
        }
        Ok(())
    }
}
