//! Project progress: counts and shares by state group, what is left out, roles and tenants.

use reqwest::Method;
use serde_json::{Value, json};

use crate::team::team;

#[tokio::test]
async fn progress_counts_live_items_by_group() {
    let t = team(json!({ "intake_view": true })).await;
    let path = t.path("/progress/");
    let empty = t.call(&t.owner, Method::GET, &path, Value::Null, 200).await;
    assert_eq!(empty["total"], 0);
    assert_eq!(empty["completion_percentage"], 0.0);
    assert_eq!(
        empty["groups"]["backlog"],
        json!({ "count": 0, "percentage": 0.0 })
    );

    let (done, started, cancelled) = (
        t.state("Done").await,
        t.state("In Progress").await,
        t.state("Cancelled").await,
    );
    for state in [&done, &done, &started] {
        t.item(&t.owner, json!({ "name": "x", "state": state }))
            .await;
    }
    t.item(&t.owner, json!({ "name": "backlog" })).await;
    let stateless = t.item(&t.owner, json!({ "name": "no state" })).await;
    t.call(
        &t.owner,
        Method::PATCH,
        &t.path(&format!("/work-items/{stateless}/")),
        json!({ "state": null }),
        200,
    )
    .await;
    // Left out: drafts, archived items, deleted items, and intake requests still in triage.
    t.item(&t.owner, json!({ "name": "draft", "is_draft": true }))
        .await;
    let archived = t
        .item(&t.owner, json!({ "name": "old", "state": cancelled }))
        .await;
    t.call(
        &t.owner,
        Method::POST,
        &t.path(&format!("/work-items/{archived}/archive/")),
        json!({}),
        204,
    )
    .await;
    let deleted = t
        .item(&t.owner, json!({ "name": "gone", "state": done }))
        .await;
    t.call(
        &t.owner,
        Method::DELETE,
        &t.path(&format!("/work-items/{deleted}/")),
        Value::Null,
        204,
    )
    .await;
    t.call(
        &t.member,
        Method::POST,
        &t.path("/intake-issues/"),
        json!({ "issue": { "name": "request" } }),
        201,
    )
    .await;

    let progress = t.call(&t.guest, Method::GET, &path, Value::Null, 200).await;
    assert_eq!(progress["project_id"], t.project);
    assert_eq!(progress["total"], 5);
    assert_eq!(progress["without_state"], 1);
    assert_eq!(
        progress["groups"]["completed"],
        json!({ "count": 2, "percentage": 40.0 })
    );
    assert_eq!(
        progress["groups"]["started"],
        json!({ "count": 1, "percentage": 20.0 })
    );
    assert_eq!(
        progress["groups"]["backlog"],
        json!({ "count": 1, "percentage": 20.0 })
    );
    assert_eq!(progress["groups"]["unstarted"]["count"], 0);
    assert_eq!(progress["groups"]["cancelled"]["count"], 0);
    assert_eq!(progress["completion_percentage"], 40.0);
    assert_eq!(progress["groups"].as_object().unwrap().len(), 5);

    // An accepted request counts; a third of six rounds to two decimals.
    let requests = t
        .call(
            &t.owner,
            Method::GET,
            &t.path("/intake-issues/"),
            Value::Null,
            200,
        )
        .await;
    let request = requests["results"][0]["issue"].as_str().unwrap().to_owned();
    t.call(
        &t.owner,
        Method::PATCH,
        &t.path(&format!("/intake-issues/{request}/status/")),
        json!({ "status": 1 }),
        200,
    )
    .await;
    let progress = t
        .call(&t.member, Method::GET, &path, Value::Null, 200)
        .await;
    assert_eq!(progress["total"], 6);
    assert_eq!(progress["completion_percentage"], 33.33);
    assert_eq!(progress["groups"]["backlog"]["percentage"], 33.33);
}

#[tokio::test]
async fn progress_is_for_those_who_see_the_project() {
    let t = team(json!({})).await;
    t.item(&t.owner, json!({ "name": "x" })).await;
    let path = t.path("/progress/");
    // The project is public: a workspace member outside it may read its progress.
    assert_eq!(
        t.call(&t.bystander, Method::GET, &path, Value::Null, 200)
            .await["total"],
        1
    );
    t.call(&t.stranger, Method::GET, &path, Value::Null, 404)
        .await;
    t.call(
        &t.stranger,
        Method::GET,
        &path.replace("/acme/", "/evil/"),
        Value::Null,
        404,
    )
    .await;
    // An archived project's items are hidden, so it reports nothing.
    t.call(&t.owner, Method::POST, &t.path("/archive/"), json!({}), 204)
        .await;
    assert_eq!(
        t.call(&t.owner, Method::GET, &path, Value::Null, 200).await["total"],
        0
    );
}
