//! WebSocket fan-out: N sockets subscribed to one project; a writer moves a card M times; each
//! socket records, per event, the time from the event's commit stamp to its receipt.

use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::{DateTime, Utc};
use clap::Parser;
use futures_util::StreamExt;
use glider_bench::{Socket, Target, millis, percentile, report, subscribed_socket};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;

#[derive(Parser)]
struct Args {
    #[command(flatten)]
    target: Target,
    /// Subscribed sockets.
    #[arg(long, default_value_t = 1000)]
    sockets: usize,
    /// Card moves (each is one event every socket receives).
    #[arg(long, default_value_t = 100)]
    moves: usize,
}

/// Receives `expected` events (or stops at the deadline) and returns their latencies.
async fn receive(mut socket: Socket, expected: usize, deadline: Instant) -> Vec<Duration> {
    let mut latencies = Vec::with_capacity(expected);
    while latencies.len() < expected {
        let left = deadline.saturating_duration_since(Instant::now());
        let Ok(Some(Ok(Message::Text(text)))) = tokio::time::timeout(left, socket.next()).await
        else {
            break;
        };
        let received = Utc::now();
        let Ok(frame) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        if frame["type"] != "event" {
            continue;
        }
        let at = frame["event"]["at"].as_str().unwrap_or_default();
        if let Ok(at) = at.parse::<DateTime<Utc>>() {
            latencies.push((received - at).to_std().unwrap_or_default());
        }
    }
    latencies
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let target = args.target.clone();
    let client = reqwest::Client::new();
    let item = target
        .send(
            &client,
            reqwest::Method::POST,
            &target.items_path(),
            &json!({ "name": "fan-out card" }),
        )
        .await?;
    let item_path = format!(
        "{}{}/",
        target.items_path(),
        item["id"].as_str().context("item id")?
    );

    let connect_started = Instant::now();
    let mut sockets = Vec::with_capacity(args.sockets);
    // Connect in batches so the listen backlog is never the thing measured.
    for batch in (0..args.sockets).collect::<Vec<_>>().chunks(250) {
        let connecting = batch.iter().map(|_| subscribed_socket(&target));
        for socket in futures_util::future::join_all(connecting).await {
            sockets.push(socket?);
        }
    }
    let connect_time = connect_started.elapsed();

    let deadline = Instant::now() + Duration::from_secs(60 + args.moves as u64);
    let receivers: Vec<_> = sockets
        .into_iter()
        .map(|socket| tokio::spawn(receive(socket, args.moves, deadline)))
        .collect();
    let moves_started = Instant::now();
    for n in 0..args.moves {
        #[expect(clippy::cast_precision_loss, reason = "small counts")]
        let sort_order = 1000.0 + n as f64;
        target
            .send(
                &client,
                reqwest::Method::PATCH,
                &item_path,
                &json!({ "sort_order": sort_order }),
            )
            .await?;
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let mut latencies = Vec::new();
    for receiver in receivers {
        latencies.extend(receiver.await?);
    }
    let elapsed = moves_started.elapsed();
    latencies.sort_unstable();
    report(
        "ws_fanout",
        json!({
            "sockets": args.sockets,
            "moves": args.moves,
            "expected": args.sockets * args.moves,
            "delivered": latencies.len(),
            "connect_s": connect_time.as_secs_f64(),
            "p50_ms": millis(percentile(&latencies, 0.50)),
            "p99_ms": millis(percentile(&latencies, 0.99)),
            "max_ms": millis(latencies.last().copied().unwrap_or_default()),
            "seconds": elapsed.as_secs_f64(),
        }),
    );
    Ok(())
}
