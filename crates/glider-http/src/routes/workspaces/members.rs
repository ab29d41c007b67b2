//! Workspace members in Plane's shape, and role changes, removal, leaving, transfer.

use axum::{extract::State, http::StatusCode};
use glider_domain::{ProjectRole, UserId, WorkspaceRole, model::workspaces::WorkspaceMember};
use glider_service::workspaces::{
    members::{self, MemberFilter},
    project_roles::{self, RoleDistribution},
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    AppState,
    auth::CurrentActor,
    error::{ApiError, ApiResult},
    extract::{ApiJson, ApiPath, ApiQuery},
    views::UserLite,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_workspace_members))
        .routes(routes!(get_project_role_distribution))
        .routes(routes!(update_workspace_member, remove_workspace_member))
        .routes(routes!(leave_workspace))
        .routes(routes!(transfer_workspace_ownership))
}

/// A member: Plane's `UserLite` with the role.
#[derive(Debug, Serialize, ToSchema)]
pub struct WorkspaceMemberResponse {
    #[serde(flatten)]
    pub user: UserLite,
    pub role: i32,
    pub role_slug: WorkspaceRole,
    pub is_active: bool,
    pub is_bot: bool,
    pub member_id: Uuid,
}

impl From<&WorkspaceMember> for WorkspaceMemberResponse {
    fn from(member: &WorkspaceMember) -> Self {
        Self {
            user: (&member.user).into(),
            role: member.role.plane_code(),
            role_slug: member.role,
            is_active: member.is_active,
            is_bot: false,
            member_id: member.id.0,
        }
    }
}

/// The member filters Plane's SDK sends: text filters match case-insensitively anywhere,
/// `role_slug` and the booleans (`true` / `false`) exactly.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MemberQuery {
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub display_name: Option<String>,
    /// owner, admin, member or guest (on project lists: admin, member or guest).
    pub role_slug: Option<String>,
    pub is_active: Option<bool>,
    /// Glider has no bot accounts: `true` matches nobody.
    pub is_bot: Option<bool>,
}

impl From<MemberQuery> for MemberFilter {
    fn from(q: MemberQuery) -> Self {
        Self {
            email: q.email,
            first_name: q.first_name,
            last_name: q.last_name,
            display_name: q.display_name,
            role_slug: q.role_slug,
            is_active: q.is_active,
            is_bot: q.is_bot,
        }
    }
}

/// Every member of the workspace, newest first (a bare array, as in Plane).
///
/// The SDK's filters narrow the list.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/members/", tag = "workspaces",
    params(("slug" = String, Path), MemberQuery), responses((status = 200, body = [WorkspaceMemberResponse]), (status = 400), (status = 403), (status = 404)))]
pub async fn list_workspace_members(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(query): ApiQuery<MemberQuery>,
) -> ApiResult<axum::Json<Vec<WorkspaceMemberResponse>>> {
    let list = members::list(&state.ctx, &actor, &slug, &query.into()).await?;
    Ok(axum::Json(list.iter().map(Into::into).collect()))
}

/// One project role in the distribution.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoleCountResponse {
    /// Glider's roles are built in, not records: always null.
    pub role_id: Option<Uuid>,
    pub name: String,
    /// admin, member or guest.
    pub slug: ProjectRole,
    /// Plane's number: 20, 15 or 5.
    pub level: i32,
    pub is_system: bool,
    pub membership_count: u64,
    pub distinct_member_count: u64,
}

/// How project memberships spread over the roles.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoleDistributionResponse {
    pub roles: Vec<RoleCountResponse>,
    pub total_memberships: u64,
    pub total_distinct_members: u64,
}

impl From<&RoleDistribution> for RoleDistributionResponse {
    fn from(d: &RoleDistribution) -> Self {
        let name = |role: ProjectRole| match role {
            ProjectRole::Admin => "Admin",
            ProjectRole::Member => "Member",
            ProjectRole::Guest => "Guest",
        };
        Self {
            roles: d
                .roles
                .iter()
                .map(|r| RoleCountResponse {
                    role_id: None,
                    name: name(r.role).to_owned(),
                    slug: r.role,
                    level: r.role.plane_code(),
                    is_system: true,
                    membership_count: r.memberships,
                    distinct_member_count: r.members,
                })
                .collect(),
            total_memberships: d.total_memberships,
            total_distinct_members: d.total_members,
        }
    }
}

/// Project memberships per role across the workspace (workspace admins).
///
/// Counts the active memberships of live, unarchived projects, and the distinct people.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/project-role-distribution/", tag = "workspaces",
    params(("slug" = String, Path)), responses((status = 200, body = RoleDistributionResponse), (status = 403), (status = 404)))]
pub async fn get_project_role_distribution(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<axum::Json<RoleDistributionResponse>> {
    let report = project_roles::distribution(&state.ctx, &actor, &slug).await?;
    Ok(axum::Json((&report).into()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct UpdateMemberRequest {
    /// admin, member, guest (or Plane's 20, 15, 5).
    #[schema(value_type = String)]
    pub role: serde_json::Value,
}

/// Changes a member's role (admins).
#[utoipa::path(patch, path = "/api/v1/workspaces/{slug}/members/{user_id}/", tag = "workspaces",
    params(("slug" = String, Path), ("user_id" = Uuid, Path)), request_body = UpdateMemberRequest,
    responses((status = 200, body = WorkspaceMemberResponse), (status = 400), (status = 403), (status = 404)))]
pub async fn update_workspace_member(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, user_id)): ApiPath<(String, Uuid)>,
    ApiJson(body): ApiJson<UpdateMemberRequest>,
) -> ApiResult<axum::Json<WorkspaceMemberResponse>> {
    let role = WorkspaceRole::parse("role", &body.role)
        .map_err(|e| ApiError::field(&e.field, &e.message))?;
    let member = members::change_role(&state.ctx, &actor, &slug, UserId(user_id), role).await?;
    Ok(axum::Json((&member).into()))
}

/// Removes a member (admins); they also leave every project of the workspace.
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/members/{user_id}/", tag = "workspaces",
    params(("slug" = String, Path), ("user_id" = Uuid, Path)), responses((status = 204), (status = 400), (status = 403), (status = 404)))]
pub async fn remove_workspace_member(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, user_id)): ApiPath<(String, Uuid)>,
) -> ApiResult<StatusCode> {
    members::remove(&state.ctx, &actor, &slug, UserId(user_id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Leaves the workspace (the owner must transfer ownership first).
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/leave/", tag = "workspaces",
    params(("slug" = String, Path)), responses((status = 204), (status = 400), (status = 404)))]
pub async fn leave_workspace(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<StatusCode> {
    members::leave(&state.ctx, &actor, &slug).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct TransferOwnershipRequest {
    /// The member who becomes the owner.
    pub user_id: Uuid,
}

/// Makes another member the owner (owner only); the former owner stays an admin.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/transfer-ownership/", tag = "workspaces",
    params(("slug" = String, Path)), request_body = TransferOwnershipRequest,
    responses((status = 204), (status = 400), (status = 403), (status = 404)))]
pub async fn transfer_workspace_ownership(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
    ApiJson(body): ApiJson<TransferOwnershipRequest>,
) -> ApiResult<StatusCode> {
    members::transfer_ownership(&state.ctx, &actor, &slug, UserId(body.user_id)).await?;
    Ok(StatusCode::NO_CONTENT)
}
