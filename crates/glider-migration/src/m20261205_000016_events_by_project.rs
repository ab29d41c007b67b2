//! The newest event of a project, found without scanning the log: work-item lists reuse
//! their `total_count` while the project's newest event is the one they counted at (every
//! change to a project's items appends an event of that project in its own transaction).

use sea_orm_migration::prelude::*;

use crate::common::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        index(
            manager,
            "ix_events__project",
            "events",
            &["project_id", "seq"],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_events__project")
                    .table("events")
                    .to_owned(),
            )
            .await
    }
}
