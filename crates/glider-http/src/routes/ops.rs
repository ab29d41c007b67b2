//! Operator endpoints: liveness, readiness, metrics; and what this instance offers, for the
//! web app's signed-out screens.

use axum::{extract::State, http::header, response::IntoResponse};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{AppState, error::ApiError};

#[derive(Serialize, ToSchema)]
pub struct HealthResponse {
    pub status: &'static str,
}

/// What this instance offers, so the web app shows only what works here.
#[derive(Serialize, ToSchema)]
pub struct InstanceResponse {
    /// The server's version.
    pub version: &'static str,
    /// Whether e-mail is sent (SMTP configured): sign-in links and password reset by e-mail.
    pub email_enabled: bool,
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(instance))
        .routes(routes!(health))
        .routes(routes!(ready))
        .routes(routes!(metrics))
}

/// Liveness: the process answers.
#[utoipa::path(get, path = "/health", tag = "ops", responses((status = 200, body = HealthResponse)))]
pub async fn health() -> axum::Json<HealthResponse> {
    axum::Json(HealthResponse { status: "ok" })
}

/// The instance's capabilities; answered without signing in.
#[utoipa::path(get, path = "/api/v1/instance/", tag = "ops", security(()),
    responses((status = 200, body = InstanceResponse)))]
pub async fn instance(State(state): State<AppState>) -> axum::Json<InstanceResponse> {
    axum::Json(InstanceResponse {
        version: env!("CARGO_PKG_VERSION"),
        email_enabled: state.ctx.settings.smtp_configured,
    })
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
