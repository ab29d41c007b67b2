//! `/api/v1/workspaces/…`: workspaces, members, invitations.

mod favorites;
mod invitations;
mod members;

pub(crate) use members::MemberQuery;

use axum::{extract::State, http::StatusCode};
use chrono::{DateTime, Utc};
use glider_domain::{WorkspaceRole, model::workspaces::Workspace};
use glider_service::workspaces;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    AppState,
    auth::CurrentActor,
    error::ApiResult,
    extract::{ApiPath, JsonObject},
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_workspaces, create_workspace))
        .routes(routes!(get_workspace, update_workspace, delete_workspace))
        .merge(members::router())
        .merge(invitations::router())
        .merge(favorites::router())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WorkspaceResponse {
    pub id: Uuid,
    pub name: String,
    pub slug: String,
    pub owner: Uuid,
    pub timezone: String,
    /// The caller's role, as Plane's number (20 admin/owner, 15 member, 5 guest).
    pub role: i32,
    /// The caller's role by name: owner, admin, member, guest.
    pub role_slug: WorkspaceRole,
    pub created_by: Uuid,
    pub updated_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl WorkspaceResponse {
    pub fn new(ws: &Workspace, role: WorkspaceRole) -> Self {
        Self {
            id: ws.id.0,
            name: ws.name.clone(),
            slug: ws.slug.clone(),
            owner: ws.owner_id.0,
            timezone: ws.timezone.clone(),
            role: role.plane_code(),
            role_slug: role,
            created_by: ws.created_by.0,
            updated_by: ws.updated_by.map(|id| id.0),
            created_at: ws.created_at,
            updated_at: ws.updated_at,
        }
    }
}

/// Body of a workspace create or update.
#[derive(Debug, ToSchema)]
#[expect(
    dead_code,
    reason = "documents the body; the service reads it field by field"
)]
pub struct WorkspaceRequest {
    /// Lower-case letters, digits and dashes; fixed once created.
    pub slug: Option<String>,
    pub name: Option<String>,
    /// An IANA zone; UTC if absent.
    pub timezone: Option<String>,
}

/// Workspaces the caller belongs to.
#[utoipa::path(get, path = "/api/v1/workspaces/", tag = "workspaces", responses((status = 200, body = [WorkspaceResponse])))]
pub async fn list_workspaces(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
) -> ApiResult<axum::Json<Vec<WorkspaceResponse>>> {
    let list = workspaces::list_mine(&state.ctx, &actor).await?;
    Ok(axum::Json(
        list.iter()
            .map(|(ws, role)| WorkspaceResponse::new(ws, *role))
            .collect(),
    ))
}

/// Creates a workspace; the caller becomes its owner.
#[utoipa::path(post, path = "/api/v1/workspaces/", tag = "workspaces", request_body = WorkspaceRequest,
    responses((status = 201, body = WorkspaceResponse), (status = 400), (status = 409)))]
pub async fn create_workspace(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    JsonObject(body): JsonObject,
) -> ApiResult<(StatusCode, axum::Json<WorkspaceResponse>)> {
    let ws = workspaces::create(&state.ctx, actor.user.id, &body).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(WorkspaceResponse::new(&ws, WorkspaceRole::Owner)),
    ))
}

/// One workspace the caller belongs to.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/", tag = "workspaces", params(("slug" = String, Path)),
    responses((status = 200, body = WorkspaceResponse), (status = 404)))]
pub async fn get_workspace(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<axum::Json<WorkspaceResponse>> {
    let found = workspaces::get(&state.ctx, &actor, &slug).await?;
    Ok(axum::Json(WorkspaceResponse::new(
        &found.workspace,
        found.access.role,
    )))
}

/// Renames the workspace or changes its time zone (admins).
#[utoipa::path(patch, path = "/api/v1/workspaces/{slug}/", tag = "workspaces", params(("slug" = String, Path)),
    request_body = WorkspaceRequest, responses((status = 200, body = WorkspaceResponse), (status = 400), (status = 403), (status = 404)))]
pub async fn update_workspace(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<WorkspaceResponse>> {
    let found = workspaces::update(&state.ctx, &actor, &slug, &body).await?;
    Ok(axum::Json(WorkspaceResponse::new(
        &found.workspace,
        found.access.role,
    )))
}

/// Deletes the workspace (owner only; soft delete, the slug stays reserved).
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/", tag = "workspaces", params(("slug" = String, Path)),
    responses((status = 204), (status = 403), (status = 404)))]
pub async fn delete_workspace(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<StatusCode> {
    workspaces::delete(&state.ctx, &actor, &slug).await?;
    Ok(StatusCode::NO_CONTENT)
}
