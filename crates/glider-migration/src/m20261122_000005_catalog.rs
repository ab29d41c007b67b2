//! The catalog beside work items: labels, estimates with their points, per-user stickies and
//! per-workspace feature flags; plus the external-id rule on states.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{created_updated, fk, index, unique_live};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Audit columns every catalog row carries after its own.
fn audited(table: &mut TableCreateStatement) -> &mut TableCreateStatement {
    created_updated(
        table
            .col(uuid_null("created_by"))
            .col(uuid_null("updated_by"))
            .col(timestamp_with_time_zone_null("deleted_at")),
    )
}

const LIVE: &str = "deleted_at IS NULL";
const LIVE_EXTERNAL: &str = "deleted_at IS NULL AND external_id IS NOT NULL";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        unique_live(
            manager,
            "ux_states__external_id",
            "states",
            "project_id, external_source, external_id",
            LIVE_EXTERNAL,
        )
        .await?;

        manager
            .create_table(
                audited(
                    Table::create()
                        .table("labels")
                        .col(pk_uuid("id"))
                        .col(uuid("workspace_id"))
                        .col(uuid("project_id"))
                        .col(string("name"))
                        .col(text("description"))
                        .col(string("color"))
                        .col(double("sort_order"))
                        .col(uuid_null("parent_id"))
                        .col(string_null("external_source"))
                        .col(string_null("external_id"))
                        .foreign_key(&mut fk("labels", "project_id", "projects")),
                )
                .take(),
            )
            .await?;
        unique_live(
            manager,
            "ux_labels__name",
            "labels",
            "project_id, name",
            LIVE,
        )
        .await?;
        unique_live(
            manager,
            "ux_labels__external_id",
            "labels",
            "project_id, external_source, external_id",
            LIVE_EXTERNAL,
        )
        .await?;
        index(
            manager,
            "ix_labels__project",
            "labels",
            &["project_id", "created_at"],
        )
        .await?;

        manager
            .create_table(
                audited(
                    Table::create()
                        .table("estimates")
                        .col(pk_uuid("id"))
                        .col(uuid("workspace_id"))
                        .col(uuid("project_id"))
                        .col(string("name"))
                        .col(text("description"))
                        .col(string("estimate_type"))
                        .col(boolean("last_used"))
                        .foreign_key(&mut fk("estimates", "project_id", "projects")),
                )
                .take(),
            )
            .await?;
        // One live estimate per project.
        unique_live(
            manager,
            "ux_estimates__project",
            "estimates",
            "project_id",
            LIVE,
        )
        .await?;

        manager
            .create_table(
                audited(
                    Table::create()
                        .table("estimate_points")
                        .col(pk_uuid("id"))
                        .col(uuid("workspace_id"))
                        .col(uuid("project_id"))
                        .col(uuid("estimate_id"))
                        .col(integer("key"))
                        .col(string("value"))
                        .col(text("description"))
                        .foreign_key(&mut fk("estimate_points", "estimate_id", "estimates")),
                )
                .take(),
            )
            .await?;
        index(
            manager,
            "ix_estimate_points__estimate",
            "estimate_points",
            &["estimate_id", "value"],
        )
        .await?;

        manager
            .create_table(
                audited(
                    Table::create()
                        .table("stickies")
                        .col(pk_uuid("id"))
                        .col(uuid("workspace_id"))
                        .col(uuid("owner_id"))
                        .col(text_null("name"))
                        .col(json_binary("description"))
                        .col(text("description_html"))
                        .col(text_null("description_stripped"))
                        .col(json_binary("logo_props"))
                        .col(string_null("color"))
                        .col(string_null("background_color"))
                        .col(double("sort_order"))
                        .foreign_key(&mut fk("stickies", "workspace_id", "workspaces"))
                        .foreign_key(&mut fk("stickies", "owner_id", "users")),
                )
                .take(),
            )
            .await?;
        index(
            manager,
            "ix_stickies__owner",
            "stickies",
            &["workspace_id", "owner_id", "created_at"],
        )
        .await?;

        manager
            .create_table(
                created_updated(
                    Table::create()
                        .table("workspace_features")
                        .col(pk_uuid("id"))
                        .col(uuid("workspace_id"))
                        .col(boolean("project_grouping"))
                        .col(boolean("initiatives"))
                        .col(boolean("teams"))
                        .col(boolean("customers"))
                        .col(boolean("wiki"))
                        .col(boolean("pi"))
                        .col(uuid_null("updated_by"))
                        .foreign_key(&mut fk("workspace_features", "workspace_id", "workspaces")),
                )
                .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_workspace_features__workspace")
                    .table("workspace_features")
                    .col("workspace_id")
                    .unique()
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "workspace_features",
            "stickies",
            "estimate_points",
            "estimates",
            "labels",
        ] {
            manager
                .drop_table(Table::drop().table(table).take())
                .await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("ux_states__external_id")
                    .table("states")
                    .to_owned(),
            )
            .await
    }
}
