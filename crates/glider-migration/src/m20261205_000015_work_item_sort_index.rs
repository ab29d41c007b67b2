//! An index that finds the last live item of a state without reading the state's items: a new
//! work item goes below the others in its state, and looking that up walked every item of the
//! state (O(items) per create). It starts with the columns of `ix_work_items__state`, which
//! it replaces.

use sea_orm_migration::prelude::*;

use crate::common::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn drop(name: &str) -> IndexDropStatement {
    Index::drop().name(name).table("work_items").to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        index(
            manager,
            "ix_work_items__state_order",
            "work_items",
            &["project_id", "state_id", "deleted_at", "sort_order"],
        )
        .await?;
        manager.drop_index(drop("ix_work_items__state")).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        index(
            manager,
            "ix_work_items__state",
            "work_items",
            &["project_id", "state_id"],
        )
        .await?;
        manager.drop_index(drop("ix_work_items__state_order")).await
    }
}
