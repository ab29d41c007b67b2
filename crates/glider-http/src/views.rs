//! Response shapes shared by several routes, in Plane's field names.

use chrono::{DateTime, Utc};
use glider_domain::model::accounts::User;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// Plane's `UserLite`.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserLite {
    pub id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub avatar: String,
    pub avatar_url: Option<String>,
    pub display_name: String,
}

impl From<&User> for UserLite {
    fn from(user: &User) -> Self {
        Self {
            id: user.id.0,
            first_name: user.first_name.clone(),
            last_name: user.last_name.clone(),
            email: Some(user.email.as_str().to_owned()),
            avatar: user.avatar.clone(),
            avatar_url: (!user.avatar.is_empty()).then(|| user.avatar.clone()),
            display_name: user.display_name.clone(),
        }
    }
}

/// The signed-in user's own account.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeResponse {
    #[serde(flatten)]
    pub user: UserLite,
    pub timezone: String,
    pub is_active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<&User> for MeResponse {
    fn from(user: &User) -> Self {
        Self {
            user: user.into(),
            timezone: user.timezone.clone(),
            is_active: user.is_active,
            created_at: user.created_at,
            updated_at: user.updated_at,
        }
    }
}

/// Renders a value as JSON, or an empty object if it cannot be (it always can for our types).
pub fn to_value<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}
