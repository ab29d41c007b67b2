//! Intake (a project's triage queue and its entries) and work logs (time spent on work items).

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{created_updated, fk, index, unique_live};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One intake per project, created when the project turns `intake_view` on.
        manager
            .create_table(
                created_updated(
                    Table::create()
                        .table("intakes")
                        .col(pk_uuid("id"))
                        .col(uuid("workspace_id"))
                        .col(uuid("project_id"))
                        .col(string("name"))
                        .col(text("description"))
                        .col(boolean("is_default"))
                        .col(uuid_null("created_by"))
                        .col(timestamp_with_time_zone_null("deleted_at"))
                        .foreign_key(&mut fk("intakes", "project_id", "projects")),
                )
                .take(),
            )
            .await?;
        unique_live(
            manager,
            "ux_intakes__project",
            "intakes",
            "project_id",
            "deleted_at IS NULL",
        )
        .await?;

        // An entry of the queue: one work item, its triage status and where it came from.
        manager
            .create_table(
                created_updated(
                    Table::create()
                        .table("intake_items")
                        .col(pk_uuid("id"))
                        .col(uuid("workspace_id"))
                        .col(uuid("project_id"))
                        .col(uuid("intake_id"))
                        .col(uuid("work_item_id"))
                        .col(small_integer("status"))
                        .col(timestamp_with_time_zone_null("snoozed_till"))
                        .col(uuid_null("duplicate_to"))
                        .col(string("source"))
                        .col(string_null("source_email"))
                        .col(string_null("external_source"))
                        .col(string_null("external_id"))
                        .col(json_binary("extra"))
                        .col(uuid_null("created_by"))
                        .col(uuid_null("updated_by"))
                        .col(timestamp_with_time_zone_null("deleted_at"))
                        .foreign_key(&mut fk("intake_items", "intake_id", "intakes"))
                        .foreign_key(&mut fk("intake_items", "work_item_id", "work_items")),
                )
                .take(),
            )
            .await?;
        unique_live(
            manager,
            "ux_intake_items__work_item",
            "intake_items",
            "work_item_id",
            "deleted_at IS NULL",
        )
        .await?;
        index(
            manager,
            "ix_intake_items__project",
            "intake_items",
            &["project_id", "created_at"],
        )
        .await?;

        // Time logged on a work item: minutes worked on a date, by a person.
        manager
            .create_table(
                created_updated(
                    Table::create()
                        .table("work_logs")
                        .col(pk_uuid("id"))
                        .col(uuid("workspace_id"))
                        .col(uuid("project_id"))
                        .col(uuid("work_item_id"))
                        .col(integer("duration"))
                        .col(text("description"))
                        .col(date("logged_at"))
                        .col(uuid("logged_by"))
                        .col(uuid_null("created_by"))
                        .col(uuid_null("updated_by"))
                        .col(timestamp_with_time_zone_null("deleted_at"))
                        .foreign_key(&mut fk("work_logs", "work_item_id", "work_items")),
                )
                .take(),
            )
            .await?;
        index(
            manager,
            "ix_work_logs__item",
            "work_logs",
            &["work_item_id", "logged_at"],
        )
        .await?;
        index(
            manager,
            "ix_work_logs__project",
            "work_logs",
            &["project_id", "logged_at"],
        )
        .await?;
        index(
            manager,
            "ix_work_logs__workspace",
            "work_logs",
            &["workspace_id", "logged_at"],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["work_logs", "intake_items", "intakes"] {
            manager
                .drop_table(Table::drop().table(table).take())
                .await?;
        }
        Ok(())
    }
}
