//! Ephemeral signals: small JSON messages published to a topic and delivered to whoever listens
//! right now, on every replica (presence, typing, awareness). Nothing is stored and nothing is
//! retried: a signal missed is simply superseded by the next one. Durable changes travel on the
//! event log instead.
//!
//! In-process by default; with `GLIDER_REDIS_URL` every replica also publishes to and listens on
//! one Redis pub/sub channel. A replica delivers its own messages locally at once and ignores
//! their echo from Redis, so local signals keep flowing while Redis is unreachable.

mod over_redis;

use std::sync::Arc;

use serde_json::Value;
use tokio::{
    sync::{broadcast, mpsc},
    task::JoinHandle,
};
use uuid::Uuid;

/// Messages buffered per local subscriber; one that falls further behind skips ahead.
const LOCAL_CAPACITY: usize = 4096;

/// One signal.
#[derive(Clone, Debug, PartialEq)]
pub struct BusMessage {
    pub topic: String,
    pub message: Value,
}

/// Publish/subscribe of signals; cheap to clone.
#[derive(Clone, Debug)]
pub struct Bus {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    local: broadcast::Sender<Arc<BusMessage>>,
    /// Serialised messages waiting to be published to Redis, when configured.
    remote: Option<mpsc::Sender<String>>,
    /// Tells this replica's messages apart when Redis echoes them back.
    replica: Uuid,
    tasks: Vec<JoinHandle<()>>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

impl Default for Bus {
    fn default() -> Self {
        Self::in_process()
    }
}

impl Bus {
    /// Signals reach subscribers of this process only.
    pub fn in_process() -> Self {
        Self {
            inner: Arc::new(Inner {
                local: broadcast::Sender::new(LOCAL_CAPACITY),
                remote: None,
                replica: Uuid::now_v7(),
                tasks: Vec::new(),
            }),
        }
    }

    /// Signals reach every replica connected to the Redis at `url`. Fails when Redis cannot be
    /// reached now; later outages are retried in the background.
    pub async fn redis(url: &str) -> anyhow::Result<Self> {
        let local = broadcast::Sender::new(LOCAL_CAPACITY);
        let replica = Uuid::now_v7();
        let (remote, tasks) = over_redis::connect(url, replica, local.clone()).await?;
        Ok(Self {
            inner: Arc::new(Inner {
                local,
                remote: Some(remote),
                replica,
                tasks,
            }),
        })
    }

    /// Delivers `message` to local subscribers now and queues it for the other replicas. Never
    /// waits: when the Redis queue is full the signal is dropped for the other replicas.
    pub fn publish(&self, topic: &str, message: Value) {
        let signal = BusMessage {
            topic: topic.to_owned(),
            message,
        };
        if let Some(remote) = &self.inner.remote {
            let wire = over_redis::encode(self.inner.replica, &signal);
            if remote.try_send(wire).is_err() {
                metrics::counter!("bus_signals_dropped_total").increment(1);
            }
        }
        // No local subscriber is fine: nobody here is listening.
        let _ = self.inner.local.send(Arc::new(signal));
    }

    /// Every signal published from now on, on any replica.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<BusMessage>> {
        self.inner.local.subscribe()
    }

    /// Whether signals cross replicas (Redis is configured).
    pub fn is_shared(&self) -> bool {
        self.inner.remote.is_some()
    }
}
