//! A workspace's own pages: `/api/v1/workspaces/{slug}/pages/…`.

use axum::{extract::State, http::StatusCode};
use glider_domain::PageId;
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
        .routes(routes!(list_workspace_pages, create_workspace_page))
        .routes(routes!(
            get_workspace_page,
            update_workspace_page,
            put_workspace_page,
            delete_workspace_page
        ))
        .routes(routes!(archive_workspace_page, unarchive_workspace_page))
        .routes(routes!(lock_workspace_page, unlock_workspace_page))
}

type PagePath = ApiPath<(String, Uuid)>;

/// The workspace's pages the caller can see (public ones and their own private ones): their
/// favorites first, then newest first.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/pages/", tag = "pages",
    params(("slug" = String, Path), PageQuery),
    responses((status = 200, body = Paginated<PageResponse>), (status = 400), (status = 404)))]
pub async fn list_workspace_pages(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<axum::Json<Paginated<Value>>> {
    let page = query.page(1000)?;
    let list = pages::list(&state.ctx, &actor, &slug, Scope::Workspace).await?;
    Ok(axum::Json(paginate::<PageResponse, _>(page, &query, list)))
}

/// Creates a workspace page owned by the caller (workspace members and admins).
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/pages/", tag = "pages",
    params(("slug" = String, Path)), request_body = PageRequest,
    responses((status = 201, body = PageResponse), (status = 400), (status = 403), (status = 404)))]
pub async fn create_workspace_page(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
    JsonObject(body): JsonObject,
) -> ApiResult<(StatusCode, axum::Json<PageResponse>)> {
    let view = pages::create(&state.ctx, &actor, &slug, Scope::Workspace, &body).await?;
    Ok((StatusCode::CREATED, axum::Json(PageResponse::from(&view))))
}

/// One workspace page.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/pages/{page_id}/", tag = "pages",
    params(("slug" = String, Path), ("page_id" = Uuid, Path), FieldsQuery),
    responses((status = 200, body = PageResponse), (status = 404)))]
pub async fn get_workspace_page(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): PagePath,
    ApiQuery(query): ApiQuery<FieldsQuery>,
) -> ApiResult<axum::Json<Value>> {
    let view = pages::get(&state.ctx, &actor, &slug, Scope::Workspace, PageId(id)).await?;
    Ok(axum::Json(one(&PageResponse::from(&view), &query)))
}

/// Edits a workspace page (its owner or a workspace admin; not while locked).
#[utoipa::path(patch, path = "/api/v1/workspaces/{slug}/pages/{page_id}/", tag = "pages",
    params(("slug" = String, Path), ("page_id" = Uuid, Path)), request_body = PageRequest,
    responses((status = 200, body = PageResponse), (status = 400), (status = 403), (status = 404)))]
pub async fn update_workspace_page(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): PagePath,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<PageResponse>> {
    let view = pages::update(
        &state.ctx,
        &actor,
        &slug,
        Scope::Workspace,
        PageId(id),
        &body,
    )
    .await?;
    Ok(axum::Json(PageResponse::from(&view)))
}

/// The SDK's update: the same partial update as PATCH.
///
/// Edits a workspace page (its owner or a workspace admin; not while locked).
#[utoipa::path(put, path = "/api/v1/workspaces/{slug}/pages/{page_id}/", tag = "pages",
    params(("slug" = String, Path), ("page_id" = Uuid, Path)), request_body = PageRequest,
    responses((status = 200, body = PageResponse), (status = 400), (status = 403), (status = 404)))]
pub async fn put_workspace_page(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): PagePath,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<PageResponse>> {
    let view = pages::update(
        &state.ctx,
        &actor,
        &slug,
        Scope::Workspace,
        PageId(id),
        &body,
    )
    .await?;
    Ok(axum::Json(PageResponse::from(&view)))
}

/// Deletes an archived workspace page (its owner or a workspace admin; soft delete).
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/pages/{page_id}/", tag = "pages",
    params(("slug" = String, Path), ("page_id" = Uuid, Path)),
    responses((status = 204), (status = 400), (status = 403), (status = 404)))]
pub async fn delete_workspace_page(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): PagePath,
) -> ApiResult<StatusCode> {
    pages::delete(&state.ctx, &actor, &slug, Scope::Workspace, PageId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Archives a workspace page and every page below it.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/pages/{page_id}/archive/", tag = "pages",
    params(("slug" = String, Path), ("page_id" = Uuid, Path)),
    responses((status = 200, body = ArchivedResponse), (status = 400), (status = 403), (status = 404)))]
pub async fn archive_workspace_page(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): PagePath,
) -> ApiResult<axum::Json<ArchivedResponse>> {
    let view = pages::set_archived(
        &state.ctx,
        &actor,
        &slug,
        Scope::Workspace,
        PageId(id),
        true,
    )
    .await?;
    Ok(axum::Json(ArchivedResponse {
        archived_at: view.page.archived_at,
    }))
}

/// Restores an archived workspace page and the pages below it.
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/pages/{page_id}/archive/", tag = "pages",
    params(("slug" = String, Path), ("page_id" = Uuid, Path)),
    responses((status = 204), (status = 400), (status = 403), (status = 404)))]
pub async fn unarchive_workspace_page(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): PagePath,
) -> ApiResult<StatusCode> {
    pages::set_archived(
        &state.ctx,
        &actor,
        &slug,
        Scope::Workspace,
        PageId(id),
        false,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Locks a workspace page against changes.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/pages/{page_id}/lock/", tag = "pages",
    params(("slug" = String, Path), ("page_id" = Uuid, Path)),
    responses((status = 204), (status = 403), (status = 404)))]
pub async fn lock_workspace_page(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): PagePath,
) -> ApiResult<StatusCode> {
    pages::set_locked(
        &state.ctx,
        &actor,
        &slug,
        Scope::Workspace,
        PageId(id),
        true,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Unlocks a workspace page.
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/pages/{page_id}/lock/", tag = "pages",
    params(("slug" = String, Path), ("page_id" = Uuid, Path)),
    responses((status = 204), (status = 403), (status = 404)))]
pub async fn unlock_workspace_page(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): PagePath,
) -> ApiResult<StatusCode> {
    pages::set_locked(
        &state.ctx,
        &actor,
        &slug,
        Scope::Workspace,
        PageId(id),
        false,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
