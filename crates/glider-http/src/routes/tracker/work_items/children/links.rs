//! Links of a work item.

use axum::{extract::State, http::StatusCode};
use chrono::{DateTime, Utc};
use glider_domain::{LinkId, ProjectId, WorkItemId, model::work_items::Link};
use glider_service::tracker::work_items::children;
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{ChildPath, ItemPath, page_of};
use crate::{
    AppState,
    auth::CurrentActor,
    error::ApiResult,
    extract::{ApiPath, ApiQuery, JsonObject},
    pagination::{PageQuery, Paginated},
};

/// Plane's link.
#[derive(Debug, Serialize, ToSchema)]
pub struct LinkResponse {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub title: Option<String>,
    pub url: String,
    pub metadata: Value,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    pub project: Uuid,
    pub workspace: Uuid,
    pub issue: Uuid,
}

impl From<&Link> for LinkResponse {
    fn from(l: &Link) -> Self {
        Self {
            id: l.id.0,
            created_at: l.created_at,
            updated_at: l.updated_at,
            deleted_at: None,
            title: l.title.clone(),
            url: l.url.clone(),
            metadata: l.metadata.clone(),
            created_by: l.created_by.map(|id| id.0),
            updated_by: l.updated_by.map(|id| id.0),
            project: l.project_id.0,
            workspace: l.workspace_id.0,
            issue: l.work_item_id.0,
        }
    }
}

/// Links, newest first.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/links/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path), PageQuery),
    responses((status = 200, body = Paginated<LinkResponse>), (status = 404)))]
pub async fn list_links(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project, item)): ItemPath,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<axum::Json<Value>> {
    let page = query.page(1000)?;
    let (total, list) = children::list_links(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project),
        WorkItemId(item),
        page.offset(),
        page.per_page,
    )
    .await?;
    Ok(axum::Json(page_of(
        &query,
        total,
        page,
        list.iter().map(LinkResponse::from).collect(),
    )))
}

/// Adds a link (http or https; once per work item).
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/links/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path)), request_body = Object,
    responses((status = 201, body = LinkResponse), (status = 400), (status = 404)))]
pub async fn create_link(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project, item)): ItemPath,
    JsonObject(body): JsonObject,
) -> ApiResult<(StatusCode, axum::Json<LinkResponse>)> {
    let link = children::create_link(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project),
        WorkItemId(item),
        &body,
    )
    .await?;
    Ok((StatusCode::CREATED, axum::Json((&link).into())))
}

/// One link.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/links/{child_id}/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path), ("child_id" = Uuid, Path)),
    responses((status = 200, body = LinkResponse), (status = 404)))]
pub async fn get_link(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project, item, id)): ChildPath,
) -> ApiResult<axum::Json<LinkResponse>> {
    let link = children::get_link(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project),
        WorkItemId(item),
        LinkId(id),
    )
    .await?;
    Ok(axum::Json((&link).into()))
}

/// Changes a link's URL, title or metadata.
#[utoipa::path(patch, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/links/{child_id}/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path), ("child_id" = Uuid, Path)), request_body = Object,
    responses((status = 200, body = LinkResponse), (status = 400), (status = 404)))]
pub async fn update_link(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project, item, id)): ChildPath,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<LinkResponse>> {
    let link = children::update_link(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project),
        WorkItemId(item),
        LinkId(id),
        &body,
    )
    .await?;
    Ok(axum::Json((&link).into()))
}

/// Removes a link.
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/links/{child_id}/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path), ("child_id" = Uuid, Path)),
    responses((status = 204), (status = 404)))]
pub async fn delete_link(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project, item, id)): ChildPath,
) -> ApiResult<StatusCode> {
    children::delete_link(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project),
        WorkItemId(item),
        LinkId(id),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
