//! Webhooks of a workspace (workspace admins only), in the shape of Plane's webhook resource,
//! and their delivery log.

mod deliveries;

use axum::{extract::State, http::StatusCode};
use chrono::{DateTime, Utc};
use glider_domain::model::webhooks::{Webhook, WebhookId};
use glider_service::webhooks;
use serde::Serialize;
use utoipa::ToSchema;
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
        .routes(routes!(list_webhooks, create_webhook))
        .routes(routes!(get_webhook, update_webhook, delete_webhook))
        .routes(routes!(regenerate_webhook_secret))
        .merge(deliveries::router())
}

/// Plane's `Webhook`, plus Glider's kind list and failure state.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookResponse {
    pub id: Uuid,
    pub url: String,
    pub is_active: bool,
    /// Present only in the answer that creates the webhook or regenerates its secret: it signs
    /// every delivery (`X-Glider-Signature: sha256=<hex HMAC-SHA256 of the body>`, and Plane's
    /// `X-Plane-Signature: <hex>`) and is never shown again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_key: Option<String>,
    /// Project events (`tracker.project.*`).
    pub project: bool,
    /// Work-item events (`tracker.work_item.*`).
    pub issue: bool,
    /// Module events (`tracker.module.*`).
    pub module: bool,
    /// Cycle events (`tracker.cycle.*`).
    pub cycle: bool,
    /// Comment events (`tracker.comment.*`).
    pub issue_comment: bool,
    /// Further event kinds: exact (`tracker.state.created`), prefixes (`tracker.state.*`) or
    /// `*` for every event of the workspace.
    pub event_kinds: Vec<String>,
    /// Set after several deliveries in a row failed for good; cleared by the next success.
    pub is_failing: bool,
    /// Deliveries in a row that failed after their last attempt.
    pub consecutive_failures: i32,
    pub failing_since: Option<DateTime<Utc>>,
    pub workspace: Uuid,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<&Webhook> for WebhookResponse {
    fn from(hook: &Webhook) -> Self {
        Self {
            id: hook.id.0,
            url: hook.url.clone(),
            is_active: hook.is_active,
            secret_key: None,
            project: hook.events.project,
            issue: hook.events.issue,
            module: hook.events.module,
            cycle: hook.events.cycle,
            issue_comment: hook.events.issue_comment,
            event_kinds: hook
                .events
                .kinds
                .iter()
                .map(|kind| kind.as_str().to_owned())
                .collect(),
            is_failing: hook.failure.is_failing,
            consecutive_failures: hook.failure.consecutive_failures,
            failing_since: hook.failure.failing_since,
            workspace: hook.workspace_id.0,
            created_by: hook.created_by.map(|id| id.0),
            updated_by: hook.updated_by.map(|id| id.0),
            created_at: hook.created_at,
            updated_at: hook.updated_at,
        }
    }
}

impl WebhookResponse {
    /// The view that carries the secret (creation and regeneration only).
    fn with_secret(hook: &Webhook) -> Self {
        Self {
            secret_key: Some(hook.secret.clone()),
            ..hook.into()
        }
    }
}

#[derive(Debug, ToSchema)]
#[expect(
    dead_code,
    reason = "documents the body; the service reads it field by field"
)]
pub struct WebhookRequest {
    /// http or https; the host must resolve to public addresses unless the server's
    /// allow-list (`GLIDER_WEBHOOK_ALLOW_HOSTS`) permits it. Required on creation.
    pub url: Option<String>,
    /// Default true.
    pub is_active: Option<bool>,
    /// Plane's switches, default false.
    pub project: Option<bool>,
    pub issue: Option<bool>,
    pub module: Option<bool>,
    pub cycle: Option<bool>,
    pub issue_comment: Option<bool>,
    /// Event kinds or prefixes (`tracker.state.*`, `*`); null clears the list.
    pub event_kinds: Option<Vec<String>>,
}

type SlugPath = ApiPath<String>;
type WebhookPath = ApiPath<(String, Uuid)>;

/// The workspace's webhooks, newest first (a bare array, as in Plane; never the secrets).
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/webhooks/", tag = "webhooks",
    params(("slug" = String, Path)),
    responses((status = 200, body = [WebhookResponse]), (status = 403), (status = 404)))]
pub async fn list_webhooks(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): SlugPath,
) -> ApiResult<axum::Json<Vec<WebhookResponse>>> {
    let list = webhooks::list(&state.ctx, &actor, &slug).await?;
    Ok(axum::Json(list.iter().map(Into::into).collect()))
}

/// Registers a webhook. The answer carries `secret_key` this once.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/webhooks/", tag = "webhooks",
    params(("slug" = String, Path)), request_body = WebhookRequest,
    responses((status = 201, body = WebhookResponse), (status = 400), (status = 403), (status = 404), (status = 409)))]
pub async fn create_webhook(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): SlugPath,
    JsonObject(body): JsonObject,
) -> ApiResult<(StatusCode, axum::Json<WebhookResponse>)> {
    let hook = webhooks::create(&state.ctx, &actor, &slug, &body).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(WebhookResponse::with_secret(&hook)),
    ))
}

/// One webhook (without its secret).
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/webhooks/{webhook_id}/", tag = "webhooks",
    params(("slug" = String, Path), ("webhook_id" = Uuid, Path)),
    responses((status = 200, body = WebhookResponse), (status = 403), (status = 404)))]
pub async fn get_webhook(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): WebhookPath,
) -> ApiResult<axum::Json<WebhookResponse>> {
    let hook = webhooks::get(&state.ctx, &actor, &slug, WebhookId(id)).await?;
    Ok(axum::Json((&hook).into()))
}

/// Changes the URL, the events or the active flag; absent fields keep their value.
#[utoipa::path(patch, path = "/api/v1/workspaces/{slug}/webhooks/{webhook_id}/", tag = "webhooks",
    params(("slug" = String, Path), ("webhook_id" = Uuid, Path)), request_body = WebhookRequest,
    responses((status = 200, body = WebhookResponse), (status = 400), (status = 403), (status = 404), (status = 409)))]
pub async fn update_webhook(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): WebhookPath,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<WebhookResponse>> {
    let hook = webhooks::update(&state.ctx, &actor, &slug, WebhookId(id), &body).await?;
    Ok(axum::Json((&hook).into()))
}

/// Deletes a webhook; deliveries not yet sent are dropped.
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/webhooks/{webhook_id}/", tag = "webhooks",
    params(("slug" = String, Path), ("webhook_id" = Uuid, Path)),
    responses((status = 204), (status = 403), (status = 404)))]
pub async fn delete_webhook(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): WebhookPath,
) -> ApiResult<StatusCode> {
    webhooks::delete(&state.ctx, &actor, &slug, WebhookId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Replaces the secret (Plane's `regenerate/`); the answer carries the new `secret_key` once.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/webhooks/{webhook_id}/regenerate/", tag = "webhooks",
    params(("slug" = String, Path), ("webhook_id" = Uuid, Path)),
    responses((status = 200, body = WebhookResponse), (status = 403), (status = 404)))]
pub async fn regenerate_webhook_secret(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): WebhookPath,
) -> ApiResult<axum::Json<WebhookResponse>> {
    let hook = webhooks::regenerate_secret(&state.ctx, &actor, &slug, WebhookId(id)).await?;
    Ok(axum::Json(WebhookResponse::with_secret(&hook)))
}
