//! Resuming with `since`: what was missed is replayed from the log, once; too old asks for a
//! resync.

use glider_service::realtime::Limits;
use glider_test_utils::TestApp;
use serde_json::{Value, json};

use super::{Board, WsClient, id};

async fn move_to(b: &Board, item: &str, order: f64) {
    let (status, body) = b
        .move_card(&b.ada, json!({ "work_item": item, "sort_order": order }))
        .await;
    assert!(status.is_success(), "{body}");
}

async fn resume(b: &Board, since: &Value) -> WsClient {
    let mut socket = b.socket(&b.bob).await;
    socket
        .send(json!({ "type": "subscribe", "topic": b.topic(), "since": since }))
        .await;
    assert_eq!(socket.expect("subscribed").await["topic"], b.topic());
    socket
}

#[tokio::test]
async fn reconnecting_with_since_replays_what_was_missed_once() {
    let b = Board::new().await;
    let item = id(&b.create_item("Card").await);
    let mut bob = b.socket(&b.bob).await;
    bob.subscribe(&b.topic()).await;
    move_to(&b, &item, 1.0).await;
    let seen = bob.event("tracker.work_item.updated").await["event"].clone();
    drop(bob);

    // Missed while away: two moves, a comment, and a change elsewhere Bob may not see.
    move_to(&b, &item, 2.0).await;
    move_to(&b, &item, 3.0).await;
    let comments = b.path(&format!("/work-items/{item}/comments/"));
    let body = json!({ "comment_html": "<p>while you were out</p>" });
    let response = b.app.post(&b.ada, &comments, body).send().await.unwrap();
    assert!(response.status().is_success());
    b.app.create_workspace(&b.ada, "private").await;

    let mut bob = resume(&b, &seen["id"]).await;
    let mut replayed = Vec::new();
    for _ in 0..3 {
        let frame = bob.expect("event").await;
        assert_eq!(frame["topic"], b.topic());
        replayed.push(frame["event"].clone());
    }
    let orders: Vec<&Value> = replayed[..2]
        .iter()
        .map(|e| &e["payload"]["sort_order"]["new"])
        .collect();
    assert_eq!(orders, [&json!(2.0), &json!(3.0)]);
    assert_eq!(replayed[2]["kind"], "tracker.comment.created");
    let seqs: Vec<i64> = replayed
        .iter()
        .map(|e| e["seq"].as_i64().unwrap())
        .collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]) && seqs[0] > seen["seq"].as_i64().unwrap());

    // Live again, and nothing replayed comes twice.
    move_to(&b, &item, 4.0).await;
    let next = bob.expect("event").await;
    assert_eq!(next["event"]["payload"]["sort_order"]["new"], 4.0);
    assert!(next["event"]["seq"].as_i64() > seqs.last().copied());
}

#[tokio::test]
async fn a_since_too_old_or_unknown_asks_for_a_resync() {
    let limits = Limits {
        replay_scan: 3,
        ..Limits::default()
    };
    let b = Board::on(TestApp::builder().realtime_limits(limits).spawn().await).await;
    let item = id(&b.create_item("Card").await);
    let mut bob = b.socket(&b.bob).await;
    bob.subscribe(&b.topic()).await;
    move_to(&b, &item, 1.0).await;
    let seen = bob.event("tracker.work_item.updated").await["event"]["id"].clone();
    drop(bob);
    for order in [2.0, 3.0, 4.0, 5.0] {
        move_to(&b, &item, order).await;
    }
    let mut bob = resume(&b, &seen).await;
    assert_eq!(bob.expect("resync").await["topic"], b.topic());
    // Live events still flow after a resync.
    move_to(&b, &item, 6.0).await;
    let next = bob.expect("event").await;
    assert_eq!(next["event"]["payload"]["sort_order"]["new"], 6.0);

    let unknown = json!(uuid::Uuid::now_v7());
    let mut bob = resume(&b, &unknown).await;
    assert_eq!(bob.expect("resync").await["topic"], b.topic());
}
