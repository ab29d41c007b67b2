//! The admin CLI against the same database as a running server.

use std::process::Command;

use glider_test_utils::{TestApp, json_of};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Runs the CLI and waits for it on this thread. Tests that also run a server use a
/// multi-thread runtime so the server (and its event consumers, which may hold SQLite's write
/// lock mid-transaction) keeps running on another worker meanwhile.
fn glider(app: &TestApp, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_glider"))
        .args(args)
        .env("GLIDER_DATABASE_URL", app.database.url())
        .env_remove("GLIDER_DATA_DIR")
        .output()
        .expect("run glider")
}

fn json_output(output: std::process::Output) -> Value {
    assert!(
        output.status.success(),
        "glider failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_commands_work_while_the_server_runs() {
    let app = TestApp::spawn().await;
    let user = json_output(glider(
        &app,
        &[
            "admin",
            "create-user",
            "--email",
            "Ops@Example.com",
            "--password",
            "s3cure enough",
            "--name",
            "Ops Person",
            "--json",
        ],
    ));
    assert_eq!(user["email"], "ops@example.com");
    assert!(user["id"].is_string());
    let ws = json_output(glider(
        &app,
        &[
            "admin",
            "create-workspace",
            "--owner",
            "ops@example.com",
            "--slug",
            "ops",
            "--name",
            "Ops",
            "--json",
        ],
    ));
    assert_eq!(ws["slug"], "ops");
    assert!(ws["id"].is_string());
    json_output(glider(
        &app,
        &[
            "admin",
            "create-user",
            "--email",
            "dev@example.com",
            "--password",
            "s3cure enough",
            "--json",
        ],
    ));
    let member = json_output(glider(
        &app,
        &[
            "admin",
            "add-member",
            "--workspace",
            "ops",
            "--email",
            "dev@example.com",
            "--role",
            "member",
            "--json",
        ],
    ));
    assert_eq!(member["role"], "member");
    let token = json_output(glider(
        &app,
        &[
            "admin",
            "create-api-token",
            "--user",
            "dev@example.com",
            "--name",
            "script",
            "--json",
        ],
    ));
    let token = token["token"].as_str().unwrap().to_owned();

    // The server sees all of it at once.
    let me = app
        .client
        .get(app.url("/api/v1/users/me/"))
        .header("X-Api-Key", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        json_of(me, StatusCode::OK).await["email"],
        "dev@example.com"
    );
    let members = app
        .client
        .get(app.url("/api/v1/workspaces/ops/members/"))
        .header("X-Api-Key", &token)
        .send()
        .await
        .unwrap();
    let members = json_of(members, StatusCode::OK).await;
    assert_eq!(members.as_array().unwrap().len(), 2);
    let login = app
        .client
        .post(app.url("/api/v1/auth/login/"))
        .json(&json!({ "email": "ops@example.com", "password": "s3cure enough" }))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_errors_are_clear_and_exit_non_zero() {
    let app = TestApp::spawn().await;
    let weak = glider(
        &app,
        &[
            "admin",
            "create-user",
            "--email",
            "a@example.com",
            "--password",
            "short",
            "--json",
        ],
    );
    assert!(!weak.status.success());
    assert!(
        String::from_utf8_lossy(&weak.stderr).contains("password"),
        "{}",
        String::from_utf8_lossy(&weak.stderr)
    );
    let missing = glider(
        &app,
        &[
            "admin",
            "create-workspace",
            "--owner",
            "nobody@example.com",
            "--slug",
            "x",
            "--json",
        ],
    );
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nobody@example.com"));
    json_output(glider(
        &app,
        &[
            "admin",
            "create-user",
            "--email",
            "a@example.com",
            "--password",
            "s3cure enough",
            "--json",
        ],
    ));
    let reserved = glider(
        &app,
        &[
            "admin",
            "create-workspace",
            "--owner",
            "a@example.com",
            "--slug",
            "api",
            "--json",
        ],
    );
    assert!(String::from_utf8_lossy(&reserved.stderr).contains("reserved"));
    let role = glider(
        &app,
        &[
            "admin",
            "add-member",
            "--workspace",
            "x",
            "--email",
            "a@example.com",
            "--role",
            "boss",
        ],
    );
    assert!(!role.status.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_member_as_owner_transfers_ownership() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    let bob = app.register("bob@example.com").await;
    app.create_workspace(&ada, "acme").await;
    json_output(glider(
        &app,
        &[
            "admin",
            "add-member",
            "--workspace",
            "acme",
            "--email",
            "bob@example.com",
            "--role",
            "owner",
            "--json",
        ],
    ));
    let ws = json_of(
        app.get(&bob, "/api/v1/workspaces/acme/")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(ws["role_slug"], "owner");
    assert_eq!(ws["owner"], bob.id.to_string());
    let ws = json_of(
        app.get(&ada, "/api/v1/workspaces/acme/")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(ws["role_slug"], "admin");
}

#[test]
fn migrate_and_configuration_errors() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_glider"))
        .args(["--data-dir", dir.path().to_str().unwrap(), "migrate"])
        .env_remove("GLIDER_DATABASE_URL")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(dir.path().join("glider.db").exists());
    assert!(dir.path().join("files").is_dir());
    let bad = Command::new(env!("CARGO_BIN_EXE_glider"))
        .args(["migrate"])
        .env("GLIDER_API_RATE_LIMIT", "lots")
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr)
            .to_lowercase()
            .contains("api_rate_limit")
    );
}

/// `glider serve` with no configuration: SQLite in ./glider-data, ready, and a clean exit on
/// SIGTERM.
#[tokio::test]
async fn serve_starts_with_zero_configuration_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_glider"))
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .current_dir(dir.path())
        .env_remove("GLIDER_DATABASE_URL")
        .env_remove("GLIDER_DATA_DIR")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let client = reqwest::Client::new();
    let ready_url = format!("http://127.0.0.1:{port}/ready");
    let mut ready = false;
    for _ in 0..300 {
        if let Ok(response) = client.get(&ready_url).send().await
            && response.status() == StatusCode::OK
        {
            ready = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(ready, "the server never became ready");
    assert!(dir.path().join("glider-data/glider.db").exists());
    assert!(dir.path().join("glider-data/files").is_dir());
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "exit status {:?}", output.status);
    let logs = String::from_utf8_lossy(&output.stderr);
    assert!(logs.contains("shutting down"), "{logs}");
    assert!(
        logs.contains("\"status\":200"),
        "one JSON log line per request: {logs}"
    );
}
