//! The sender: one task per replica that claims due deliveries under a lease and posts them,
//! several at once, so a slow receiver holds one slot and never the others.
//!
//! Each attempt is bounded by the webhook timeout (resolving, connecting, sending and reading
//! the answer), follows no redirect, and connects only to addresses the target guard
//! permitted. A delivery that fails is retried with exponential backoff and jitter until the
//! attempt limit; the webhook is marked failing after several deliveries in a row failed.

use std::{sync::Arc, time::Instant};

use glider_db::repo::{
    webhook_deliveries::{self as deliveries, AfterAttempt},
    webhooks::{self as repo, FailureTransition},
};
use glider_domain::model::webhooks::{AttemptOutcome, Delivery, Webhook, plane_event_name};
use object_store_reqwest as http;
use rand::Rng;
use serde_json::json;
use tokio::{task::JoinHandle, task::JoinSet};
use url::Host;

use super::{WebhookSettings, payload, target};
use crate::{Ctx, ServiceResult, events::event};

/// Bytes of a receiver's answer kept in the delivery log.
const RESPONSE_EXCERPT: usize = 2048;
/// Attempts kept in a delivery's history (resends add to it).
const HISTORY_LIMIT: usize = 32;
/// How much longer than one attempt's timeout a claim lasts before another replica may take
/// the delivery over.
const LEASE_MARGIN: chrono::Duration = chrono::Duration::seconds(30);

/// The running sender; dropping it stops it and the sends in flight.
pub struct Sender {
    task: JoinHandle<()>,
}

