//! Bulk update and delete of work items (Glider extension). These static paths sit beside
//! `work-items/{work_item_id}/`; the router prefers the static segment.

use axum::extract::State;
use glider_domain::{ProjectId, ValidationError};
use glider_service::tracker::bulk::{self, Outcome};
use serde::Serialize;
use serde_json::{Value, json};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    AppState,
    auth::CurrentActor,
    error::{ApiError, ApiResult},
    extract::{ApiJson, ApiPath},
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(bulk_update_work_items))
        .routes(routes!(bulk_delete_work_items))
}

/// The result of one entry.
#[derive(Debug, Serialize, ToSchema)]
pub struct BulkItemResult {
    /// The id as sent (`null` when there was none).
    #[schema(value_type = Option<String>)]
    pub id: Value,
    /// 200 for a written entry; otherwise the status a single request would have had.
    pub status: u16,
    /// Why the entry was refused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The stable error code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Field errors of a refused entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub fields: Option<Value>,
}

/// Counts and one result per entry, in request order.
#[derive(Debug, Serialize, ToSchema)]
pub struct BulkResponse {
    pub succeeded: usize,
    pub failed: usize,
    pub results: Vec<BulkItemResult>,
}

fn respond(outcomes: Vec<Outcome>) -> BulkResponse {
    let results: Vec<BulkItemResult> = outcomes
        .into_iter()
        .map(|outcome| match outcome.error {
            None => BulkItemResult {
                id: outcome.id,
                status: 200,
                error: None,
                code: None,
                fields: None,
            },
            Some(error) => {
                let error = ApiError::from(error);
                let message = error
                    .extra
                    .get("error")
                    .and_then(Value::as_str)
                    .map_or_else(|| error.detail.clone(), str::to_owned);
                BulkItemResult {
                    id: outcome.id,
                    status: error.status().as_u16(),
                    error: Some(message),
                    code: Some(error.code.clone()),
                    fields: (!error.fields.is_empty()).then(|| json!(error.fields.0)),
                }
            }
        })
        .collect();
    let failed = results.iter().filter(|r| r.status != 200).count();
    BulkResponse {
        succeeded: results.len() - failed,
        failed,
        results,
    }
}

/// The list in a body: a bare array, or the array under `key`.
fn entries(body: Value, key: &str) -> Result<Vec<Value>, ValidationError> {
    match body {
        Value::Array(items) => Ok(items),
        Value::Object(mut map) => match map.remove(key) {
            Some(Value::Array(items)) => Ok(items),
            Some(_) => Err(ValidationError::new(key, "Expected a list of items.")),
            None => Err(ValidationError::new(key, "This field is required.")),
        },
        _ => Err(ValidationError::new(key, "Expected a list of items.")),
    }
}

fn invalid(error: ValidationError) -> ApiError {
    ApiError::field(&error.field, &error.message)
}

/// Updates many work items at once: `{"items": [{"id": …, <fields as in PATCH>}]}` (or the
/// bare list). Every entry is checked first; those that pass are written in one transaction.
/// Up to 250 entries.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/bulk-update/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path)), request_body = Object,
    responses((status = 200, body = BulkResponse), (status = 400), (status = 403), (status = 404)))]
pub async fn bulk_update_work_items(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ApiPath<(String, Uuid)>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<axum::Json<BulkResponse>> {
    let items = entries(body, "items").map_err(invalid)?;
    let outcomes = bulk::update(&state.ctx, &actor, &slug, ProjectId(project_id), &items).await?;
    Ok(axum::Json(respond(outcomes)))
}

/// Deletes many work items at once: `{"ids": [...]}` (or the bare list); each one its
/// creator's or a project admin's to delete. Those that pass are deleted in one transaction.
/// Up to 250 ids.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/bulk-delete/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path)), request_body = Object,
    responses((status = 200, body = BulkResponse), (status = 400), (status = 403), (status = 404)))]
pub async fn bulk_delete_work_items(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ApiPath<(String, Uuid)>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<axum::Json<BulkResponse>> {
    let ids = entries(body, "ids").map_err(invalid)?;
    let outcomes = bulk::delete(&state.ctx, &actor, &slug, ProjectId(project_id), &ids).await?;
    Ok(axum::Json(respond(outcomes)))
}
