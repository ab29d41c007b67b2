//! Work-item states in Plane's shape.

use axum::{extract::State, http::StatusCode};
use chrono::{DateTime, Utc};
use glider_domain::{
    ProjectId, StateId,
    model::tracker::{State as WorkItemState, StateGroup},
};
use glider_service::tracker::states;
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    AppState,
    auth::CurrentActor,
    error::ApiResult,
    extract::{ApiPath, ApiQuery, JsonObject},
    pagination::{PageQuery, Paginated},
    routes::tracker::expand::{ExpandQuery, ShapeQuery, Subject, shape, shape_one},
    views::to_value,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_states, create_state))
        .routes(routes!(get_state, update_state, delete_state))
}

/// Plane's `State`.
#[derive(Debug, Serialize, ToSchema)]
pub struct StateResponse {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub name: String,
    pub description: String,
    pub color: String,
    pub slug: String,
    pub sequence: f64,
    pub group: StateGroup,
    pub is_triage: bool,
    pub default: bool,
    pub external_source: Option<String>,
    pub external_id: Option<String>,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    pub project: Uuid,
    pub workspace: Uuid,
}

impl From<&WorkItemState> for StateResponse {
    fn from(s: &WorkItemState) -> Self {
        Self {
            id: s.id.0,
            created_at: s.created_at,
            updated_at: s.updated_at,
            deleted_at: None,
            name: s.name.clone(),
            description: s.description.clone(),
            color: s.color.clone(),
            slug: s.slug.clone(),
            sequence: s.sequence,
            group: s.group,
            is_triage: s.is_triage,
            default: s.is_default,
            external_source: s.external_source.clone(),
            external_id: s.external_id.clone(),
            created_by: s.created_by.map(|id| id.0),
            updated_by: s.updated_by.map(|id| id.0),
            project: s.project_id.0,
            workspace: s.workspace_id.0,
        }
    }
}

/// The project's states by sequence (triage states are hidden, as in Plane).
///
/// `expand` takes project, workspace, created_by and updated_by.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/states/", tag = "states",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), PageQuery, ExpandQuery), responses((status = 200, body = Paginated<StateResponse>), (status = 404)))]
pub async fn list_states(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ApiPath<(String, Uuid)>,
    ApiQuery(query): ApiQuery<PageQuery>,
    ApiQuery(expand): ApiQuery<ExpandQuery>,
) -> ApiResult<axum::Json<Paginated<Value>>> {
    let page = query.page(1000)?;
    let list = states::list(&state.ctx, &actor, &slug, ProjectId(project_id)).await?;
    let total = list.len() as u64;
    let list = page.slice(list);
    let Some(first) = list.first() else {
        return Ok(axum::Json(Paginated::new(page, total, Vec::new())));
    };
    let workspace_id = first.workspace_id;
    let values = list
        .iter()
        .map(|s| to_value(&StateResponse::from(s)))
        .collect();
    let results = shape(
        &state,
        Subject::State,
        workspace_id,
        values,
        query.fields.as_deref(),
        expand.expand.as_deref(),
    )
    .await?;
    Ok(axum::Json(Paginated::new(page, total, results)))
}

/// Plane's `StateCreate` (every field optional on update).
#[derive(Debug, ToSchema)]
#[expect(
    dead_code,
    reason = "documents the body; the service reads it field by field"
)]
pub struct StateRequest {
    /// Unique in the project; at most 255 characters.
    pub name: Option<String>,
    /// Any string, e.g. `#4ECDC4`.
    pub color: Option<String>,
    pub description: Option<String>,
    /// Position; ignored on create (a new state goes after the last one).
    pub sequence: Option<f64>,
    /// backlog (default), unstarted, started, completed or cancelled; never triage.
    pub group: Option<StateGroup>,
    pub is_triage: Option<bool>,
    /// Making a state the default makes every other state of the project non-default.
    pub default: Option<bool>,
    pub external_source: Option<String>,
    pub external_id: Option<String>,
}

type StatePath = ApiPath<(String, Uuid, Uuid)>;

/// Creates a state after the project's last one (project members and admins). Answers 200, as
/// Plane does.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/states/", tag = "states",
    params(("slug" = String, Path), ("project_id" = Uuid, Path)), request_body = StateRequest,
    responses((status = 200, body = StateResponse), (status = 400), (status = 403), (status = 404), (status = 409)))]
pub async fn create_state(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ApiPath<(String, Uuid)>,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<StateResponse>> {
    let created = states::create(&state.ctx, &actor, &slug, ProjectId(project_id), &body).await?;
    Ok(axum::Json((&created).into()))
}

/// One state (triage states are hidden), with `fields` and `expand` as on the list.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/states/{state_id}/", tag = "states",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("state_id" = Uuid, Path), ShapeQuery),
    responses((status = 200, body = StateResponse), (status = 404)))]
pub async fn get_state(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): StatePath,
    ApiQuery(query): ApiQuery<ShapeQuery>,
) -> ApiResult<axum::Json<Value>> {
    let found = states::get(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        StateId(id),
    )
    .await?;
    let shaped = shape_one(
        &state,
        Subject::State,
        found.workspace_id,
        to_value(&StateResponse::from(&found)),
        query.fields.as_deref(),
        query.expand.as_deref(),
    )
    .await?;
    Ok(axum::Json(shaped))
}

/// Changes a state (project members and admins).
#[utoipa::path(patch, path = "/api/v1/workspaces/{slug}/projects/{project_id}/states/{state_id}/", tag = "states",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("state_id" = Uuid, Path)), request_body = StateRequest,
    responses((status = 200, body = StateResponse), (status = 400), (status = 403), (status = 404), (status = 409)))]
pub async fn update_state(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): StatePath,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<StateResponse>> {
    let updated = states::update(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        StateId(id),
        &body,
    )
    .await?;
    Ok(axum::Json((&updated).into()))
}

/// Deletes a state (soft delete). The default state and states with work items are refused.
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/projects/{project_id}/states/{state_id}/", tag = "states",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("state_id" = Uuid, Path)),
    responses((status = 204), (status = 400), (status = 403), (status = 404)))]
pub async fn delete_state(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): StatePath,
) -> ApiResult<StatusCode> {
    states::delete(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        StateId(id),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
