//! Comments of a work item.

use axum::{extract::State, http::StatusCode};
use chrono::{DateTime, Utc};
use glider_domain::{
    CommentId, ProjectId, WorkItemId,
    model::work_items::{Comment, CommentAccess},
};
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

/// Plane's comment.
#[derive(Debug, Serialize, ToSchema)]
pub struct CommentResponse {
    pub id: Uuid,
    pub is_member: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub comment_html: String,
    pub comment_stripped: String,
    pub attachments: Vec<String>,
    pub access: CommentAccess,
    pub external_source: Option<String>,
    pub external_id: Option<String>,
    pub edited_at: Option<DateTime<Utc>>,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    pub project: Uuid,
    pub workspace: Uuid,
    pub issue: Uuid,
    pub actor: Option<Uuid>,
    pub parent: Option<Uuid>,
}

impl From<&Comment> for CommentResponse {
    fn from(c: &Comment) -> Self {
        Self {
            id: c.id.0,
            is_member: true,
            created_at: c.created_at,
            updated_at: c.updated_at,
            deleted_at: None,
            comment_html: c.comment_html.clone(),
            comment_stripped: c.comment_stripped.clone(),
            attachments: Vec::new(),
            access: c.access,
            external_source: c.external_source.clone(),
            external_id: c.external_id.clone(),
            edited_at: c.edited_at,
            created_by: c.created_by.map(|id| id.0),
            updated_by: c.updated_by.map(|id| id.0),
            project: c.project_id.0,
            workspace: c.workspace_id.0,
            issue: c.work_item_id.0,
            actor: c.actor_id.map(|id| id.0),
            parent: c.parent_id.map(|id| id.0),
        }
    }
}

/// Comments, newest first.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/comments/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path), PageQuery),
    responses((status = 200, body = Paginated<CommentResponse>), (status = 404)))]
pub async fn list_comments(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project, item)): ItemPath,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<axum::Json<Value>> {
    let page = query.page(1000)?;
    let (total, list) = children::list_comments(
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
        list.iter().map(CommentResponse::from).collect(),
    )))
}

/// Adds a comment (sanitised HTML); any project member, guests included.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/comments/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path)), request_body = Object,
    responses((status = 201, body = CommentResponse), (status = 400), (status = 403), (status = 404), (status = 409)))]
pub async fn create_comment(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project, item)): ItemPath,
    JsonObject(body): JsonObject,
) -> ApiResult<(StatusCode, axum::Json<CommentResponse>)> {
    let comment = children::create_comment(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project),
        WorkItemId(item),
        &body,
    )
    .await?;
    Ok((StatusCode::CREATED, axum::Json((&comment).into())))
}

/// One comment.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/comments/{child_id}/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path), ("child_id" = Uuid, Path)),
    responses((status = 200, body = CommentResponse), (status = 404)))]
pub async fn get_comment(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project, item, id)): ChildPath,
) -> ApiResult<axum::Json<CommentResponse>> {
    let comment = children::get_comment(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project),
        WorkItemId(item),
        CommentId(id),
    )
    .await?;
    Ok(axum::Json((&comment).into()))
}

/// Edits a comment (its author or a project admin).
#[utoipa::path(patch, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/comments/{child_id}/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path), ("child_id" = Uuid, Path)), request_body = Object,
    responses((status = 200, body = CommentResponse), (status = 400), (status = 403), (status = 404)))]
pub async fn update_comment(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project, item, id)): ChildPath,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<CommentResponse>> {
    let comment = children::update_comment(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project),
        WorkItemId(item),
        CommentId(id),
        &body,
    )
    .await?;
    Ok(axum::Json((&comment).into()))
}

/// Deletes a comment (its author or a project admin).
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/comments/{child_id}/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path), ("child_id" = Uuid, Path)),
    responses((status = 204), (status = 403), (status = 404)))]
pub async fn delete_comment(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project, item, id)): ChildPath,
) -> ApiResult<StatusCode> {
    children::delete_comment(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project),
        WorkItemId(item),
        CommentId(id),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
