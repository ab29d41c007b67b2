//! One socket's protocol, independent of the transport: client frames and hub deliveries in,
//! server frames out. The transport runs one [`Session`] per socket and sends what it returns,
//! in order.

use std::collections::HashMap;

use glider_db::repo::events as log;
use glider_domain::{EventId, model::events::StoredEvent};
use serde_json::json;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use super::{
    ClientMessage, Grant, Recheck, ServerMessage, Topic, authorize,
    hub::{Connection, Inbound},
    locate, may_receive, topics_of,
};
use crate::{Ctx, ServiceError, accounts::Actor};

/// A subscription and the newest event it delivered (later copies of older events are
/// duplicates of the replay and are skipped).
#[derive(Debug)]
struct Subscription {
    grant: Grant,
    delivered: i64,
}

/// The state of one socket.
#[derive(Debug)]
pub struct Session {
    ctx: Ctx,
    actor: Actor,
    connection: Connection,
    subscriptions: HashMap<Topic, Subscription>,
}

/// What handling a frame produced.
pub type Outcome = Vec<ServerMessage>;

impl Session {
    /// Registers the socket with the hub of `ctx`.
    pub fn open(ctx: &Ctx, actor: Actor) -> Self {
        let connection = ctx.realtime.connect(ctx, actor.user.id);
        Self {
            ctx: ctx.clone(),
            actor,
            connection,
            subscriptions: HashMap::new(),
        }
    }

    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// Cancelled when the hub drops this socket for being too slow.
    pub fn dropped(&self) -> CancellationToken {
        self.connection.dropped.clone()
    }

    /// Cancelled when the server stops.
    pub fn closing(&self) -> CancellationToken {
        self.connection.closing.clone()
    }

    /// The hub's deliveries, to be passed back to [`Session::deliver`].
    pub fn inbox(&mut self) -> &mut mpsc::Receiver<Inbound> {
        &mut self.connection.inbox
    }

    /// Handles one client text frame.
    pub async fn receive(&mut self, text: &str) -> Outcome {
        let message = match ClientMessage::parse(text) {
            Ok(message) => message,
            Err(refusal) => return vec![refusal],
        };
        match message {
            ClientMessage::Ping => vec![ServerMessage::Pong],
            ClientMessage::Subscribe { topic, since } => self.subscribe(&topic, since).await,
            ClientMessage::Unsubscribe { topic } => self.unsubscribe(&topic),
            ClientMessage::Presence { topic, state } => self.presence(&topic, state),
        }
    }

    /// Subscribes to the topic named `name` (idempotent), replaying from `since` if given.
    pub async fn subscribe(&mut self, name: &str, since: Option<String>) -> Outcome {
        let Some(topic) = Topic::parse(name) else {
            return vec![
                ServerMessage::error(
                    "invalid_topic",
                    "Topics are `project:{id}`, `work_item:{id}` or `user:{id}`.",
                )
                .about(name),
            ];
        };
        let since = match since.as_deref().map(str::parse::<uuid::Uuid>) {
            None => None,
            Some(Ok(id)) => Some(EventId(id)),
            Some(Err(_)) => {
                return vec![
                    ServerMessage::error("invalid_since", "`since` must be an event id.")
                        .about(name),
                ];
            }
        };
        if self.subscriptions.contains_key(&topic) {
            return vec![ServerMessage::Subscribed {
                topic: name.to_owned(),
            }];
        }
        let limit = self.ctx.realtime.limits().max_subscriptions;
        if self.subscriptions.len() >= limit {
            return vec![
                ServerMessage::error(
                    "too_many_subscriptions",
                    format!("A socket holds at most {limit} subscriptions."),
                )
                .about(name),
            ];
        }
        // Registered before the permission check, so a membership change committed while it
        // runs still reaches this socket as a re-check.
        let scope = match locate(&self.ctx, topic).await {
            Ok(Some(scope)) => scope,
            Ok(None) => return vec![not_found(name)],
            Err(error) => return vec![failure(error, name)],
        };
        self.ctx.realtime.add(self.connection.id, topic, scope);
        let grant = match authorize(&self.ctx, &self.actor, topic).await {
            Ok(grant) => grant,
            Err(error) => {
                self.ctx.realtime.remove(self.connection.id, topic);
                return vec![match error {
                    ServiceError::NotFound { .. } => not_found(name),
                    other => failure(other, name),
                }];
            }
        };
        let mut out = vec![ServerMessage::Subscribed {
            topic: name.to_owned(),
        }];
        let delivered = match since {
            // From now on: an event committed before the subscription but fanned out after it
            // (the live tail is a moment behind the log) is not news to this client.
            None => log::head(self.ctx.db.conn()).await.unwrap_or(0),
            Some(since) => match self.replay(&grant, since).await {
                Ok((replayed, delivered)) => {
                    out.extend(replayed);
                    delivered
                }
                Err(error) => {
                    out.push(failure(error, name));
                    0
                }
            },
        };
        self.subscriptions
            .insert(topic, Subscription { grant, delivered });
        out
    }

    /// The topic's events after `since` (bounded), and the position they reach.
    async fn replay(&self, grant: &Grant, since: EventId) -> Result<(Outcome, i64), ServiceError> {
        let conn = self.ctx.db.conn();
        let scan = self.ctx.realtime.limits().replay_scan;
        let head = log::head(conn).await?;
        let resync = vec![ServerMessage::Resync {
            topic: grant.topic.to_string(),
        }];
        let Some(from) = log::seq_of(conn, since).await? else {
            return Ok((resync, head));
        };
        if head.saturating_sub(from) > i64::try_from(scan).unwrap_or(i64::MAX) {
            return Ok((resync, head));
        }
        let events = log::after(conn, from, scan).await?;
        let reached = events.last().map_or(from, |event| event.seq);
        let frames = events
            .iter()
            .filter(|event| topics_of(event).contains(&grant.topic) && may_receive(grant, event))
            .map(|event| event_frame(grant.topic, event))
            .collect();
        Ok((frames, reached))
    }

