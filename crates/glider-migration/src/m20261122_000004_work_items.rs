//! Work items with their assignees and labels, comments, links, field-level activities and
//! relations; and the per-project sequence counter.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{created_updated, fk, index, unique_live};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Columns every tracker row carries: tenant, project and its work item.
fn scoped(table: &mut TableCreateStatement, name: &'static str) {
    table
        .table(name)
        .col(pk_uuid("id"))
        .col(uuid("workspace_id"))
        .col(uuid("project_id"))
        .col(uuid("work_item_id"))
        .foreign_key(&mut fk(name, "work_item_id", "work_items"));
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The last sequence number issued in the project; incremented in the creating
        // transaction, never reused.
        manager
            .alter_table(
                Table::alter()
                    .table("projects")
                    .add_column(integer("work_item_sequence").default(0))
                    .take(),
            )
            .await?;

        manager
            .create_table(
                created_updated(
                    Table::create()
                        .table("work_items")
                        .col(pk_uuid("id"))
                        .col(uuid("workspace_id"))
                        .col(uuid("project_id"))
                        .col(integer("sequence_id"))
                        .col(string("name"))
                        .col(text("description_html"))
                        .col(text("description_stripped"))
                        .col(binary_null("description_binary"))
                        .col(string("priority"))
                        .col(uuid_null("state_id"))
                        .col(uuid_null("parent_id"))
                        .col(uuid_null("estimate_point_id"))
                        .col(uuid_null("type_id"))
                        .col(small_integer_null("point"))
                        .col(date_null("start_date"))
                        .col(date_null("target_date"))
                        .col(double("sort_order"))
                        .col(timestamp_with_time_zone_null("completed_at"))
                        .col(date_null("archived_at"))
                        .col(boolean("is_draft"))
                        .col(integer_null("estimate_time"))
                        .col(string_null("external_source"))
                        .col(string_null("external_id"))
                        .col(uuid_null("created_by"))
                        .col(uuid_null("updated_by"))
                        .col(timestamp_with_time_zone_null("deleted_at"))
                        .foreign_key(&mut fk("work_items", "project_id", "projects")),
                )
                .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_work_items__sequence_id")
                    .table("work_items")
                    .col("project_id")
                    .col("sequence_id")
                    .unique()
                    .take(),
            )
            .await?;
        unique_live(
            manager,
            "ux_work_items__external_id",
            "work_items",
            "project_id, external_source, external_id",
            "deleted_at IS NULL AND external_id IS NOT NULL",
        )
        .await?;
        index(
            manager,
            "ix_work_items__state",
            "work_items",
            &["project_id", "state_id"],
        )
        .await?;
        index(
            manager,
            "ix_work_items__created",
            "work_items",
            &["project_id", "created_at"],
        )
        .await?;
        index(
            manager,
            "ix_work_items__workspace",
            "work_items",
            &["workspace_id", "created_at"],
        )
        .await?;
        index(
            manager,
            "ix_work_items__parent",
            "work_items",
            &["parent_id"],
        )
        .await?;

        for (table, column) in [
            ("work_item_assignees", "user_id"),
            ("work_item_labels", "label_id"),
        ] {
            manager
                .create_table(
                    Table::create()
                        .table(table)
                        .col(pk_uuid("id"))
                        .col(uuid("workspace_id"))
                        .col(uuid("project_id"))
                        .col(uuid("work_item_id"))
                        .col(uuid(column))
                        .col(timestamp_with_time_zone("created_at"))
                        .foreign_key(&mut fk(table, "work_item_id", "work_items"))
                        .take(),
                )
                .await?;
            manager
                .create_index(
                    Index::create()
                        .name(format!("ux_{table}__{column}"))
                        .table(table)
                        .col("work_item_id")
                        .col(column)
                        .unique()
                        .take(),
                )
                .await?;
            index(manager, &format!("ix_{table}__{column}"), table, &[column]).await?;
        }

        let mut comments = Table::create();
        scoped(&mut comments, "work_item_comments");
        comments
            .col(text("comment_html"))
            .col(text("comment_stripped"))
            .col(json_binary_null("comment_json"))
            .col(string("access"))
            .col(uuid_null("actor_id"))
            .col(uuid_null("parent_id"))
            .col(timestamp_with_time_zone_null("edited_at"))
            .col(string_null("external_source"))
            .col(string_null("external_id"))
            .col(uuid_null("created_by"))
            .col(uuid_null("updated_by"))
            .col(timestamp_with_time_zone_null("deleted_at"));
        manager
            .create_table(created_updated(&mut comments).take())
            .await?;
        index(
            manager,
            "ix_work_item_comments__item",
            "work_item_comments",
            &["work_item_id", "created_at"],
        )
        .await?;

        let mut links = Table::create();
        scoped(&mut links, "work_item_links");
        links
            .col(text("url"))
            .col(string_null("title"))
            .col(json_binary("metadata"))
            .col(uuid_null("created_by"))
            .col(uuid_null("updated_by"))
            .col(timestamp_with_time_zone_null("deleted_at"));
        manager
            .create_table(created_updated(&mut links).take())
            .await?;
        index(
            manager,
            "ix_work_item_links__item",
            "work_item_links",
            &["work_item_id", "created_at"],
        )
        .await?;

        let mut activities = Table::create();
        scoped(&mut activities, "work_item_activities");
        activities
            .col(string("verb"))
            .col(string_null("field"))
            .col(text_null("old_value"))
            .col(text_null("new_value"))
            .col(uuid_null("old_identifier"))
            .col(uuid_null("new_identifier"))
            .col(text("comment"))
            .col(uuid_null("comment_id"))
            .col(uuid_null("actor_id"))
            .col(uuid_null("event_id"));
        manager
            .create_table(created_updated(&mut activities).take())
            .await?;
        index(
            manager,
            "ix_work_item_activities__item",
            "work_item_activities",
            &["work_item_id", "created_at"],
        )
        .await?;

        let mut relations = Table::create();
        scoped(&mut relations, "work_item_relations");
        relations
            .col(uuid("related_work_item_id"))
            .col(string("relation_type"))
            .col(uuid_null("created_by"))
            .col(timestamp_with_time_zone_null("deleted_at"));
        manager
            .create_table(created_updated(&mut relations).take())
            .await?;
        unique_live(
            manager,
            "ux_work_item_relations__pair",
            "work_item_relations",
            "work_item_id, related_work_item_id",
            "deleted_at IS NULL",
        )
        .await?;
        index(
            manager,
            "ix_work_item_relations__related",
            "work_item_relations",
            &["related_work_item_id"],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "work_item_relations",
            "work_item_activities",
            "work_item_links",
            "work_item_comments",
            "work_item_labels",
            "work_item_assignees",
            "work_items",
        ] {
            manager
                .drop_table(Table::drop().table(table).take())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table("projects")
                    .drop_column("work_item_sequence")
                    .take(),
            )
            .await
    }
}
