//! Relations between work items.

use axum::{extract::State, http::StatusCode};
use glider_domain::{ProjectId, WorkItemId};
use glider_service::tracker::work_items::relations;
use serde_json::{Map, Value, json};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    AppState,
    auth::CurrentActor,
    error::ApiResult,
    extract::{ApiPath, JsonObject},
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_relations, create_relations))
        .routes(routes!(remove_relation))
}

type ItemPath = ApiPath<(String, Uuid, Uuid)>;

/// The eight relation lists, each of related work-item ids (as Plane's SDK parses them).
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/relations/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path)),
    responses((status = 200, body = Object), (status = 404)))]
pub async fn list_relations(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project, item)): ItemPath,
) -> ApiResult<axum::Json<Value>> {
    let lists = relations::list(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project),
        WorkItemId(item),
    )
    .await?;
    let map: Map<String, Value> = lists
        .into_iter()
        .map(|(kind, ids)| (kind.as_str().to_owned(), json!(ids)))
        .collect();
    Ok(axum::Json(Value::Object(map)))
}

/// Relates the work item to each of `issues` with `relation_type`.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/relations/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path)), request_body = Object,
    responses((status = 201, body = [Object]), (status = 400), (status = 404)))]
pub async fn create_relations(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project, item)): ItemPath,
    JsonObject(body): JsonObject,
) -> ApiResult<(StatusCode, axum::Json<Vec<Value>>)> {
    let created = relations::create(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project),
        WorkItemId(item),
        &body,
    )
    .await?;
    let out = created
        .iter()
        .map(|(other, stored)| {
            json!({
                "id": other.id, "project_id": other.project_id, "sequence_id": other.sequence_id,
                "relation_type": stored, "name": other.name, "state_id": other.state_id, "priority": other.priority,
                "created_by": other.created_by, "created_at": other.created_at, "updated_at": other.updated_at,
                "updated_by": other.updated_by,
            })
        })
        .collect();
    Ok((StatusCode::CREATED, axum::Json(out)))
}

/// Removes the relation with `related_issue`.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/relations/remove/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path)), request_body = Object,
    responses((status = 204), (status = 400), (status = 404)))]
pub async fn remove_relation(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project, item)): ItemPath,
    JsonObject(body): JsonObject,
) -> ApiResult<StatusCode> {
    relations::remove(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project),
        WorkItemId(item),
        &body,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
