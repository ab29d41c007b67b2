//! Projects, project members and work-item states.

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
                        .table("projects")
                        .col(pk_uuid("id"))
                        .col(uuid("workspace_id"))
                        .col(string("name"))
                        .col(string_len("identifier", 12))
                        .col(text("description"))
                        .col(small_integer("network"))
                        .col(uuid_null("project_lead"))
                        .col(uuid_null("default_assignee"))
                        .col(string_null("emoji"))
                        .col(json_binary_null("icon_prop"))
                        .col(json_binary("logo_props"))
                        .col(text_null("cover_image"))
                        .col(boolean("module_view"))
                        .col(boolean("cycle_view"))
                        .col(boolean("issue_views_view"))
                        .col(boolean("page_view"))
                        .col(boolean("intake_view"))
                        .col(boolean("is_time_tracking_enabled"))
                        .col(boolean("is_issue_type_enabled"))
                        .col(boolean("guest_view_all_features"))
                        .col(small_integer("archive_in"))
                        .col(small_integer("close_in"))
                        .col(string("timezone"))
                        .col(string_null("external_source"))
                        .col(string_null("external_id"))
                        .col(uuid_null("default_state_id"))
                        .col(uuid_null("estimate_id"))
                        .col(timestamp_with_time_zone_null("archived_at"))
                        .col(timestamp_with_time_zone_null("deleted_at"))
                        .col(uuid("created_by"))
                        .col(uuid_null("updated_by"))
                        .foreign_key(&mut fk("projects", "workspace_id", "workspaces")),
                )
                .take(),
            )
            .await?;
        let live = "deleted_at IS NULL";
        unique_live(
            manager,
            "ux_projects__identifier",
            "projects",
            "workspace_id, identifier",
            live,
        )
        .await?;
        unique_live(
            manager,
            "ux_projects__name",
            "projects",
            "workspace_id, name",
            live,
        )
        .await?;

        manager
            .create_table(
                created_updated(
                    Table::create()
                        .table("project_members")
                        .col(pk_uuid("id"))
                        .col(uuid("workspace_id"))
                        .col(uuid("project_id"))
                        .col(uuid("user_id"))
                        .col(small_integer("role"))
                        .col(boolean("is_active"))
                        .col(double("sort_order"))
                        .foreign_key(&mut fk("project_members", "project_id", "projects"))
                        .foreign_key(&mut fk("project_members", "user_id", "users")),
                )
                .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_project_members__member")
                    .table("project_members")
                    .col("project_id")
                    .col("user_id")
                    .unique()
                    .take(),
            )
            .await?;
        index(
            manager,
            "ix_project_members__user",
            "project_members",
            &["user_id", "workspace_id"],
        )
        .await?;

        manager
            .create_table(
                created_updated(
                    Table::create()
                        .table("states")
                        .col(pk_uuid("id"))
                        .col(uuid("workspace_id"))
                        .col(uuid("project_id"))
                        .col(string("name"))
                        .col(text("description"))
                        .col(string("color"))
                        .col(string("slug"))
                        .col(double("sequence"))
                        .col(string("state_group"))
                        .col(boolean("is_triage"))
                        .col(boolean("is_default"))
                        .col(string_null("external_source"))
                        .col(string_null("external_id"))
                        .col(timestamp_with_time_zone_null("deleted_at"))
                        .col(uuid_null("created_by"))
                        .col(uuid_null("updated_by"))
                        .foreign_key(&mut fk("states", "project_id", "projects")),
                )
                .take(),
            )
            .await?;
        unique_live(
            manager,
            "ux_states__name",
            "states",
            "project_id, name",
            live,
        )
        .await?;
        index(
            manager,
            "ix_states__project",
            "states",
            &["project_id", "sequence"],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["states", "project_members", "projects"] {
            manager
                .drop_table(Table::drop().table(table).take())
                .await?;
        }
        Ok(())
    }
}
