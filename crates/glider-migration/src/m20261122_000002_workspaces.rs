//! Workspaces, their members and invitations.

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
                        .table("workspaces")
                        .col(pk_uuid("id"))
                        .col(string_len("slug", 48))
                        .col(string("name"))
                        .col(uuid("owner_id"))
                        .col(string("timezone"))
                        .col(uuid("created_by"))
                        .col(uuid_null("updated_by"))
                        .col(timestamp_with_time_zone_null("deleted_at"))
                        .foreign_key(&mut fk("workspaces", "owner_id", "users")),
                )
                .take(),
            )
            .await?;
        // A deleted workspace keeps its slug reserved: links to it must never reach a newcomer.
        manager
            .create_index(
                Index::create()
                    .name("ux_workspaces__slug")
                    .table("workspaces")
                    .col("slug")
                    .unique()
                    .take(),
            )
            .await?;

        manager
            .create_table(
                created_updated(
                    Table::create()
                        .table("workspace_members")
                        .col(pk_uuid("id"))
                        .col(uuid("workspace_id"))
                        .col(uuid("user_id"))
                        .col(string("role"))
                        .col(boolean("is_active"))
                        .foreign_key(&mut fk("workspace_members", "workspace_id", "workspaces"))
                        .foreign_key(&mut fk("workspace_members", "user_id", "users")),
                )
                .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_workspace_members__member")
                    .table("workspace_members")
                    .col("workspace_id")
                    .col("user_id")
                    .unique()
                    .take(),
            )
            .await?;
        index(
            manager,
            "ix_workspace_members__user",
            "workspace_members",
            &["user_id"],
        )
        .await?;

        manager
            .create_table(
                created_updated(
                    Table::create()
                        .table("workspace_invitations")
                        .col(pk_uuid("id"))
                        .col(uuid("workspace_id"))
                        .col(string_len("email", 254))
                        .col(string("role"))
                        .col(string("token_hash"))
                        .col(uuid("invited_by"))
                        .col(timestamp_with_time_zone("expires_at"))
                        .col(timestamp_with_time_zone_null("responded_at"))
                        .col(boolean("accepted"))
                        .col(timestamp_with_time_zone_null("deleted_at"))
                        .foreign_key(&mut fk(
                            "workspace_invitations",
                            "workspace_id",
                            "workspaces",
                        )),
                )
                .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_workspace_invitations__token")
                    .table("workspace_invitations")
                    .col("token_hash")
                    .unique()
                    .take(),
            )
            .await?;
        unique_live(
            manager,
            "ux_workspace_invitations__email",
            "workspace_invitations",
            "workspace_id, email",
            "responded_at IS NULL AND deleted_at IS NULL",
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["workspace_invitations", "workspace_members", "workspaces"] {
            manager
                .drop_table(Table::drop().table(table).take())
                .await?;
        }
        Ok(())
    }
}
