//! Entities of uploaded files.

pub mod file_asset {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "file_assets")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub project_id: Option<Uuid>,
        pub work_item_id: Option<Uuid>,
        pub entity_type: String,
        pub asset: String,
        pub name: String,
        pub content_type: String,
        pub size: i64,
        pub is_uploaded: bool,
        #[sea_orm(column_type = "JsonBinary", nullable)]
        pub storage_metadata: Option<Json>,
        pub external_source: Option<String>,
        pub external_id: Option<String>,
        pub created_by: Option<Uuid>,
        pub updated_by: Option<Uuid>,
        pub deleted_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}
