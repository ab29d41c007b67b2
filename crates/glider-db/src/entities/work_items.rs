//! Entities of work items and what hangs off them.

pub mod work_item {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "work_items")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub project_id: Uuid,
        pub sequence_id: i32,
        pub name: String,
        pub description_html: String,
        pub description_stripped: String,
        pub description_binary: Option<Vec<u8>>,
        pub priority: String,
        pub state_id: Option<Uuid>,
        pub parent_id: Option<Uuid>,
        pub estimate_point_id: Option<Uuid>,
        pub type_id: Option<Uuid>,
        pub point: Option<i16>,
        pub start_date: Option<Date>,
        pub target_date: Option<Date>,
        pub sort_order: f64,
        pub completed_at: Option<DateTimeUtc>,
        pub archived_at: Option<Date>,
        pub is_draft: bool,
        pub estimate_time: Option<i32>,
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

pub mod work_item_assignee {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "work_item_assignees")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub project_id: Uuid,
        pub work_item_id: Uuid,
        pub user_id: Uuid,
        pub created_at: DateTimeUtc,
    }
    no_relations!();
}

pub mod work_item_label {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "work_item_labels")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub project_id: Uuid,
        pub work_item_id: Uuid,
        pub label_id: Uuid,
        pub created_at: DateTimeUtc,
    }
    no_relations!();
}

pub mod work_item_comment {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "work_item_comments")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub project_id: Uuid,
        pub work_item_id: Uuid,
        pub comment_html: String,
        pub comment_stripped: String,
        #[sea_orm(column_type = "JsonBinary", nullable)]
        pub comment_json: Option<Json>,
        pub access: String,
        pub actor_id: Option<Uuid>,
        pub parent_id: Option<Uuid>,
        pub edited_at: Option<DateTimeUtc>,
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

pub mod work_item_link {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "work_item_links")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub project_id: Uuid,
        pub work_item_id: Uuid,
        pub url: String,
        pub title: Option<String>,
        #[sea_orm(column_type = "JsonBinary")]
        pub metadata: Json,
        pub created_by: Option<Uuid>,
        pub updated_by: Option<Uuid>,
        pub deleted_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}

pub mod work_item_activity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "work_item_activities")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub project_id: Uuid,
        pub work_item_id: Uuid,
        pub verb: String,
        pub field: Option<String>,
        pub old_value: Option<String>,
        pub new_value: Option<String>,
        pub old_identifier: Option<Uuid>,
        pub new_identifier: Option<Uuid>,
        pub comment: String,
        pub comment_id: Option<Uuid>,
        pub actor_id: Option<Uuid>,
        pub event_id: Option<Uuid>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}

pub mod work_item_relation {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "work_item_relations")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub project_id: Uuid,
        pub work_item_id: Uuid,
        pub related_work_item_id: Uuid,
        pub relation_type: String,
        pub created_by: Option<Uuid>,
        pub deleted_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}
