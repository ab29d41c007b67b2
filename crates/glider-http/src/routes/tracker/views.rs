//! Saved views (a Glider extension in Plane's conventions): a workspace's own under
//! `/workspaces/{slug}/views/`, a project's under `/workspaces/{slug}/projects/{project_id}/views/`.

use axum::{extract::State, http::StatusCode};
use chrono::{DateTime, Utc};
use glider_domain::{ProjectId, ViewId};
use glider_service::{
    pages::Scope,
    tracker::views::{self, ViewItem},
};
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
    routes::pages::{FieldsQuery, one, paginate},
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_workspace_views, create_workspace_view))
        .routes(routes!(
            get_workspace_view,
            update_workspace_view,
            delete_workspace_view
        ))
        .routes(routes!(list_project_views, create_project_view))
        .routes(routes!(
            get_project_view,
            update_project_view,
            delete_project_view
        ))
}

/// A saved view, in Plane's `IssueView` field names.
#[derive(Debug, Serialize, ToSchema)]
pub struct ViewResponse {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    /// Work-item filters (a JSON object).
    pub filters: Value,
    pub display_filters: Value,
    pub display_properties: Value,
    pub logo_props: Value,
    /// 0 private (owner only), 1 shared.
    pub access: i16,
    pub owned_by: Uuid,
    /// A locked view refuses every change but unlocking.
    pub is_locked: bool,
    /// Whether the caller marked the view as favorite.
    pub is_favorite: bool,
    pub sort_order: f64,
    pub workspace: Uuid,
    /// Null for a workspace view.
    pub project: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub created_by: Uuid,
    pub updated_by: Option<Uuid>,
}

impl From<&ViewItem> for ViewResponse {
    fn from(item: &ViewItem) -> Self {
        let v = &item.view;
        Self {
            id: v.id.0,
            name: v.name.clone(),
            description: v.description.clone(),
            filters: v.filters.clone(),
            display_filters: v.display_filters.clone(),
            display_properties: v.display_properties.clone(),
            logo_props: v.logo_props.clone(),
            access: v.access.plane_code(),
            owned_by: v.owned_by.0,
            is_locked: v.is_locked,
            is_favorite: item.is_favorite,
            sort_order: v.sort_order,
            workspace: v.workspace_id.0,
            project: v.project_id.map(|id| id.0),
            created_at: v.created_at,
            updated_at: v.updated_at,
            created_by: v.created_by.0,
            updated_by: v.updated_by.map(|id| id.0),
        }
    }
}

/// Body of a view create or update (every field optional on update).
#[derive(Debug, ToSchema)]
#[expect(
    dead_code,
    reason = "documents the body; the service reads it field by field"
)]
pub struct ViewRequest {
    /// Required on create; at most 255 characters.
    pub name: Option<String>,
    pub description: Option<String>,
    /// JSON objects.
    pub filters: Option<Value>,
    pub display_filters: Option<Value>,
    pub display_properties: Option<Value>,
    pub logo_props: Option<Value>,
    /// 0 private, 1 shared (default). Only the owner changes it.
    pub access: Option<i16>,
    pub is_locked: Option<bool>,
    pub sort_order: Option<f64>,
}

async fn list(
    state: &AppState,
    actor: &glider_service::accounts::Actor,
    slug: &str,
    scope: Scope,
    query: &PageQuery,
) -> ApiResult<axum::Json<Paginated<Value>>> {
    let page = query.page(1000)?;
    let list = views::list(&state.ctx, actor, slug, scope).await?;
    Ok(axum::Json(paginate::<ViewResponse, _>(page, query, list)))
}

/// The workspace's views the caller can see (shared ones and their own private ones).
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/views/", tag = "views",
    params(("slug" = String, Path), PageQuery),
    responses((status = 200, body = Paginated<ViewResponse>), (status = 400), (status = 404)))]
pub async fn list_workspace_views(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<axum::Json<Paginated<Value>>> {
    list(&state, &actor, &slug, Scope::Workspace, &query).await
}

/// Saves a workspace view owned by the caller (workspace members and admins).
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/views/", tag = "views",
    params(("slug" = String, Path)), request_body = ViewRequest,
    responses((status = 201, body = ViewResponse), (status = 400), (status = 403), (status = 404)))]
pub async fn create_workspace_view(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
    JsonObject(body): JsonObject,
) -> ApiResult<(StatusCode, axum::Json<ViewResponse>)> {
    let item = views::create(&state.ctx, &actor, &slug, Scope::Workspace, &body).await?;
    Ok((StatusCode::CREATED, axum::Json(ViewResponse::from(&item))))
}

/// One workspace view.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/views/{view_id}/", tag = "views",
    params(("slug" = String, Path), ("view_id" = Uuid, Path), FieldsQuery),
    responses((status = 200, body = ViewResponse), (status = 404)))]
