//! Entities of outgoing webhooks and their deliveries.

pub mod webhook {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "webhooks")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub workspace_id: Uuid,
        #[sea_orm(column_type = "Text")]
        pub url: String,
        pub secret: String,
        pub project: bool,
        pub issue: bool,
        pub module: bool,
        pub cycle: bool,
        pub issue_comment: bool,
        #[sea_orm(column_type = "JsonBinary")]
        pub event_kinds: Json,
        pub is_active: bool,
        pub is_failing: bool,
        pub consecutive_failures: i32,
        pub failing_since: Option<DateTimeUtc>,
        pub created_by: Option<Uuid>,
        pub updated_by: Option<Uuid>,
        pub deleted_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}

pub mod webhook_delivery {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "webhook_deliveries")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub webhook_id: Uuid,
        pub workspace_id: Uuid,
        pub event_id: Uuid,
        pub event_kind: String,
        #[sea_orm(column_type = "Text")]
        pub payload: String,
        pub status: String,
        pub attempts: i32,
        pub next_attempt_at: DateTimeUtc,
        pub locked_until: Option<DateTimeUtc>,
        pub locked_by: Option<String>,
        pub response_status: Option<i32>,
        #[sea_orm(column_type = "Text", nullable)]
        pub response_body: Option<String>,
        pub latency_ms: Option<i64>,
        #[sea_orm(column_type = "Text", nullable)]
        pub last_error: Option<String>,
        pub last_attempt_at: Option<DateTimeUtc>,
        #[sea_orm(column_type = "JsonBinary")]
        pub history: Json,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}
