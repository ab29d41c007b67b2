//! A crash loses nothing: the real server is SIGKILLed in the middle of a load of writes and
//! restarted on the same database; every committed change has exactly one history entry and
//! everything the event log owes for it is delivered.

use std::{collections::HashMap, sync::Arc, time::Duration};

use glider_test_utils::{ServerConfig, TestDatabase};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

struct Tenant {
    key: String,
    project: String,
    /// Assigned to every item, so each create owes Bob a notification.
    bob: String,
    bob_key: String,
}

pub(crate) type Received = Arc<std::sync::Mutex<Vec<Value>>>;

/// An HTTP receiver on 127.0.0.1:0 keeping every webhook body.
pub(crate) async fn webhook_receiver() -> (String, Received) {
    use axum::{Json, Router, extract::State, routing::post};
    let received = Received::default();
    let app = Router::new()
        .route(
            "/hook",
            post(
                |State(seen): State<Received>, Json(body): Json<Value>| async move {
                    seen.lock().unwrap().push(body);
                    StatusCode::OK
                },
            ),
        )
        .with_state(received.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{address}/hook"), received)
}

async fn provision(
    config: &ServerConfig,
    server: &glider_test_utils::ServerProcess,
    hook_url: &str,
) -> Tenant {
    config.admin(&[
        "create-user",
        "--email",
        "ada@example.com",
        "--password",
        "crash test 1",
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
    let project = Client::new()
        .post(server.url("/api/v1/workspaces/acme/projects/"))
        .header("X-Api-Key", &key)
        .json(&json!({ "name": "Load", "identifier": "LOAD" }))
        .send()
        .await
        .unwrap();
    assert_eq!(project.status(), StatusCode::CREATED);
    let project: Value = project.json().await.unwrap();
    let project = project["id"].as_str().unwrap().to_owned();
    let bob = config.admin(&[
        "create-user",
        "--email",
        "bob@example.com",
        "--password",
        "crash test 1",
    ]);
    let bob = bob["id"].as_str().unwrap().to_owned();
    config.admin(&[
        "add-member",
        "--workspace",
        "acme",
        "--email",
        "bob@example.com",
        "--role",
        "member",
    ]);
    let bob_key = config.admin(&["create-api-token", "--user", "bob@example.com"])["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let client = Client::new();
    for (path, body) in [
        (
            format!("/api/v1/workspaces/acme/projects/{project}/project-members/"),
            json!({ "member": bob, "role": 15 }),
        ),
        (
            "/api/v1/workspaces/acme/webhooks/".to_owned(),
            json!({ "url": hook_url, "issue": true }),
        ),
    ] {
        let response = client
            .post(server.url(&path))
            .header("X-Api-Key", &key)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED, "{path}");
    }
    Tenant {
        key,
        project,
        bob,
        bob_key,
    }
}

type Counter = Arc<std::sync::atomic::AtomicUsize>;

/// Creates work items from 8 tasks until the server goes away; counts the 201 answers.
fn start_load(base: &str, tenant: &Arc<Tenant>) -> (Counter, Vec<tokio::task::JoinHandle<()>>) {
    let client = Client::new();
    let done = Counter::default();
    let tasks = (0..8)
        .map(|writer| {
            let (client, done, tenant) = (client.clone(), done.clone(), tenant.clone());
            let path = format!(
                "{base}/api/v1/workspaces/acme/projects/{}/work-items/",
                tenant.project
            );
            tokio::spawn(async move {
                for n in 0.. {
                    let sent = client
                        .post(&path)
                        .header("X-Api-Key", &tenant.key)
                        .json(&json!({
                            "name": format!("writer {writer} item {n}"),
                            "assignees": [tenant.bob],
                        }))
                        .send()
                        .await;
                    match sent {
                        Ok(response) if response.status() == StatusCode::CREATED => {
                            done.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        }
                        // The server is gone: stop writing.
                        _ => return,
                    }
                }
            })
        })
        .collect();
    (done, tasks)
}

async fn get(client: &Client, url: String, key: &str) -> Value {
    let response = client
        .get(url)
        .header("X-Api-Key", key)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

#[tokio::test]
async fn a_killed_server_loses_no_committed_change() {
    let database = TestDatabase::create().await;
    let data = tempfile::tempdir().unwrap();
    let config = ServerConfig::new(env!("CARGO_BIN_EXE_glider"), database.url(), data.path())
        .env("GLIDER_WEBHOOK_ALLOW_HOSTS", "127.0.0.1");
    let server = config.start().await;
    let (hook_url, received) = webhook_receiver().await;
    let tenant = Arc::new(provision(&config, &server, &hook_url).await);

    // SIGKILL once 60 creates were answered, with eight writers still sending.
    let (done, writers) = start_load(&server.base_url, &tenant);
    while done.load(std::sync::atomic::Ordering::SeqCst) < 60 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.kill();
    for writer in writers {
        writer.await.unwrap();
    }
    let acknowledged = done.load(std::sync::atomic::Ordering::SeqCst);
    let server = config.start().await;

    let client = Client::new();
    let items = get(
        &client,
        server.url(&format!(
            "/api/v1/workspaces/acme/projects/{}/work-items/?per_page=1000",
            tenant.project
        )),
        &tenant.key,
    )
    .await;
    let items = items["results"].as_array().unwrap().clone();
    assert!(
        items.len() >= acknowledged,
        "every acknowledged create survives: {} of {acknowledged}",
        items.len()
    );
    let mut numbers: Vec<i64> = items
        .iter()
        .map(|i| i["sequence_id"].as_i64().unwrap())
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    assert_eq!(numbers.len(), items.len(), "no number is used twice");

    let mut created_entries = HashMap::new();
    for item in &items {
        let history = get(
            &client,
            server.url(&format!(
                "/api/v1/workspaces/acme/projects/{}/work-items/{}/activities/",
                tenant.project,
                item["id"].as_str().unwrap()
            )),
            &tenant.key,
        )
        .await;
        let created = history["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|entry| entry["verb"] == "created")
            .count();
        created_entries.insert(item["id"].as_str().unwrap().to_owned(), created);
    }
    assert!(
        created_entries.values().all(|count| *count == 1),
        "exactly one creation entry per item: {created_entries:?}"
    );

    // Everything the log owes for each committed create is delivered after the restart: its
    // webhook (receivers deduplicate by event id) and Bob's notification (exactly one).
    let ids: Vec<String> = items
        .iter()
        .map(|item| item["id"].as_str().unwrap().to_owned())
        .collect();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(120);
    loop {
        let hooked: std::collections::HashSet<String> = received
            .lock()
            .unwrap()
            .iter()
            .filter(|body| body["event"] == "tracker.work_item.created")
            .map(|body| body["subject_id"].as_str().unwrap_or_default().to_owned())
            .collect();
        let inbox = get(
            &client,
            server.url("/api/v1/workspaces/acme/notifications/?per_page=1000"),
            &tenant.bob_key,
        )
        .await;
        let mut notified: HashMap<String, usize> = HashMap::new();
        for notification in inbox["results"].as_array().unwrap() {
            let item = notification["entity_identifier"]
                .as_str()
                .unwrap_or_default();
            *notified.entry(item.to_owned()).or_default() += 1;
        }
        let all_hooked = ids.iter().all(|id| hooked.contains(id));
        let all_notified = ids.iter().all(|id| notified.get(id) == Some(&1));
        if all_hooked && all_notified {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "owed deliveries missing after two minutes: webhooks {} of {}, notifications {notified:?}",
            hooked.len(),
            ids.len()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        notified_once(&client, &server, &tenant).await,
        "no notification is made twice"
    );
}

/// Every notification of Bob's is about a different work item.
async fn notified_once(
    client: &Client,
    server: &glider_test_utils::ServerProcess,
    tenant: &Tenant,
) -> bool {
    let inbox = get(
        client,
        server.url("/api/v1/workspaces/acme/notifications/?per_page=1000"),
        &tenant.bob_key,
    )
    .await;
    let mut items: Vec<&str> = inbox["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["entity_identifier"].as_str())
        .collect();
    let total = items.len();
    items.sort_unstable();
    items.dedup();
    items.len() == total
}
