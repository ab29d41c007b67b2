//! A webhook's delivery log (workspace admins): every event owed to it, newest first, with
//! its status, the receiver's answer, the latency and the attempts; and resending one.

use axum::{extract::State, http::StatusCode};
use chrono::{DateTime, Utc};
use glider_domain::model::webhooks::{
    AttemptOutcome, Delivery, DeliveryStatus, WebhookDeliveryId, WebhookId,
};
use glider_service::webhooks::deliveries;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    AppState,
    auth::CurrentActor,
    error::{ApiError, ApiResult},
    extract::{ApiPath, ApiQuery},
    pagination::{PageQuery, Paginated},
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_webhook_deliveries))
        .routes(routes!(get_webhook_delivery))
        .routes(routes!(resend_webhook_delivery))
}

/// One attempt to deliver.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryAttemptResponse {
    pub at: DateTime<Utc>,
    /// The receiver's status code; null when no answer came.
    pub response_status: Option<i32>,
    pub latency_ms: i64,
    pub error: Option<String>,
}

impl From<&AttemptOutcome> for DeliveryAttemptResponse {
    fn from(outcome: &AttemptOutcome) -> Self {
        Self {
            at: outcome.at,
            response_status: outcome.response_status,
            latency_ms: outcome.latency_ms,
            error: outcome.error.clone(),
        }
    }
}

/// One event owed to a webhook.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryResponse {
    pub id: Uuid,
    pub webhook: Uuid,
    pub workspace: Uuid,
    /// The event's id, also the body's `id` (receivers deduplicate by it).
    pub event_id: Uuid,
    /// The event's kind (`tracker.work_item.updated`).
    pub event: String,
    pub status: DeliveryStatus,
    /// Attempts since the delivery was queued or last resent.
    pub attempts: i32,
    /// When the next attempt is due (pending deliveries only).
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// The last answer's status code.
    pub response_status: Option<i32>,
    /// The start of the last answer's body (at most 2 KiB).
    pub response_body: Option<String>,
    /// How long the last attempt took.
    pub latency_ms: Option<i64>,
    pub last_error: Option<String>,
    pub last_attempt_at: Option<DateTime<Utc>>,
    /// Every attempt, oldest first.
    pub attempt_history: Vec<DeliveryAttemptResponse>,
    /// The JSON body sent on every attempt.
    pub request_body: Value,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<&Delivery> for DeliveryResponse {
    fn from(d: &Delivery) -> Self {
        Self {
            id: d.id.0,
            webhook: d.webhook_id.0,
            workspace: d.workspace_id.0,
            event_id: d.event_id.0,
            event: d.event_kind.clone(),
            status: d.status,
            attempts: d.attempts,
            next_attempt_at: (d.status == DeliveryStatus::Pending).then_some(d.next_attempt_at),
            response_status: d.response_status,
            response_body: d.response_body.clone(),
            latency_ms: d.latency_ms,
            last_error: d.last_error.clone(),
            last_attempt_at: d.last_attempt_at,
            attempt_history: d.history.iter().map(Into::into).collect(),
            request_body: serde_json::from_str(&d.body).unwrap_or(Value::Null),
            created_at: d.created_at,
            updated_at: d.updated_at,
        }
    }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeliveryListQuery {
    /// pending, succeeded or failed.
    pub status: Option<String>,
    /// Items per page, 1 to 1000 (default 50).
    pub per_page: Option<String>,
    /// `"<per_page>:<page>:<is_prev>"` from a previous response.
    pub cursor: Option<String>,
}

type WebhookPath = ApiPath<(String, Uuid)>;
type DeliveryPath = ApiPath<(String, Uuid, Uuid)>;

/// The webhook's deliveries, newest first, 50 per page unless asked otherwise.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/webhooks/{webhook_id}/deliveries/", tag = "webhooks",
    params(("slug" = String, Path), ("webhook_id" = Uuid, Path), DeliveryListQuery),
    responses((status = 200, body = Paginated<DeliveryResponse>), (status = 400), (status = 403), (status = 404)))]
pub async fn list_webhook_deliveries(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, webhook_id)): WebhookPath,
    ApiQuery(query): ApiQuery<DeliveryListQuery>,
) -> ApiResult<axum::Json<Paginated<DeliveryResponse>>> {
    let status = match query.status.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(raw) => Some(
            DeliveryStatus::parse(raw)
                .ok_or_else(|| ApiError::field("status", "Choose pending, succeeded or failed."))?,
        ),
    };
    let page = PageQuery {
        per_page: query.per_page.clone(),
        cursor: query.cursor.clone(),
        fields: None,
    }
    .page(50)?;
    let (list, total) = deliveries::page(
        &state.ctx,
        &actor,
        &slug,
        WebhookId(webhook_id),
        status,
        page.offset(),
        page.per_page,
    )
    .await?;
    let results = list.iter().map(Into::into).collect();
    Ok(axum::Json(Paginated::new(page, total, results)))
}

/// One delivery of the webhook.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/webhooks/{webhook_id}/deliveries/{delivery_id}/", tag = "webhooks",
    params(("slug" = String, Path), ("webhook_id" = Uuid, Path), ("delivery_id" = Uuid, Path)),
    responses((status = 200, body = DeliveryResponse), (status = 403), (status = 404)))]
pub async fn get_webhook_delivery(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, webhook_id, id)): DeliveryPath,
) -> ApiResult<axum::Json<DeliveryResponse>> {
    let delivery = deliveries::get(
        &state.ctx,
        &actor,
        &slug,
        WebhookId(webhook_id),
        WebhookDeliveryId(id),
    )
    .await?;
    Ok(axum::Json((&delivery).into()))
}

/// Sends the delivery again as soon as possible, with a fresh count of attempts.
///
/// 202: the attempt happens in the background; read the delivery to see its outcome.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/webhooks/{webhook_id}/deliveries/{delivery_id}/resend/", tag = "webhooks",
    params(("slug" = String, Path), ("webhook_id" = Uuid, Path), ("delivery_id" = Uuid, Path)),
    responses((status = 202, body = DeliveryResponse), (status = 400), (status = 403), (status = 404), (status = 409)))]
pub async fn resend_webhook_delivery(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, webhook_id, id)): DeliveryPath,
) -> ApiResult<(StatusCode, axum::Json<DeliveryResponse>)> {
    let delivery = deliveries::resend(
        &state.ctx,
        &actor,
        &slug,
        WebhookId(webhook_id),
        WebhookDeliveryId(id),
    )
    .await?;
    Ok((StatusCode::ACCEPTED, axum::Json((&delivery).into())))
}
