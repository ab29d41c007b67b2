//! Entities of cycles and modules and the work items in them.

pub mod cycle {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "cycles")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub project_id: Uuid,
        pub name: String,
        pub description: String,
        pub start_date: Option<DateTimeUtc>,
        pub end_date: Option<DateTimeUtc>,
        #[sea_orm(column_type = "JsonBinary")]
        pub view_props: Json,
        pub sort_order: f64,
        pub external_source: Option<String>,
        pub external_id: Option<String>,
        #[sea_orm(column_type = "JsonBinary")]
        pub progress_snapshot: Json,
        pub archived_at: Option<DateTimeUtc>,
        #[sea_orm(column_type = "JsonBinary")]
        pub logo_props: Json,
        pub timezone: String,
        pub version: i32,
        pub owned_by: Uuid,
        pub created_by: Option<Uuid>,
        pub updated_by: Option<Uuid>,
        pub deleted_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}

pub mod cycle_work_item {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "cycle_work_items")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub project_id: Uuid,
        pub cycle_id: Uuid,
        pub work_item_id: Uuid,
        pub created_by: Option<Uuid>,
        pub updated_by: Option<Uuid>,
        pub deleted_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}

pub mod module {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "modules")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub project_id: Uuid,
        pub name: String,
        pub description: String,
        #[sea_orm(column_type = "JsonBinary", nullable)]
        pub description_text: Option<Json>,
        #[sea_orm(column_type = "JsonBinary", nullable)]
        pub description_html: Option<Json>,
        pub start_date: Option<Date>,
        pub target_date: Option<Date>,
        pub status: String,
        #[sea_orm(column_type = "JsonBinary")]
        pub view_props: Json,
        pub sort_order: f64,
        pub external_source: Option<String>,
        pub external_id: Option<String>,
        pub archived_at: Option<DateTimeUtc>,
        #[sea_orm(column_type = "JsonBinary")]
        pub logo_props: Json,
        pub lead_id: Option<Uuid>,
        pub created_by: Option<Uuid>,
        pub updated_by: Option<Uuid>,
        pub deleted_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}

pub mod module_work_item {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "module_work_items")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub project_id: Uuid,
        pub module_id: Uuid,
        pub work_item_id: Uuid,
        pub created_by: Option<Uuid>,
        pub updated_by: Option<Uuid>,
        pub deleted_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}

pub mod module_member {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "module_members")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub project_id: Uuid,
        pub module_id: Uuid,
        pub user_id: Uuid,
        pub created_at: DateTimeUtc,
    }
    no_relations!();
}
