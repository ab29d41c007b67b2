//! The work items of a cycle (`cycle-issues/`) and `transfer-issues/`.

use axum::{extract::State, http::StatusCode};
use glider_domain::{CycleId, ProjectId, model::cycles::Cycle};
use glider_service::tracker::cycles::{items, transfer};
use serde_json::{Value, json};
use uuid::Uuid;

use super::{
    collection::{get_item, list_items, remove_item},
    shape::{CycleWorkItemResponse, ShapeParams},
    with_message,
};
use crate::{
    AppState,
    auth::CurrentActor,
    error::ApiResult,
    extract::{ApiPath, ApiQuery, JsonObject},
    pagination::Paginated,
    routes::tracker::work_items::{WorkItemListQuery, WorkItemResponse},
};

type CyclePath = ApiPath<(String, Uuid, Uuid)>;
type LinkPath = ApiPath<(String, Uuid, Uuid, Uuid)>;

/// The cycle's work items in Plane's work-item shape, oldest first, with the work-item list's
/// `order_by`, `filters`, `fields` and `expand`.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/cycles/{cycle_id}/cycle-issues/", tag = "cycles",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("cycle_id" = Uuid, Path), WorkItemListQuery),
    responses((status = 200, body = Paginated<WorkItemResponse>), (status = 400), (status = 404)))]
pub async fn list_cycle_work_items(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(path): CyclePath,
    ApiQuery(query): ApiQuery<WorkItemListQuery>,
) -> ApiResult<axum::Json<Value>> {
    list_items::<Cycle>(&state, &actor, path, &query).await
}

/// Adds work items (`{"issues": [id, …]}`) to a cycle that has not ended; a work item in
/// another cycle moves here. Answers every work item of the cycle (200, a bare array).
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/cycles/{cycle_id}/cycle-issues/", tag = "cycles",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("cycle_id" = Uuid, Path)), request_body = Object,
    responses((status = 200, body = Vec<CycleWorkItemResponse>), (status = 400), (status = 403), (status = 404)))]
pub async fn add_cycle_work_items(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): CyclePath,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<Vec<CycleWorkItemResponse>>> {
    let links = items::add(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        CycleId(id),
        &body,
    )
    .await
    .map_err(with_message)?;
    Ok(axum::Json(
        links.iter().map(CycleWorkItemResponse::from).collect(),
    ))
}

/// A work item's place in the cycle; `expand=issue` gives the work item itself.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/cycles/{cycle_id}/cycle-issues/{work_item_id}/", tag = "cycles",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("cycle_id" = Uuid, Path), ("work_item_id" = Uuid, Path), ShapeParams),
    responses((status = 200, body = CycleWorkItemResponse), (status = 404)))]
pub async fn get_cycle_work_item(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(path): LinkPath,
    ApiQuery(shape): ApiQuery<ShapeParams>,
) -> ApiResult<axum::Json<Value>> {
    get_item::<Cycle, CycleWorkItemResponse>(&state, &actor, path, &shape).await
}

/// Takes a work item out of the cycle.
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/projects/{project_id}/cycles/{cycle_id}/cycle-issues/{work_item_id}/", tag = "cycles",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("cycle_id" = Uuid, Path), ("work_item_id" = Uuid, Path)),
    responses((status = 204), (status = 403), (status = 404)))]
pub async fn remove_cycle_work_item(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(path): LinkPath,
) -> ApiResult<StatusCode> {
    remove_item::<Cycle>(&state, &actor, path).await
}

/// Moves the open work items (backlog, unstarted, started) of a cycle that has ended to
/// `new_cycle_id`, after saving the cycle's `progress_snapshot`.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/cycles/{cycle_id}/transfer-issues/", tag = "cycles",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("cycle_id" = Uuid, Path)), request_body = Object,
    responses((status = 200, body = Object, example = json!({"message": "Success"})), (status = 400), (status = 403), (status = 404)))]
pub async fn transfer_cycle_work_items(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): CyclePath,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<Value>> {
    transfer::transfer(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        CycleId(id),
        &body,
    )
    .await?;
    Ok(axum::Json(json!({ "message": "Success" })))
}
