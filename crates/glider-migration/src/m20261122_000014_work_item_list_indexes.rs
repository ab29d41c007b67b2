//! Indexes for the busiest read, a project's work-item list: one the default order
//! (`created_at`, then `id`) walks without sorting, and one that answers the page's
//! `total_count` from the index alone, without reading every row.

use sea_orm_migration::prelude::*;

use crate::common::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        index(
            manager,
            "ix_work_items__list_order",
            "work_items",
            &["project_id", "created_at", "id"],
        )
        .await?;
        index(
            manager,
            "ix_work_items__live",
            "work_items",
            &[
                "project_id",
                "deleted_at",
                "archived_at",
                "is_draft",
                "state_id",
            ],
        )
        .await?;
        // Superseded by the list order index, which starts with the same columns.
        manager
            .drop_index(
                Index::drop()
                    .name("ix_work_items__created")
                    .table("work_items")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        index(
            manager,
            "ix_work_items__created",
            "work_items",
            &["project_id", "created_at"],
        )
        .await?;
        for name in ["ix_work_items__list_order", "ix_work_items__live"] {
            manager
                .drop_index(Index::drop().name(name).table("work_items").to_owned())
                .await?;
        }
        Ok(())
    }
}
