//! Two replicas of the real binary on one database (and one Redis): a client on replica B sees
//! a move made through replica A, presence crosses replicas over Redis, and after replica A is
//! SIGKILLed in the middle of a stream of writes every owed webhook still arrives.

use std::{collections::HashMap, sync::Arc, time::Duration};

use futures_util::{SinkExt, StreamExt};
use glider_test_utils::{ServerConfig, ServerProcess, TestDatabase};

use crate::crash::webhook_receiver;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::{Message, client::IntoClientRequest, http::HeaderValue};

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn subscribe(server: &ServerProcess, key: &str, topic: &str) -> Socket {
    let mut request = format!("{}/api/v1/ws", server.base_url.replacen("http", "ws", 1))
        .into_client_request()
        .unwrap();
    request
        .headers_mut()
        .insert("X-Api-Key", HeaderValue::from_str(key).unwrap());
    let (mut socket, _) = tokio_tungstenite::connect_async(request).await.unwrap();
    let frame = json!({ "type": "subscribe", "topic": topic });
    socket.send(Message::text(frame.to_string())).await.unwrap();
    assert_eq!(
        next_frame(&mut socket, |_| true).await["type"],
        "subscribed"
    );
    socket
}

/// The next frame matching `wanted`, waiting at most ten seconds.
async fn next_frame(socket: &mut Socket, wanted: impl Fn(&Value) -> bool) -> Value {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let frame = tokio::time::timeout_at(deadline, socket.next())
            .await
            .expect("a frame within ten seconds")
            .unwrap()
            .unwrap();
        if let Message::Text(text) = frame {
            let frame: Value = serde_json::from_str(&text).unwrap();
            if wanted(&frame) {
                return frame;
            }
        }
    }
}

async fn call(
    client: &Client,
    key: &str,
    method: reqwest::Method,
    url: String,
    body: Value,
) -> Value {
    let response = client
        .request(method, url)
        .header("X-Api-Key", key)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    response.json().await.unwrap()
}

#[tokio::test]
async fn two_replicas_share_events_presence_and_webhooks() {
    let database = TestDatabase::create().await;
    let data = tempfile::tempdir().unwrap();
    let redis = std::env::var("GLIDER_TEST_REDIS_URL")
        .unwrap_or_else(|_| "redis://127.0.0.1:6379".to_owned());
    let config = ServerConfig::new(env!("CARGO_BIN_EXE_glider"), database.url(), data.path())
        .env("GLIDER_REDIS_URL", &redis)
        .env("GLIDER_WEBHOOK_ALLOW_HOSTS", "127.0.0.1");
    let replica_a = config.start().await;
    let replica_b = config.start().await;
    config.admin(&[
        "create-user",
        "--email",
        "ada@example.com",
        "--password",
        "cluster test 1",
    ]);
    config.admin(&[
        "create-workspace",
        "--owner",
        "ada@example.com",
        "--slug",
        "acme",
    ]);
    let key = config.admin(&["create-api-token", "--user", "ada@example.com"])["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let client = Client::new();
    let post = reqwest::Method::POST;
    let project = call(
        &client,
        &key,
        post.clone(),
        replica_a.url("/api/v1/workspaces/acme/projects/"),
        json!({ "name": "Cluster", "identifier": "CLU" }),
    )
    .await;
    let project_id = project["id"].as_str().unwrap().to_owned();
    let (hook_url, received) = webhook_receiver().await;
    call(
        &client,
        &key,
        post.clone(),
        replica_a.url("/api/v1/workspaces/acme/webhooks/"),
        json!({ "url": hook_url, "project": true, "issue": true }),
    )
    .await;

    // A move through replica A reaches a board open on replica B.
    let topic = format!("project:{project_id}");
    let mut on_b = subscribe(&replica_b, &key, &topic).await;
    let items = format!("/api/v1/workspaces/acme/projects/{project_id}/work-items/");
    let card = call(
        &client,
        &key,
        post.clone(),
        replica_a.url(&items),
        json!({ "name": "Card" }),
    )
    .await;
    let card_id = card["id"].as_str().unwrap().to_owned();
    let moved = call(
        &client,
        &key,
        reqwest::Method::PATCH,
        replica_a.url(&format!("{items}{card_id}/")),
        json!({ "sort_order": 12345.0 }),
    )
    .await;
    assert_eq!(moved["sort_order"], 12345.0);
    let seen = next_frame(&mut on_b, |f| {
        f["type"] == "event" && f["event"]["kind"] == "tracker.work_item.updated"
    })
    .await;
    assert_eq!(seen["event"]["subject_id"], card_id.as_str());
    assert_eq!(
        seen["event"]["payload"]["sort_order"]["new"], 12345.0,
        "{seen}"
    );

    // Presence is ephemeral: it travels over Redis from B to a socket on A.
    let mut on_a = subscribe(&replica_a, &key, &topic).await;
    let presence = json!({ "type": "presence", "topic": topic, "state": { "viewing": card_id } });
    on_b.send(Message::text(presence.to_string()))
        .await
        .unwrap();
    let arrived = next_frame(&mut on_a, |f| f["type"] == "presence").await;
    assert_eq!(arrived["state"]["viewing"], card_id.as_str());

    // Replica A dies under a stream of writes; replica B finishes delivering what is owed.
    let created = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let writers: Vec<_> = (0..4)
        .map(|writer| {
            let (client, key, created) = (client.clone(), key.clone(), created.clone());
            let url = replica_a.url(&items);
            tokio::spawn(async move {
                for n in 0.. {
                    let body = json!({ "name": format!("writer {writer} item {n}") });
                    match client
                        .post(&url)
                        .header("X-Api-Key", &key)
                        .json(&body)
                        .send()
                        .await
                    {
                        Ok(response) if response.status() == StatusCode::CREATED => {
                            created.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        }
                        _ => return,
                    }
                }
            })
        })
        .collect();
    while created.load(std::sync::atomic::Ordering::SeqCst) < 30 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    replica_a.kill();
    for writer in writers {
        writer.await.unwrap();
    }
    let all = call(
        &client,
        &key,
        reqwest::Method::GET,
        replica_b.url(&format!("{items}?per_page=1000")),
        json!({}),
    )
    .await;
    let item_ids: Vec<String> = all["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(item_ids.len() > 30);

    // Every created item's event reaches the receiver; duplicates (a send cut off by the kill)
    // are told apart by the event id.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(120);
    let (missing, deliveries) = loop {
        let deliveries: HashMap<String, usize> = received
            .lock()
            .unwrap()
            .iter()
            .filter(|body| body["event"] == "tracker.work_item.created")
            .fold(HashMap::new(), |mut seen, body| {
                let subject = body["subject_id"].as_str().unwrap_or_default().to_owned();
                *seen.entry(subject).or_default() += 1;
                seen
            });
        let missing: Vec<&String> = item_ids
            .iter()
            .filter(|id| !deliveries.contains_key(*id))
            .collect();
        if missing.is_empty() || tokio::time::Instant::now() > deadline {
            break (missing.len(), deliveries);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(missing, 0, "every owed webhook arrives: {deliveries:?}");
    let event_ids: Vec<String> = received
        .lock()
        .unwrap()
        .iter()
        .map(|body| body["id"].as_str().unwrap().to_owned())
        .collect();
    let mut distinct = event_ids.clone();
    distinct.sort();
    distinct.dedup();
    // Only a send cut off by the kill is repeated, and a replica has at most 16 in flight.
    let repeated = event_ids.len() - distinct.len();
    assert!(
        repeated <= 16,
        "{repeated} repeated deliveries: more than the sends in flight at the kill"
    );
}
