//! A project's estimate and its points, in Plane's shapes and messages.

use axum::{extract::State, http::StatusCode};
use chrono::{DateTime, Utc};
use glider_domain::{
    ProjectId,
    model::catalog::{Estimate, EstimateId, EstimatePoint, EstimatePointId, EstimateType},
};
use glider_service::{ServiceError, tracker::estimates};
use serde::Serialize;
use serde_json::{Value, json};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    AppState,
    auth::CurrentActor,
    error::{ApiError, ApiResult},
    extract::{ApiJson, ApiPath, JsonObject},
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(
            get_estimate,
            create_estimate,
            update_estimate,
            delete_estimate
        ))
        .routes(routes!(list_estimate_points, create_estimate_points))
        .routes(routes!(update_estimate_point, delete_estimate_point))
}

/// Plane's own "not found" texts on these endpoints.
fn plane_error(error: ServiceError) -> ApiError {
    let message = match &error {
        ServiceError::NotFound {
            resource: "estimate",
        } => Some("Estimate not found"),
        ServiceError::NotFound {
            resource: "estimate_point",
        } => Some("Estimate point not found"),
        ServiceError::NotFound {
            resource: "project",
        } => Some("Project not found"),
        ServiceError::NotFound {
            resource: "workspace",
        } => Some("Workspace not found"),
        _ => None,
    };
    let api = ApiError::from(error);
    match message {
        Some(message) => api.with_extra("error", json!(message)),
        None => api,
    }
}

/// Plane's `Estimate`.
#[derive(Debug, Serialize, ToSchema)]
pub struct EstimateResponse {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub name: String,
    pub description: String,
    /// categories or points.
    #[serde(rename = "type")]
    pub estimate_type: EstimateType,
    pub last_used: bool,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    pub project: Uuid,
    pub workspace: Uuid,
}

impl From<&Estimate> for EstimateResponse {
    fn from(e: &Estimate) -> Self {
        Self {
            id: e.id.0,
            created_at: e.created_at,
            updated_at: e.updated_at,
            deleted_at: None,
            name: e.name.clone(),
            description: e.description.clone(),
            estimate_type: e.estimate_type,
            last_used: e.last_used,
            created_by: e.created_by.map(|id| id.0),
            updated_by: e.updated_by.map(|id| id.0),
            project: e.project_id.0,
            workspace: e.workspace_id.0,
        }
    }
}

/// Plane's `EstimatePoint`.
#[derive(Debug, Serialize, ToSchema)]
pub struct EstimatePointResponse {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub key: i32,
    pub description: String,
    pub value: String,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    pub project: Uuid,
    pub workspace: Uuid,
    pub estimate: Uuid,
}

impl From<&EstimatePoint> for EstimatePointResponse {
    fn from(p: &EstimatePoint) -> Self {
        Self {
            id: p.id.0,
            created_at: p.created_at,
            updated_at: p.updated_at,
            deleted_at: None,
            key: p.key,
            description: p.description.clone(),
            value: p.value.clone(),
            created_by: p.created_by.map(|id| id.0),
            updated_by: p.updated_by.map(|id| id.0),
            project: p.project_id.0,
            workspace: p.workspace_id.0,
            estimate: p.estimate_id.0,
        }
    }
}

/// The estimate body. On update only `name` and `description` are applied.
#[derive(Debug, ToSchema)]
#[expect(
    dead_code,
    reason = "documents the body; the service reads it field by field"
)]
pub struct EstimateRequest {
    /// Required on create; at most 255 characters.
    pub name: Option<String>,
    pub description: Option<String>,
    /// categories (default) or points; create only.
    #[schema(rename = "type")]
    pub estimate_type: Option<EstimateType>,
    /// Create only; default false.
    pub last_used: Option<bool>,
}

/// One point; on update only these three keys are applied.
#[derive(Debug, ToSchema)]
#[expect(
    dead_code,
    reason = "documents the body; the service reads it field by field"
)]
pub struct EstimatePointRequest {
    /// Required on create; at most 20 characters.
    pub value: Option<String>,
    /// 0 or more (default 0).
    pub key: Option<i32>,
    pub description: Option<String>,
}

type ProjectPath = ApiPath<(String, Uuid)>;
type EstimatePath = ApiPath<(String, Uuid, Uuid)>;
type PointPath = ApiPath<(String, Uuid, Uuid, Uuid)>;

/// The project's estimate (a project has at most one).
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/estimates/", tag = "estimates",
    params(("slug" = String, Path), ("project_id" = Uuid, Path)),
    responses((status = 200, body = EstimateResponse), (status = 404)))]
pub async fn get_estimate(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ProjectPath,
) -> ApiResult<axum::Json<EstimateResponse>> {
    let estimate = estimates::get(&state.ctx, &actor, &slug, ProjectId(project_id))
        .await
        .map_err(plane_error)?;
    Ok(axum::Json((&estimate).into()))
}