    fn unsubscribe(&mut self, name: &str) -> Outcome {
        let topic = Topic::parse(name);
        match topic.and_then(|topic| self.subscriptions.remove(&topic)) {
            Some(subscription) => {
                self.ctx
                    .realtime
                    .remove(self.connection.id, subscription.grant.topic);
                vec![ServerMessage::Unsubscribed {
                    topic: name.to_owned(),
                    reason: "requested",
                }]
            }
            None => vec![not_subscribed(name)],
        }
    }

    fn presence(&mut self, name: &str, state: serde_json::Value) -> Outcome {
        let Some(topic) = Topic::parse(name).filter(|t| self.subscriptions.contains_key(t)) else {
            return vec![not_subscribed(name)];
        };
        let limit = self.ctx.realtime.limits().max_presence_bytes;
        if state.to_string().len() > limit {
            return vec![
                ServerMessage::error(
                    "presence_too_large",
                    format!("A presence state is at most {limit} bytes of JSON."),
                )
                .about(name),
            ];
        }
        let user = &self.actor.user;
        self.ctx.bus.publish(
            &topic.to_string(),
            json!({
                "origin": self.connection.id,
                "user": { "id": user.id, "display_name": user.display_name },
                "state": state,
            }),
        );
        Vec::new()
    }

    /// Handles one delivery from the hub.
    pub async fn deliver(&mut self, item: Inbound) -> Outcome {
        match item {
            Inbound::Event { topic, event, json } => {
                let Some(subscription) = self.subscriptions.get_mut(&topic) else {
                    return Vec::new();
                };
                if event.seq <= subscription.delivered || !may_receive(&subscription.grant, &event)
                {
                    return Vec::new();
                }
                subscription.delivered = event.seq;
                vec![ServerMessage::Event {
                    topic: topic.to_string(),
                    event: json,
                }]
            }
            Inbound::Signal { topic, frame } if self.subscriptions.contains_key(&topic) => {
                vec![ServerMessage::Prepared(frame)]
            }
            Inbound::Signal { .. } => Vec::new(),
            Inbound::Recheck(recheck) => self.recheck(recheck).await,
            Inbound::Lagged => self
                .subscriptions
                .keys()
                .map(|topic| ServerMessage::Resync {
                    topic: topic.to_string(),
                })
                .collect(),
        }
    }

    /// `Close` (4401) when the credential the socket opened with no longer holds.
    pub async fn verify_credential(&self) -> Option<ServerMessage> {
        match super::still_signed_in(&self.ctx, &self.actor).await {
            Ok(true) => None,
            Ok(false) => Some(ServerMessage::Close {
                code: 4401,
                reason: "signed out",
            }),
            // The database will answer the next check; a blip closes nobody.
            Err(error) => {
                tracing::warn!(%error, "checking a WebSocket's credential failed");
                None
            }
        }
    }

    /// Checks the subscriptions a membership change may concern; ends those now forbidden.
    async fn recheck(&mut self, recheck: Recheck) -> Outcome {
        if let Recheck::User(_) = recheck
            && let Some(close) = self.verify_credential().await
        {
            return vec![close];
        }
        let concerned: Vec<Topic> = self
            .subscriptions
            .values()
            .filter(|s| match recheck {
                Recheck::User(_) => true,
                Recheck::Project(project) => s.grant.scope.project == Some(project),
                Recheck::Workspace(workspace) => s.grant.scope.workspace == Some(workspace),
            })
            .map(|s| s.grant.topic)
            .collect();
        let mut out = Vec::new();
        for topic in concerned {
            let reason = match authorize(&self.ctx, &self.actor, topic).await {
                Ok(grant) => {
                    if let Some(subscription) = self.subscriptions.get_mut(&topic) {
                        subscription.grant = grant;
                    }
                    continue;
                }
                Err(ServiceError::NotFound { .. }) => "forbidden",
                // Fail closed: the client may subscribe again once the database answers.
                Err(error) => {
                    tracing::warn!(%error, "re-checking a real-time subscription failed");
                    "unavailable"
                }
            };
            self.subscriptions.remove(&topic);
            self.ctx.realtime.remove(self.connection.id, topic);
            out.push(ServerMessage::Unsubscribed {
                topic: topic.to_string(),
                reason,
            });
        }
        out
    }
}

fn event_frame(topic: Topic, event: &StoredEvent) -> ServerMessage {
    ServerMessage::Event {
        topic: topic.to_string(),
        event: std::sync::Arc::from(serde_json::to_string(event).unwrap_or_default()),
    }
}

fn not_found(name: &str) -> ServerMessage {
    ServerMessage::error(
        "topic_not_found",
        "The topic does not exist or you may not follow it.",
    )
    .about(name)
}

fn not_subscribed(name: &str) -> ServerMessage {
    ServerMessage::error(
        "not_subscribed",
        "This socket is not subscribed to the topic.",
    )
    .about(name)
}

fn failure(error: ServiceError, name: &str) -> ServerMessage {
    tracing::error!(%error, topic = name, "real-time subscription failed");
    ServerMessage::error("internal", "Something went wrong; please try again later.").about(name)
}
