//! The sender task: one per replica. It claims due e-mails under a lease (so two replicas
//! never hold one e-mail at once), hands each to the SMTP server, and records the outcome:
//! sent, retried later with exponential backoff, or failed with the reason.

use std::time::Duration;

use chrono::TimeDelta;
use glider_db::repo::emails::{self, Outcome};
use glider_domain::model::email::Email;
use tokio::task::JoinHandle;

use super::mailer::{Delivery, Mailer};
use crate::Ctx;

/// E-mails claimed per round.
const BATCH: u64 = 20;
/// How long a claim protects an e-mail from other replicas; far above one SMTP exchange.
const LEASE: TimeDelta = TimeDelta::minutes(5);
/// Attempts before an e-mail is given up as failed.
pub const MAX_ATTEMPTS: i32 = 6;
/// Wait before the first retry; doubled after each further failure.
const FIRST_RETRY: TimeDelta = TimeDelta::seconds(30);
const LONGEST_RETRY: TimeDelta = TimeDelta::hours(2);
const ERROR_PAUSE: Duration = Duration::from_secs(1);

/// The running sender; dropping it stops the task.
pub struct EmailSender {
    task: JoinHandle<()>,
}

impl Drop for EmailSender {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Starts this replica's sender.
pub fn start(ctx: &Ctx, mailer: Mailer) -> EmailSender {
    let owner = uuid::Uuid::now_v7().to_string();
    EmailSender {
        task: tokio::spawn(run(ctx.clone(), mailer, owner)),
    }
}

async fn run(ctx: Ctx, mailer: Mailer, owner: String) {
    let mut commits = glider_db::commits();
    loop {
        match send_due(&ctx, &mailer, &owner).await {
            // A full batch: more may be due at once.
            Ok(claimed) if claimed as u64 == BATCH => continue,
            Ok(_) => {}
            Err(error) => {
                tracing::error!(%error, "sending queued e-mail failed; retrying");
                tokio::time::sleep(ERROR_PAUSE).await;
                continue;
            }
        }
        // A commit may have queued e-mail; otherwise look again after the poll interval
        // (retries fall due with time, and other replicas' commits are not heard here).
        let _ = tokio::time::timeout(ctx.settings.event_poll_interval, commits.changed()).await;
    }
}

/// Claims and sends one batch; returns how many were claimed.
async fn send_due(ctx: &Ctx, mailer: &Mailer, owner: &str) -> Result<usize, glider_db::DbError> {
    let now = ctx.now();
    let claimed = emails::claim_due(ctx.db.conn(), owner, now, now + LEASE, BATCH).await?;
    for email in &claimed {
        let delivery = mailer.send(email).await;
        let outcome = outcome(ctx, email, delivery);
        if let Outcome::Retry { error, .. } | Outcome::Failed { error } = &outcome {
            tracing::warn!(email = %email.id, kind = %email.kind, attempts = email.attempts, %error, "e-mail not delivered");
        }
        let recorded =
            emails::record_attempt(ctx.db.conn(), email.id, owner, ctx.now(), outcome).await?;
        if !recorded {
            tracing::warn!(email = %email.id, "lost the lease on an e-mail while sending it");
        }
    }
    Ok(claimed.len())
}

/// What the queue records for one attempt (`email.attempts` already counts it).
fn outcome(ctx: &Ctx, email: &Email, delivery: Delivery) -> Outcome {
    match delivery {
        Delivery::Sent => Outcome::Sent,
        Delivery::Permanent(error) => Outcome::Failed { error },
        Delivery::Transient(error) if email.attempts >= MAX_ATTEMPTS => Outcome::Failed {
            error: format!("gave up after {} attempts: {error}", email.attempts),
        },
        Delivery::Transient(error) => Outcome::Retry {
            error,
            at: ctx.now() + retry_delay(email.attempts),
        },
    }
}

/// 30 s after the first failure, then 1, 2, 4, 8 minutes …, at most two hours.
pub fn retry_delay(attempts: i32) -> TimeDelta {
    let doublings = attempts.saturating_sub(1).clamp(0, 16) as u32;
    (FIRST_RETRY * 2_i32.pow(doublings)).min(LONGEST_RETRY)
}