/// Creates the project's estimate (project members and admins); a second one is a 409 naming
/// the first.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/estimates/", tag = "estimates",
    params(("slug" = String, Path), ("project_id" = Uuid, Path)), request_body = EstimateRequest,
    responses((status = 201, body = EstimateResponse), (status = 400), (status = 403), (status = 404), (status = 409)))]
pub async fn create_estimate(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ProjectPath,
    JsonObject(body): JsonObject,
) -> ApiResult<(StatusCode, axum::Json<EstimateResponse>)> {
    let estimate = estimates::create(&state.ctx, &actor, &slug, ProjectId(project_id), &body)
        .await
        .map_err(plane_error)?;
    Ok((StatusCode::CREATED, axum::Json((&estimate).into())))
}

/// Renames or re-describes the estimate (project members and admins).
#[utoipa::path(patch, path = "/api/v1/workspaces/{slug}/projects/{project_id}/estimates/", tag = "estimates",
    params(("slug" = String, Path), ("project_id" = Uuid, Path)), request_body = EstimateRequest,
    responses((status = 200, body = EstimateResponse), (status = 400), (status = 403), (status = 404)))]
pub async fn update_estimate(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ProjectPath,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<EstimateResponse>> {
    let estimate = estimates::update(&state.ctx, &actor, &slug, ProjectId(project_id), &body)
        .await
        .map_err(plane_error)?;
    Ok(axum::Json((&estimate).into()))
}

/// Deletes the estimate and its points (soft delete); the project and its work items drop them.
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/projects/{project_id}/estimates/", tag = "estimates",
    params(("slug" = String, Path), ("project_id" = Uuid, Path)),
    responses((status = 204), (status = 403), (status = 404)))]
pub async fn delete_estimate(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ProjectPath,
) -> ApiResult<StatusCode> {
    estimates::delete(&state.ctx, &actor, &slug, ProjectId(project_id))
        .await
        .map_err(plane_error)?;
    Ok(StatusCode::NO_CONTENT)
}

/// The estimate's points ordered by value (a bare array, as in Plane).
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/estimates/{estimate_id}/estimate-points/", tag = "estimates",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("estimate_id" = Uuid, Path)),
    responses((status = 200, body = [EstimatePointResponse]), (status = 404)))]
pub async fn list_estimate_points(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, estimate_id)): EstimatePath,
) -> ApiResult<axum::Json<Vec<EstimatePointResponse>>> {
    let points = estimates::list_points(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        EstimateId(estimate_id),
    )
    .await
    .map_err(plane_error)?;
    Ok(axum::Json(points.iter().map(Into::into).collect()))
}

/// Adds points: a JSON array of points, or `{"estimate_points": [...]}`. Errors of one point
/// are reported under its index (`{"0": ["value: This field is required."]}`).
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/estimates/{estimate_id}/estimate-points/", tag = "estimates",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("estimate_id" = Uuid, Path)),
    request_body = [EstimatePointRequest],
    responses((status = 201, body = [EstimatePointResponse]), (status = 400), (status = 403), (status = 404)))]
pub async fn create_estimate_points(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, estimate_id)): EstimatePath,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<(StatusCode, axum::Json<Vec<EstimatePointResponse>>)> {
    let points = estimates::create_points(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        EstimateId(estimate_id),
        &body,
    )
    .await
    .map_err(plane_error)?;
    Ok((
        StatusCode::CREATED,
        axum::Json(points.iter().map(Into::into).collect()),
    ))
}

/// Changes one point's `key`, `value` or `description` (project members and admins).
#[utoipa::path(patch, path = "/api/v1/workspaces/{slug}/projects/{project_id}/estimates/{estimate_id}/estimate-points/{point_id}/", tag = "estimates",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("estimate_id" = Uuid, Path), ("point_id" = Uuid, Path)),
    request_body = EstimatePointRequest,
    responses((status = 200, body = EstimatePointResponse), (status = 400), (status = 403), (status = 404)))]
pub async fn update_estimate_point(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, estimate_id, id)): PointPath,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<EstimatePointResponse>> {
    let point = estimates::update_point(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        EstimateId(estimate_id),
        EstimatePointId(id),
        &body,
    )
    .await
    .map_err(plane_error)?;
    Ok(axum::Json((&point).into()))
}

/// Deletes one point (soft delete); work items that used it lose their estimate.
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/projects/{project_id}/estimates/{estimate_id}/estimate-points/{point_id}/", tag = "estimates",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("estimate_id" = Uuid, Path), ("point_id" = Uuid, Path)),
    responses((status = 204), (status = 403), (status = 404)))]
pub async fn delete_estimate_point(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, estimate_id, id)): PointPath,
) -> ApiResult<StatusCode> {
    estimates::delete_point(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        EstimateId(estimate_id),
        EstimatePointId(id),
    )
    .await
    .map_err(plane_error)?;
    Ok(StatusCode::NO_CONTENT)
}