pub async fn get_workspace_view(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): ApiPath<(String, Uuid)>,
    ApiQuery(query): ApiQuery<FieldsQuery>,
) -> ApiResult<axum::Json<Value>> {
    let item = views::get(&state.ctx, &actor, &slug, Scope::Workspace, ViewId(id)).await?;
    Ok(axum::Json(one(&ViewResponse::from(&item), &query)))
}

/// Edits a workspace view (its owner or a workspace admin; not while locked).
#[utoipa::path(patch, path = "/api/v1/workspaces/{slug}/views/{view_id}/", tag = "views",
    params(("slug" = String, Path), ("view_id" = Uuid, Path)), request_body = ViewRequest,
    responses((status = 200, body = ViewResponse), (status = 400), (status = 403), (status = 404)))]
pub async fn update_workspace_view(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): ApiPath<(String, Uuid)>,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<ViewResponse>> {
    let scope = Scope::Workspace;
    let item = views::update(&state.ctx, &actor, &slug, scope, ViewId(id), &body).await?;
    Ok(axum::Json(ViewResponse::from(&item)))
}

/// Deletes a workspace view (its owner or a workspace admin; soft delete).
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/views/{view_id}/", tag = "views",
    params(("slug" = String, Path), ("view_id" = Uuid, Path)),
    responses((status = 204), (status = 400), (status = 403), (status = 404)))]
pub async fn delete_workspace_view(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): ApiPath<(String, Uuid)>,
) -> ApiResult<StatusCode> {
    views::delete(&state.ctx, &actor, &slug, Scope::Workspace, ViewId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The project's views the caller can see (shared ones and their own private ones).
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/views/", tag = "views",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), PageQuery),
    responses((status = 200, body = Paginated<ViewResponse>), (status = 400), (status = 404)))]
pub async fn list_project_views(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project)): ApiPath<(String, Uuid)>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<axum::Json<Paginated<Value>>> {
    let scope = Scope::Project(ProjectId(project));
    list(&state, &actor, &slug, scope, &query).await
}

/// Saves a project view owned by the caller (project members and admins; not guests).
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/views/", tag = "views",
    params(("slug" = String, Path), ("project_id" = Uuid, Path)), request_body = ViewRequest,
    responses((status = 201, body = ViewResponse), (status = 400), (status = 403), (status = 404)))]
pub async fn create_project_view(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project)): ApiPath<(String, Uuid)>,
    JsonObject(body): JsonObject,
) -> ApiResult<(StatusCode, axum::Json<ViewResponse>)> {
    let scope = Scope::Project(ProjectId(project));
    let item = views::create(&state.ctx, &actor, &slug, scope, &body).await?;
    Ok((StatusCode::CREATED, axum::Json(ViewResponse::from(&item))))
}

/// One project view.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/views/{view_id}/", tag = "views",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("view_id" = Uuid, Path), FieldsQuery),
    responses((status = 200, body = ViewResponse), (status = 404)))]
pub async fn get_project_view(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project, id)): ApiPath<(String, Uuid, Uuid)>,
    ApiQuery(query): ApiQuery<FieldsQuery>,
) -> ApiResult<axum::Json<Value>> {
    let scope = Scope::Project(ProjectId(project));
    let item = views::get(&state.ctx, &actor, &slug, scope, ViewId(id)).await?;
    Ok(axum::Json(one(&ViewResponse::from(&item), &query)))
}

/// Edits a project view (its owner or a project admin; not while locked).
#[utoipa::path(patch, path = "/api/v1/workspaces/{slug}/projects/{project_id}/views/{view_id}/", tag = "views",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("view_id" = Uuid, Path)), request_body = ViewRequest,
    responses((status = 200, body = ViewResponse), (status = 400), (status = 403), (status = 404)))]
pub async fn update_project_view(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project, id)): ApiPath<(String, Uuid, Uuid)>,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<ViewResponse>> {
    let scope = Scope::Project(ProjectId(project));
    let item = views::update(&state.ctx, &actor, &slug, scope, ViewId(id), &body).await?;
    Ok(axum::Json(ViewResponse::from(&item)))
}

/// Deletes a project view (its owner or a project admin; soft delete).
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/projects/{project_id}/views/{view_id}/", tag = "views",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("view_id" = Uuid, Path)),
    responses((status = 204), (status = 400), (status = 403), (status = 404)))]
pub async fn delete_project_view(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project, id)): ApiPath<(String, Uuid, Uuid)>,
) -> ApiResult<StatusCode> {
    let scope = Scope::Project(ProjectId(project));
    views::delete(&state.ctx, &actor, &slug, scope, ViewId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}
