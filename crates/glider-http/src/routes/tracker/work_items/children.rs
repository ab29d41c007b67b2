//! Comments, links and activities of a work item.

use axum::{extract::State, http::StatusCode, routing::get};
use chrono::{DateTime, Utc};
use glider_domain::{
    ActivityId, CommentId, LinkId, ProjectId, WorkItemId,
    model::work_items::{Activity, Comment, CommentAccess, Link},
};
use glider_service::tracker::work_items::children;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    AppState,
    auth::CurrentActor,
    error::ApiResult,
    extract::{ApiPath, ApiQuery, JsonObject},
    pagination::{PageQuery, Paginated, select_fields},
    views::to_value,
};

const ITEM: &str = "/api/v1/workspaces/{slug}/projects/{project_id}";

pub fn router() -> OpenApiRouter<AppState> {
    let legacy = |suffix: &str| format!("{ITEM}/issues/{{work_item_id}}/{suffix}");
    OpenApiRouter::new()
        .routes(routes!(list_comments, create_comment))
        .routes(routes!(get_comment, update_comment, delete_comment))
        .routes(routes!(list_links, create_link))
        .routes(routes!(get_link, update_link, delete_link))
        .routes(routes!(list_activities))
        .routes(routes!(get_activity))
        .route(
            &legacy("comments/"),
            get(list_comments).post(create_comment),
        )
        .route(
            &legacy("comments/{child_id}/"),
            get(get_comment)
                .patch(update_comment)
                .delete(delete_comment),
        )
        .route(&legacy("links/"), get(list_links).post(create_link))
        .route(
            &legacy("links/{child_id}/"),
            get(get_link).patch(update_link).delete(delete_link),
        )
        .route(&legacy("activities/"), get(list_activities))
        .route(&legacy("activities/{child_id}/"), get(get_activity))
}

type ItemPath = ApiPath<(String, Uuid, Uuid)>;
type ChildPath = ApiPath<(String, Uuid, Uuid, Uuid)>;

fn page_of<T: Serialize>(
    query: &PageQuery,
    total: u64,
    page: crate::pagination::Page,
    items: Vec<T>,
) -> Value {
    let results = items
        .iter()
        .map(|item| select_fields(to_value(item), query.fields.as_deref()))
        .collect();
    to_value(&Paginated::new(page, total, results))
}

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

/// Plane's activity.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActivityResponse {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub verb: String,
    pub field: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub comment: String,
    pub attachments: Vec<String>,
    pub old_identifier: Option<Uuid>,
    pub new_identifier: Option<Uuid>,
    /// Unix seconds.
    pub epoch: f64,
    pub project: Uuid,
    pub workspace: Uuid,
    pub issue: Uuid,
    pub issue_comment: Option<Uuid>,
    pub actor: Option<Uuid>,
}

impl From<&Activity> for ActivityResponse {
    fn from(a: &Activity) -> Self {
        Self {
            id: a.id.0,
            created_at: a.created_at,
            updated_at: a.updated_at,
            deleted_at: None,
            verb: a.verb.clone(),
            field: a.field.clone(),
            old_value: a.old_value.clone(),
            new_value: a.new_value.clone(),
            comment: a.comment.clone(),
            attachments: Vec::new(),
            old_identifier: a.old_identifier,
            new_identifier: a.new_identifier,
            epoch: a.created_at.timestamp() as f64,
            project: a.project_id.0,
            workspace: a.workspace_id.0,
            issue: a.work_item_id.0,
            issue_comment: a.comment_id.map(|id| id.0),
            actor: a.actor_id.map(|id| id.0),
        }
    }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct ActivityQuery {
    pub per_page: Option<String>,
    pub cursor: Option<String>,
    pub fields: Option<String>,
    /// `created_at` (default, oldest first) or `-created_at`.
    pub order_by: Option<String>,
}

/// The work item's history, oldest first.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/activities/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path), ActivityQuery),
    responses((status = 200, body = Paginated<ActivityResponse>), (status = 404)))]
pub async fn list_activities(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project, item)): ItemPath,
    ApiQuery(query): ApiQuery<ActivityQuery>,
) -> ApiResult<axum::Json<Value>> {
    let page_query = PageQuery {
        per_page: query.per_page.clone(),
        cursor: query.cursor.clone(),
        fields: query.fields.clone(),
    };
    let page = page_query.page(1000)?;
    let newest_first = match query.order_by.as_deref() {
        None | Some("created_at") => false,
        Some("-created_at") => true,
        Some(_) => {
            return Err(crate::error::ApiError::field(
                "order_by",
                "Order by created_at or -created_at.",
            ));
        }
    };
    let (total, list) = children::list_activities(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project),
        WorkItemId(item),
        (newest_first, page.offset(), page.per_page),
    )
    .await?;
    Ok(axum::Json(page_of(
        &page_query,
        total,
        page,
        list.iter().map(ActivityResponse::from).collect(),
    )))
}

/// One history entry.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/activities/{child_id}/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path), ("child_id" = Uuid, Path)),
    responses((status = 200, body = ActivityResponse), (status = 404)))]
pub async fn get_activity(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project, item, id)): ChildPath,
) -> ApiResult<axum::Json<ActivityResponse>> {
    let activity = children::get_activity(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project),
        WorkItemId(item),
        ActivityId(id),
    )
    .await?;
    Ok(axum::Json((&activity).into()))
}
