//! Cycle handlers: lists, CRUD, archive.

use axum::{extract::State, http::StatusCode};
use glider_domain::{CycleId, ProjectId, model::cycles::CycleStatus};
use glider_service::tracker::cycles::{self, CycleQuery};
use serde_json::Value;
use uuid::Uuid;

use super::{
    CycleListQuery, CycleLiteQuery, CycleResponse, list_request, plain,
    shape::{ShapeParams, shape_all, shape_one},
    status_of,
};
use crate::{
    AppState,
    auth::CurrentActor,
    error::ApiResult,
    extract::{ApiPath, ApiQuery, JsonObject},
    pagination::{PageQuery, Paginated},
    views::to_value,
};

type ProjectPath = ApiPath<(String, Uuid)>;
type CyclePath = ApiPath<(String, Uuid, Uuid)>;

fn page_query(per_page: &Option<String>, cursor: &Option<String>) -> PageQuery {
    PageQuery {
        per_page: per_page.clone(),
        cursor: cursor.clone(),
        fields: None,
    }
}

/// The project's cycles, newest first, with item counts. `status` (or `cycle_view`) filters
/// by current, upcoming, completed, draft or incomplete; `cycle_view=current` answers a bare
/// array, as Plane does.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/cycles/", tag = "cycles",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), CycleListQuery),
    responses((status = 200, body = Paginated<CycleResponse>), (status = 400), (status = 404)))]
pub async fn list_cycles(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ProjectPath,
    ApiQuery(query): ApiQuery<CycleListQuery>,
) -> ApiResult<axum::Json<Value>> {
    let (status, bare) = status_of(&query);
    let shape = ShapeParams {
        fields: query.fields.clone(),
        expand: query.expand.clone(),
    };
    let page = if bare {
        None
    } else {
        Some(page_query(&query.per_page, &query.cursor).page(1000)?)
    };
    let (found, result) = cycles::list(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        &list_request(page, status),
    )
    .await?;
    let values = result
        .cycles
        .iter()
        .map(|view| to_value(&CycleResponse::from(view)))
        .collect();
    let results = shape_all(&state, values, &shape, &found.project, &found.workspace).await?;
    Ok(axum::Json(match page {
        Some(page) => to_value(&Paginated::new(page, result.total, results)),
        None => Value::Array(results),
    }))
}

/// Creates a cycle (project members). The body names the project in `project_id`; the
/// project must have cycles turned on. Both dates or neither.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/cycles/", tag = "cycles",
    params(("slug" = String, Path), ("project_id" = Uuid, Path)), request_body = Object,
    responses((status = 201, body = CycleResponse), (status = 400), (status = 403), (status = 404), (status = 409)))]
pub async fn create_cycle(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ProjectPath,
    JsonObject(body): JsonObject,
) -> ApiResult<(StatusCode, axum::Json<CycleResponse>)> {
    let cycle = cycles::create(&state.ctx, &actor, &slug, ProjectId(project_id), &body).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(CycleResponse::from(&plain(cycle))),
    ))
}

/// One cycle with its item counts (archived cycles are not found).
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/cycles/{cycle_id}/", tag = "cycles",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("cycle_id" = Uuid, Path), ShapeParams),
    responses((status = 200, body = CycleResponse), (status = 404)))]
pub async fn get_cycle(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): CyclePath,
    ApiQuery(shape): ApiQuery<ShapeParams>,
) -> ApiResult<axum::Json<Value>> {
    let (found, view) = cycles::get(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        CycleId(id),
    )
    .await?;
    let value = to_value(&CycleResponse::from(&view));
    Ok(axum::Json(
        shape_one(&state, value, &shape, &found.project, &found.workspace).await?,
    ))
}

