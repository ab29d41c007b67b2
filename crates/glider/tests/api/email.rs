//! E-mail against a real SMTP server (the aiosmtpd sink of `tests/smtp_sink.py`): invitations,
//! magic-link sign-in, password reset, and the queue's record of held, failed and retried
//! messages as an operator reads it with `glider admin emails`.

mod magic_link;
mod password_reset;
mod replicas;
mod sending;
mod transport;

use std::time::Duration;

use glider_test_utils::TestApp;
use serde_json::Value;

/// `glider admin emails --json` against the app's database. Run without blocking: the server
/// shares the test's runtime, and a blocked runtime would hold its transactions open.
async fn listed_emails(app: &TestApp) -> Vec<Value> {
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_glider"))
        .args(["admin", "emails", "--json"])
        .env("GLIDER_DATABASE_URL", app.database.url())
        .env_remove("GLIDER_DATA_DIR")
        .env_remove("GLIDER_SMTP_URL")
        .output()
        .await
        .expect("run glider admin emails");
    assert!(
        output.status.success(),
        "glider admin emails failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice::<Value>(&output.stdout)
        .expect("JSON on stdout")
        .as_array()
        .expect("a JSON array")
        .clone()
}

/// Polls the listing (bounded) until an e-mail to `to` satisfies `done`; returns it.
async fn wait_for_listed(app: &TestApp, to: &str, done: impl Fn(&Value) -> bool) -> Value {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let listed = listed_emails(app).await;
        if let Some(found) = listed.iter().find(|email| email["to"] == to && done(email)) {
            return found.clone();
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no e-mail to {to} reached the expected state; listed: {listed:#?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The value of `name=` in the first link of `text` that carries it.
fn query_value(text: &str, name: &str) -> String {
    let found = text.find(&format!("{name}="));
    assert!(found.is_some(), "no {name}= in {text}");
    let start = found.unwrap() + name.len() + 1;
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}
