//! `glider demo seed`: the data it writes, seen through the public API, and its refusals.

use std::process::{Command, Output};

use glider_db::{Backend, ConnectionTrait};
use glider_test_utils::{TestApp, json_of};
use reqwest::StatusCode;
use serde_json::{Value, json};

const PASSWORD: &str = "demo password 1";

fn seed(app: &TestApp, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_glider"))
        .args(["demo", "seed", "--password", PASSWORD, "--json"])
        .args(args)
        .env("GLIDER_DATABASE_URL", app.database.url())
        .env_remove("GLIDER_DATA_DIR")
        .output()
        .expect("run glider demo seed")
}

fn seeded(output: Output) -> Value {
    assert!(
        output.status.success(),
        "demo seed failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("one JSON object on stdout")
}

fn refused(output: Output, needle: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "expected a refusal, got success");
    assert!(stderr.contains(needle), "stderr lacks {needle:?}: {stderr}");
}

async fn get(app: &TestApp, key: &str, path: &str) -> Value {
    let response = app
        .client
        .get(app.url(path))
        .header("X-Api-Key", key)
        .send()
        .await
        .unwrap();
    json_of(response, StatusCode::OK).await
}

/// The first page of the busiest project's work items: ids, names, states.
async fn first_page(app: &TestApp, report: &Value) -> Vec<(Value, Value, Value)> {
    let key = report["api_key"].as_str().unwrap();
    let project = report["projects"][0]["id"].as_str().unwrap();
    let page = get(
        app,
        key,
        &format!("/api/v1/workspaces/demo/projects/{project}/work-items/?per_page=100&order_by=sequence_id"),
    )
    .await;
    page["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            (
                item["id"].clone(),
                item["name"].clone(),
                item["state"].clone(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_seeded_workspace_is_served_and_the_same_seed_gives_the_same_data() {
    let app = TestApp::spawn().await;
    let report = seeded(seed(
        &app,
        &[
            "--users",
            "6",
            "--projects",
            "3",
            "--work-items",
            "2500",
            "--seed",
            "7",
        ],
    ));
    assert_eq!(report["workspace"], "demo");
    assert_eq!(report["work_items"], 2500);
    let counts: Vec<u64> = report["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["work_items"].as_u64().unwrap())
        .collect();
    assert_eq!(counts.iter().sum::<u64>(), 2500);
    assert!(
        counts[0] > counts[2],
        "items lean to the busiest project: {counts:?}"
    );

    // The printed key and login work; the project holds what the report says.
    let key = report["api_key"].as_str().unwrap();
    let projects = get(&app, key, "/api/v1/workspaces/demo/projects/").await;
    assert_eq!(projects["results"].as_array().unwrap().len(), 3);
    let busiest = report["projects"][0]["id"].as_str().unwrap();
    let page = get(
        &app,
        key,
        &format!("/api/v1/workspaces/demo/projects/{busiest}/work-items/?per_page=100"),
    )
    .await;
    assert_eq!(page["total_count"].as_u64(), Some(counts[0]));
    let login = app
        .client
        .post(app.url("/api/v1/auth/login/"))
        .json(&json!({ "email": report["email"], "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::OK);

    // Items carry states, assignees, labels, cycles, modules, comments and activity.
    let items = page["results"].as_array().unwrap();
    assert!(
        items
            .iter()
            .any(|i| !i["assignees"].as_array().unwrap().is_empty())
    );
    assert!(
        items
            .iter()
            .any(|i| !i["labels"].as_array().unwrap().is_empty())
    );
    let states: std::collections::HashSet<&str> =
        items.iter().filter_map(|i| i["state"].as_str()).collect();
    assert!(states.len() >= 3, "items spread over states: {states:?}");
    let cycles = get(
        &app,
        key,
        &format!("/api/v1/workspaces/demo/projects/{busiest}/cycles/"),
    )
    .await;
    assert_eq!(cycles["results"].as_array().unwrap().len(), 6);
    let modules = get(
        &app,
        key,
        &format!("/api/v1/workspaces/demo/projects/{busiest}/modules/"),
    )
    .await;
    assert_eq!(modules["results"].as_array().unwrap().len(), 4);
    let mut comments = 0;
    for item in items.iter().take(30) {
        let id = item["id"].as_str().unwrap();
        let list = get(
            &app,
            key,
            &format!("/api/v1/workspaces/demo/projects/{busiest}/work-items/{id}/comments/"),
        )
        .await;
        comments += list["results"].as_array().unwrap().len();
        let history = get(
            &app,
            key,
            &format!("/api/v1/workspaces/demo/projects/{busiest}/work-items/{id}/activities/"),
        )
        .await;
        assert!(!history["results"].as_array().unwrap().is_empty());
    }
    assert!(comments > 0, "some of 30 items have comments");

    // Seeding again (forced) with the same seed replaces the workspace with identical data.
    let before = first_page(&app, &report).await;
    let again = seeded(seed(
        &app,
        &[
            "--users",
            "6",
            "--projects",
            "3",
            "--work-items",
            "2500",
            "--seed",
            "7",
            "--force",
        ],
    ));
    assert_eq!(again["projects"][0]["id"], report["projects"][0]["id"]);
    assert_eq!(first_page(&app, &again).await, before);
    // The old key went with nothing (users are kept), the new one works too.
    let _ = get(
        &app,
        again["api_key"].as_str().unwrap(),
        "/api/v1/workspaces/demo/projects/",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seed_refuses_data_it_did_not_make_and_bad_scales() {
    let app = TestApp::spawn().await;
    refused(seed(&app, &["--work-items", "1000001"]), "work_items");
    refused(seed(&app, &["--users", "0"]), "users");
    refused(seed(&app, &["--projects", "0"]), "projects");
    refused(seed(&app, &["--slug", "Not A Slug!"]), "slug");

    let owner = app.register("someone@example.com").await;
    app.create_workspace(&owner, "acme").await;
    refused(seed(&app, &[]), "--force");
    // Forced, it still never replaces a workspace it did not create.
    refused(
        seed(&app, &["--slug", "acme", "--force"]),
        "not made by demo seed",
    );
    let mine = app
        .get(&owner, "/api/v1/workspaces/acme/")
        .send()
        .await
        .unwrap();
    assert_eq!(mine.status(), StatusCode::OK);
    // Beside it, forced, the demo workspace is added.
    let report = seeded(seed(&app, &["--work-items", "50", "--force"]));
    assert_eq!(report["work_items"], 50);
    let mine = app
        .get(&owner, "/api/v1/workspaces/acme/")
        .send()
        .await
        .unwrap();
    assert_eq!(mine.status(), StatusCode::OK);
}

/// Makes comment inserts fail once `limit` exist, as a seed killed midway would stop.
async fn fail_comments_after(app: &TestApp, limit: u32) {
    let statements: Vec<String> = match app.backend() {
        Backend::Sqlite => vec![format!(
            "CREATE TRIGGER refuse_comments BEFORE INSERT ON work_item_comments \
             WHEN (SELECT count(*) FROM work_item_comments) >= {limit} \
             BEGIN SELECT RAISE(ABORT, 'comments refused'); END"
        )],
        Backend::Postgres => vec![
            format!(
                "CREATE FUNCTION refuse_comments() RETURNS trigger LANGUAGE plpgsql AS \
                 $$ BEGIN IF (SELECT count(*) FROM work_item_comments) >= {limit} THEN \
                 RAISE EXCEPTION 'comments refused'; END IF; RETURN NEW; END $$"
            ),
            "CREATE TRIGGER refuse_comments BEFORE INSERT ON work_item_comments \
             FOR EACH STATEMENT EXECUTE FUNCTION refuse_comments()"
                .to_owned(),
        ],
    };
    for statement in statements {
        app.ctx
            .db
            .conn()
            .execute_unprepared(&statement)
            .await
            .unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupted_seed_leaves_no_visible_workspace_and_force_starts_again() {
    let app = TestApp::spawn().await;
    // The first batch (2,000 items, ~3,000 comments) commits; the second fails partway.
    fail_comments_after(&app, 4_500).await;
    let output = seed(&app, &["--work-items", "5000", "--seed", "3"]);
    refused(output, "comments refused");

    // Nobody sees a half-written workspace: the owner signs in to a list without it.
    let login = app
        .client
        .post(app.url("/api/v1/auth/login/"))
        .json(&json!({ "email": "owner@demo.demo.example.com", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    let token = json_of(login, StatusCode::OK).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let mine = app
        .client
        .get(app.url("/api/v1/workspaces/demo/"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(mine.status(), StatusCode::NOT_FOUND);

    refused(
        seed(&app, &["--work-items", "5000", "--seed", "3"]),
        "interrupted",
    );
    let drop = match app.backend() {
        Backend::Sqlite => "DROP TRIGGER refuse_comments",
        Backend::Postgres => "DROP TRIGGER refuse_comments ON work_item_comments",
    };
    app.ctx.db.conn().execute_unprepared(drop).await.unwrap();
    let report = seeded(seed(
        &app,
        &["--work-items", "5000", "--seed", "3", "--force"],
    ));
    let key = report["api_key"].as_str().unwrap();
    let project = report["projects"][0]["id"].as_str().unwrap();
    let page = get(
        &app,
        key,
        &format!("/api/v1/workspaces/demo/projects/{project}/work-items/?per_page=1"),
    )
    .await;
    assert_eq!(
        page["total_count"].as_u64(),
        report["projects"][0]["work_items"].as_u64()
    );
}
