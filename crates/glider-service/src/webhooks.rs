//! Webhooks: a workspace's admins register URLs; every event the workspace's log records that
//! a webhook asks for is POSTed to it, signed with the webhook's secret, retried, and logged.
//!
//! The path of an event: the `webhooks` consumer (durable, in log order, exactly once in
//! effect) queues one delivery row per interested active webhook; the sender task of some
//! replica claims the row under a lease and posts it; the delivery log keeps every attempt.
//! Nothing here makes a network call inside a transaction.

mod alerts;
mod consumer;
pub mod deliveries;
mod input;
mod manage;
mod payload;
mod sender;
pub mod target;

use std::time::Duration;

pub use alerts::WebhookAlerts;
pub use consumer::WebhookConsumer;
pub use manage::{create, delete, get, list, regenerate_secret, update};
pub use payload::signature;
pub use sender::{Sender, start};
pub use target::AllowList;

/// How webhooks are sent.
#[derive(Clone, Debug)]
pub struct WebhookSettings {
    /// Targets that may be private or loopback addresses (`GLIDER_WEBHOOK_ALLOW_HOSTS`).
    pub allow: AllowList,
    /// Longest one attempt may take, from resolving the host to the end of the answer.
    pub timeout: Duration,
    /// Attempts per delivery before it is given up.
    pub max_attempts: i32,
    /// The wait before the first retry; it doubles with each attempt up to `max_backoff`.
    pub first_backoff: chrono::Duration,
    pub max_backoff: chrono::Duration,
    /// Deliveries in a row that failed for good before the webhook is marked failing.
    pub failing_after: i32,
    /// Deliveries one replica sends at the same time.
    pub concurrency: usize,
}

impl Default for WebhookSettings {
    fn default() -> Self {
        Self {
            allow: AllowList::default(),
            timeout: Duration::from_secs(5),
            max_attempts: 8,
            first_backoff: chrono::Duration::seconds(30),
            max_backoff: chrono::Duration::hours(1),
            failing_after: 5,
            concurrency: 16,
        }
    }
}

/// `scheme://host[:port]` of a webhook URL: what events and logs say about the target, since
/// the path or query of a URL often carries a token.
pub(crate) fn origin(url: &str) -> String {
    url::Url::parse(url)
        .map(|url| url.origin().ascii_serialization())
        .unwrap_or_default()
}
