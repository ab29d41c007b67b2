//! The digest job: one e-mail per person and workspace summarising the notifications they
//! chose to receive as a digest, sent once the oldest of them has waited [`DIGEST_EVERY`] (so
//! at most one digest per person per period, and none when there is nothing to say).
//!
//! Every replica runs the loop, but a run happens under a lease in the database, so one replica
//! at a time sends; and a notification leaves the pending set in the transaction that queues
//! its e-mail, so even overlapping runs never e-mail it twice.

use std::{collections::BTreeMap, time::Duration};

use chrono::TimeDelta;
use glider_db::repo::notify_digest as repo;
use glider_domain::{WorkspaceId, model::notify::Notification};
use tokio::task::JoinHandle;

use crate::{Ctx, ServiceResult};

/// How long a notification waits for its digest: the oldest waiting one sets when it goes out.
pub const DIGEST_EVERY: TimeDelta = TimeDelta::hours(1);
/// How long a replica holds the job before another may take it over.
const LEASE: TimeDelta = TimeDelta::minutes(5);
/// People handled per run (the rest are handled on the next tick).
const PEOPLE_PER_RUN: u64 = 500;

/// The running job; dropping it stops the task.
pub struct DigestJob {
    task: JoinHandle<()>,
}

impl Drop for DigestJob {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Starts this replica's digest loop; it looks every `event_poll_interval` whether a run is due.
pub fn start(ctx: &Ctx) -> DigestJob {
    let owner = uuid::Uuid::now_v7().to_string();
    let ctx = ctx.clone();
    DigestJob {
        task: tokio::spawn(async move {
            loop {
                if let Err(error) = run_if_due(&ctx, &owner).await {
                    tracing::error!(%error, "notification digest failed; retrying");
                }
                let tick: Duration = ctx.settings.event_poll_interval;
                tokio::time::sleep(tick).await;
            }
        }),
    }
}

/// Sends the digests that are due if this replica holds the lease. Returns how many e-mails
/// it queued.
pub async fn run_if_due(ctx: &Ctx, owner: &str) -> ServiceResult<usize> {
    let now = ctx.now();
    let cutoff = now - DIGEST_EVERY;
    // A read first, so an idle replica does not take SQLite's write lock on every tick.
    if repo::digest_receivers(ctx.db.conn(), cutoff, 1)
        .await?
        .is_empty()
    {
        return Ok(0);
    }
    let tx = ctx.db.begin_write().await?;
    if repo::claim_lease(&tx, owner, now, now + LEASE)
        .await?
        .is_none()
    {
        glider_db::commit_quietly(tx).await?;
        return Ok(0);
    }
    let mut sent = 0;
    for receiver in repo::digest_receivers(&tx, cutoff, PEOPLE_PER_RUN).await? {
        let mut by_workspace: BTreeMap<WorkspaceId, Vec<Notification>> = BTreeMap::new();
        for n in repo::take_digest(&tx, receiver, now).await? {
            by_workspace.entry(n.workspace_id).or_default().push(n);
        }
        for notifications in by_workspace.values() {
            super::email::send_digest(ctx, &tx, notifications).await?;
            sent += 1;
        }
    }
    repo::record_run(&tx, now).await?;
    // Wakes the e-mail sender.
    glider_db::commit(tx).await?;
    Ok(sent)
}
