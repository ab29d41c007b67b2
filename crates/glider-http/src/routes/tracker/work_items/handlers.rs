//! Project-scoped work-item handlers.

use axum::{extract::State, http::StatusCode, response::IntoResponse};
use glider_domain::{ProjectId, WorkItemId, filters, model::work_items::WorkItemOrder};
use glider_service::tracker::work_items::{self, expand, list::ListRequest};
use serde::Deserialize;
use serde_json::Value;
use utoipa::IntoParams;
use uuid::Uuid;

use super::view::{ShapeQuery, WorkItemResponse, render};
use crate::{
    AppState,
    auth::CurrentActor,
    error::{ApiError, ApiResult},
    extract::{ApiPath, ApiQuery, JsonObject},
    pagination::{PageQuery, Paginated},
};

/// List parameters: Plane's pagination, ordering, shaping, and Glider's `filters`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WorkItemListQuery {
    pub per_page: Option<String>,
    pub cursor: Option<String>,
    /// A field, `-` for descending: created_at (default -created_at), updated_at, sequence_id,
    /// name, priority, sort_order, start_date, target_date, completed_at, state__name,
    /// state__group, labels__name, assignees__first_name.
    pub order_by: Option<String>,
    pub fields: Option<String>,
    pub expand: Option<String>,
    /// JSON: `{"and": [{"priority__in": ["urgent"]}, {"state_group": "started"}]}`.
    pub filters: Option<String>,
    pub external_id: Option<String>,
    pub external_source: Option<String>,
}

impl WorkItemListQuery {
    pub fn request(&self) -> ApiResult<(crate::pagination::Page, ListRequest)> {
        let page = PageQuery {
            per_page: self.per_page.clone(),
            cursor: self.cursor.clone(),
            fields: None,
        }
        .page(1000)?;
        let order = match self.order_by.as_deref() {
            None | Some("") => WorkItemOrder::DEFAULT,
            Some(raw) => {
                WorkItemOrder::parse(raw).map_err(|e| ApiError::field(&e.field, &e.message))?
            }
        };
        let filter = match self.filters.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => {
                Some(filters::parse(raw).map_err(|e| ApiError::field(&e.field, &e.message))?)
            }
        };
        Ok((
            page,
            ListRequest {
                filter,
                order,
                offset: page.offset(),
                limit: page.per_page,
            },
        ))
    }

    pub fn shape(&self) -> ShapeQuery {
        ShapeQuery {
            fields: self.fields.clone(),
            expand: self.expand.clone(),
        }
    }
}

type ProjectPath = ApiPath<(String, Uuid)>;
type ItemPath = ApiPath<(String, Uuid, Uuid)>;

async fn render_page(
    state: &AppState,
    items: &[glider_domain::model::work_items::WorkItem],
    project: Option<&glider_domain::model::tracker::Project>,
    shape: &ShapeQuery,
) -> ApiResult<Vec<Value>> {
    let expansions = expand::load(&state.ctx, items, &shape.expand_list()).await?;
    Ok(items
        .iter()
        .map(|item| render(item, project, &expansions, shape))
        .collect())
}

async fn render_one(
    state: &AppState,
    item: &glider_domain::model::work_items::WorkItem,
    project: &glider_domain::model::tracker::Project,
    shape: &ShapeQuery,
) -> ApiResult<Value> {
    let mut rendered = render_page(state, std::slice::from_ref(item), Some(project), shape).await?;
    Ok(rendered.pop().unwrap_or_default())
}

/// The project's work items, newest first (drafts, archived and intake items hidden).
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), WorkItemListQuery),
    responses((status = 200, body = Paginated<WorkItemResponse>), (status = 400), (status = 404)))]
