//! The HTTP surface: axum router, middleware, error mapping, OpenAPI.
//!
//! Handlers are thin: they parse the request, call one service operation and render the view.

pub mod auth;
pub mod error;
pub mod extract;
mod middleware;
mod openapi;
pub mod pagination;
mod routes;
mod state;
mod views;
mod web;
pub mod ws;

use std::{
    future::Future,
    net::SocketAddr,
    sync::{Arc, OnceLock},
    time::Duration,
};

use axum::{
    Router,
    extract::{DefaultBodyLimit, Request},
    http::{HeaderName, HeaderValue, Method, StatusCode, header},
    middleware::{from_fn, from_fn_with_state},
    response::{IntoResponse, Response},
};
use glider_service::Ctx;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use serde_json::json;
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::CompressionLayer,
    cors::{AllowOrigin, CorsLayer},
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    timeout::TimeoutLayer,
};

pub use error::ApiError;
pub use openapi::openapi_document;
pub use state::{AppState, HttpSettings, RateLimits};

/// One Prometheus recorder per process (several test servers may share a process).
fn metrics_handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| match PrometheusBuilder::new().install_recorder() {
            Ok(handle) => handle,
            // Another recorder is installed (an embedding program's): keep ours unregistered.
            Err(_) => PrometheusBuilder::new().build_recorder().handle(),
        })
        .clone()
}

impl AppState {
    pub fn new(ctx: Ctx, settings: HttpSettings) -> Self {
        let limits = Arc::new(RateLimits::new(&settings));
        let web = Arc::new(web::WebUi::new(settings.web_dir.as_deref()));
        Self {
            ctx,
            settings: Arc::new(settings),
            limits,
            metrics: metrics_handle(),
            web,
        }
    }
}

/// The whole application router.
pub fn router(state: AppState) -> Router {
    let (api, mut document) = openapi::api_router().split_for_parts();
    document.info.version = env!("CARGO_PKG_VERSION").to_owned();
    let request_id = HeaderName::from_static("x-request-id");
    let cors = cors_layer(&state.settings.cors_origins);
    api.route(
        "/api/v1/openapi.json",
        axum::routing::get(move || async move { axum::Json(document) }),
    )
    .fallback(fallback)
    .method_not_allowed_fallback(method_not_allowed)
    .route_layer(from_fn(middleware::observe::tag_route))
    .layer(from_fn_with_state(state.clone(), auth::authenticate))
    // The web app's pages and files: before authentication, inside compression and CORS.
    .layer(from_fn_with_state(state.clone(), web::serve_web_ui))
    .layer(DefaultBodyLimit::max(state.settings.body_limit))
    .layer(TimeoutLayer::with_status_code(
        StatusCode::SERVICE_UNAVAILABLE,
        state.settings.request_timeout,
    ))
    .layer(CompressionLayer::new())
    .layer(cors)
    .layer(CatchPanicLayer::custom(|_| {
        ApiError::internal().into_response()
    }))
    .layer(from_fn(middleware::observe::observe))
    .layer(PropagateRequestIdLayer::new(request_id.clone()))
    .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
    .with_state(state)
}

fn cors_layer(origins: &[String]) -> CorsLayer {
    let origins: Vec<HeaderValue> = origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_credentials(true)
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
            Method::OPTIONS,
        ])
        .allow_headers([
            header::CONTENT_TYPE,
            header::AUTHORIZATION,
            HeaderName::from_static("x-api-key"),
            HeaderName::from_static(auth::CSRF_HEADER),
        ])
        .max_age(Duration::from_secs(600))
}

/// Unknown routes. API paths without the trailing slash get Plane's 301 to the slashed URL.
async fn fallback(request: Request) -> Response {
    let uri = request.uri();
    let path = uri.path();
    if path.starts_with("/api/") && !path.ends_with('/') && !path.ends_with(".json") {
        let target = match uri.query() {
            Some(query) => format!("{path}/?{query}"),
            None => format!("{path}/"),
        };
        // Plane (Django's APPEND_SLASH) answers 301 for every method.
        return (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, target)]).into_response();
    }
    ApiError::new("route_not_found", "Page not found.")
        .with_extra("error", json!("Page not found."))
        .into_response()
}

async fn method_not_allowed(request: Request) -> Response {
    let detail = format!("Method \"{}\" not allowed.", request.method());
    ApiError::new("method_not_allowed", detail).into_response()
}

/// Serves `router` until `shutdown` resolves, then drains in-flight requests.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// Periodically forgets idle rate-limit keys.
pub fn spawn_maintenance(state: &AppState) -> tokio::task::JoinHandle<()> {
    let limits = state.limits.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        loop {
            tick.tick().await;
            limits.prune();
        }
    })
}
