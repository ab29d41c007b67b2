//! The work items of a cycle (`cycle-issues/`) and `transfer-issues/`.

use axum::{extract::State, http::StatusCode};
use glider_domain::{
    CycleId, ProjectId, WorkItemId,
    model::{
        tracker::Project,
        work_items::{OrderField, WorkItem, WorkItemOrder},
    },
};
use glider_service::tracker::{
    cycles::{items, transfer},
    work_items::{self as work_item_service, expand, list::ListRequest},
};
use serde_json::{Value, json};
use uuid::Uuid;

use super::{
    shape::{CycleWorkItemResponse, ShapeParams, shape_one},
    with_message,
};
use crate::{
    AppState,
    auth::CurrentActor,
    error::ApiResult,
    extract::{ApiPath, ApiQuery, JsonObject},
    pagination::Paginated,
    routes::tracker::work_items::{ShapeQuery, WorkItemListQuery, WorkItemResponse, render},
    views::to_value,
};

type CyclePath = ApiPath<(String, Uuid, Uuid)>;
type LinkPath = ApiPath<(String, Uuid, Uuid, Uuid)>;

/// Renders work items in Plane's shape with `fields` and `expand`.
pub(crate) async fn render_items(
    state: &AppState,
    items: &[WorkItem],
    project: &Project,
    shape: &ShapeQuery,
) -> ApiResult<Vec<Value>> {
    let expansions = expand::load(&state.ctx, items, &shape.expand_list()).await?;
    Ok(items
        .iter()
        .map(|item| render(item, Some(project), &expansions, shape))
        .collect())
}

/// `expand=issue` on a row of a cycle or module: the work item itself, or `{}` when it is
/// not visible (archived, a draft).
pub(crate) async fn expand_issue(
    state: &AppState,
    actor: &glider_service::accounts::Actor,
    slug: &str,
    project: &Project,
    item: WorkItemId,
    shape: &ShapeParams,
    value: &mut Value,
) -> ApiResult<()> {
    if !shape.expand_list().contains(&"issue") {
        return Ok(());
    }
    let Some(map) = value
        .as_object_mut()
        .filter(|map| map.contains_key("issue"))
    else {
        return Ok(());
    };
    let issue = match work_item_service::get(&state.ctx, actor, slug, project.id, item).await {
        Ok(located) => render_items(
            state,
            std::slice::from_ref(&located.item),
            project,
            &ShapeQuery::default(),
        )
        .await?
        .pop()
        .unwrap_or_default(),
        Err(_) => json!({}),
    };
    map.insert("issue".to_owned(), issue);
    Ok(())
}

/// Plane lists a cycle's or module's work items oldest first unless `order_by` is given.
pub(crate) fn oldest_first(query: &WorkItemListQuery, request: &mut ListRequest) {
    if query.order_by.as_deref().is_none_or(str::is_empty) {
        request.order = WorkItemOrder {
            field: OrderField::CreatedAt,
            descending: false,
        };
    }
}

/// The cycle's work items in Plane's work-item shape, oldest first, with the work-item list's
/// `order_by`, `filters`, `fields` and `expand`.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/cycles/{cycle_id}/cycle-issues/", tag = "cycles",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("cycle_id" = Uuid, Path), WorkItemListQuery),
    responses((status = 200, body = Paginated<WorkItemResponse>), (status = 400), (status = 404)))]
pub async fn list_cycle_work_items(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): CyclePath,
    ApiQuery(query): ApiQuery<WorkItemListQuery>,
) -> ApiResult<axum::Json<Value>> {
    let (page, mut request) = query.request()?;
    oldest_first(&query, &mut request);
    let (found, result) = items::list(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        CycleId(id),
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
    ApiPath((slug, project_id, id, item)): LinkPath,
    ApiQuery(shape): ApiQuery<ShapeParams>,
) -> ApiResult<axum::Json<Value>> {
    let link = items::get(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        CycleId(id),
        WorkItemId(item),
    )
    .await?;
    let found =
        glider_service::access::project(&state.ctx, &actor, &slug, ProjectId(project_id)).await?;
    let mut value = shape_one(
        &state,
        to_value(&CycleWorkItemResponse::from(&link)),
        &shape,
        &found.project,
        &found.workspace,
    )
    .await?;
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

/// Takes a work item out of the cycle.
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/projects/{project_id}/cycles/{cycle_id}/cycle-issues/{work_item_id}/", tag = "cycles",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("cycle_id" = Uuid, Path), ("work_item_id" = Uuid, Path)),
    responses((status = 204), (status = 403), (status = 404)))]
pub async fn remove_cycle_work_item(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id, item)): LinkPath,
) -> ApiResult<StatusCode> {
    items::remove(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        CycleId(id),
        WorkItemId(item),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
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
