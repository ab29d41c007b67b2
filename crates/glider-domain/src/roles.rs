//! Roles in a workspace and in a project. Plane renders both as numbers (20 admin, 15 member,
//! 5 guest); the workspace owner is an admin with the extra right to delete and transfer.

use serde::{Deserialize, Serialize};

use crate::ValidationError;

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum WorkspaceRole {
    Guest,
    Member,
    Admin,
    Owner,
}

impl WorkspaceRole {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Guest => "guest",
            Self::Member => "member",
            Self::Admin => "admin",
            Self::Owner => "owner",
        }
    }

    /// Plane's numeric role (the owner is an admin there).
    pub fn plane_code(self) -> i32 {
        match self {
            Self::Guest => 5,
            Self::Member => 15,
            Self::Admin | Self::Owner => 20,
        }
    }

    /// Parses a stored or requested role: a name, or Plane's number.
    pub fn parse(field: &str, value: &serde_json::Value) -> Result<Self, ValidationError> {
        let role = match value {
            serde_json::Value::String(s) => match s.as_str() {
                "guest" => Some(Self::Guest),
                "member" => Some(Self::Member),
                "admin" => Some(Self::Admin),
                "owner" => Some(Self::Owner),
                _ => None,
            },
            serde_json::Value::Number(n) => match n.as_i64() {
                Some(5) => Some(Self::Guest),
                Some(15) => Some(Self::Member),
                Some(20) => Some(Self::Admin),
                _ => None,
            },
            _ => None,
        };
        role.ok_or_else(|| ValidationError::new(field, format!("{value} is not a valid choice.")))
    }

    pub fn from_stored(value: &str) -> Option<Self> {
        Self::parse("role", &serde_json::Value::String(value.to_owned())).ok()
    }
}

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ProjectRole {
    Guest,
    Member,
    Admin,
}

impl ProjectRole {
    pub fn plane_code(self) -> i32 {
        match self {
            Self::Guest => 5,
            Self::Member => 15,
            Self::Admin => 20,
        }
    }

    pub fn from_plane_code(code: i64) -> Option<Self> {
        match code {
            5 => Some(Self::Guest),
            15 => Some(Self::Member),
            20 => Some(Self::Admin),
            _ => None,
        }
    }

    /// Parses Plane's number or a role name.
    pub fn parse(field: &str, value: &serde_json::Value) -> Result<Self, ValidationError> {
        let role = match value {
            serde_json::Value::Number(n) => n.as_i64().and_then(Self::from_plane_code),
            serde_json::Value::String(s) => match s.as_str() {
                "guest" => Some(Self::Guest),
                "member" => Some(Self::Member),
                "admin" => Some(Self::Admin),
                _ => None,
            },
            _ => None,
        };
        role.ok_or_else(|| {
            ValidationError::new(field, format!("\"{value}\" is not a valid choice."))
        })
    }

    /// A workspace guest stays a guest in every project, whatever the project row says.
    pub fn capped_by(self, workspace: WorkspaceRole) -> Self {
        if workspace == WorkspaceRole::Guest {
            Self::Guest
        } else {
            self
        }
    }
}
