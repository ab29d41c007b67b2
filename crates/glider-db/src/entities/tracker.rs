//! Entities of the tracker context.

pub mod project {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "projects")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub name: String,
        pub identifier: String,
        pub description: String,
        pub network: i16,
        pub project_lead: Option<Uuid>,
        pub default_assignee: Option<Uuid>,
        pub emoji: Option<String>,
        #[sea_orm(column_type = "JsonBinary", nullable)]
        pub icon_prop: Option<Json>,
        #[sea_orm(column_type = "JsonBinary")]
        pub logo_props: Json,
        pub cover_image: Option<String>,
        pub module_view: bool,
        pub cycle_view: bool,
        pub issue_views_view: bool,
        pub page_view: bool,
        pub intake_view: bool,
        pub is_time_tracking_enabled: bool,
        pub is_issue_type_enabled: bool,
        pub guest_view_all_features: bool,
        pub archive_in: i16,
        pub close_in: i16,
        pub timezone: String,
        pub external_source: Option<String>,
        pub external_id: Option<String>,
        pub default_state_id: Option<Uuid>,
        pub estimate_id: Option<Uuid>,
        /// The last work-item number issued in the project.
        pub work_item_sequence: i32,
        pub archived_at: Option<DateTimeUtc>,
        pub deleted_at: Option<DateTimeUtc>,
        pub created_by: Uuid,
        pub updated_by: Option<Uuid>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}

pub mod project_member {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "project_members")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub project_id: Uuid,
        pub user_id: Uuid,
        pub role: i16,
        pub is_active: bool,
        pub sort_order: f64,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}

pub mod state {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "states")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub project_id: Uuid,
        pub name: String,
        pub description: String,
        pub color: String,
        pub slug: String,
        pub sequence: f64,
        pub state_group: String,
        pub is_triage: bool,
        pub is_default: bool,
        pub external_source: Option<String>,
        pub external_id: Option<String>,
        pub deleted_at: Option<DateTimeUtc>,
        pub created_by: Option<Uuid>,
        pub updated_by: Option<Uuid>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}
