//! Presence: a socket's state reaches the topic's other subscribers, on this replica and, with
//! Redis, on another one.

use glider_test_utils::{ServerConfig, TestApp, redis_url};
use serde_json::json;

use super::{Board, WsClient, id};

#[tokio::test]
async fn presence_reaches_the_other_subscribers_but_not_the_sender() {
    let b = Board::new().await;
    let item = id(&b.create_item("Card").await);
    let mut ada = b.socket(&b.ada).await;
    let mut bob = b.socket(&b.bob).await;
    ada.subscribe(&b.topic()).await;
    bob.subscribe(&b.topic()).await;

    let state = json!({ "viewing": item, "typing": true });
    ada.send(json!({ "type": "presence", "topic": b.topic(), "state": state }))
        .await;
    let seen = bob.expect("presence").await;
    assert_eq!(seen["topic"], b.topic());
    assert_eq!(seen["state"], state);
    assert_eq!(seen["user"]["id"], b.ada.id.to_string());
    assert!(seen["user"]["display_name"].is_string());
    // Not echoed to the sender: its next frame answers its ping.
    ada.send(json!({ "type": "ping" })).await;
    ada.expect("pong").await;

    let huge = json!({ "notes": "x".repeat(5000) });
    ada.send(json!({ "type": "presence", "topic": b.topic(), "state": huge }))
        .await;
    assert_eq!(ada.expect("error").await["code"], "presence_too_large");
}

#[tokio::test]
async fn presence_and_moves_cross_replicas() {
    let b = Board::on(TestApp::builder().redis().spawn().await).await;
    let item = id(&b.create_item("Card").await);
    let data_dir = tempfile::tempdir().unwrap();
    let replica = ServerConfig::new(
        env!("CARGO_BIN_EXE_glider"),
        b.app.database.url(),
        data_dir.path(),
    )
    .env("GLIDER_REDIS_URL", &redis_url())
    .start()
    .await;
    let mut ada = b.socket(&b.ada).await;
    let mut bob = WsClient::connect(&replica.base_url, &b.bob.access_token).await;
    ada.subscribe(&b.topic()).await;
    bob.subscribe(&b.topic()).await;

    let state = json!({ "cursor": [3, 4] });
    ada.send(json!({ "type": "presence", "topic": b.topic(), "state": state }))
        .await;
    let seen = bob.expect("presence").await;
    assert_eq!(seen["state"], state);
    assert_eq!(seen["user"]["id"], b.ada.id.to_string());
    bob.send(json!({ "type": "presence", "topic": b.topic(), "state": {"away": true} }))
        .await;
    assert_eq!(
        ada.expect("presence").await["user"]["id"],
        b.bob.id.to_string()
    );

    // A move through this replica reaches the socket on the other through the log.
    let (status, _) = b
        .move_card(&b.ada, json!({ "work_item": item, "sort_order": 42.0 }))
        .await;
    assert!(status.is_success());
    let frame = bob.event("tracker.work_item.updated").await;
    assert_eq!(frame["event"]["payload"]["sort_order"]["new"], 42.0);
}
