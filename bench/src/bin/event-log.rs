//! Event-log throughput: work items created from 16 writers (each create commits one event);
//! a WebSocket subscriber counts what the live tail fans out, and `/metrics` tells when the
//! durable consumers (notifications, webhooks, …) have caught up.

use std::{
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use clap::Parser;
use futures_util::StreamExt;
use glider_bench::{Target, report, subscribed_socket};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;

#[derive(Parser)]
struct Args {
    #[command(flatten)]
    target: Target,
    #[arg(long, default_value_t = 2000)]
    creates: usize,
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
}

/// The gauges named `name` in a Prometheus text page.
fn gauges(page: &str, name: &str) -> Vec<f64> {
    page.lines()
        .filter(|line| line.starts_with(name))
        .filter_map(|line| line.rsplit(' ').next()?.parse().ok())
        .collect()
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let target = Arc::new(args.target.clone());
    let mut socket = subscribed_socket(&target).await?;
    let expected = args.creates;
    let listener = tokio::spawn(async move {
        let mut events = 0usize;
        let mut last = Instant::now();
        while events < expected {
            let Ok(Some(Ok(Message::Text(text)))) =
                tokio::time::timeout(Duration::from_secs(30), socket.next()).await
            else {
                break;
            };
            if serde_json::from_str::<Value>(&text).is_ok_and(|f| f["type"] == "event") {
                events += 1;
                last = Instant::now();
            }
        }
        (events, last)
    });

    let client = reqwest::Client::new();
    let next = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let writers: Vec<_> = (0..args.concurrency)
        .map(|_| {
            let (client, target, next, errors) =
                (client.clone(), target.clone(), next.clone(), errors.clone());
            tokio::spawn(async move {
                while next.fetch_add(1, Ordering::SeqCst) < expected {
                    let body = json!({ "name": "event-log item" });
                    let path = target.items_path();
                    if target
                        .send(&client, reqwest::Method::POST, &path, &body)
                        .await
                        .is_err()
                    {
                        errors.fetch_add(1, Ordering::SeqCst);
                    }
                }
            })
        })
        .collect();
    for writer in writers {
        writer.await?;
    }
    let committed = started.elapsed();
    let (fanned_out, last_receipt) = listener.await?;

    // Durable consumers have caught up when every offset reaches the live tail's.
    let mut caught_up = None;
    while started.elapsed() < committed + Duration::from_secs(120) {
        let page = client
            .get(target.url("/metrics"))
            .send()
            .await?
            .text()
            .await?;
        let head = gauges(&page, "glider_event_live_offset")
            .into_iter()
            .fold(0.0, f64::max);
        let offsets = gauges(&page, "glider_event_consumer_offset");
        if !offsets.is_empty() && offsets.iter().all(|offset| *offset >= head) {
            caught_up = Some(started.elapsed());
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    #[expect(clippy::cast_precision_loss, reason = "small counts")]
    let per_second = |count: usize, time: Duration| count as f64 / time.as_secs_f64();
    report(
        "event_log",
        json!({
            "creates": expected,
            "errors": errors.load(Ordering::SeqCst),
            "committed_per_s": per_second(expected, committed),
            "fanned_out": fanned_out,
            "fanned_out_per_s": per_second(fanned_out, last_receipt - started),
            "consumers_caught_up_per_s": caught_up.map(|time| per_second(expected, time)),
        }),
    );
    Ok(())
}
