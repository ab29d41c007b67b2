//! One JSON log line and the Prometheus metrics for every request.

use std::time::Instant;

use axum::{
    extract::{MatchedPath, Request},
    middleware::Next,
    response::Response,
};
use glider_domain::UserId;

use crate::middleware::rate_limit::client_ip;

/// The route template that served a request, carried out on the response so the outer
/// middleware can label metrics without high-cardinality paths.
#[derive(Clone)]
pub struct MatchedRoute(pub String);

/// Inner layer (after routing): notes the matched route on the response.
pub async fn tag_route(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|path| path.as_str().to_owned());
    let mut response = next.run(request).await;
    if let Some(route) = route {
        response.extensions_mut().insert(MatchedRoute(route));
    }
    response
}

/// Outer layer: times the request and writes the log line and metrics.
pub async fn observe(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let ip = client_ip(&request);
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let response = next.run(request).await;
    let elapsed = started.elapsed();
    let status = response.status().as_u16();
    let route = response
        .extensions()
        .get::<MatchedRoute>()
        .map_or("unmatched", |route| route.0.as_str())
        .to_owned();
    let user_id = response
        .extensions()
        .get::<UserId>()
        .map(ToString::to_string);
    let labels = [
        ("method", method.to_string()),
        ("route", route),
        ("status", status.to_string()),
    ];
    metrics::counter!("http_requests_total", &labels).increment(1);
    metrics::histogram!("http_request_duration_seconds", &labels).record(elapsed.as_secs_f64());
    tracing::info!(
        target: "glider::request",
        method = %method,
        path = %path,
        status,
        duration_ms = elapsed.as_secs_f64() * 1000.0,
        user_id = user_id.as_deref(),
        client_ip = ip.as_deref(),
        request_id = request_id.as_deref(),
        "request"
    );
    response
}
