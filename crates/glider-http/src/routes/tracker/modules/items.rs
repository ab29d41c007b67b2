//! The work items of a module (`module-issues/`).

use axum::{extract::State, http::StatusCode};
use glider_domain::{ModuleId, ProjectId, WorkItemId};
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
            expand_issue, oldest_first, render_items,
            shape::{ModuleWorkItemResponse, ShapeParams, shape_one},
        },
        work_items::{WorkItemListQuery, WorkItemResponse},
    },
    views::to_value,
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
    ApiPath((slug, project_id, id)): ModulePath,
    ApiQuery(query): ApiQuery<WorkItemListQuery>,
) -> ApiResult<axum::Json<Value>> {
    let (page, mut request) = query.request()?;
    oldest_first(&query, &mut request);
    let (found, result) = items::list(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        ModuleId(id),
        &request,
    )
    .await?;
    let results = render_items(&state, &result.items, &found.project, &query.shape()).await?;
    Ok(axum::Json(to_value(&Paginated::new(
        page,
        result.total,
        results,
    ))))
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
    ApiPath((slug, project_id, id, item)): LinkPath,
    ApiQuery(shape): ApiQuery<ShapeParams>,
) -> ApiResult<axum::Json<Value>> {
    let link = items::get(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        ModuleId(id),
        WorkItemId(item),
    )
    .await?;
    let found =
        glider_service::access::project(&state.ctx, &actor, &slug, ProjectId(project_id)).await?;
    let value = to_value(&ModuleWorkItemResponse::from(&link));
    let mut value = shape_one(&state, value, &shape, &found.project, &found.workspace).await?;
    expand_issue(
        &state,
        &actor,
        &slug,
        &found.project,
        WorkItemId(item),
        &shape,
        &mut value,
    )
    .await?;
    Ok(axum::Json(value))
}

/// Takes a work item out of the module.
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/projects/{project_id}/modules/{module_id}/module-issues/{work_item_id}/", tag = "modules",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("module_id" = Uuid, Path), ("work_item_id" = Uuid, Path)),
    responses((status = 204), (status = 403), (status = 404)))]
pub async fn remove_module_work_item(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id, item)): LinkPath,
) -> ApiResult<StatusCode> {
    items::remove(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        ModuleId(id),
        WorkItemId(item),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
