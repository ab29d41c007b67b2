//! Entities of intake (the triage queue) and work logs.

pub mod project_intake {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "intakes")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub project_id: Uuid,
        pub name: String,
        pub description: String,
        pub is_default: bool,
        pub created_by: Option<Uuid>,
        pub deleted_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}

pub mod intake_item {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "intake_items")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub project_id: Uuid,
        pub intake_id: Uuid,
        pub work_item_id: Uuid,
        pub status: i16,
        pub snoozed_till: Option<DateTimeUtc>,
        pub duplicate_to: Option<Uuid>,
        pub source: String,
        pub source_email: Option<String>,
        pub external_source: Option<String>,
        pub external_id: Option<String>,
        #[sea_orm(column_type = "JsonBinary")]
        pub extra: Json,
        pub created_by: Option<Uuid>,
        pub updated_by: Option<Uuid>,
        pub deleted_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}

pub mod work_log {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "work_logs")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub project_id: Uuid,
        pub work_item_id: Uuid,
        pub duration: i32,
        pub description: String,
        pub logged_at: Date,
        pub logged_by: Uuid,
        pub created_by: Option<Uuid>,
        pub updated_by: Option<Uuid>,
        pub deleted_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}
