//! Invitations: managed by workspace admins (Plane's paths), answered by the invitee.

use axum::{extract::State, http::StatusCode};
use chrono::{DateTime, Utc};
use glider_domain::{InvitationId, WorkspaceRole, model::workspaces::Invitation};
use glider_service::workspaces::invitations;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    AppState,
    auth::CurrentActor,
    error::ApiResult,
    extract::{ApiJson, ApiPath, JsonObject},
    routes::workspaces::WorkspaceResponse,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_invitations, create_invitation))
        .routes(routes!(
            get_invitation,
            update_invitation,
            revoke_invitation
        ))
        .routes(routes!(list_my_invitations))
        .routes(routes!(accept_invitation))
        .routes(routes!(decline_invitation))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationResponse {
    pub id: Uuid,
    pub workspace: Uuid,
    pub email: String,
    /// Plane's number: 20 admin, 15 member, 5 guest.
    pub role: i32,
    pub role_slug: WorkspaceRole,
    pub invited_by: Uuid,
    pub accepted: bool,
    pub responded_at: Option<DateTime<Utc>>,
    pub expires_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Present only when the invitation is created: the secret token and the link to send.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invitation_link: Option<String>,
}

impl From<&Invitation> for InvitationResponse {
    fn from(inv: &Invitation) -> Self {
        Self {
            id: inv.id.0,
            workspace: inv.workspace_id.0,
            email: inv.email.clone(),
            role: inv.role.plane_code(),
            role_slug: inv.role,
            invited_by: inv.invited_by.0,
            accepted: inv.accepted,
            responded_at: inv.responded_at,
            expires_at: inv.expires_at,
            created_at: inv.created_at,
            updated_at: inv.updated_at,
            token: None,
            invitation_link: None,
        }
    }
}

#[derive(Debug, ToSchema)]
#[expect(
    dead_code,
    reason = "documents the body; the service reads it field by field"
)]
pub struct InvitationRequest {
    pub email: Option<String>,
    /// admin, member, guest (or Plane's 20, 15, 5); guest if absent.
    #[schema(value_type = Option<String>)]
    pub role: Option<serde_json::Value>,
}

type SlugPath = ApiPath<String>;
type InvitationPath = ApiPath<(String, Uuid)>;

/// Invitations of the workspace (admins; a bare array, as in Plane).
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/invitations/", tag = "invitations",
    params(("slug" = String, Path)), responses((status = 200, body = [InvitationResponse]), (status = 403), (status = 404)))]
pub async fn list_invitations(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): SlugPath,
) -> ApiResult<axum::Json<Vec<InvitationResponse>>> {
    let list = invitations::list(&state.ctx, &actor, &slug).await?;
    Ok(axum::Json(list.iter().map(Into::into).collect()))
}

/// Invites an e-mail address (admins). The response carries the invitation link once.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/invitations/", tag = "invitations",
    params(("slug" = String, Path)), request_body = InvitationRequest,
    responses((status = 201, body = InvitationResponse), (status = 400), (status = 403), (status = 409)))]
pub async fn create_invitation(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): SlugPath,
    JsonObject(body): JsonObject,
) -> ApiResult<(StatusCode, axum::Json<InvitationResponse>)> {
    let created = invitations::create(&state.ctx, &actor, &slug, &body).await?;
    let mut response = InvitationResponse::from(&created.invitation);
    response.token = Some(created.token);
    response.invitation_link = Some(created.link);
    Ok((StatusCode::CREATED, axum::Json(response)))
}

/// One invitation (admins).
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/invitations/{invitation_id}/", tag = "invitations",
    params(("slug" = String, Path), ("invitation_id" = Uuid, Path)), responses((status = 200, body = InvitationResponse), (status = 404)))]
pub async fn get_invitation(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): InvitationPath,
) -> ApiResult<axum::Json<InvitationResponse>> {
    let invitation = invitations::get(&state.ctx, &actor, &slug, InvitationId(id)).await?;
    Ok(axum::Json((&invitation).into()))
}

/// Changes the role of a pending invitation (admins).
#[utoipa::path(patch, path = "/api/v1/workspaces/{slug}/invitations/{invitation_id}/", tag = "invitations",
    params(("slug" = String, Path), ("invitation_id" = Uuid, Path)), request_body = InvitationRequest,
    responses((status = 200, body = InvitationResponse), (status = 400), (status = 404)))]
pub async fn update_invitation(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): InvitationPath,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<InvitationResponse>> {
    let invitation =
        invitations::update(&state.ctx, &actor, &slug, InvitationId(id), &body).await?;
    Ok(axum::Json((&invitation).into()))
}

/// Revokes a pending invitation (admins).
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/invitations/{invitation_id}/", tag = "invitations",
    params(("slug" = String, Path), ("invitation_id" = Uuid, Path)), responses((status = 204), (status = 400), (status = 404)))]
pub async fn revoke_invitation(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): InvitationPath,
) -> ApiResult<StatusCode> {
    invitations::revoke(&state.ctx, &actor, &slug, InvitationId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A pending invitation addressed to the caller, with its workspace.
#[derive(Debug, Serialize, ToSchema)]
pub struct MyInvitationResponse {
    #[serde(flatten)]
    pub invitation: InvitationResponse,
    pub workspace_name: String,
    pub workspace_slug: String,
}

/// Pending invitations addressed to the caller's e-mail.
#[utoipa::path(get, path = "/api/v1/users/me/invitations/", tag = "invitations", responses((status = 200, body = [MyInvitationResponse])))]
pub async fn list_my_invitations(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
) -> ApiResult<axum::Json<Vec<MyInvitationResponse>>> {
    let list = invitations::list_mine(&state.ctx, &actor).await?;
    Ok(axum::Json(
        list.iter()
            .map(|(inv, ws)| MyInvitationResponse {
                invitation: inv.into(),
                workspace_name: ws.name.clone(),
                workspace_slug: ws.slug.clone(),
            })
            .collect(),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct InvitationAnswer {
    /// The token from the invitation link.
    pub token: String,
}

/// Accepts an invitation with its token; the caller must be the invited address.
#[utoipa::path(post, path = "/api/v1/invitations/accept/", tag = "invitations", request_body = InvitationAnswer,
    responses((status = 200, body = WorkspaceResponse), (status = 400), (status = 404)))]
pub async fn accept_invitation(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiJson(body): ApiJson<InvitationAnswer>,
) -> ApiResult<axum::Json<WorkspaceResponse>> {
    let workspace = invitations::respond(&state.ctx, &actor, &body.token, true).await?;
    let found = glider_service::workspaces::get(&state.ctx, &actor, &workspace.slug).await?;
    Ok(axum::Json(WorkspaceResponse::new(
        &found.workspace,
        found.access.role,
    )))
}

/// Declines an invitation with its token.
#[utoipa::path(post, path = "/api/v1/invitations/decline/", tag = "invitations", request_body = InvitationAnswer,
    responses((status = 204), (status = 400), (status = 404)))]
pub async fn decline_invitation(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiJson(body): ApiJson<InvitationAnswer>,
) -> ApiResult<StatusCode> {
    invitations::respond(&state.ctx, &actor, &body.token, false).await?;
    Ok(StatusCode::NO_CONTENT)
}
