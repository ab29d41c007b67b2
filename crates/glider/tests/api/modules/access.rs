//! Who may do what with modules: guests read and never write; other tenants find nothing.

use glider_domain::WorkspaceRole;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::cycles::{id, setup};

fn paths(module: &str, item: &str) -> Vec<(Method, String, Option<Value>)> {
    let m = format!("modules/{module}/");
    vec![
        (Method::GET, "modules/".into(), None),
        (Method::GET, "modules-lite/".into(), None),
        (Method::GET, "archived-modules/".into(), None),
        (
            Method::POST,
            "modules/".into(),
            Some(json!({ "name": "x" })),
        ),
        (Method::GET, m.clone(), None),
        (Method::PATCH, m.clone(), Some(json!({ "name": "y" }))),
        (Method::POST, format!("{m}archive/"), None),
        (
            Method::DELETE,
            format!("archived-modules/{module}/unarchive/"),
            None,
        ),
        (Method::GET, format!("{m}module-issues/"), None),
        (
            Method::POST,
            format!("{m}module-issues/"),
            Some(json!({ "issues": [item] })),
        ),
        (Method::GET, format!("{m}module-issues/{item}/"), None),
        (Method::DELETE, format!("{m}module-issues/{item}/"), None),
        (Method::DELETE, m, None),
    ]
}

#[tokio::test]
async fn guests_read_but_never_write() {
    let s = setup().await;
    let gus = s
        .project_user("gus@example.com", WorkspaceRole::Guest, 5)
        .await;
    let module = s
        .ok(
            Method::POST,
            "modules/",
            Some(json!({ "name": "Billing", "status": "completed" })),
            StatusCode::CREATED,
        )
        .await;
    let item = s.item("A").await;
    s.ok(
        Method::POST,
        &format!("modules/{}/module-issues/", id(&module)),
        Some(json!({ "issues": [id(&item)] })),
        StatusCode::OK,
    )
    .await;
    for (method, path, body) in paths(&id(&module), &id(&item)) {
        let (status, answer) = s.call(&gus, method.clone(), &path, body).await;
        let expected = if method == Method::GET {
            StatusCode::OK
        } else {
            StatusCode::FORBIDDEN
        };
        assert_eq!(status, expected, "{method} {path}: {answer}");
    }
    let kept = s
        .ok(
            Method::GET,
            &format!("modules/{}/", id(&module)),
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(
        (kept["name"].clone(), kept["total_issues"].clone()),
        (json!("Billing"), json!(1))
    );
}

#[tokio::test]
async fn other_tenants_find_nothing() {
    let s = setup().await;
    let module = s
        .ok(
            Method::POST,
            "modules/",
            Some(json!({ "name": "Secret", "status": "completed" })),
            StatusCode::CREATED,
        )
        .await;
    let item = s.item("Secret").await;
    s.ok(
        Method::POST,
        &format!("modules/{}/module-issues/", id(&module)),
        Some(json!({ "issues": [id(&item)] })),
        StatusCode::OK,
    )
    .await;
    let eve = s.app.register("eve@example.com").await;
    s.app.create_workspace(&eve, "evil").await;
    let evil_project = id(&s.app.create_project(&eve, "evil", "Evil", "EVL").await);
    let evil_base = format!("/api/v1/workspaces/evil/projects/{evil_project}/");
    s.call(
        &eve,
        Method::PATCH,
        &evil_base,
        Some(json!({ "module_view": true })),
    )
    .await;
    for (method, path, body) in paths(&id(&module), &id(&item)) {
        let (status, answer) = s.call(&eve, method.clone(), &path, body.clone()).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {path}: {answer}");
        if path.contains(&id(&module)) {
            let theirs = format!("{evil_base}{path}");
            let (status, answer) = s.call(&eve, method.clone(), &theirs, body).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{method} {theirs}: {answer}");
        }
    }
    // Acme's work item is dropped from eve's module, silently.
    let mine = s
        .call(
            &eve,
            Method::POST,
            &format!("{evil_base}modules/"),
            Some(json!({ "name": "Mine" })),
        )
        .await
        .1;
    let rows = s
        .call(
            &eve,
            Method::POST,
            &format!("{evil_base}modules/{}/module-issues/", id(&mine)),
            Some(json!({ "issues": [id(&item)] })),
        )
        .await;
    assert_eq!(rows, (StatusCode::OK, json!([])));
    let kept = s
        .ok(
            Method::GET,
            &format!("modules/{}/", id(&module)),
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(
        (kept["name"].clone(), kept["total_issues"].clone()),
        (json!("Secret"), json!(1))
    );
}
