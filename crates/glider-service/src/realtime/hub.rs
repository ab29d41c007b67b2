//! The hub: routes each committed event and each bus signal to the sockets subscribed to its
//! topics, through one bounded queue per socket. It never waits on a socket: a socket whose
//! queue is full is dropped (its token cancelled, so the transport closes it with 4008).

use std::{
    collections::{HashMap, HashSet},
    sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError, Weak},
};

use glider_domain::{UserId, model::events::StoredEvent};
use serde_json::Value;
use tokio::sync::{
    broadcast::{self, error::RecvError},
    mpsc::{self, error::TrySendError},
};
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

use super::{Recheck, Scope, ServerMessage, Topic, recheck_for, topics_of};
use crate::{Ctx, bus::BusMessage};

/// One socket, unique across replicas (bus signals name their origin).
pub type SocketId = Uuid;

/// Bounds of one socket.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Messages waiting for a socket before it counts as too slow and is dropped.
    pub queue: usize,
    pub max_subscriptions: usize,
    /// Events of the log read to replay `since`; an older `since` gets `resync`.
    pub replay_scan: u64,
    /// Largest presence `state`, serialised.
    pub max_presence_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            queue: 1024,
            max_subscriptions: 100,
            replay_scan: 1000,
            max_presence_bytes: 4096,
        }
    }
}

/// What the hub hands a socket.
#[derive(Clone, Debug)]
pub enum Inbound {
    /// An event for one of the socket's topics, serialised once for every subscriber.
    Event {
        topic: Topic,
        event: Arc<StoredEvent>,
        json: Arc<str>,
    },
    /// A presence frame from another socket, ready to send.
    Signal { topic: Topic, frame: Arc<str> },
    /// A membership changed: check the socket's subscriptions in this scope again.
    Recheck(Recheck),
    /// The hub fell behind the log and lost events: every topic must resync.
    Lagged,
}

/// Routes events to sockets on this replica; cheap to clone.
#[derive(Clone, Debug, Default)]
pub struct Hub {
    inner: Arc<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    limits: Limits,
    registry: Mutex<Registry>,
    /// The routing task, started by the first socket.
    started: OnceLock<()>,
    /// Cancelled when the server stops: every socket closes with 1001.
    shutdown: CancellationToken,
}

#[derive(Debug, Default)]
struct Registry {
    sockets: HashMap<SocketId, Socket>,
    by_topic: HashMap<Topic, HashSet<SocketId>>,
}

#[derive(Debug)]
struct Socket {
    user: UserId,
    queue: mpsc::Sender<Inbound>,
    dropped: CancellationToken,
    topics: HashMap<Topic, Scope>,
}

/// A socket's end of the hub; unregisters when dropped.
#[derive(Debug)]
pub struct Connection {
    pub id: SocketId,
    pub inbox: mpsc::Receiver<Inbound>,
    /// Cancelled when the hub drops the socket for being too slow.
    pub dropped: CancellationToken,
    /// Cancelled when the server stops.
    pub closing: CancellationToken,
    hub: Hub,
}

impl Drop for Connection {
    fn drop(&mut self) {
        let mut registry = self.hub.registry();
        if let Some(socket) = registry.sockets.remove(&self.id) {
            registry.forget_topics(self.id, socket.topics.keys());
        }
        metrics::gauge!("ws_connections").decrement(1.0);
    }
}

impl Hub {
    pub fn new(limits: Limits) -> Self {
        Self {
            inner: Arc::new(Inner {
                limits,
                ..Inner::default()
            }),
        }
    }

    pub fn limits(&self) -> Limits {
        self.inner.limits
    }

    fn registry(&self) -> MutexGuard<'_, Registry> {
        // The lock guards plain maps; a panic elsewhere leaves them consistent enough to use.
        self.inner
            .registry
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Registers a socket of `user` (starting the routing task on first use).
    pub fn connect(&self, ctx: &Ctx, user: UserId) -> Connection {
        self.inner.started.get_or_init(|| {
            tokio::spawn(route(
                Arc::downgrade(&self.inner),
                ctx.live.subscribe(),
                ctx.bus.subscribe(),
            ));
        });
        let (queue, inbox) = mpsc::channel(self.inner.limits.queue.max(1));
        let id = Uuid::now_v7();
        let dropped = CancellationToken::new();
        self.registry().sockets.insert(
            id,
            Socket {
                user,
                queue,
                dropped: dropped.clone(),
                topics: HashMap::new(),
            },
        );
        metrics::gauge!("ws_connections").increment(1.0);
        Connection {
            id,
            inbox,
            dropped,
            closing: self.inner.shutdown.clone(),
            hub: self.clone(),
        }
    }

