//! The bus across replicas: one Redis pub/sub channel carries every signal, tagged with the
//! replica that published it.

use std::{sync::Arc, time::Duration};

use anyhow::Context;
use futures_util::StreamExt;
use redis::aio::{ConnectionManager, PubSubStream};
use serde_json::{Value, json};
use tokio::{
    sync::{broadcast, mpsc},
    task::JoinHandle,
};
use uuid::Uuid;

use super::BusMessage;

const CHANNEL: &str = "glider:bus";
/// Signals waiting to be published; beyond this they are dropped (they are ephemeral).
const OUTBOX: usize = 4096;
const MAX_BACKOFF: Duration = Duration::from_secs(10);

/// The wire form: `{"replica": …, "topic": …, "message": …}`.
pub(super) fn encode(replica: Uuid, signal: &BusMessage) -> String {
    json!({ "replica": replica, "topic": signal.topic, "message": signal.message }).to_string()
}

fn decode(payload: &str, own: Uuid) -> Option<BusMessage> {
    let mut value: Value = serde_json::from_str(payload).ok()?;
    let replica = value.get("replica")?.as_str()?.parse::<Uuid>().ok()?;
    if replica == own {
        return None;
    }
    Some(BusMessage {
        topic: value.get("topic")?.as_str()?.to_owned(),
        message: value.get_mut("message")?.take(),
    })
}

/// Connects the publisher and the subscriber (both must work now), then keeps them going.
pub(super) async fn connect(
    url: &str,
    replica: Uuid,
    local: broadcast::Sender<Arc<BusMessage>>,
) -> anyhow::Result<(mpsc::Sender<String>, Vec<JoinHandle<()>>)> {
    let client = redis::Client::open(url).context("parsing GLIDER_REDIS_URL")?;
    let publisher = ConnectionManager::new(client.clone())
        .await
        .context("connecting to Redis")?;
    let messages = subscribe(&client).await.context("subscribing on Redis")?;
    let (outbox, queued) = mpsc::channel(OUTBOX);
    let tasks = vec![
        tokio::spawn(publish(publisher, queued)),
        tokio::spawn(listen(client, messages, replica, local)),
    ];
    Ok((outbox, tasks))
}

async fn subscribe(client: &redis::Client) -> redis::RedisResult<PubSubStream> {
    let mut pubsub = client.get_async_pubsub().await?;
    pubsub.subscribe(CHANNEL).await?;
    Ok(pubsub.into_on_message())
}

async fn publish(mut connection: ConnectionManager, mut queued: mpsc::Receiver<String>) {
    while let Some(wire) = queued.recv().await {
        let sent: redis::RedisResult<()> = redis::cmd("PUBLISH")
            .arg(CHANNEL)
            .arg(wire)
            .query_async(&mut connection)
            .await;
        if let Err(error) = sent {
            // The connection manager reconnects on the next command; this signal is lost.
            tracing::warn!(%error, "publishing a signal to Redis failed");
            metrics::counter!("bus_signals_dropped_total").increment(1);
        }
    }
}

async fn listen(
    client: redis::Client,
    mut messages: PubSubStream,
    replica: Uuid,
    local: broadcast::Sender<Arc<BusMessage>>,
) {
    let mut backoff = Duration::from_millis(100);
    loop {
        while let Some(message) = messages.next().await {
            backoff = Duration::from_millis(100);
            let Ok(payload) = message.get_payload::<String>() else {
                continue;
            };
            if let Some(signal) = decode(&payload, replica) {
                let _ = local.send(Arc::new(signal));
            }
        }
        tracing::warn!("the Redis subscription ended; reconnecting");
        loop {
            tokio::time::sleep(backoff).await;
            backoff = (backoff * 2).min(MAX_BACKOFF);
            match subscribe(&client).await {
                Ok(stream) => {
                    messages = stream;
                    break;
                }
                Err(error) => tracing::warn!(%error, "resubscribing on Redis failed"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_echo_is_ignored_and_others_decode() {
        let own = Uuid::now_v7();
        let signal = BusMessage {
            topic: "project:1".to_owned(),
            message: json!({ "state": { "typing": true } }),
        };
        assert_eq!(decode(&encode(own, &signal), own), None);
        assert_eq!(decode(&encode(Uuid::now_v7(), &signal), own), Some(signal));
        assert_eq!(decode("not json", own), None);
    }
}
