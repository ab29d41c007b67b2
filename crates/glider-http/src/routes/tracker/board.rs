//! Board moves (Glider's; Plane moves cards with a PATCH of `state` and `sort_order`, which
//! works here too).

use axum::extract::State;
use glider_domain::ProjectId;
use glider_service::tracker::board;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::work_items::WorkItemResponse;
use crate::{
    AppState,
    auth::CurrentActor,
    error::ApiResult,
    extract::{ApiPath, JsonObject},
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(move_card))
}

/// Moves a card: `{"work_item": id, "state"?: id, "sort_order"?: number}`, or neighbours
/// instead of a number: `after` (the card it lands below) and/or `before` (the card it lands
/// above). One work-item update with its history and event; the last committed move wins.
#[utoipa::path(put, path = "/api/v1/workspaces/{slug}/projects/{project_id}/board/move/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path)), request_body = Object,
    responses((status = 200, body = WorkItemResponse), (status = 400), (status = 403), (status = 404)))]
pub async fn move_card(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ApiPath<(String, Uuid)>,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<WorkItemResponse>> {
    let located = board::move_card(&state.ctx, &actor, &slug, ProjectId(project_id), &body).await?;
    Ok(axum::Json((&located.item).into()))
}
