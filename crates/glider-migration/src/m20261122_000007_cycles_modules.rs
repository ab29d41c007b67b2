//! Cycles and the work items in them (at most one live cycle per work item); modules, the
//! work items in them (any number per work item) and their members.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{created_updated, fk, index, unique_live};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A link row between a cycle or module (`owner`) and a work item, soft-deleted on removal.
fn link_table(
    table: &'static str,
    owner_column: &'static str,
    owner_table: &'static str,
) -> TableCreateStatement {
    let mut create = Table::create();
    create
        .table(table)
        .col(pk_uuid("id"))
        .col(uuid("workspace_id"))
        .col(uuid("project_id"))
        .col(uuid(owner_column))
        .col(uuid("work_item_id"))
        .col(uuid_null("created_by"))
        .col(uuid_null("updated_by"))
        .col(timestamp_with_time_zone_null("deleted_at"))
        .foreign_key(&mut fk(table, owner_column, owner_table))
        .foreign_key(&mut fk(table, "work_item_id", "work_items"));
    created_updated(&mut create).take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let live = "deleted_at IS NULL";
        let live_external = "deleted_at IS NULL AND external_id IS NOT NULL";

        manager
            .create_table(
                created_updated(
                    Table::create()
                        .table("cycles")
                        .col(pk_uuid("id"))
                        .col(uuid("workspace_id"))
                        .col(uuid("project_id"))
                        .col(string("name"))
                        .col(text("description"))
                        .col(timestamp_with_time_zone_null("start_date"))
                        .col(timestamp_with_time_zone_null("end_date"))
                        .col(json_binary("view_props"))
                        .col(double("sort_order"))
                        .col(string_null("external_source"))
                        .col(string_null("external_id"))
                        .col(json_binary("progress_snapshot"))
                        .col(timestamp_with_time_zone_null("archived_at"))
                        .col(json_binary("logo_props"))
                        .col(string("timezone"))
                        .col(integer("version"))
                        .col(uuid("owned_by"))
                        .col(uuid_null("created_by"))
                        .col(uuid_null("updated_by"))
                        .col(timestamp_with_time_zone_null("deleted_at"))
                        .foreign_key(&mut fk("cycles", "project_id", "projects")),
                )
                .take(),
            )
            .await?;
        unique_live(
            manager,
            "ux_cycles__external_id",
            "cycles",
            "project_id, external_source, external_id",
            live_external,
        )
        .await?;
        index(
            manager,
            "ix_cycles__project",
            "cycles",
            &["project_id", "created_at"],
        )
        .await?;

        manager
            .create_table(link_table("cycle_work_items", "cycle_id", "cycles"))
            .await?;
        // A work item is in at most one cycle.
        unique_live(
            manager,
            "ux_cycle_work_items__work_item_id",
            "cycle_work_items",
            "work_item_id",
            live,
        )
        .await?;
        index(
            manager,
            "ix_cycle_work_items__cycle",
            "cycle_work_items",
            &["cycle_id", "created_at"],
        )
        .await?;

        manager
            .create_table(
                created_updated(
                    Table::create()
                        .table("modules")
                        .col(pk_uuid("id"))
                        .col(uuid("workspace_id"))
                        .col(uuid("project_id"))
                        .col(string("name"))
                        .col(text("description"))
                        .col(json_binary_null("description_text"))
                        .col(json_binary_null("description_html"))
                        .col(date_null("start_date"))
                        .col(date_null("target_date"))
                        .col(string("status"))
                        .col(json_binary("view_props"))
                        .col(double("sort_order"))
                        .col(string_null("external_source"))
                        .col(string_null("external_id"))
                        .col(timestamp_with_time_zone_null("archived_at"))
                        .col(json_binary("logo_props"))
                        .col(uuid_null("lead_id"))
                        .col(uuid_null("created_by"))
                        .col(uuid_null("updated_by"))
                        .col(timestamp_with_time_zone_null("deleted_at"))
                        .foreign_key(&mut fk("modules", "project_id", "projects")),
                )
                .take(),
            )
            .await?;
        unique_live(
            manager,
            "ux_modules__name",
            "modules",
            "project_id, name",
            live,
        )
        .await?;
        unique_live(
            manager,
            "ux_modules__external_id",
            "modules",
            "project_id, external_source, external_id",
            live_external,
        )
        .await?;
        index(
            manager,
            "ix_modules__project",
            "modules",
            &["project_id", "created_at"],
        )
        .await?;

        manager
            .create_table(link_table("module_work_items", "module_id", "modules"))
            .await?;
        // A work item may be in several modules, once each.
        unique_live(
            manager,
            "ux_module_work_items__work_item_id",
            "module_work_items",
            "module_id, work_item_id",
            live,
        )
        .await?;
        index(
            manager,
            "ix_module_work_items__item",
            "module_work_items",
            &["work_item_id"],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table("module_members")
                    .col(pk_uuid("id"))
                    .col(uuid("workspace_id"))
                    .col(uuid("project_id"))
                    .col(uuid("module_id"))
                    .col(uuid("user_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("module_members", "module_id", "modules"))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_module_members__member")
                    .table("module_members")
                    .col("module_id")
                    .col("user_id")
                    .unique()
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "module_members",
            "module_work_items",
            "modules",
            "cycle_work_items",
            "cycles",
        ] {
            manager
                .drop_table(Table::drop().table(table).take())
                .await?;
        }
        Ok(())
    }
}
