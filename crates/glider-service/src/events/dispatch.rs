//! Delivers the event log to its consumers, in order, at least once.
//!
//! Durable consumers (notifications, e-mail, webhooks) run on one replica at a time under a
//! lease and commit their effects in the transaction that advances their offset, so a crash
//! replays from the last committed event and nothing is done twice. The live tail (real-time
//! fan-out) runs on every replica and keeps its position in memory: a client that missed
//! something asks for it again with `since`.

use std::{sync::Arc, time::Duration};

use glider_db::{DatabaseTransaction, repo::events as log};
use glider_domain::model::events::StoredEvent;
use tokio::{sync::broadcast, task::JoinHandle};
use uuid::Uuid;

use crate::{Ctx, ServiceResult};

/// Events read per transaction.
const BATCH: u64 = 200;
/// How long a replica holds a durable consumer before another may take it over: also how long
/// a restarted or surviving replica waits to resume after a crash. Renewed with every batch.
const LEASE: chrono::Duration = chrono::Duration::seconds(10);
/// Longest wait after a consumer fails before it retries.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Something that reacts to every event, exactly once in effect.
#[async_trait::async_trait]
pub trait Consumer: Send + Sync + 'static {
    /// Stable: it keys the consumer's offset in the database.
    fn name(&self) -> &'static str;

    /// Called for each event in log order, inside the transaction that advances the offset.
    /// Write effects through `tx` only (no network calls here: queue them as rows and let a
    /// sender deliver them); an error rolls the whole batch back and it is retried.
    async fn handle(
        &self,
        ctx: &Ctx,
        tx: &DatabaseTransaction,
        event: &StoredEvent,
    ) -> ServiceResult<()>;
}

/// Every replica's copy of the log as it grows, for real-time fan-out.
#[derive(Clone, Debug)]
pub struct LiveEvents {
    sender: broadcast::Sender<Arc<StoredEvent>>,
}

impl Default for LiveEvents {
    fn default() -> Self {
        Self {
            sender: broadcast::Sender::new(8192),
        }
    }
}

impl LiveEvents {
    /// Events committed from now on (a lagging receiver is told how many it missed).
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<StoredEvent>> {
        self.sender.subscribe()
    }
}

/// The running dispatcher; dropping it stops its tasks.
pub struct Dispatcher {
    tasks: Vec<JoinHandle<()>>,
}

impl Drop for Dispatcher {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

/// Starts the live tail and one task per durable consumer.
pub async fn start(ctx: &Ctx, consumers: Vec<Arc<dyn Consumer>>) -> anyhow::Result<Dispatcher> {
    let owner = Uuid::now_v7().to_string();
    let head = log::head(ctx.db.conn()).await?;
    let mut tasks = Vec::new();
    if let Some(mut listener) = glider_db::EventListener::connect(&ctx.db).await? {
        tasks.push(tokio::spawn(async move {
            loop {
                if let Err(error) = listener.wait().await {
                    tracing::warn!(%error, "LISTEN for events failed; polling meanwhile");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
                glider_db::signal_commit();
            }
        }));
    }
    tasks.push(tokio::spawn(live_tail(ctx.clone(), head)));
    for consumer in consumers {
        log::register_consumer(ctx.db.conn(), consumer.name(), head, ctx.now()).await?;
        tasks.push(tokio::spawn(run_durable(
            ctx.clone(),
            consumer,
            owner.clone(),
        )));
    }
    Ok(Dispatcher { tasks })
}

/// Waits for a local commit, a NOTIFY from another replica, or the poll interval.
async fn wake(commits: &mut tokio::sync::watch::Receiver<u64>, poll: Duration) {
    let _ = tokio::time::timeout(poll, commits.changed()).await;
}

async fn live_tail(ctx: Ctx, mut seq: i64) {
    let mut commits = glider_db::commits();
    loop {
        match log::after(ctx.db.conn(), seq, BATCH).await {
            Ok(events) => {
                let full = events.len() as u64 == BATCH;
                for event in events {
                    seq = event.seq;
                    #[expect(clippy::cast_precision_loss, reason = "a gauge; exact below 2^53")]
                    metrics::gauge!("glider_event_live_offset").set(seq as f64);
                    // No receivers is fine: nobody is looking.
                    let _ = ctx.live.sender.send(Arc::new(event));
                }
                if full {
                    continue;
                }
            }
            Err(error) => tracing::warn!(%error, "reading the event log for live fan-out"),
        }
        wake(&mut commits, ctx.settings.event_poll_interval).await;
    }
}

async fn run_durable(ctx: Ctx, consumer: Arc<dyn Consumer>, owner: String) {
    let mut commits = glider_db::commits();
    let mut known: Option<i64> = None;
    let mut backoff = Duration::from_millis(100);
    loop {
        match run_batch(&ctx, consumer.as_ref(), &owner, known).await {
            Ok(Progress::Full(offset)) => {
                known = Some(offset);
                continue;
            }
            Ok(Progress::Idle(offset)) => {
                known = offset;
                backoff = Duration::from_millis(100);
            }
            Err(error) => {
                tracing::error!(consumer = consumer.name(), %error, "event consumer failed; retrying");
                known = None;
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(MAX_BACKOFF);
                continue;
            }
        }
        wake(&mut commits, ctx.settings.event_poll_interval).await;
    }
}

enum Progress {
    /// A whole batch was handled; more may wait.
    Full(i64),
    /// Caught up (or another replica holds the lease); the offset if known.
    Idle(Option<i64>),
}

async fn run_batch(
    ctx: &Ctx,
    consumer: &dyn Consumer,
    owner: &str,
    known: Option<i64>,
) -> ServiceResult<Progress> {
    // A read first, so an idle consumer does not take SQLite's write lock on every wake.
    let head = log::head(ctx.db.conn()).await?;
    if known.is_some_and(|offset| offset >= head) {
        return Ok(Progress::Idle(known));
    }
    let now = ctx.now();
    let tx = ctx.db.begin_write().await?;
    let Some(offset) = log::claim(&tx, consumer.name(), owner, now, now + LEASE).await? else {
        glider_db::commit_quietly(tx).await?;
        return Ok(Progress::Idle(None));
    };
    let events = log::after(&tx, offset, BATCH).await?;
    let Some(last) = events.last().map(|event| event.seq) else {
        glider_db::commit_quietly(tx).await?;
        return Ok(Progress::Idle(Some(offset)));
    };
    for event in &events {
        consumer.handle(ctx, &tx, event).await?;
    }
    log::advance(&tx, consumer.name(), last, ctx.now()).await?;
    // A consumer may have appended events of its own (a notification): wake everyone.
    glider_db::commit(tx).await?;
    #[expect(clippy::cast_precision_loss, reason = "a gauge; exact below 2^53")]
    metrics::gauge!("glider_event_consumer_offset", "consumer" => consumer.name()).set(last as f64);
    Ok(if events.len() as u64 == BATCH {
        Progress::Full(last)
    } else {
        Progress::Idle(Some(last))
    })
}