pub async fn list_work_items(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ProjectPath,
    ApiQuery(query): ApiQuery<WorkItemListQuery>,
) -> ApiResult<axum::response::Response> {
    let shape = query.shape();
    if let (Some(external_id), Some(source)) = (&query.external_id, &query.external_source) {
        let item = work_items::list::by_external(
            &state.ctx,
            &actor,
            &slug,
            ProjectId(project_id),
            source,
            external_id,
        )
        .await?;
        let found =
            glider_service::access::project(&state.ctx, &actor, &slug, ProjectId(project_id))
                .await?;
        let one = render_one(&state, &item, &found.project, &shape).await?;
        return Ok(axum::Json(one).into_response());
    }
    let (page, request) = query.request()?;
    let (found, result) =
        work_items::list::list(&state.ctx, &actor, &slug, ProjectId(project_id), &request).await?;
    let results = render_page(&state, &result.items, Some(&found.project), &shape).await?;
    // Serialised straight from the page; a detour through `Value` would copy every item.
    Ok(axum::Json(Paginated::new(page, result.total, results)).into_response())
}

/// Creates a work item; it gets the project's next number.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path)), request_body = Object,
    responses((status = 201, body = WorkItemResponse), (status = 400), (status = 403), (status = 404), (status = 409)))]
pub async fn create_work_item(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ProjectPath,
    JsonObject(body): JsonObject,
) -> ApiResult<(StatusCode, axum::Json<WorkItemResponse>)> {
    let located =
        work_items::create(&state.ctx, &actor, &slug, ProjectId(project_id), &body).await?;
    Ok((StatusCode::CREATED, axum::Json((&located.item).into())))
}

/// One work item.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path), ShapeQuery),
    responses((status = 200, body = WorkItemResponse), (status = 404)))]
pub async fn get_work_item(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): ItemPath,
    ApiQuery(shape): ApiQuery<ShapeQuery>,
) -> ApiResult<axum::Json<Value>> {
    let located = work_items::get(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        WorkItemId(id),
    )
    .await?;
    Ok(axum::Json(
        render_one(&state, &located.item, &located.found.project, &shape).await?,
    ))
}

/// Changes a work item; every changed field is recorded in its history.
#[utoipa::path(patch, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path)), request_body = Object,
    responses((status = 200, body = WorkItemResponse), (status = 400), (status = 403), (status = 404), (status = 409)))]
pub async fn update_work_item(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): ItemPath,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<WorkItemResponse>> {
    let located = work_items::update(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        WorkItemId(id),
        &body,
    )
    .await?;
    Ok(axum::Json((&located.item).into()))
}

/// Deletes a work item (its creator or a project admin).
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path)),
    responses((status = 204), (status = 403), (status = 404)))]
pub async fn delete_work_item(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): ItemPath,
) -> ApiResult<StatusCode> {
    work_items::delete(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        WorkItemId(id),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Archives a completed or cancelled work item.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/archive/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path)),
    responses((status = 204), (status = 400), (status = 404)))]
pub async fn archive_work_item(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): ItemPath,
) -> ApiResult<StatusCode> {
    work_items::set_archived(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        WorkItemId(id),
        true,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Restores an archived work item.
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/unarchive/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path)),
    responses((status = 204), (status = 404)))]
pub async fn unarchive_work_item(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): ItemPath,
) -> ApiResult<StatusCode> {
    work_items::set_archived(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        WorkItemId(id),
        false,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The project's archived work items.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/archived-work-items/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), WorkItemListQuery),
    responses((status = 200, body = Paginated<WorkItemResponse>), (status = 404)))]
pub async fn list_archived_work_items(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ProjectPath,
    ApiQuery(query): ApiQuery<WorkItemListQuery>,
) -> ApiResult<axum::Json<Value>> {
    let (page, request) = query.request()?;
    let (found, result) =
        work_items::list::list_archived(&state.ctx, &actor, &slug, ProjectId(project_id), &request)
            .await?;
    let results = render_page(&state, &result.items, Some(&found.project), &query.shape()).await?;
    Ok(axum::Json(crate::views::to_value(&Paginated::new(
        page,
        result.total,
        results,
    ))))
}
