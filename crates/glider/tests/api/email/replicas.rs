//! Two `glider serve` replicas on one database drain one queue: every e-mail is sent once.

use glider_test_utils::{ServerConfig, SmtpSink, TestDatabase};
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn two_replicas_send_each_email_exactly_once() {
    let sink = SmtpSink::start().await;
    let database = TestDatabase::create().await;
    let data = tempfile::tempdir().unwrap();
    let config = ServerConfig::new(env!("CARGO_BIN_EXE_glider"), database.url(), data.path())
        .env("GLIDER_SMTP_URL", &sink.url());
    let replicas = [config.start().await, config.start().await];
    config.admin(&[
        "create-user",
        "--email",
        "ada@example.com",
        "--password",
        "replica test 1",
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
    let client = reqwest::Client::new();
    // Queued through both replicas, so each one's sender is woken by its own commits.
    let invited: Vec<String> = (0..30).map(|n| format!("guest{n}@example.com")).collect();
    for (n, email) in invited.iter().enumerate() {
        let response = client
            .post(replicas[n % 2].url("/api/v1/workspaces/acme/invitations/"))
            .header("x-api-key", &key)
            .json(&json!({ "email": email }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    for email in &invited {
        sink.wait_for_count(email, 1).await;
    }
    // Every row is sent after exactly one claim: a second sender would have counted another
    // attempt, and the sink would hold a second copy.
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(20);
    let listed = loop {
        let listed = config.admin(&["emails", "--limit", "100"]);
        let rows = listed.as_array().unwrap().clone();
        if rows.iter().all(|row| row["status"] == "sent") || tokio::time::Instant::now() > deadline
        {
            break rows;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    };
    assert_eq!(listed.len(), invited.len());
    for row in &listed {
        assert_eq!(row["status"], "sent", "{row}");
        assert_eq!(row["attempts"], 1, "{row}");
    }
    let received: Vec<Value> = sink
        .messages()
        .iter()
        .map(|mail| json!(mail.rcpt_to))
        .collect();
    assert_eq!(received.len(), invited.len(), "{received:?}");
}
