//! Workspace members in Plane's shape, and role changes, removal, leaving, transfer.

use axum::{extract::State, http::StatusCode};
use glider_domain::{UserId, WorkspaceRole, model::workspaces::WorkspaceMember};
use glider_service::workspaces::members::{self, MemberFilter};
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

/// The member filters Plane's SDK sends (text filters match case-insensitively).
#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct MemberQuery {
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub display_name: Option<String>,
    pub is_active: Option<bool>,
    /// owner, admin, member or guest.
    pub role_slug: Option<String>,
}

/// Every member of the workspace, newest first (a bare array, as in Plane).
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/members/", tag = "workspaces",
    params(("slug" = String, Path), MemberQuery), responses((status = 200, body = [WorkspaceMemberResponse]), (status = 403), (status = 404)))]
pub async fn list_workspace_members(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(query): ApiQuery<MemberQuery>,
) -> ApiResult<axum::Json<Vec<WorkspaceMemberResponse>>> {
    let role = match query.role_slug.as_deref() {
        Some(raw) => Some(
            WorkspaceRole::from_stored(raw)
                .ok_or_else(|| ApiError::field("role_slug", "Not a valid role."))?,
        ),
        None => None,
    };
    let filter = MemberFilter {
        email: query.email,
        first_name: query.first_name,
        last_name: query.last_name,
        display_name: query.display_name,
        is_active: query.is_active,
        role,
    };
    let list = members::list(&state.ctx, &actor, &slug, &filter).await?;
    Ok(axum::Json(list.iter().map(Into::into).collect()))
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
