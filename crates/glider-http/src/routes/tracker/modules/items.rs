//! The work items of a module (`module-issues/`).

use axum::{extract::State, http::StatusCode};
use glider_domain::{ModuleId, ProjectId, model::cycles::Module};
use glider_service::tracker::modules::items;
use serde_json::Value;
use uuid::Uuid;

use crate::{
    AppState,
    auth::CurrentActor,
    error::ApiResult,
    extract::{ApiPath, ApiQuery, JsonObject},
    pagination::Paginated,
    routes::tracker::{
        cycles::{
            collection::{get_item, list_items, remove_item},
            shape::{ModuleWorkItemResponse, ShapeParams},
        },
        work_items::{WorkItemListQuery, WorkItemResponse},
    },
};

type ModulePath = ApiPath<(String, Uuid, Uuid)>;
type LinkPath = ApiPath<(String, Uuid, Uuid, Uuid)>;

/// The module's work items in Plane's work-item shape, oldest first, with the work-item
/// list's `order_by`, `filters`, `fields` and `expand`.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/modules/{module_id}/module-issues/", tag = "modules",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("module_id" = Uuid, Path), WorkItemListQuery),
    responses((status = 200, body = Paginated<WorkItemResponse>), (status = 400), (status = 404)))]
pub async fn list_module_work_items(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(path): ModulePath,
    ApiQuery(query): ApiQuery<WorkItemListQuery>,
) -> ApiResult<axum::Json<Value>> {
    list_items::<Module>(&state, &actor, path, &query).await
}

/// Adds work items of the project (`{"issues": [id, …]}`) to a module; other ids are
/// dropped and pairs already there are kept. Answers every work item of the module (200, a
/// bare array).
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/modules/{module_id}/module-issues/", tag = "modules",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("module_id" = Uuid, Path)), request_body = Object,
    responses((status = 200, body = Vec<ModuleWorkItemResponse>), (status = 400), (status = 403), (status = 404)))]
pub async fn add_module_work_items(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): ModulePath,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<Vec<ModuleWorkItemResponse>>> {
    let links = items::add(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        ModuleId(id),
        &body,
    )
    .await?;
    Ok(axum::Json(
        links.iter().map(ModuleWorkItemResponse::from).collect(),
    ))
}

/// A work item's place in the module; `expand=issue` gives the work item itself.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/modules/{module_id}/module-issues/{work_item_id}/", tag = "modules",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("module_id" = Uuid, Path), ("work_item_id" = Uuid, Path), ShapeParams),
    responses((status = 200, body = ModuleWorkItemResponse), (status = 404)))]
pub async fn get_module_work_item(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(path): LinkPath,
    ApiQuery(shape): ApiQuery<ShapeParams>,
) -> ApiResult<axum::Json<Value>> {
    get_item::<Module, ModuleWorkItemResponse>(&state, &actor, path, &shape).await
}

/// Takes a work item out of the module.
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/projects/{project_id}/modules/{module_id}/module-issues/{work_item_id}/", tag = "modules",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("module_id" = Uuid, Path), ("work_item_id" = Uuid, Path)),
    responses((status = 204), (status = 403), (status = 404)))]
pub async fn remove_module_work_item(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(path): LinkPath,
) -> ApiResult<StatusCode> {
    remove_item::<Module>(&state, &actor, path).await
}
