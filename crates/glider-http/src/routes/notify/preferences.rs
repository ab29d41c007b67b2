//! The caller's notification preferences: `users/me/notification-preferences/`.

use axum::extract::State;
use glider_domain::model::notify::{KindPreference, NotificationKind};
use glider_service::notify::preferences;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{AppState, auth::CurrentActor, error::ApiResult, extract::JsonObject};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(
        get_notification_preferences,
        update_notification_preferences
    ))
}

/// For each kind: shown in the app, and e-mailed `off`, `immediate` or in the `digest`.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationPreferencesResponse {
    pub state_change: KindPreference,
    pub assignment: KindPreference,
    pub comment: KindPreference,
    pub mention: KindPreference,
    pub property_change: KindPreference,
}

impl From<Vec<(NotificationKind, KindPreference)>> for NotificationPreferencesResponse {
    fn from(all: Vec<(NotificationKind, KindPreference)>) -> Self {
        let of = |kind: NotificationKind| {
            all.iter()
                .find(|(k, _)| *k == kind)
                .map(|(_, preference)| *preference)
                .unwrap_or_else(|| KindPreference::default_for(kind))
        };
        Self {
            state_change: of(NotificationKind::StateChange),
            assignment: of(NotificationKind::Assignment),
            comment: of(NotificationKind::Comment),
            mention: of(NotificationKind::Mention),
            property_change: of(NotificationKind::PropertyChange),
        }
    }
}

/// The body of a change: any kinds, each with any of its fields.
#[derive(Debug, ToSchema)]
#[expect(
    dead_code,
    reason = "documents the body; the service reads it field by field"
)]
pub struct NotificationPreferencesRequest {
    /// `{"in_app": false}`, `{"email": "digest"}`, or a boolean (Plane's e-mail toggle:
    /// `true` is immediate, `false` off).
    pub state_change: Option<KindPreference>,
    pub assignment: Option<KindPreference>,
    pub comment: Option<KindPreference>,
    pub mention: Option<KindPreference>,
    pub property_change: Option<KindPreference>,
}

/// The caller's notification preferences (defaults: everything in the app; assignments and
/// mentions also e-mailed at once).
#[utoipa::path(get, path = "/api/v1/users/me/notification-preferences/", tag = "notifications",
    responses((status = 200, body = NotificationPreferencesResponse), (status = 401)))]
pub async fn get_notification_preferences(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
) -> ApiResult<axum::Json<NotificationPreferencesResponse>> {
    let all = preferences::mine(&state.ctx, &actor).await?;
    Ok(axum::Json(all.into()))
}

/// Changes some of the caller's preferences; an unknown kind or field, or an invalid value, is
/// a 400 naming it (`mention.email`) and nothing is saved.
#[utoipa::path(patch, path = "/api/v1/users/me/notification-preferences/", tag = "notifications",
    request_body = NotificationPreferencesRequest,
    responses((status = 200, body = NotificationPreferencesResponse), (status = 400), (status = 401)))]
pub async fn update_notification_preferences(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<NotificationPreferencesResponse>> {
    let all = preferences::update(&state.ctx, &actor, &body).await?;
    Ok(axum::Json(all.into()))
}