impl Drop for Sender {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Starts this replica's sender.
pub fn start(ctx: &Ctx) -> anyhow::Result<Sender> {
    let client = http_client(&ctx.settings.webhooks)?;
    Ok(Sender {
        task: tokio::spawn(run(ctx.clone(), client)),
    })
}

fn http_client(settings: &WebhookSettings) -> anyhow::Result<http::Client> {
    // reqwest is built without a bundled crypto provider; use ring, which the tree has.
    let _ = rustls::crypto::ring::default_provider().install_default();
    Ok(http::Client::builder()
        .redirect(http::redirect::Policy::none())
        // A proxy would connect on our behalf to addresses the guard never saw.
        .no_proxy()
        .connect_timeout(settings.timeout)
        .dns_resolver(Arc::new(target::GuardedResolver {
            allow: settings.allow.clone(),
        }))
        .user_agent(concat!("Glider-Webhooks/", env!("CARGO_PKG_VERSION")))
        .build()?)
}

async fn run(ctx: Ctx, client: http::Client) {
    let concurrency = ctx.settings.webhooks.concurrency.max(1);
    let mut commits = glider_db::commits();
    let mut in_flight: JoinSet<()> = JoinSet::new();
    loop {
        let free = concurrency.saturating_sub(in_flight.len());
        if free > 0 {
            match claim(&ctx, free as u64).await {
                Ok((claim, batch)) => {
                    for delivery in batch {
                        in_flight.spawn(deliver(
                            ctx.clone(),
                            client.clone(),
                            delivery,
                            claim.clone(),
                        ));
                    }
                }
                Err(error) => tracing::warn!(%error, "claiming webhook deliveries"),
            }
        }
        // A commit may have queued deliveries (the consumer's); a finished send frees a slot;
        // retries fall due with time, so look again at the poll interval.
        tokio::select! {
            _ = commits.changed() => {}
            () = tokio::time::sleep(ctx.settings.event_poll_interval) => {}
            Some(_) = in_flight.join_next(), if !in_flight.is_empty() => {}
        }
    }
}

async fn claim(ctx: &Ctx, limit: u64) -> ServiceResult<(String, Vec<Delivery>)> {
    let claim = uuid::Uuid::now_v7().to_string();
    let now = ctx.now();
    let lease = chrono::Duration::from_std(ctx.settings.webhooks.timeout)
        .unwrap_or(chrono::Duration::seconds(5))
        + LEASE_MARGIN;
    let batch = deliveries::claim_due(ctx.db.conn(), &claim, now, now + lease, limit).await?;
    Ok((claim, batch))
}

async fn deliver(ctx: Ctx, client: http::Client, delivery: Delivery, claim: String) {
    if let Err(error) = attempt(&ctx, &client, &delivery, &claim).await {
        tracing::warn!(
            delivery = %delivery.id,
            %error,
            "recording a webhook delivery failed; it is retried when its lease runs out"
        );
    }
}

async fn attempt(
    ctx: &Ctx,
    client: &http::Client,
    delivery: &Delivery,
    claim: &str,
) -> ServiceResult<()> {
    let settings = &ctx.settings.webhooks;
    let hook = match repo::find_live(ctx.db.conn(), delivery.webhook_id).await? {
        Some(hook) if hook.is_active => hook,
        found => {
            let reason = if found.is_some() {
                "The webhook was switched off before this delivery was sent."
            } else {
                "The webhook was deleted before this delivery was sent."
            };
            deliveries::abandon(ctx.db.conn(), delivery, claim, reason, ctx.now()).await?;
            return Ok(());
        }
    };
    let at = ctx.now();
    let started = Instant::now();
    let answer =
        tokio::time::timeout(settings.timeout, send(settings, client, &hook, delivery)).await;
    let latency_ms = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
    let (response_status, response_body, error) = match answer {
        Err(_) => (
            None,
            None,
            Some(format!(
                "No answer within {} seconds (timed out).",
                settings.timeout.as_secs_f64()
            )),
        ),
        Ok(Err(message)) => (None, None, Some(message)),
        Ok(Ok((status, body))) => {
            let error = (!(200..300).contains(&status))
                .then(|| format!("The receiver answered HTTP {status}."));
            (Some(status), Some(body), error)
        }
    };
    let outcome = AttemptOutcome {
        at,
        response_status,
        latency_ms,
        error,
    };
    let attempts = delivery.attempts + 1;
    let after = if outcome.succeeded() {
        AfterAttempt::Succeeded
    } else if attempts >= settings.max_attempts {
        AfterAttempt::Failed
    } else {
        AfterAttempt::Retry {
            at: ctx.now() + backoff(settings, attempts),
        }
    };
    let ended = !matches!(after, AfterAttempt::Retry { .. });
    let tx = ctx.db.begin_write().await?;
    let ours = deliveries::record_attempt(
        &tx,
        delivery,
        claim,
        &outcome,
        response_body,
        after,
        HISTORY_LIMIT,
    )
    .await?;
    let transition = if ours && ended {
        repo::record_delivery_end(
            &tx,
            hook.id,
            outcome.succeeded(),
            settings.failing_after,
            ctx.now(),
        )
        .await?
    } else {
        FailureTransition::Unchanged
    };
    let announced = match transition {
        FailureTransition::Unchanged => None,
        FailureTransition::BecameFailing {
            consecutive_failures,
        } => Some((
            "webhooks.webhook.failing",
            json!({
                "origin": super::origin(&hook.url),
                "consecutive_failures": consecutive_failures,
                "last_delivery_id": delivery.id,
                "last_error": outcome.error,
            }),
        )),
        FailureTransition::Recovered => Some((
            "webhooks.webhook.recovered",
            json!({ "origin": super::origin(&hook.url) }),
        )),
    };
    match announced {
        // Admins are told through the log (notifications turn it into a message).
        Some((kind, payload)) => {
            let record = event(
                ctx,
                kind,
                None,
                Some(hook.workspace_id),
                None,
                hook.id.0,
                payload,
            );
            glider_db::repo::events::append(&tx, record).await?;
            glider_db::commit(tx).await?;
        }
        // Bookkeeping only: waking every consumer for it would be waste.
        None => glider_db::commit_quietly(tx).await?,
    }
    Ok(())
}

/// The wait before attempt `attempts + 1`: doubling from the first backoff, capped, with
/// ±20 % jitter so deliveries that failed together do not retry together.
fn backoff(settings: &WebhookSettings, attempts: i32) -> chrono::Duration {
    let exponent = u32::try_from(attempts.saturating_sub(1).clamp(0, 30)).unwrap_or(30);
    let base = settings
        .first_backoff
        .num_milliseconds()
        .saturating_mul(1_i64 << exponent)
        .min(settings.max_backoff.num_milliseconds());
    let jitter: f64 = rand::rng().random_range(0.8..1.2);
    // At most 1.2 × max_backoff in milliseconds: far inside an i64 (and `as` saturates).
    chrono::Duration::milliseconds((base as f64 * jitter) as i64)
}

/// One POST; the status and the start of the answer, or why there was none.
async fn send(
    settings: &WebhookSettings,
    client: &http::Client,
    hook: &Webhook,
    delivery: &Delivery,
) -> Result<(i32, String), String> {
    let url = target::parse_url(&hook.url)?;
    // An address written in the URL is never resolved, so the resolver cannot check it.
    if matches!(url.host(), Some(Host::Ipv4(_) | Host::Ipv6(_))) {
        target::check(&settings.allow, &url).await?;
    }
    let signature = payload::signature(&hook.secret, &delivery.body);
    let delivery_id = delivery.id.to_string();
    let plane_event = plane_event_name(&delivery.event_kind).unwrap_or(&delivery.event_kind);
    let mut response = client
        .post(url)
        .header("Content-Type", "application/json")
        .header("X-Glider-Event", &delivery.event_kind)
        .header("X-Glider-Delivery", &delivery_id)
        .header("X-Glider-Signature", format!("sha256={signature}"))
        .header("X-Plane-Event", plane_event)
        .header("X-Plane-Delivery", &delivery_id)
        .header("X-Plane-Signature", &signature)
        .body(delivery.body.clone())
        .send()
        .await
        .map_err(describe)?;
    let status = i32::from(response.status().as_u16());
    let mut excerpt = Vec::new();
    while excerpt.len() < RESPONSE_EXCERPT {
        match response.chunk().await {
            Ok(Some(chunk)) => excerpt.extend_from_slice(&chunk),
            // The status is what counts; a body cut short is still recorded as far as it went.
            Ok(None) | Err(_) => break,
        }
    }
    excerpt.truncate(RESPONSE_EXCERPT);
    Ok((status, String::from_utf8_lossy(&excerpt).into_owned()))
}

/// The error and its causes on one line, without the URL (it may carry a token).
fn describe(error: http::Error) -> String {
    let error = error.without_url();
    let mut text = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text.chars().take(1000).collect()
}
