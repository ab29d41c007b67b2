use chrono::{DateTime, Utc};

use crate::{
    InvitationId, UserId, WorkspaceId, WorkspaceMemberId, WorkspaceRole, model::accounts::User,
};

#[derive(Clone, Debug)]
pub struct Workspace {
    pub id: WorkspaceId,
    pub slug: String,
    pub name: String,
    pub owner_id: UserId,
    pub timezone: String,
    pub created_by: UserId,
    pub updated_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct WorkspaceMember {
    pub id: WorkspaceMemberId,
    pub workspace_id: WorkspaceId,
    pub user: User,
    pub role: WorkspaceRole,
    pub is_active: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct Invitation {
    pub id: InvitationId,
    pub workspace_id: WorkspaceId,
    pub email: String,
    pub role: WorkspaceRole,
    pub invited_by: UserId,
    pub expires_at: DateTime<Utc>,
    pub responded_at: Option<DateTime<Utc>>,
    pub accepted: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}
