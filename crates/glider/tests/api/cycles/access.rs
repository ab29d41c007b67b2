//! Who may do what with cycles: guests read and never write; other tenants find nothing.

use glider_domain::WorkspaceRole;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::{Setup, id, says, setup};

/// Every cycle path with a body for the writes.
fn paths(
    s: &Setup,
    cycle: &str,
    item: &str,
    other_cycle: &str,
) -> Vec<(Method, String, Option<Value>)> {
    let c = format!("cycles/{cycle}/");
    vec![
        (Method::GET, "cycles/".into(), None),
        (Method::GET, "cycles-lite/".into(), None),
        (Method::GET, "archived-cycles/".into(), None),
        (
            Method::POST,
            "cycles/".into(),
            Some(json!({ "name": "x", "project_id": s.project })),
        ),
        (Method::GET, c.clone(), None),
        (Method::PATCH, c.clone(), Some(json!({ "name": "x" }))),
        (Method::POST, format!("{c}archive/"), None),
        (
            Method::DELETE,
            format!("archived-cycles/{cycle}/unarchive/"),
            None,
        ),
        (Method::GET, format!("{c}cycle-issues/"), None),
        (
            Method::POST,
            format!("{c}cycle-issues/"),
            Some(json!({ "issues": [item] })),
        ),
        (Method::GET, format!("{c}cycle-issues/{item}/"), None),
        (Method::DELETE, format!("{c}cycle-issues/{item}/"), None),
        (
            Method::POST,
            format!("{c}transfer-issues/"),
            Some(json!({ "new_cycle_id": other_cycle })),
        ),
        (Method::DELETE, c, None),
    ]
}

#[tokio::test]
async fn guests_read_but_never_write() {
    let s = setup().await;
    let gus = s
        .project_user("gus@example.com", WorkspaceRole::Guest, 5)
        .await;
    let cycle = s.cycle("Sprint", Some((-5, -1))).await;
    let next = s.cycle("Next", None).await;
    let item = s.item("A").await;
    s.ok(
        Method::POST,
        &format!("cycles/{}/cycle-issues/", id(&next)),
        Some(json!({ "issues": [id(&item)] })),
        StatusCode::OK,
    )
    .await;
    for (method, path, body) in paths(&s, &id(&next), &id(&item), &id(&cycle)) {
        let (status, answer) = s.call(&gus, method.clone(), &path, body).await;
        if method == Method::GET {
            assert_eq!(status, StatusCode::OK, "{method} {path}: {answer}");
        } else {
            assert_eq!(status, StatusCode::FORBIDDEN, "{method} {path}: {answer}");
        }
    }
    assert_eq!(
        s.ok(Method::GET, "cycles/", None, StatusCode::OK).await["total_count"],
        2,
        "nothing changed"
    );
}

#[tokio::test]
async fn other_tenants_find_nothing() {
    let s = setup().await;
    let cycle = s.cycle("Secret sprint", Some((0, 3))).await;
    let other = s.cycle("Other", None).await;
    let item = s.item("Secret").await;
    s.ok(
        Method::POST,
        &format!("cycles/{}/cycle-issues/", id(&cycle)),
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
        Some(json!({ "cycle_view": true })),
    )
    .await;
    let evil_cycle = s
        .call(
            &eve,
            Method::POST,
            &format!("{evil_base}cycles/"),
            Some(json!({ "name": "Mine", "project_id": evil_project })),
        )
        .await
        .1;
    let evil_item = s
        .call(
            &eve,
            Method::POST,
            &format!("{evil_base}work-items/"),
            Some(json!({ "name": "Mine" })),
        )
        .await
        .1;

    // Through acme's paths: not a member, so nothing exists.
    for (method, path, body) in paths(&s, &id(&cycle), &id(&item), &id(&other)) {
        let (status, answer) = s.call(&eve, method.clone(), &path, body).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {path}: {answer}");
    }
    // Through eve's own project with acme's ids.
    for (method, path, body) in paths(&s, &id(&cycle), &id(&item), &id(&other)) {
        if !path.contains(&id(&cycle)) {
            continue;
        }
        let path = format!("{evil_base}{path}");
        let (status, answer) = s.call(&eve, method.clone(), &path, body).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {path}: {answer}");
    }
    // Acme's work item cannot join eve's cycle, nor eve's item acme's cycle.
    let (status, _) = s
        .call(
            &eve,
            Method::POST,
            &format!("{evil_base}cycles/{}/cycle-issues/", id(&evil_cycle)),
            Some(json!({ "issues": [id(&item)] })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = s
        .call(
            &s.ada,
            Method::POST,
            &format!("cycles/{}/cycle-issues/", id(&cycle)),
            Some(json!({ "issues": [id(&evil_item)] })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // Transfer to another tenant's cycle.
    let (status, _) = s
        .call(
            &eve,
            Method::POST,
            &format!("{evil_base}cycles/{}/transfer-issues/", id(&evil_cycle)),
            Some(json!({ "new_cycle_id": id(&cycle) })),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let still = s
        .ok(
            Method::GET,
            &format!("cycles/{}/", id(&cycle)),
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(
        (still["name"].clone(), still["total_issues"].clone()),
        (json!("Secret sprint"), json!(1))
    );
}

#[tokio::test]
async fn only_the_owner_or_an_admin_deletes() {
    let s = setup().await;
    let bob = s
        .project_user("bob@example.com", WorkspaceRole::Member, 15)
        .await;
    let cycle = s.cycle("Sprint", Some((0, 5))).await;
    let item = s.item("Task").await;
    let path = format!("cycles/{}/", id(&cycle));
    s.ok(
        Method::POST,
        &format!("{path}cycle-issues/"),
        Some(json!({ "issues": [id(&item)] })),
        StatusCode::OK,
    )
    .await;
    let (status, error) = s.call(&bob, Method::DELETE, &path, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    says(
        &error,
        "error",
        "Only admin or creator can delete the cycle",
    );
    let own = s
        .call(
            &bob,
            Method::POST,
            "cycles/",
            Some(json!({ "name": "Bob's", "project_id": s.project })),
        )
        .await
        .1;
    assert_eq!(
        s.call(&bob, Method::DELETE, &format!("cycles/{}/", id(&own)), None)
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    s.ok(Method::DELETE, &path, None, StatusCode::NO_CONTENT)
        .await;
    s.ok(Method::GET, &path, None, StatusCode::NOT_FOUND).await;
    s.ok(Method::DELETE, &path, None, StatusCode::NOT_FOUND)
        .await;
    let free = s
        .ok(
            Method::GET,
            "work-items/?filters={\"cycle__isnull\":true}",
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(
        free["total_count"], 1,
        "the work item left the deleted cycle"
    );
    let history = s
        .ok(
            Method::GET,
            &format!("work-items/{}/activities/", id(&item)),
            None,
            StatusCode::OK,
        )
        .await;
    let removed = history["results"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["field"] == "cycles" && a["verb"] == "deleted");
    assert!(removed, "{history}");
    assert_eq!(
        s.ok(Method::GET, "", None, StatusCode::OK).await["total_cycles"],
        0
    );
    assert_eq!(
        super::event_kinds(&s.app, &id(&cycle))
            .await
            .last()
            .map(String::as_str),
        Some("tracker.cycle.deleted")
    );
}
