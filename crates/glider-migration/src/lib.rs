//! One portable migration source for SQLite and PostgreSQL.
//!
//! Unique indexes are named `ux_<table>__<field>` so glider-db can turn a violation on either
//! backend into `Conflict { field }`.

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_accounts;
mod m20261122_000002_workspaces;
mod m20261122_000003_projects;
mod m20261122_000004_work_items;
mod m20261122_000005_catalog;
mod m20261122_000006_pages_views;
mod m20261122_000007_cycles_modules;
mod m20261122_000008_intake_worklogs;
mod m20261122_000009_attachments;
mod m20261122_000010_event_offsets;
mod m20261122_000011_notifications;
mod m20261122_000012_email;
mod m20261122_000013_webhooks;
mod m20261122_000014_work_item_list_indexes;
mod m20261205_000015_work_item_sort_index;
mod m20261205_000016_events_by_project;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_accounts::Migration),
            Box::new(m20261122_000002_workspaces::Migration),
            Box::new(m20261122_000003_projects::Migration),
            Box::new(m20261122_000004_work_items::Migration),
            Box::new(m20261122_000005_catalog::Migration),
            Box::new(m20261122_000006_pages_views::Migration),
            Box::new(m20261122_000007_cycles_modules::Migration),
            Box::new(m20261122_000008_intake_worklogs::Migration),
            Box::new(m20261122_000009_attachments::Migration),
            Box::new(m20261122_000010_event_offsets::Migration),
            Box::new(m20261122_000011_notifications::Migration),
            Box::new(m20261122_000012_email::Migration),
            Box::new(m20261122_000013_webhooks::Migration),
            Box::new(m20261122_000014_work_item_list_indexes::Migration),
            Box::new(m20261205_000015_work_item_sort_index::Migration),
            Box::new(m20261205_000016_events_by_project::Migration),
        ]
    }
}

/// Column and constraint helpers shared by the migrations.
pub(crate) mod common {
    use sea_orm_migration::{prelude::*, schema::*};

    pub fn created_updated(table: &mut TableCreateStatement) -> &mut TableCreateStatement {
        table
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("updated_at"))
    }

    pub fn fk(
        from_table: &'static str,
        column: &'static str,
        to_table: &'static str,
    ) -> ForeignKeyCreateStatement {
        ForeignKey::create()
            .name(format!("fk_{from_table}__{column}"))
            .from(from_table, column)
            .to(to_table, "id")
            .on_delete(ForeignKeyAction::Cascade)
            .take()
    }

    pub async fn index(
        manager: &SchemaManager<'_>,
        name: &str,
        table: &'static str,
        columns: &[&'static str],
    ) -> Result<(), DbErr> {
        let mut index = Index::create();
        index.name(name).table(table);
        for column in columns {
            index.col(*column);
        }
        manager.create_index(index.take()).await
    }

    /// A unique index that ignores soft-deleted rows. The partial-index syntax is the same on
    /// SQLite and PostgreSQL.
    pub async fn unique_live(
        manager: &SchemaManager<'_>,
        name: &str,
        table: &str,
        columns: &str,
        live_condition: &str,
    ) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(&format!(
                "CREATE UNIQUE INDEX {name} ON {table} ({columns}) WHERE {live_condition}"
            ))
            .await
            .map(|_| ())
    }
}
