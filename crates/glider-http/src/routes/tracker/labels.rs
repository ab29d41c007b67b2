//! Work-item labels in Plane's shape.

use axum::{extract::State, http::StatusCode};
use chrono::{DateTime, Utc};
use glider_domain::{LabelId, ProjectId, model::catalog::Label};
use glider_service::tracker::labels;
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
    routes::tracker::expand::{ExpandQuery, Subject, shape},
    views::to_value,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_labels, create_label))
        .routes(routes!(get_label, update_label, delete_label))
}

/// Plane's `Label`.
#[derive(Debug, Serialize, ToSchema)]
pub struct LabelResponse {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub name: String,
    pub description: String,
    pub color: String,
    pub sort_order: f64,
    pub external_source: Option<String>,
    pub external_id: Option<String>,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    pub workspace: Uuid,
    pub project: Option<Uuid>,
    /// The label this one is nested under.
    pub parent: Option<Uuid>,
}

impl From<&Label> for LabelResponse {
    fn from(l: &Label) -> Self {
        Self {
            id: l.id.0,
            created_at: l.created_at,
            updated_at: l.updated_at,
            deleted_at: None,
            name: l.name.clone(),
            description: l.description.clone(),
            color: l.color.clone(),
            sort_order: l.sort_order,
            external_source: l.external_source.clone(),
            external_id: l.external_id.clone(),
            created_by: l.created_by.map(|id| id.0),
            updated_by: l.updated_by.map(|id| id.0),
            workspace: l.workspace_id.0,
            project: Some(l.project_id.0),
            parent: l.parent_id.map(|id| id.0),
        }
    }
}

/// Plane's `LabelCreate` (every field optional on update).
#[derive(Debug, ToSchema)]
#[expect(
    dead_code,
    reason = "documents the body; the service reads it field by field"
)]
pub struct LabelRequest {
    /// Unique in the project; at most 255 characters.
    pub name: Option<String>,
    pub color: Option<String>,
    pub description: Option<String>,
    /// Another label of the same project; a label may not end up below itself.
    pub parent: Option<Uuid>,
    /// Position; taken on update only (a new label goes after the last one).
    pub sort_order: Option<f64>,
    pub external_source: Option<String>,
    pub external_id: Option<String>,
}

type LabelPath = ApiPath<(String, Uuid, Uuid)>;

/// The project's labels, newest first.
///
/// `expand` takes project, workspace, parent (as Plane renders it: `{id, project_id}`),
/// created_by and updated_by.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/labels/", tag = "labels",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), PageQuery, ExpandQuery),
    responses((status = 200, body = Paginated<LabelResponse>), (status = 404)))]
pub async fn list_labels(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ApiPath<(String, Uuid)>,
    ApiQuery(query): ApiQuery<PageQuery>,
    ApiQuery(expand): ApiQuery<ExpandQuery>,
) -> ApiResult<axum::Json<Paginated<Value>>> {
    let page = query.page(1000)?;
    let list = labels::list(&state.ctx, &actor, &slug, ProjectId(project_id)).await?;
    let total = list.len() as u64;
    let list = page.slice(list);
    let Some(first) = list.first() else {
        return Ok(axum::Json(Paginated::new(page, total, Vec::new())));
    };
    let workspace_id = first.workspace_id;
    let values = list
        .iter()
        .map(|l| to_value(&LabelResponse::from(l)))
        .collect();
    let results = shape(
        &state,
        Subject::Label,
        workspace_id,
        values,
        query.fields.as_deref(),
        expand.expand.as_deref(),
    )
    .await?;
    Ok(axum::Json(Paginated::new(page, total, results)))
}

/// Creates a label (project members and admins).
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/labels/", tag = "labels",
    params(("slug" = String, Path), ("project_id" = Uuid, Path)), request_body = LabelRequest,
    responses((status = 201, body = LabelResponse), (status = 400), (status = 403), (status = 404), (status = 409)))]
pub async fn create_label(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ApiPath<(String, Uuid)>,
    JsonObject(body): JsonObject,
) -> ApiResult<(StatusCode, axum::Json<LabelResponse>)> {
    let created = labels::create(&state.ctx, &actor, &slug, ProjectId(project_id), &body).await?;
    Ok((StatusCode::CREATED, axum::Json((&created).into())))
}

/// One label (`fields` and `expand` are ignored here, as in Plane).
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/labels/{label_id}/", tag = "labels",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("label_id" = Uuid, Path)),
    responses((status = 200, body = LabelResponse), (status = 404)))]
pub async fn get_label(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): LabelPath,
) -> ApiResult<axum::Json<LabelResponse>> {
    let found = labels::get(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        LabelId(id),
    )
    .await?;
    Ok(axum::Json((&found).into()))
}

/// Changes a label (project members and admins).
#[utoipa::path(patch, path = "/api/v1/workspaces/{slug}/projects/{project_id}/labels/{label_id}/", tag = "labels",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("label_id" = Uuid, Path)), request_body = LabelRequest,
    responses((status = 200, body = LabelResponse), (status = 400), (status = 403), (status = 404), (status = 409)))]
pub async fn update_label(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): LabelPath,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<LabelResponse>> {
    let updated = labels::update(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        LabelId(id),
        &body,
    )
    .await?;
    Ok(axum::Json((&updated).into()))
}

/// Deletes a label and the labels nested below it (soft delete); work items lose them.
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/projects/{project_id}/labels/{label_id}/", tag = "labels",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("label_id" = Uuid, Path)),
    responses((status = 204), (status = 403), (status = 404)))]
pub async fn delete_label(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): LabelPath,
) -> ApiResult<StatusCode> {
    labels::delete(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        LabelId(id),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
