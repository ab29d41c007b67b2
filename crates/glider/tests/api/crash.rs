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
}

async fn provision(config: &ServerConfig, server: &glider_test_utils::ServerProcess) -> Tenant {
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
    Tenant {
        key,
        project: project["id"].as_str().unwrap().to_owned(),
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
                        .json(&json!({ "name": format!("writer {writer} item {n}") }))
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
    let config = ServerConfig::new(env!("CARGO_BIN_EXE_glider"), database.url(), data.path());
    let server = config.start().await;
    let tenant = Arc::new(provision(&config, &server).await);

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
}
