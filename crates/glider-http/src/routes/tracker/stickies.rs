//! Stickies: the caller's own notes in a workspace (Plane's `stickies/`).

use axum::{extract::State, http::StatusCode};
use chrono::{DateTime, Utc};
use glider_domain::model::catalog::{Sticky, StickyId};
use glider_service::{ServiceError, workspaces::stickies};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    AppState,
    auth::CurrentActor,
    error::{ApiError, ApiResult},
    extract::{ApiPath, ApiQuery, JsonObject},
    pagination::{PageQuery, Paginated},
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_stickies, create_sticky))
        .routes(routes!(
            get_sticky,
            update_sticky,
            replace_sticky,
            delete_sticky
        ))
}

/// Plane's answer when the sticky is not the caller's (or does not exist).
fn plane_error(error: ServiceError) -> ApiError {
    let is_sticky = matches!(error, ServiceError::NotFound { resource: "sticky" });
    let mut api = ApiError::from(error);
    if is_sticky {
        api.detail = "No Sticky matches the given query.".to_owned();
        api.extra.remove("error");
    }
    api
}

/// Plane's `Sticky`.
#[derive(Debug, Serialize, ToSchema)]
pub struct StickyResponse {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub name: Option<String>,
    pub description: Value,
    /// Sanitised HTML.
    pub description_html: String,
    /// The text of `description_html`, recomputed on every save.
    pub description_stripped: Option<String>,
    /// Live-editing state; Glider does not edit stickies live, so always null.
    pub description_binary: Option<String>,
    pub logo_props: Value,
    pub color: Option<String>,
    pub background_color: Option<String>,
    pub sort_order: f64,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    pub workspace: Uuid,
    pub owner: Uuid,
}

impl From<&Sticky> for StickyResponse {
    fn from(s: &Sticky) -> Self {
        Self {
            id: s.id.0,
            created_at: s.created_at,
            updated_at: s.updated_at,
            deleted_at: None,
            name: s.name.clone(),
            description: s.description.clone(),
            description_html: s.description_html.clone(),
            description_stripped: s.description_stripped.clone(),
            description_binary: None,
            logo_props: s.logo_props.clone(),
            color: s.color.clone(),
            background_color: s.background_color.clone(),
            sort_order: s.sort_order,
            created_by: s.created_by.map(|id| id.0),
            updated_by: s.updated_by.map(|id| id.0),
            workspace: s.workspace_id.0,
            owner: s.owner_id.0,
        }
    }
}

/// Plane's `StickyWrite`: every field optional.
#[derive(Debug, ToSchema)]
#[expect(
    dead_code,
    reason = "documents the body; the service reads it field by field"
)]
pub struct StickyRequest {
    pub name: Option<String>,
    /// Editor JSON (default `{}`).
    pub description: Option<Value>,
    /// HTML, sanitised on save (default `<p></p>`).
    pub description_html: Option<String>,
    pub logo_props: Option<Value>,
    pub color: Option<String>,
    pub background_color: Option<String>,
    /// Position; taken on update only (a new sticky goes after the last one).
    pub sort_order: Option<f64>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StickyListQuery {
    /// Keeps stickies whose text contains this (case-insensitive).
    pub query: Option<String>,
    /// Items per page, 1 to 1000 (default 20).
    pub per_page: Option<String>,
    /// `"<per_page>:<page>:<is_prev>"` from a previous response.
    pub cursor: Option<String>,
}

type StickyPath = ApiPath<(String, Uuid)>;

/// The caller's stickies, newest first, 20 per page unless asked otherwise.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/stickies/", tag = "stickies",
    params(("slug" = String, Path), StickyListQuery),
    responses((status = 200, body = Paginated<StickyResponse>), (status = 404)))]
pub async fn list_stickies(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(query): ApiQuery<StickyListQuery>,
) -> ApiResult<axum::Json<Paginated<StickyResponse>>> {
    let page = PageQuery {
        per_page: query.per_page.clone(),
        cursor: query.cursor.clone(),
        fields: None,
    }
    .page(20)?;
    let list = stickies::list(&state.ctx, &actor, &slug, query.query.as_deref()).await?;
    let total = list.len() as u64;
    let results = page.slice(list).iter().map(Into::into).collect();
    Ok(axum::Json(Paginated::new(page, total, results)))
}

/// Creates a sticky for the caller (any active workspace member).
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/stickies/", tag = "stickies",
    params(("slug" = String, Path)), request_body = StickyRequest,
    responses((status = 201, body = StickyResponse), (status = 400), (status = 404)))]
pub async fn create_sticky(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
    JsonObject(body): JsonObject,
) -> ApiResult<(StatusCode, axum::Json<StickyResponse>)> {
    let sticky = stickies::create(&state.ctx, &actor, &slug, &body).await?;
    Ok((StatusCode::CREATED, axum::Json((&sticky).into())))
}

/// One of the caller's stickies.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/stickies/{sticky_id}/", tag = "stickies",
    params(("slug" = String, Path), ("sticky_id" = Uuid, Path)),
    responses((status = 200, body = StickyResponse), (status = 404)))]
pub async fn get_sticky(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): StickyPath,
) -> ApiResult<axum::Json<StickyResponse>> {
    let sticky = stickies::get(&state.ctx, &actor, &slug, StickyId(id))
        .await
        .map_err(plane_error)?;
    Ok(axum::Json((&sticky).into()))
}

/// Changes one of the caller's stickies.
#[utoipa::path(patch, path = "/api/v1/workspaces/{slug}/stickies/{sticky_id}/", tag = "stickies",
    params(("slug" = String, Path), ("sticky_id" = Uuid, Path)), request_body = StickyRequest,
    responses((status = 200, body = StickyResponse), (status = 400), (status = 404)))]
pub async fn update_sticky(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): StickyPath,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<StickyResponse>> {
    let sticky = stickies::update(&state.ctx, &actor, &slug, StickyId(id), &body)
        .await
        .map_err(plane_error)?;
    Ok(axum::Json((&sticky).into()))
}

/// Same as PATCH (Plane serves PUT too; absent fields keep their value).
#[utoipa::path(put, path = "/api/v1/workspaces/{slug}/stickies/{sticky_id}/", tag = "stickies",
    params(("slug" = String, Path), ("sticky_id" = Uuid, Path)), request_body = StickyRequest,
    responses((status = 200, body = StickyResponse), (status = 400), (status = 404)))]
pub async fn replace_sticky(
    state: State<AppState>,
    actor: CurrentActor,
    path: StickyPath,
    body: JsonObject,
) -> ApiResult<axum::Json<StickyResponse>> {
    update_sticky(state, actor, path, body).await
}

/// Deletes one of the caller's stickies (soft delete).
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/stickies/{sticky_id}/", tag = "stickies",
    params(("slug" = String, Path), ("sticky_id" = Uuid, Path)),
    responses((status = 204), (status = 404)))]
pub async fn delete_sticky(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): StickyPath,
) -> ApiResult<StatusCode> {
    stickies::delete(&state.ctx, &actor, &slug, StickyId(id))
        .await
        .map_err(plane_error)?;
    Ok(StatusCode::NO_CONTENT)
}
