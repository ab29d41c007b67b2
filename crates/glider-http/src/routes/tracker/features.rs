//! Feature switches of a workspace and of a project (the SDK's `get_features` and
//! `update_features`; CE has no such route, the project flags behind them are CE's).

use axum::extract::State;
use glider_domain::{
    ProjectId,
    model::catalog::{ProjectFeatures, WorkspaceFeatures},
};
use glider_service::tracker::features;
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
        .routes(routes!(get_workspace_features, update_workspace_features))
        .routes(routes!(get_project_features, update_project_features))
}

/// A workspace's features (the SDK's `WorkspaceFeature`).
#[derive(Debug, Serialize, ToSchema)]
pub struct WorkspaceFeaturesResponse {
    pub project_grouping: bool,
    pub initiatives: bool,
    pub teams: bool,
    pub customers: bool,
    /// On by default.
    pub wiki: bool,
    /// AI assistance.
    pub pi: bool,
}

impl From<WorkspaceFeatures> for WorkspaceFeaturesResponse {
    fn from(f: WorkspaceFeatures) -> Self {
        Self {
            project_grouping: f.project_grouping,
            initiatives: f.initiatives,
            teams: f.teams,
            customers: f.customers,
            wiki: f.wiki,
            pi: f.pi,
        }
    }
}

/// Any subset of the workspace feature keys.
#[derive(Debug, ToSchema)]
#[expect(
    dead_code,
    reason = "documents the body; the service reads it field by field"
)]
pub struct WorkspaceFeaturesRequest {
    pub project_grouping: Option<bool>,
    pub initiatives: Option<bool>,
    pub teams: Option<bool>,
    pub customers: Option<bool>,
    pub wiki: Option<bool>,
    pub pi: Option<bool>,
}

/// A project's features (the SDK's `ProjectFeature`). Each is one of the project's flags:
/// cycles `cycle_view`, modules `module_view`, intakes `intake_view`, pages `page_view`, views
/// `issue_views_view`, work_item_types `is_issue_type_enabled`, time_tracking
/// `is_time_tracking_enabled`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectFeaturesResponse {
    /// Always false: Glider has no epics.
    pub epics: bool,
    pub modules: bool,
    pub cycles: bool,
    pub views: bool,
    pub pages: bool,
    pub intakes: bool,
    pub work_item_types: bool,
    pub time_tracking: bool,
}

impl From<ProjectFeatures> for ProjectFeaturesResponse {
    fn from(f: ProjectFeatures) -> Self {
        Self {
            epics: f.epics,
            modules: f.modules,
            cycles: f.cycles,
            views: f.views,
            pages: f.pages,
            intakes: f.intakes,
            work_item_types: f.work_item_types,
            time_tracking: f.time_tracking,
        }
    }
}

/// Any subset of the project feature keys. `epics` may only be false.
#[derive(Debug, ToSchema)]
#[expect(
    dead_code,
    reason = "documents the body; the service reads it field by field"
)]
pub struct ProjectFeaturesRequest {
    pub epics: Option<bool>,
    pub modules: Option<bool>,
    pub cycles: Option<bool>,
    pub views: Option<bool>,
    pub pages: Option<bool>,
    pub intakes: Option<bool>,
    pub work_item_types: Option<bool>,
    pub time_tracking: Option<bool>,
}

/// The workspace's features (any active member).
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/features/", tag = "workspaces",
    params(("slug" = String, Path)), responses((status = 200, body = WorkspaceFeaturesResponse), (status = 404)))]
pub async fn get_workspace_features(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<axum::Json<WorkspaceFeaturesResponse>> {
    let found = features::workspace_features(&state.ctx, &actor, &slug).await?;
    Ok(axum::Json(found.into()))
}

/// Turns workspace features on or off (workspace admins).
#[utoipa::path(patch, path = "/api/v1/workspaces/{slug}/features/", tag = "workspaces",
    params(("slug" = String, Path)), request_body = WorkspaceFeaturesRequest,
    responses((status = 200, body = WorkspaceFeaturesResponse), (status = 400), (status = 403), (status = 404)))]
pub async fn update_workspace_features(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<WorkspaceFeaturesResponse>> {
    let updated = features::update_workspace_features(&state.ctx, &actor, &slug, &body).await?;
    Ok(axum::Json(updated.into()))
}

/// The project's features (anyone who sees the project).
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/features/", tag = "projects",
    params(("slug" = String, Path), ("project_id" = Uuid, Path)),
    responses((status = 200, body = ProjectFeaturesResponse), (status = 404)))]
pub async fn get_project_features(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ApiPath<(String, Uuid)>,
) -> ApiResult<axum::Json<ProjectFeaturesResponse>> {
    let found =
        features::project_features(&state.ctx, &actor, &slug, ProjectId(project_id)).await?;
    Ok(axum::Json(found.into()))
}

/// Turns project features on or off (project admins); one project update with its event.
#[utoipa::path(patch, path = "/api/v1/workspaces/{slug}/projects/{project_id}/features/", tag = "projects",
    params(("slug" = String, Path), ("project_id" = Uuid, Path)), request_body = ProjectFeaturesRequest,
    responses((status = 200, body = ProjectFeaturesResponse), (status = 400), (status = 403), (status = 404)))]
pub async fn update_project_features(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ApiPath<(String, Uuid)>,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<ProjectFeaturesResponse>> {
    let updated =
        features::update_project_features(&state.ctx, &actor, &slug, ProjectId(project_id), &body)
            .await?;
    Ok(axum::Json(updated.into()))
}