    /// Asks every socket to close (1001) and waits up to `grace` for them to go.
    pub async fn shut_down(&self, grace: std::time::Duration) {
        self.inner.shutdown.cancel();
        let deadline = tokio::time::Instant::now() + grace;
        while !self.registry().sockets.is_empty() && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    pub(super) fn add(&self, socket: SocketId, topic: Topic, scope: Scope) {
        let mut registry = self.registry();
        if let Some(entry) = registry.sockets.get_mut(&socket) {
            entry.topics.insert(topic, scope);
            registry.by_topic.entry(topic).or_default().insert(socket);
        }
    }

    pub(super) fn remove(&self, socket: SocketId, topic: Topic) {
        let mut registry = self.registry();
        if let Some(entry) = registry.sockets.get_mut(&socket) {
            entry.topics.remove(&topic);
            registry.forget_topics(socket, [topic].iter());
        }
    }
}

impl Registry {
    fn forget_topics<'a>(&mut self, socket: SocketId, topics: impl Iterator<Item = &'a Topic>) {
        for topic in topics {
            if let Some(sockets) = self.by_topic.get_mut(topic) {
                sockets.remove(&socket);
                if sockets.is_empty() {
                    self.by_topic.remove(topic);
                }
            }
        }
    }

    /// Queues `item` for `socket`; `false` when the queue is full.
    fn offer(&self, socket: &SocketId, item: Inbound) -> bool {
        match self.sockets.get(socket).map(|s| s.queue.try_send(item)) {
            Some(Err(TrySendError::Full(_))) => false,
            // Closed: the socket is going away and unregisters itself.
            _ => true,
        }
    }

    fn drop_slow(&mut self, slow: Vec<SocketId>) {
        for id in slow {
            if let Some(socket) = self.sockets.remove(&id) {
                self.forget_topics(id, socket.topics.keys());
                socket.dropped.cancel();
                metrics::counter!("ws_slow_consumers_dropped_total").increment(1);
            }
        }
    }

    fn route_event(&mut self, event: &Arc<StoredEvent>) {
        let mut json: Option<Arc<str>> = None;
        let mut slow = Vec::new();
        for topic in topics_of(event) {
            let Some(sockets) = self.by_topic.get(&topic) else {
                continue;
            };
            let json = json.get_or_insert_with(|| {
                Arc::from(serde_json::to_string(&**event).unwrap_or_default())
            });
            for socket in sockets {
                let item = Inbound::Event {
                    topic,
                    event: event.clone(),
                    json: json.clone(),
                };
                if !self.offer(socket, item) {
                    slow.push(*socket);
                }
            }
        }
        if let Some(recheck) = recheck_for(event) {
            for (id, socket) in &self.sockets {
                if concerns(recheck, socket) && !self.offer(id, Inbound::Recheck(recheck)) {
                    slow.push(*id);
                }
            }
        }
        self.drop_slow(slow);
    }

    fn route_signal(&mut self, signal: &BusMessage) {
        let Some(topic) = Topic::parse(&signal.topic) else {
            return;
        };
        let Some(sockets) = self.by_topic.get(&topic) else {
            return;
        };
        let origin = signal
            .message
            .get("origin")
            .and_then(Value::as_str)
            .and_then(|id| id.parse::<Uuid>().ok());
        let frame: Arc<str> = Arc::from(
            ServerMessage::Presence {
                topic: topic.to_string(),
                user: signal.message.get("user").cloned().unwrap_or_default(),
                state: signal.message.get("state").cloned().unwrap_or_default(),
            }
            .to_text(),
        );
        let mut slow = Vec::new();
        for socket in sockets.iter().filter(|id| Some(**id) != origin) {
            let item = Inbound::Signal {
                topic,
                frame: frame.clone(),
            };
            if !self.offer(socket, item) {
                slow.push(*socket);
            }
        }
        self.drop_slow(slow);
    }

    fn lagged(&mut self) {
        let ids: Vec<SocketId> = self.sockets.keys().copied().collect();
        let slow = ids
            .into_iter()
            .filter(|id| !self.offer(id, Inbound::Lagged))
            .collect();
        self.drop_slow(slow);
    }
}

fn concerns(recheck: Recheck, socket: &Socket) -> bool {
    match recheck {
        Recheck::User(user) => socket.user == user,
        Recheck::Project(project) => socket.topics.values().any(|s| s.project == Some(project)),
        Recheck::Workspace(workspace) => socket
            .topics
            .values()
            .any(|s| s.workspace == Some(workspace)),
    }
}

/// Holds only a weak reference, so the task ends once the hub is gone.
async fn route(
    hub: Weak<Inner>,
    mut events: broadcast::Receiver<Arc<StoredEvent>>,
    mut signals: broadcast::Receiver<Arc<BusMessage>>,
) {
    loop {
        tokio::select! {
            event = events.recv() => {
                let Some(inner) = hub.upgrade() else { return };
                let hub = Hub { inner };
                match event {
                    Ok(event) => hub.registry().route_event(&event),
                    Err(RecvError::Lagged(missed)) => {
                        tracing::warn!(missed, "real-time hub fell behind the event log");
                        hub.registry().lagged();
                    }
                    Err(RecvError::Closed) => return,
                }
            }
            signal = signals.recv() => {
                let Some(inner) = hub.upgrade() else { return };
                let hub = Hub { inner };
                match signal {
                    Ok(signal) => hub.registry().route_signal(&signal),
                    // Signals are ephemeral: the next one supersedes what was missed.
                    Err(RecvError::Lagged(_)) => {}
                    Err(RecvError::Closed) => return,
                }
            }
        }
    }
}
