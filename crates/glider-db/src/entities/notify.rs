//! Entities of notifications, work-item subscriptions and notification preferences.

pub mod notification {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "notifications")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub project_id: Option<Uuid>,
        pub receiver_id: Uuid,
        pub actor_id: Option<Uuid>,
        pub kind: String,
        pub entity_name: String,
        pub entity_id: Option<Uuid>,
        pub identifier: Option<String>,
        pub title: String,
        #[sea_orm(column_type = "Text")]
        pub message: String,
        #[sea_orm(column_type = "JsonBinary")]
        pub data: Json,
        pub event_id: Uuid,
        pub read_at: Option<DateTimeUtc>,
        pub archived_at: Option<DateTimeUtc>,
        pub snoozed_till: Option<DateTimeUtc>,
        pub digest_pending: bool,
        pub emailed_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}

pub mod work_item_subscriber {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "work_item_subscribers")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub project_id: Uuid,
        pub work_item_id: Uuid,
        pub user_id: Uuid,
        pub subscribed: bool,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}

pub mod notification_preference {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "notification_preferences")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub user_id: Uuid,
        pub kind: String,
        pub in_app: bool,
        pub email: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}

pub mod notification_digest_lease {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "notification_digest_lease")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub name: String,
        pub lease_owner: Option<String>,
        pub lease_until: Option<DateTimeUtc>,
        pub last_run_at: Option<DateTimeUtc>,
    }
    no_relations!();
}
