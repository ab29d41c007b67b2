//! Bad input on the socket: error frames for what can be answered, close codes for abuse.

use glider_service::realtime::Limits;
use glider_test_utils::TestApp;
use serde_json::json;
use tokio_tungstenite::tungstenite::Message;

use super::{Board, Ended, WsClient, id};

#[tokio::test]
async fn bad_frames_get_error_frames_and_the_socket_lives_on() {
    let b = Board::new().await;
    let mut socket = b.socket(&b.bob).await;
    let cases = [
        ("{", "invalid_json"),
        ("[1, 2]", "invalid_message"),
        (r#"{"type": "dance"}"#, "unknown_type"),
        (r#"{"type": "subscribe"}"#, "invalid_message"),
        (
            r#"{"type": "subscribe", "topic": "board:1"}"#,
            "invalid_topic",
        ),
        (
            r#"{"type": "subscribe", "topic": "project:nope"}"#,
            "invalid_topic",
        ),
        (
            r#"{"type": "unsubscribe", "topic": "user:x"}"#,
            "not_subscribed",
        ),
    ];
    for (text, code) in cases {
        socket.send_raw(Message::Text(text.into())).await;
        let error = socket.expect("error").await;
        assert_eq!(error["code"], code, "{text}: {error}");
        assert!(error["detail"].is_string());
    }
    let since = json!({ "type": "subscribe", "topic": b.topic(), "since": "yesterday" });
    socket.send(since).await;
    let error = socket.expect("error").await;
    assert_eq!(
        (&error["code"], &error["topic"]),
        (&json!("invalid_since"), &json!(b.topic()))
    );
    let presence = json!({ "type": "presence", "topic": b.topic(), "state": {} });
    socket.send(presence).await;
    assert_eq!(socket.expect("error").await["code"], "not_subscribed");
    socket.send_raw(Message::Binary(vec![1, 2, 3].into())).await;
    assert_eq!(socket.expect("error").await["code"], "invalid_message");
    socket.send(json!({ "type": "ping" })).await;
    socket.expect("pong").await;
    // Unsubscribing answers with the reason.
    socket.subscribe(&b.topic()).await;
    socket
        .send(json!({ "type": "unsubscribe", "topic": b.topic() }))
        .await;
    let done = socket.expect("unsubscribed").await;
    assert_eq!(done["reason"], "requested");
}

#[tokio::test]
async fn an_oversized_frame_closes_with_1009() {
    let b = Board::new().await;
    for size in [70 * 1024, 300 * 1024] {
        let mut socket = b.socket(&b.bob).await;
        let big = json!({ "type": "ping", "pad": "x".repeat(size) });
        socket.send(big).await;
        assert_eq!(socket.ended().await, Ended::Closed(1009), "{size} bytes");
    }
}

#[tokio::test]
async fn a_flood_of_frames_closes_with_4029() {
    let b = Board::new().await;
    let mut socket = b.socket(&b.bob).await;
    let subscribe = json!({ "type": "subscribe", "topic": "project:flood" }).to_string();
    for _ in 0..1000 {
        // The server may close before the client is done sending.
        if socket
            .try_send(Message::Text(subscribe.clone().into()))
            .await
            .is_err()
        {
            break;
        }
    }
    assert_eq!(socket.ended().await, Ended::Closed(4029));
}

#[tokio::test]
async fn subscriptions_are_bounded_per_socket() {
    let limits = Limits {
        max_subscriptions: 2,
        ..Limits::default()
    };
    let b = Board::on(TestApp::builder().realtime_limits(limits).spawn().await).await;
    let item = id(&b.create_item("One").await);
    let mut socket = b.socket(&b.bob).await;
    socket.subscribe(&b.topic()).await;
    socket.subscribe(&format!("user:{}", b.bob.id)).await;
    // Subscribing again to a held topic is not a new subscription.
    socket.subscribe(&b.topic()).await;
    let topic = format!("work_item:{item}");
    socket
        .send(json!({ "type": "subscribe", "topic": topic }))
        .await;
    let error = socket.expect("error").await;
    assert_eq!(error["code"], "too_many_subscriptions");
    assert_eq!(error["topic"], topic);
}

#[tokio::test]
async fn a_slow_socket_is_dropped_and_the_others_keep_receiving() {
    let limits = Limits {
        queue: 2,
        ..Limits::default()
    };
    let b = Board::on(TestApp::builder().realtime_limits(limits).spawn().await).await;
    let item = id(&b.create_item("Big").await);
    let base = b.app.url("");
    // A client that never reads, behind a tiny receive window.
    let mut slow = WsClient::slow(&base, &b.ada.access_token).await;
    slow.subscribe(&b.topic()).await;
    let mut fast = b.socket(&b.bob).await;
    fast.subscribe(&b.topic()).await;
    const EDITS: usize = 30;
    let reader = tokio::spawn(async move {
        let mut seen = 0;
        while seen < EDITS {
            fast.event("tracker.work_item.updated").await;
            seen += 1;
        }
        seen
    });
    // Each event carries the old and new description: about 300 KB.
    let path = b.path(&format!("/work-items/{item}/"));
    for edit in 0..EDITS {
        let html = format!("<p>{edit}{}</p>", "x".repeat(150_000));
        let response = b
            .app
            .patch(&b.ada, &path, json!({ "description_html": html }))
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success());
    }
    assert_eq!(reader.await.unwrap(), EDITS);
    assert!(
        matches!(slow.ended().await, Ended::Closed(4008) | Ended::Dropped),
        "the slow socket is closed"
    );
    let metrics = b
        .app
        .client
        .get(b.app.url("/metrics"))
        .send()
        .await
        .unwrap();
    let text = metrics.text().await.unwrap();
    assert!(
        text.lines().any(
            |line| line.starts_with("ws_slow_consumers_dropped_total") && !line.ends_with(" 0")
        ),
        "{text}"
    );
}
