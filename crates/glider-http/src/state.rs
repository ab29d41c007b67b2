//! What handlers share: the service context, HTTP settings, rate limiters, metrics, the web app.

use std::{path::PathBuf, sync::Arc, time::Duration};

use glider_service::Ctx;
use metrics_exporter_prometheus::PrometheusHandle;

use crate::middleware::rate_limit::RateLimiter;

/// HTTP settings, resolved from configuration by the binary.
#[derive(Clone, Debug)]
pub struct HttpSettings {
    /// Origins allowed to call the API from a browser (CORS allow-list).
    pub cors_origins: Vec<String>,
    /// Largest request body accepted, in bytes (Plane: 5 MiB).
    pub body_limit: usize,
    pub request_timeout: Duration,
    /// Requests per minute per API token (Plane's default 60; 0 turns the limit off).
    pub api_rate_limit: u32,
    /// Requests per minute per client IP on the sign-in endpoints.
    pub auth_rate_limit: u32,
    /// Requests per minute per signed-in session (generous: the web UI is chatty).
    pub session_rate_limit: u32,
    /// Mark cookies `Secure` (set when Glider is served over TLS, directly or by a proxy).
    pub secure_cookies: bool,
    /// Serve the web app from this folder (a Vite build: `index.html`, `assets/…`) instead of
    /// the copy embedded in the binary.
    pub web_dir: Option<PathBuf>,
}

impl Default for HttpSettings {
    fn default() -> Self {
        Self {
            cors_origins: Vec::new(),
            body_limit: 5 * 1024 * 1024,
            request_timeout: Duration::from_secs(30),
            api_rate_limit: 60,
            auth_rate_limit: 20,
            session_rate_limit: 1200,
            secure_cookies: false,
            web_dir: None,
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub ctx: Ctx,
    pub settings: Arc<HttpSettings>,
    pub limits: Arc<RateLimits>,
    pub metrics: PrometheusHandle,
    /// The web app's files (embedded or `web_dir`).
    pub(crate) web: Arc<crate::web::WebUi>,
}

/// The three rate limiters.
pub struct RateLimits {
    pub api_token: RateLimiter,
    pub auth_ip: RateLimiter,
    pub session: RateLimiter,
}

impl RateLimits {
    pub fn new(settings: &HttpSettings) -> Self {
        Self {
            api_token: RateLimiter::per_minute(settings.api_rate_limit),
            auth_ip: RateLimiter::per_minute(settings.auth_rate_limit),
            session: RateLimiter::per_minute(settings.session_rate_limit),
        }
    }

    /// Forgets keys idle long enough to be full again, so memory stays bounded.
    pub fn prune(&self) {
        self.api_token.prune();
        self.auth_ip.prune();
        self.session.prune();
    }
}
