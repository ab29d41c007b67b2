//! The caller's favorites (a Glider extension on Plane's web path):
//! `/api/v1/workspaces/{slug}/user-favorites/`.

use axum::{extract::State, http::StatusCode};
use chrono::{DateTime, Utc};
use glider_domain::FavoriteId;
use glider_service::workspaces::favorites::{self, FavoriteView};
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
    routes::pages::paginate,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_favorites, create_favorite))
        .routes(routes!(delete_favorite))
}

/// What a favorite points at.
#[derive(Debug, Serialize, ToSchema)]
pub struct FavoriteEntityResponse {
    pub id: Uuid,
    pub name: String,
    pub logo_props: Value,
    /// The entity's project (a project's own id for a project); null for workspace pages and
    /// views.
    pub project_id: Option<Uuid>,
}

/// Plane's `UserFavorite`.
#[derive(Debug, Serialize, ToSchema)]
pub struct FavoriteResponse {
    pub id: Uuid,
    /// `project`, `view` or `page`.
    pub entity_type: String,
    pub entity_identifier: Uuid,
    pub entity_data: FavoriteEntityResponse,
    pub sequence: f64,
    pub workspace_id: Uuid,
    pub project_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

impl From<&FavoriteView> for FavoriteResponse {
    fn from(view: &FavoriteView) -> Self {
        let f = &view.favorite;
        Self {
            id: f.id.0,
            entity_type: f.entity_type.clone(),
            entity_identifier: f.entity_id,
            entity_data: FavoriteEntityResponse {
                id: view.entity.id,
                name: view.entity.name.clone(),
                logo_props: view.entity.logo_props.clone(),
                project_id: view.entity.project_id.map(|id| id.0),
            },
            sequence: f.sequence,
            workspace_id: f.workspace_id.0,
            project_id: f.project_id.map(|id| id.0),
            created_at: f.created_at,
        }
    }
}

/// Body of a favorite create.
#[derive(Debug, ToSchema)]
#[expect(
    dead_code,
    reason = "documents the body; the service reads it field by field"
)]
pub struct FavoriteRequest {
    /// `project`, `view` or `page`.
    pub entity_type: String,
    /// The id of a project, view or page the caller can see.
    pub entity_identifier: Uuid,
}

/// The caller's favorites in the workspace whose entities they can still see.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/user-favorites/", tag = "favorites",
    params(("slug" = String, Path), PageQuery),
    responses((status = 200, body = Paginated<FavoriteResponse>), (status = 400), (status = 404)))]
pub async fn list_favorites(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<axum::Json<Paginated<Value>>> {
    let page = query.page(1000)?;
    let list = favorites::list(&state.ctx, &actor, &slug).await?;
    Ok(axum::Json(paginate::<FavoriteResponse, _>(
        page, &query, list,
    )))
}

/// Marks a project, view or page as favorite (workspace members and admins). Once per entity.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/user-favorites/", tag = "favorites",
    params(("slug" = String, Path)), request_body = FavoriteRequest,
    responses((status = 201, body = FavoriteResponse), (status = 400), (status = 403), (status = 404), (status = 409)))]
pub async fn create_favorite(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
    JsonObject(body): JsonObject,
) -> ApiResult<(StatusCode, axum::Json<FavoriteResponse>)> {
    let view = favorites::create(&state.ctx, &actor, &slug, &body).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(FavoriteResponse::from(&view)),
    ))
}

/// Removes one of the caller's favorites.
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/user-favorites/{favorite_id}/", tag = "favorites",
    params(("slug" = String, Path), ("favorite_id" = Uuid, Path)),
    responses((status = 204), (status = 403), (status = 404)))]
pub async fn delete_favorite(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): ApiPath<(String, Uuid)>,
) -> ApiResult<StatusCode> {
    favorites::delete(&state.ctx, &actor, &slug, FavoriteId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}
