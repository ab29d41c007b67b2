//! Entities of pages, saved views and favorites.

pub mod page {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "pages")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub project_id: Option<Uuid>,
        pub parent_id: Option<Uuid>,
        pub owned_by: Uuid,
        pub name: String,
        pub description_html: String,
        pub description_stripped: String,
        #[sea_orm(column_type = "Blob", nullable)]
        pub description_binary: Option<Vec<u8>>,
        pub access: i16,
        pub color: String,
        #[sea_orm(column_type = "JsonBinary")]
        pub logo_props: Json,
        #[sea_orm(column_type = "JsonBinary")]
        pub view_props: Json,
        pub is_locked: bool,
        pub archived_at: Option<DateTimeUtc>,
        pub sort_order: f64,
        pub external_source: Option<String>,
        pub external_id: Option<String>,
        pub deleted_at: Option<DateTimeUtc>,
        pub created_by: Uuid,
        pub updated_by: Option<Uuid>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}

pub mod saved_view {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "saved_views")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub project_id: Option<Uuid>,
        pub owned_by: Uuid,
        pub name: String,
        pub description: String,
        #[sea_orm(column_type = "JsonBinary")]
        pub filters: Json,
        #[sea_orm(column_type = "JsonBinary")]
        pub display_filters: Json,
        #[sea_orm(column_type = "JsonBinary")]
        pub display_properties: Json,
        #[sea_orm(column_type = "JsonBinary")]
        pub logo_props: Json,
        pub access: i16,
        pub is_locked: bool,
        pub sort_order: f64,
        pub deleted_at: Option<DateTimeUtc>,
        pub created_by: Uuid,
        pub updated_by: Option<Uuid>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}

pub mod user_favorite {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "user_favorites")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub user_id: Uuid,
        pub entity_type: String,
        pub entity_identifier: Uuid,
        pub project_id: Option<Uuid>,
        pub sequence: f64,
        pub created_at: DateTimeUtc,
    }
    no_relations!();
}
