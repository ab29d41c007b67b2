//! Per-key rate limits (GCRA from `governor`), answered as Plane does: `X-RateLimit-Remaining`
//! and `X-RateLimit-Reset` on allowed responses, 429 with `Retry-After` when exceeded.
//!
//! Limits are kept per process; with several replicas each enforces its own share. Sharing them
//! through Redis comes with the cross-replica work of the events issue.

use std::{num::NonZeroU32, time::Duration};

use axum::{
    extract::{ConnectInfo, Request},
    http::{HeaderMap, HeaderValue, header},
    response::{IntoResponse, Response},
};
use governor::{
    Quota,
    clock::{Clock, DefaultClock},
    middleware::StateInformationMiddleware,
    state::keyed::DefaultKeyedStateStore,
};
use serde_json::json;

use crate::{AppState, error::ApiError};

type Keyed = governor::RateLimiter<
    String,
    DefaultKeyedStateStore<String>,
    DefaultClock,
    StateInformationMiddleware,
>;

/// A keyed limiter of `N` requests per minute; `0` lets everything through.
pub struct RateLimiter {
    inner: Option<Keyed>,
    limit: u32,
}

/// The outcome of one check.
pub enum Decision {
    Allowed { limit: u32, remaining: u32 },
    Unlimited,
    Refused { retry_after: Duration, limit: u32 },
}

impl RateLimiter {
    pub fn per_minute(limit: u32) -> Self {
        let inner = NonZeroU32::new(limit).map(|n| {
            governor::RateLimiter::keyed(Quota::per_minute(n))
                .with_middleware::<StateInformationMiddleware>()
        });
        Self { inner, limit }
    }

    pub fn check(&self, key: &str) -> Decision {
        let Some(limiter) = &self.inner else {
            return Decision::Unlimited;
        };
        match limiter.check_key(&key.to_owned()) {
            Ok(snapshot) => Decision::Allowed {
                limit: self.limit,
                remaining: snapshot.remaining_burst_capacity(),
            },
            Err(not_until) => Decision::Refused {
                retry_after: not_until.wait_time_from(DefaultClock::default().now()),
                limit: self.limit,
            },
        }
    }

    pub fn prune(&self) {
        if let Some(limiter) = &self.inner {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}

impl Decision {
    /// The 429 for a refused request, or `None`.
    pub fn refusal(&self) -> Option<ApiError> {
        let Decision::Refused { retry_after, limit } = self else {
            return None;
        };
        let seconds = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
        let seconds = seconds.max(1).to_string();
        Some(
            ApiError::new(
                "rate_limited",
                format!("Too many requests; try again in {seconds} seconds."),
            )
            .with_extra("error_code", json!(5900))
            .with_extra("error_message", json!("RATE_LIMIT_EXCEEDED"))
            .with_header(header::RETRY_AFTER, &seconds)
            .with_header(
                header::HeaderName::from_static("x-ratelimit-limit"),
                &limit.to_string(),
            )
            .with_header(
                header::HeaderName::from_static("x-ratelimit-remaining"),
                "0",
            ),
        )
    }

    /// Adds the `X-RateLimit-*` headers to an allowed response.
    pub fn decorate(&self, headers: &mut HeaderMap) {
        if let Decision::Allowed { limit, remaining } = self {
            let reset = chrono::Utc::now().timestamp() + 60;
            for (name, value) in [
                ("x-ratelimit-limit", limit.to_string()),
                ("x-ratelimit-remaining", remaining.to_string()),
                ("x-ratelimit-reset", reset.to_string()),
            ] {
                if let Ok(value) = HeaderValue::from_str(&value) {
                    headers.insert(header::HeaderName::from_static(name), value);
                }
            }
        }
    }
}

/// The peer address of the connection.
pub fn client_ip(request: &Request) -> Option<String> {
    request
        .extensions()
        .get::<ConnectInfo<std::net::SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string())
}

/// Limits the sign-in endpoints per client IP; `None` lets the request through.
pub fn limit_auth_by_ip(state: &AppState, request: &Request) -> Option<Response> {
    if !crate::routes::accounts::IP_LIMITED_PATHS.contains(&request.uri().path()) {
        return None;
    }
    let key = client_ip(request).unwrap_or_else(|| "unknown".to_owned());
    let refusal = state.limits.auth_ip.check(&key).refusal()?;
    tracing::warn!(client_ip = %key, "auth rate limit exceeded");
    Some(refusal.into_response())
}
