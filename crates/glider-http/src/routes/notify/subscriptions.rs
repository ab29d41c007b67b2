//! Following a work item: `…/work-items/{id}/subscribe/` (also under the deprecated `issues/`).

use axum::{extract::State, http::StatusCode, routing::get};
use glider_domain::{ProjectId, WorkItemId};
use glider_service::notify::subscriptions;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{AppState, auth::CurrentActor, error::ApiResult, extract::ApiPath};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(
            get_subscription,
            subscribe_work_item,
            unsubscribe_work_item
        ))
        .route(
            "/api/v1/workspaces/{slug}/projects/{project_id}/issues/{work_item_id}/subscribe/",
            get(get_subscription)
                .post(subscribe_work_item)
                .delete(unsubscribe_work_item),
        )
}

/// Whether the caller hears about the work item.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubscriptionResponse {
    pub subscribed: bool,
}

type ItemPath = ApiPath<(String, Uuid, Uuid)>;

/// Whether the caller follows the work item: their explicit choice, else whether they are an
/// assignee or its creator.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/subscribe/",
    tag = "notifications",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path)),
    responses((status = 200, body = SubscriptionResponse), (status = 404)))]
pub async fn get_subscription(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project, id)): ItemPath,
) -> ApiResult<axum::Json<SubscriptionResponse>> {
    let subscribed = subscriptions::status(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project),
        WorkItemId(id),
    )
    .await?;
    Ok(axum::Json(SubscriptionResponse { subscribed }))
}

/// Follows the work item: the caller hears about its changes and comments.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/subscribe/",
    tag = "notifications",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path)),
    responses((status = 201, body = SubscriptionResponse), (status = 404)))]
pub async fn subscribe_work_item(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project, id)): ItemPath,
) -> ApiResult<(StatusCode, axum::Json<SubscriptionResponse>)> {
    let subscribed = subscriptions::set(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project),
        WorkItemId(id),
        true,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(SubscriptionResponse { subscribed }),
    ))
}

/// Stops following the work item, also as its assignee or creator; @mentions still notify.
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/subscribe/",
    tag = "notifications",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path)),
    responses((status = 204), (status = 404)))]
pub async fn unsubscribe_work_item(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project, id)): ItemPath,
) -> ApiResult<StatusCode> {
    subscriptions::set(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project),
        WorkItemId(id),
        false,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
