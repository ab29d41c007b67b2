//! The real-time WebSocket endpoints. Authentication is the API's (the auth middleware has
//! resolved the `Actor` before the upgrade); the protocol lives in
//! `glider_service::realtime`; [`transport`] moves its frames.

mod transport;

use axum::{
    extract::{
        State,
        ws::{WebSocketUpgrade, rejection::WebSocketUpgradeRejection},
    },
    http::{HeaderMap, StatusCode, Uri, header},
    response::Response,
};
use glider_domain::UserId;
use glider_service::{
    accounts::{Actor, AuthMethod},
    realtime::Session,
};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    AppState,
    auth::CurrentActor,
    error::{ApiError, ApiResult},
    extract::ApiPath,
};

pub use transport::MAX_FRAME_BYTES;

/// Larger frames end the connection at once (tungstenite refuses to buffer them).
const HARD_FRAME_LIMIT: usize = 16 * MAX_FRAME_BYTES;

/// Initial read buffer and write batching per socket.
const SOCKET_BUFFER_BYTES: usize = 4 * 1024;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(open_socket))
        .routes(routes!(open_notification_socket))
}

/// Opens the real-time socket: JSON frames subscribing to `project:{id}`, `work_item:{id}`
/// and `user:{id}`; every committed change of a subscribed topic arrives as an `event` frame.
/// Frames and close codes are described in docs/realtime.md.
#[utoipa::path(get, path = "/api/v1/ws", tag = "realtime",
    responses((status = 101, description = "Switching to the WebSocket protocol"),
        (status = 401), (status = 403, description = "A session cookie from an origin not allowed"),
        (status = 426, description = "Not a WebSocket handshake")))]
pub async fn open_socket(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    headers: HeaderMap,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> ApiResult<Response> {
    let upgrade = accept(&state, &actor, &headers, upgrade)?;
    let ctx = state.ctx.clone();
    Ok(upgrade.on_upgrade(move |socket| transport::run(socket, Session::open(&ctx, actor), None)))
}

/// The seed's notification socket: subscribed to `user:{user_id}` from the start. Only that
/// user may open it; anyone else is closed with 4403.
#[utoipa::path(get, path = "/ws/notifications/{user_id}", tag = "realtime",
    params(("user_id" = Uuid, Path)),
    responses((status = 101, description = "Switching to the WebSocket protocol"),
        (status = 401), (status = 403), (status = 426)))]
pub async fn open_notification_socket(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(user_id): ApiPath<Uuid>,
    headers: HeaderMap,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> ApiResult<Response> {
    let upgrade = accept(&state, &actor, &headers, upgrade)?;
    let ctx = state.ctx.clone();
    let topic = (actor.user.id == UserId(user_id)).then(|| format!("user:{user_id}"));
    Ok(upgrade.on_upgrade(move |socket| async move {
        match topic {
            Some(topic) => transport::run(socket, Session::open(&ctx, actor), Some(topic)).await,
            None => transport::refuse(socket, 4403, "not your notifications").await,
        }
    }))
}

/// Checks the handshake and the origin, and sets the frame limits.
fn accept(
    state: &AppState,
    actor: &Actor,
    headers: &HeaderMap,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> ApiResult<WebSocketUpgrade> {
    let upgrade = upgrade.map_err(|rejection| {
        ApiError::new("websocket_required", rejection.body_text())
            .with_status(StatusCode::UPGRADE_REQUIRED)
    })?;
    // Browsers send cookies with cross-site WebSocket handshakes (there is no CORS preflight),
    // so a cookie counts only from the app's own origins. Tokens cannot be sent that way.
    if matches!(actor.method, AuthMethod::Cookie { .. }) && !origin_allowed(state, headers) {
        return Err(ApiError::new(
            "forbidden",
            "This origin may not open a WebSocket with a session cookie.",
        ));
    }
    // Frames up to this hard limit are read whole and refused with 1009 by the transport; the
    // connection then closes cleanly (unread bytes would make the kernel reset it, losing the
    // close frame).
    // tungstenite allocates its 128 KiB read buffer per socket up front (1.25 GiB for 10,000
    // idle sockets); small buffers grow when a large frame arrives.
    Ok(upgrade
        .read_buffer_size(SOCKET_BUFFER_BYTES)
        .write_buffer_size(SOCKET_BUFFER_BYTES)
        .max_message_size(HARD_FRAME_LIMIT)
        .max_frame_size(HARD_FRAME_LIMIT))
}

/// No `Origin` (not a browser), the public URL's origin, or one of the CORS allow-list.
fn origin_allowed(state: &AppState, headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let Ok(origin) = origin.to_str() else {
        return false;
    };
    let public = state
        .ctx
        .settings
        .public_url
        .parse::<Uri>()
        .ok()
        .and_then(|uri| Some(format!("{}://{}", uri.scheme_str()?, uri.authority()?)));
    public.as_deref() == Some(origin) || state.settings.cors_origins.iter().any(|o| o == origin)
}
