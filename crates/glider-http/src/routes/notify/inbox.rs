//! The caller's notifications in a workspace: `workspaces/{slug}/notifications/…`.

use axum::extract::State;
use glider_domain::model::notify::{Notification, NotificationFilter, NotificationId};
use glider_service::notify::inbox;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    AppState,
    auth::CurrentActor,
    error::ApiResult,
    extract::{ApiPath, ApiQuery, JsonObject},
    pagination::{PageQuery, Paginated},
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_notifications))
        .routes(routes!(count_unread_notifications))
        .routes(routes!(mark_all_notifications_read))
        .routes(routes!(get_notification, update_notification))
        .routes(routes!(mark_notification_read, mark_notification_unread))
        .routes(routes!(archive_notification, unarchive_notification))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NotificationListQuery {
    /// `true`: only read ones; `false`: only unread ones; absent: both.
    pub read: Option<bool>,
    /// `true`: only archived ones; `false` (default): only those not archived.
    pub archived: Option<bool>,
    /// `true`: only those snoozed into the future; `false` (default): only awake ones.
    pub snoozed: Option<bool>,
    /// Items per page, 1 to 1000 (default 20).
    pub per_page: Option<String>,
    /// `"<per_page>:<page>:<is_prev>"` from a previous response.
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UnreadCountResponse {
    /// Unread notifications that are neither archived nor snoozed.
    pub total_unread_notifications_count: u64,
    /// How many of those are @mentions.
    pub mention_unread_notifications_count: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MarkAllReadResponse {
    /// How many notifications were unread and are now read.
    pub marked: u64,
}

type NotificationPath = ApiPath<(String, Uuid)>;

/// The caller's notifications in the workspace, newest first, 20 per page unless asked
/// otherwise. Archived and snoozed ones are left out unless asked for.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/notifications/", tag = "notifications",
    params(("slug" = String, Path), NotificationListQuery),
    responses((status = 200, body = Paginated<Notification>), (status = 400), (status = 404)))]
pub async fn list_notifications(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(query): ApiQuery<NotificationListQuery>,
) -> ApiResult<axum::Json<Paginated<Notification>>> {
    let page = PageQuery {
        per_page: query.per_page.clone(),
        cursor: query.cursor.clone(),
        fields: None,
    }
    .page(20)?;
    let filter = NotificationFilter {
        read: query.read,
        archived: Some(query.archived.unwrap_or(false)),
        snoozed: Some(query.snoozed.unwrap_or(false)),
    };
    let (total, results) = inbox::list(
        &state.ctx,
        &actor,
        &slug,
        filter,
        (page.offset(), page.per_page),
    )
    .await?;
    Ok(axum::Json(Paginated::new(page, total, results)))
}

/// How many of the caller's notifications in the workspace are unread.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/notifications/unread-count/",
    tag = "notifications", params(("slug" = String, Path)),
    responses((status = 200, body = UnreadCountResponse), (status = 404)))]
pub async fn count_unread_notifications(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<axum::Json<UnreadCountResponse>> {
    let (total, mentions) = inbox::unread_count(&state.ctx, &actor, &slug).await?;
    Ok(axum::Json(UnreadCountResponse {
        total_unread_notifications_count: total,
        mention_unread_notifications_count: mentions,
    }))
}

/// Marks every unread notification of the caller in the workspace as read.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/notifications/mark-all-read/",
    tag = "notifications", params(("slug" = String, Path)),
    responses((status = 200, body = MarkAllReadResponse), (status = 404)))]
pub async fn mark_all_notifications_read(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<axum::Json<MarkAllReadResponse>> {
    let marked = inbox::mark_all_read(&state.ctx, &actor, &slug).await?;
    Ok(axum::Json(MarkAllReadResponse { marked }))
}

/// One of the caller's notifications (anyone else's is not found).
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/notifications/{notification_id}/",
    tag = "notifications", params(("slug" = String, Path), ("notification_id" = Uuid, Path)),
    responses((status = 200, body = Notification), (status = 404)))]
pub async fn get_notification(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): NotificationPath,
) -> ApiResult<axum::Json<Notification>> {
    let found = inbox::get(&state.ctx, &actor, &slug, NotificationId(id)).await?;
    Ok(axum::Json(found))
}

/// The body of a notification change.
#[derive(Debug, ToSchema)]
#[expect(
    dead_code,
    reason = "documents the body; the service reads it field by field"
)]
pub struct UpdateNotificationRequest {
    /// Hides the notification until then (RFC 3339, in the future); `null` wakes it now.
    pub snoozed_till: Option<chrono::DateTime<chrono::Utc>>,
}

/// Snoozes a notification until `snoozed_till`, or wakes it with `null`.
#[utoipa::path(patch, path = "/api/v1/workspaces/{slug}/notifications/{notification_id}/",
    tag = "notifications", params(("slug" = String, Path), ("notification_id" = Uuid, Path)),
    request_body = UpdateNotificationRequest,
    responses((status = 200, body = Notification), (status = 400), (status = 404)))]
pub async fn update_notification(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): NotificationPath,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<Notification>> {
    let updated = inbox::update(&state.ctx, &actor, &slug, NotificationId(id), &body).await?;
    Ok(axum::Json(updated))
}

/// Marks a notification read.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/notifications/{notification_id}/read/",
    tag = "notifications", params(("slug" = String, Path), ("notification_id" = Uuid, Path)),
    responses((status = 200, body = Notification), (status = 404)))]
pub async fn mark_notification_read(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): NotificationPath,
) -> ApiResult<axum::Json<Notification>> {
    let n = inbox::set_read(&state.ctx, &actor, &slug, NotificationId(id), true).await?;
    Ok(axum::Json(n))
}

/// Marks a notification unread.
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/notifications/{notification_id}/read/",
    tag = "notifications", params(("slug" = String, Path), ("notification_id" = Uuid, Path)),
    responses((status = 200, body = Notification), (status = 404)))]
pub async fn mark_notification_unread(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): NotificationPath,
) -> ApiResult<axum::Json<Notification>> {
    let n = inbox::set_read(&state.ctx, &actor, &slug, NotificationId(id), false).await?;
    Ok(axum::Json(n))
}

/// Archives a notification (it leaves the default list).
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/notifications/{notification_id}/archive/",
    tag = "notifications", params(("slug" = String, Path), ("notification_id" = Uuid, Path)),
    responses((status = 200, body = Notification), (status = 404)))]
pub async fn archive_notification(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): NotificationPath,
) -> ApiResult<axum::Json<Notification>> {
    let n = inbox::set_archived(&state.ctx, &actor, &slug, NotificationId(id), true).await?;
    Ok(axum::Json(n))
}

/// Restores an archived notification.
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/notifications/{notification_id}/archive/",
    tag = "notifications", params(("slug" = String, Path), ("notification_id" = Uuid, Path)),
    responses((status = 200, body = Notification), (status = 404)))]
pub async fn unarchive_notification(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): NotificationPath,
) -> ApiResult<axum::Json<Notification>> {
    let n = inbox::set_archived(&state.ctx, &actor, &slug, NotificationId(id), false).await?;
    Ok(axum::Json(n))
}
