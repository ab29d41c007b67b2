//! The SMTP connection as configured: `glider serve` with GLIDER_SMTP_URL and
//! GLIDER_SMTP_FROM, credentials in the URL, and URLs it refuses at start-up.

use std::time::Duration;

use glider_test_utils::{ServerConfig, SmtpSink, TestApp, TestDatabase, json_of};
use reqwest::StatusCode;
use serde_json::json;

use super::wait_for_listed;

async fn ask_magic_link(client: &reqwest::Client, base: &str, email: &str) {
    let response = client
        .post(format!("{base}/api/v1/auth/magic-link/"))
        .json(&json!({ "email": email }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::ACCEPTED);
}

#[tokio::test]
async fn glider_serve_sends_through_the_configured_server_and_sender() {
    let sink = SmtpSink::start().await;
    let database = TestDatabase::create().await;
    let data = tempfile::tempdir().unwrap();
    let server = ServerConfig::new(env!("CARGO_BIN_EXE_glider"), database.url(), data.path())
        .env("GLIDER_SMTP_URL", &sink.url())
        .env("GLIDER_SMTP_FROM", "Ops Desk <ops@example.com>")
        .start()
        .await;
    let client = reqwest::Client::new();
    json_of(
        client
            .post(server.url("/api/v1/auth/register/"))
            .json(&json!({ "email": "ada@example.com", "password": "correct horse battery" }))
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    ask_magic_link(&client, &server.base_url, "ada@example.com").await;
    let mails = sink.wait_for_count("ada@example.com", 1).await;
    assert_eq!(mails[0].from, "ops@example.com");
    assert!(mails[0].subject.starts_with("Your Glider sign-in code"));
}

#[tokio::test]
async fn credentials_in_the_url_log_in_percent_decoded() {
    let sink = SmtpSink::start_with_login("glider", "p@ss word/1").await;
    let url = format!("smtp://glider:p%40ss%20word%2F1@127.0.0.1:{}", sink.port);
    let app = TestApp::builder().smtp_url(&url).spawn().await;
    app.register("ada@example.com").await;
    ask_magic_link(&app.client, &app.url(""), "ada@example.com").await;
    sink.wait_for_count("ada@example.com", 1).await;
    let sent = wait_for_listed(&app, "ada@example.com", |e| e["status"] == "sent").await;
    assert_eq!(sent["attempts"], 1);
}

#[tokio::test]
async fn refused_credentials_fail_the_email_with_the_servers_reason() {
    let sink = SmtpSink::start_with_login("glider", "right").await;
    let url = format!("smtp://glider:wrong@127.0.0.1:{}", sink.port);
    let app = TestApp::builder().smtp_url(&url).spawn().await;
    app.register("ada@example.com").await;
    ask_magic_link(&app.client, &app.url(""), "ada@example.com").await;
    let failed = wait_for_listed(&app, "ada@example.com", |e| e["status"] == "failed").await;
    let reason = failed["last_error"].as_str().unwrap_or_default();
    assert!(reason.contains("535"), "{failed}");
    assert!(
        !reason.contains("wrong"),
        "the password leaked into the reason: {failed}"
    );
    assert!(sink.messages().is_empty());
}

/// `glider serve` refuses an SMTP URL it cannot use, says why, and never prints the password.
#[tokio::test]
async fn unusable_smtp_urls_stop_the_server_at_start_up() {
    for (url, expected) in [
        (
            "ftp://user:hunter2@mail.example.com",
            "scheme must be smtp or smtps",
        ),
        (
            "smtp://user:hunter2@mail.example.com?tls=maybe",
            "unknown tls=maybe",
        ),
        ("smtp://", "names no host"),
    ] {
        let data = tempfile::tempdir().unwrap();
        let child = tokio::process::Command::new(env!("CARGO_BIN_EXE_glider"))
            .args(["serve", "--listen", "127.0.0.1:0"])
            .env("GLIDER_DATA_DIR", data.path())
            .env_remove("GLIDER_DATABASE_URL")
            .env("GLIDER_SMTP_URL", url)
            .env("GLIDER_LOG_FORMAT", "pretty")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let output = tokio::time::timeout(Duration::from_secs(60), child.wait_with_output())
            .await
            .expect("glider serve should stop on a bad SMTP URL")
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{url}: {stderr}");
        assert!(stderr.contains("GLIDER_SMTP_URL"), "{url}: {stderr}");
        assert!(stderr.contains(expected), "{url}: {stderr}");
        assert!(!stderr.contains("hunter2"), "{url}: {stderr}");
    }
}
