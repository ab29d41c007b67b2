//! Operator endpoints: liveness, readiness, metrics.

use axum::{extract::State, http::header, response::IntoResponse};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{AppState, error::ApiError};

#[derive(Serialize, ToSchema)]
pub struct HealthResponse {
    pub status: &'static str,
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(health))
        .routes(routes!(ready))
        .routes(routes!(metrics))
}

/// Liveness: the process answers.
#[utoipa::path(get, path = "/health", tag = "ops", responses((status = 200, body = HealthResponse)))]
pub async fn health() -> axum::Json<HealthResponse> {
    axum::Json(HealthResponse { status: "ok" })
}

/// Readiness: the database answers and every migration is applied.
#[utoipa::path(get, path = "/ready", tag = "ops", responses((status = 200, body = HealthResponse), (status = 503)))]
pub async fn ready(State(state): State<AppState>) -> Result<axum::Json<HealthResponse>, ApiError> {
    let not_ready = |detail: &str| ApiError::new("not_ready", detail.to_owned());
    state
        .ctx
        .db
        .ping()
        .await
        .map_err(|_| not_ready("The database is not reachable."))?;
    let applied = glider_db::migrations_applied(&state.ctx.db)
        .await
        .map_err(|_| not_ready("The migration state could not be read."))?;
    if !applied {
        return Err(not_ready("Migrations are pending."));
    }
    Ok(axum::Json(HealthResponse { status: "ready" }))
}

/// Prometheus metrics: request counts and latency by route and status, database pool figures.
#[utoipa::path(get, path = "/metrics", tag = "ops", responses((status = 200, content_type = "text/plain")))]
pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    let pool = state.ctx.db.pool_stats();
    metrics::gauge!("db_pool_connections").set(f64::from(pool.size));
    metrics::gauge!("db_pool_idle_connections").set(f64::from(pool.idle));
    metrics::gauge!("db_pool_max_connections").set(f64::from(pool.max));
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(),
    )
}
