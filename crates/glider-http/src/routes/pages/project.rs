//! A project's pages: `/api/v1/workspaces/{slug}/projects/{project_id}/pages/…`.

use axum::{extract::State, http::StatusCode};
use glider_domain::{PageId, ProjectId};
use glider_service::pages::{self, Scope};
use serde_json::Value;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::{ArchivedResponse, FieldsQuery, PageRequest, PageResponse, one, paginate};
use crate::{
    AppState,
    auth::CurrentActor,
    error::ApiResult,
    extract::{ApiPath, ApiQuery, JsonObject},
    pagination::{PageQuery, Paginated},
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_project_pages, create_project_page))
        .routes(routes!(
            get_project_page,
            update_project_page,
            put_project_page,
            delete_project_page
        ))
        .routes(routes!(archive_project_page, unarchive_project_page))
        .routes(routes!(lock_project_page, unlock_project_page))
}

type ProjectPath = ApiPath<(String, Uuid)>;
type PagePath = ApiPath<(String, Uuid, Uuid)>;

/// The project's pages the caller can see (public ones and their own private ones): their
/// favorites first, then newest first.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/pages/", tag = "pages",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), PageQuery),
    responses((status = 200, body = Paginated<PageResponse>), (status = 400), (status = 404)))]
pub async fn list_project_pages(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ProjectPath,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<axum::Json<Paginated<Value>>> {
    let page = query.page(1000)?;
    let list = pages::list(
        &state.ctx,
        &actor,
        &slug,
        Scope::Project(ProjectId(project_id)),
    )
    .await?;
    Ok(axum::Json(paginate::<PageResponse, _>(page, &query, list)))
}

/// Creates a project page owned by the caller (project members and admins; not guests).
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/pages/", tag = "pages",
    params(("slug" = String, Path), ("project_id" = Uuid, Path)), request_body = PageRequest,
    responses((status = 201, body = PageResponse), (status = 400), (status = 403), (status = 404)))]
pub async fn create_project_page(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ProjectPath,
    JsonObject(body): JsonObject,
) -> ApiResult<(StatusCode, axum::Json<PageResponse>)> {
    let view = pages::create(
        &state.ctx,
        &actor,
        &slug,
        Scope::Project(ProjectId(project_id)),
        &body,
    )
    .await?;
    Ok((StatusCode::CREATED, axum::Json(PageResponse::from(&view))))
}

/// One project page.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/pages/{page_id}/", tag = "pages",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("page_id" = Uuid, Path), FieldsQuery),
    responses((status = 200, body = PageResponse), (status = 404)))]
pub async fn get_project_page(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): PagePath,
    ApiQuery(query): ApiQuery<FieldsQuery>,
) -> ApiResult<axum::Json<Value>> {
    let view = pages::get(
        &state.ctx,
        &actor,
        &slug,
        Scope::Project(ProjectId(project_id)),
        PageId(id),
    )
    .await?;
    Ok(axum::Json(one(&PageResponse::from(&view), &query)))
}

/// Edits a project page (its owner or a project admin; not while locked).
#[utoipa::path(patch, path = "/api/v1/workspaces/{slug}/projects/{project_id}/pages/{page_id}/", tag = "pages",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("page_id" = Uuid, Path)), request_body = PageRequest,
    responses((status = 200, body = PageResponse), (status = 400), (status = 403), (status = 404)))]
pub async fn update_project_page(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): PagePath,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<PageResponse>> {
    let view = pages::update(
        &state.ctx,
        &actor,
        &slug,
        Scope::Project(ProjectId(project_id)),
        PageId(id),
        &body,
    )
    .await?;
    Ok(axum::Json(PageResponse::from(&view)))
}

/// The SDK's update: the same partial update as PATCH.
///
/// Edits a project page (its owner or a project admin; not while locked).
#[utoipa::path(put, path = "/api/v1/workspaces/{slug}/projects/{project_id}/pages/{page_id}/", tag = "pages",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("page_id" = Uuid, Path)), request_body = PageRequest,
    responses((status = 200, body = PageResponse), (status = 400), (status = 403), (status = 404)))]
pub async fn put_project_page(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): PagePath,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<PageResponse>> {
    let view = pages::update(
        &state.ctx,
        &actor,
        &slug,
        Scope::Project(ProjectId(project_id)),
        PageId(id),
        &body,
    )
    .await?;
    Ok(axum::Json(PageResponse::from(&view)))
}

/// Deletes an archived project page (its owner or a project admin; soft delete).
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/projects/{project_id}/pages/{page_id}/", tag = "pages",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("page_id" = Uuid, Path)),
    responses((status = 204), (status = 400), (status = 403), (status = 404)))]
pub async fn delete_project_page(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): PagePath,
) -> ApiResult<StatusCode> {
    pages::delete(
        &state.ctx,
        &actor,
        &slug,
        Scope::Project(ProjectId(project_id)),
        PageId(id),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Archives a project page and every page below it.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/pages/{page_id}/archive/", tag = "pages",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("page_id" = Uuid, Path)),
    responses((status = 200, body = ArchivedResponse), (status = 400), (status = 403), (status = 404)))]
pub async fn archive_project_page(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): PagePath,
) -> ApiResult<axum::Json<ArchivedResponse>> {
    let view = pages::set_archived(
        &state.ctx,
        &actor,
        &slug,
        Scope::Project(ProjectId(project_id)),
        PageId(id),
        true,
    )
    .await?;
    Ok(axum::Json(ArchivedResponse {
        archived_at: view.page.archived_at,
    }))
}

/// Restores an archived project page and the pages below it.
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/projects/{project_id}/pages/{page_id}/archive/", tag = "pages",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("page_id" = Uuid, Path)),
    responses((status = 204), (status = 400), (status = 403), (status = 404)))]
pub async fn unarchive_project_page(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): PagePath,
) -> ApiResult<StatusCode> {
    pages::set_archived(
        &state.ctx,
        &actor,
        &slug,
        Scope::Project(ProjectId(project_id)),
        PageId(id),
        false,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Locks a project page against changes.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/pages/{page_id}/lock/", tag = "pages",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("page_id" = Uuid, Path)),
    responses((status = 204), (status = 403), (status = 404)))]
pub async fn lock_project_page(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): PagePath,
) -> ApiResult<StatusCode> {
    pages::set_locked(
        &state.ctx,
        &actor,
        &slug,
        Scope::Project(ProjectId(project_id)),
        PageId(id),
        true,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Unlocks a project page.
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/projects/{project_id}/pages/{page_id}/lock/", tag = "pages",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("page_id" = Uuid, Path)),
    responses((status = 204), (status = 403), (status = 404)))]
pub async fn unlock_project_page(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): PagePath,
) -> ApiResult<StatusCode> {
    pages::set_locked(
        &state.ctx,
        &actor,
        &slug,
        Scope::Project(ProjectId(project_id)),
        PageId(id),
        false,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
