//! SeaORM entities. They stay inside this crate: repositories turn them into domain records.

macro_rules! no_relations {
    () => {
        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}
        impl ActiveModelBehavior for ActiveModel {}
    };
}

pub mod instance_setting {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "instance_settings")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub key: String,
        pub value: String,
    }
    no_relations!();
}

pub mod user {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "users")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub email: String,
        pub password_hash: String,
        pub first_name: String,
        pub last_name: String,
        pub display_name: String,
        pub avatar: String,
        pub timezone: String,
        pub is_active: bool,
        pub failed_logins: i32,
        pub locked_until: Option<DateTimeUtc>,
        pub last_login_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}

pub mod session {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "sessions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub user_id: Uuid,
        pub kind: String,
        pub secret_hash: Option<String>,
        pub csrf_token: Option<String>,
        pub user_agent: Option<String>,
        pub ip: Option<String>,
        pub created_at: DateTimeUtc,
        pub last_seen_at: DateTimeUtc,
        pub expires_at: DateTimeUtc,
        pub revoked_at: Option<DateTimeUtc>,
        pub revoked_reason: Option<String>,
    }
    no_relations!();
}

pub mod refresh_token {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "refresh_tokens")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub session_id: Uuid,
        pub token_hash: String,
        pub created_at: DateTimeUtc,
        pub expires_at: DateTimeUtc,
        pub rotated_at: Option<DateTimeUtc>,
    }
    no_relations!();
}

pub mod api_token {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "api_tokens")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub user_id: Uuid,
        pub name: String,
        pub token_hash: String,
        pub token_hint: String,
        pub created_at: DateTimeUtc,
        pub expires_at: Option<DateTimeUtc>,
        pub last_used_at: Option<DateTimeUtc>,
        pub revoked_at: Option<DateTimeUtc>,
    }
    no_relations!();
}

pub mod event {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "events")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub seq: i64,
        pub id: Uuid,
        pub workspace_id: Option<Uuid>,
        pub project_id: Option<Uuid>,
        pub actor_id: Option<Uuid>,
        pub kind: String,
        pub subject_id: Uuid,
        #[sea_orm(column_type = "JsonBinary")]
        pub payload: Json,
        pub at: DateTimeUtc,
    }
    no_relations!();
}

pub mod workspace {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "workspaces")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub slug: String,
        pub name: String,
        pub owner_id: Uuid,
        pub timezone: String,
        pub created_by: Uuid,
        pub updated_by: Option<Uuid>,
        pub deleted_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}

pub mod workspace_member {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "workspace_members")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub user_id: Uuid,
        pub role: String,
        pub is_active: bool,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}

pub mod workspace_invitation {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "workspace_invitations")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub email: String,
        pub role: String,
        pub token_hash: String,
        pub invited_by: Uuid,
        pub expires_at: DateTimeUtc,
        pub responded_at: Option<DateTimeUtc>,
        pub accepted: bool,
        pub deleted_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}

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