/// Changes a cycle (project members). Archived cycles cannot be edited; a completed one only
/// takes `sort_order`. Without `owned_by` the caller becomes the owner, as in Plane.
#[utoipa::path(patch, path = "/api/v1/workspaces/{slug}/projects/{project_id}/cycles/{cycle_id}/", tag = "cycles",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("cycle_id" = Uuid, Path)), request_body = Object,
    responses((status = 200, body = CycleResponse), (status = 400), (status = 403), (status = 404), (status = 409)))]
pub async fn update_cycle(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): CyclePath,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<CycleResponse>> {
    let cycle = cycles::update(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        CycleId(id),
        &body,
    )
    .await?;
    Ok(axum::Json(CycleResponse::from(&plain(cycle))))
}

/// Deletes a cycle (its owner or a project admin); its work items leave it.
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/projects/{project_id}/cycles/{cycle_id}/", tag = "cycles",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("cycle_id" = Uuid, Path)),
    responses((status = 204), (status = 403), (status = 404)))]
pub async fn delete_cycle(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): CyclePath,
) -> ApiResult<StatusCode> {
    cycles::delete(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        CycleId(id),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Archives a cycle that has ended.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/cycles/{cycle_id}/archive/", tag = "cycles",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("cycle_id" = Uuid, Path)),
    responses((status = 204), (status = 400), (status = 403), (status = 404)))]
pub async fn archive_cycle(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): CyclePath,
) -> ApiResult<StatusCode> {
    cycles::set_archived(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        CycleId(id),
        true,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Restores an archived cycle.
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/projects/{project_id}/archived-cycles/{cycle_id}/unarchive/", tag = "cycles",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("cycle_id" = Uuid, Path)),
    responses((status = 204), (status = 403), (status = 404)))]
pub async fn unarchive_cycle(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): CyclePath,
) -> ApiResult<StatusCode> {
    cycles::set_archived(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        CycleId(id),
        false,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The project's archived cycles, newest first, with item counts and estimate sums.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/archived-cycles/", tag = "cycles",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), PageQuery, ShapeParams),
    responses((status = 200, body = Paginated<CycleResponse>), (status = 400), (status = 404)))]
pub async fn list_archived_cycles(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ProjectPath,
    ApiQuery(query): ApiQuery<PageQuery>,
    ApiQuery(shape): ApiQuery<ShapeParams>,
) -> ApiResult<axum::Json<Value>> {
    let page = query.page(1000)?;
    let request = CycleQuery {
        archived: true,
        estimates: true,
        ..list_request(Some(page), None)
    };
    let (found, result) =
        cycles::list(&state.ctx, &actor, &slug, ProjectId(project_id), &request).await?;
    let values = result
        .cycles
        .iter()
        .map(|view| to_value(&CycleResponse::from(view)))
        .collect();
    let results = shape_all(&state, values, &shape, &found.project, &found.workspace).await?;
    Ok(axum::Json(to_value(&Paginated::new(
        page,
        result.total,
        results,
    ))))
}

/// The project's cycles for pickers: every field but the counts, always paginated, with
/// `order_by` and the `status` filter.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/cycles-lite/", tag = "cycles",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), CycleLiteQuery),
    responses((status = 200, body = Paginated<CycleResponse>), (status = 400), (status = 404)))]
pub async fn list_cycles_lite(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ProjectPath,
    ApiQuery(query): ApiQuery<CycleLiteQuery>,
) -> ApiResult<axum::Json<Value>> {
    let page = page_query(&query.per_page, &query.cursor).page(1000)?;
    let status = query.status.as_deref().and_then(CycleStatus::parse);
    let request = CycleQuery {
        counts: false,
        order_by: query.order_by.clone(),
        ..list_request(Some(page), status)
    };
    let (_, result) =
        cycles::list(&state.ctx, &actor, &slug, ProjectId(project_id), &request).await?;
    let results: Vec<Value> = result
        .cycles
        .iter()
        .map(|view| to_value(&CycleResponse::from(view)))
        .collect();
    Ok(axum::Json(to_value(&Paginated::new(
        page,
        result.total,
        results,
    ))))
}
