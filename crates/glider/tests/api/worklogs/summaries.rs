//! Project and workspace summaries of logged time.

use reqwest::Method;
use serde_json::{Value, json};

use super::{logs, today};
use crate::team::{id, team};

#[tokio::test]
async fn project_summaries() {
    let t = team(json!({ "is_time_tracking_enabled": true })).await;
    let build = t
        .item(&t.owner, json!({ "name": "Build", "estimate_time": 240 }))
        .await;
    let test = t.item(&t.owner, json!({ "name": "Test" })).await;
    let idle = t.item(&t.owner, json!({ "name": "Idle" })).await;
    let day = |offset: i64| (today(&t) - chrono::Duration::days(offset)).to_string();
    t.call(
        &t.member,
        Method::POST,
        &logs(&t, &build),
        json!({ "duration": 90, "logged_at": day(10) }),
        201,
    )
    .await;
    t.call(
        &t.member,
        Method::POST,
        &logs(&t, &build),
        json!({ "duration": 30, "logged_at": day(1) }),
        201,
    )
    .await;
    t.call(
        &t.peer,
        Method::POST,
        &logs(&t, &build),
        json!({ "duration": 60, "logged_at": day(1) }),
        201,
    )
    .await;
    t.call(
        &t.peer,
        Method::POST,
        &logs(&t, &test),
        json!({ "duration": 20, "logged_at": day(0) }),
        201,
    )
    .await;
    let _ = idle;

    // Plane's `total-worklogs/`: a bare list, durations in seconds.
    let totals = t
        .call(
            &t.guest,
            Method::GET,
            &t.path("/total-worklogs/"),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(
        totals,
        json!([
            { "issue_id": build, "duration": 180 * 60, "duration_minutes": 180, "estimate_time": 240 },
            { "issue_id": test, "duration": 20 * 60, "duration_minutes": 20, "estimate_time": null },
        ])
    );

    let summary = t
        .call(
            &t.member,
            Method::GET,
            &t.path("/worklogs/summary/"),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(summary["total_minutes"], 200);
    assert_eq!(summary["entries"], 4);
    assert_eq!(
        summary["by_member"][0]["member_id"],
        t.member.id.to_string()
    );
    assert_eq!(summary["by_member"][0]["minutes"], 120);
    assert_eq!(summary["by_member"][1]["minutes"], 80);
    assert_eq!(summary["by_work_item"][0]["issue_id"], build);
    assert_eq!(summary["by_work_item"][0]["estimate_time"], 240);
    assert_eq!(summary["by_work_item"][0]["minutes"], 180);
    assert_eq!(summary["by_work_item"][0]["name"], "Build");
    assert_eq!(
        summary["by_work_item"].as_array().unwrap().len(),
        2,
        "items without logs are left out"
    );

    let recent = t
        .call(
            &t.member,
            Method::GET,
            &t.path(&format!("/worklogs/summary/?from={}&to={}", day(1), day(0))),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(recent["total_minutes"], 110);
    assert_eq!(recent["from"], day(1));
    let peer_only = t
        .call(
            &t.member,
            Method::GET,
            &t.path(&format!("/worklogs/summary/?member={}", t.peer.id)),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(peer_only["total_minutes"], 80);
    for (query, field, message) in [
        (
            "from=yesterday",
            "from",
            "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.",
        ),
        (
            "to=2026-02-30",
            "to",
            "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.",
        ),
        (
            "from=2026-02-02&to=2026-02-01",
            "from",
            "from must not be after to.",
        ),
        ("member=bob", "member", "Must be a valid UUID."),
    ] {
        let refused = t
            .call(
                &t.member,
                Method::GET,
                &t.path(&format!("/worklogs/summary/?{query}")),
                Value::Null,
                400,
            )
            .await;
        assert_eq!(refused[field], json!([message]));
    }
    // A deleted work item's time leaves the sums.
    t.call(
        &t.owner,
        Method::DELETE,
        &t.path(&format!("/work-items/{test}/")),
        Value::Null,
        204,
    )
    .await;
    let totals = t
        .call(
            &t.member,
            Method::GET,
            &t.path("/total-worklogs/"),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(totals.as_array().unwrap().len(), 1);
    // Other tenants see nothing.
    t.call(
        &t.stranger,
        Method::GET,
        &t.path("/total-worklogs/"),
        Value::Null,
        404,
    )
    .await;
    t.call(
        &t.stranger,
        Method::GET,
        &t.path("/worklogs/summary/").replace("/acme/", "/evil/"),
        Value::Null,
        404,
    )
    .await;
}

#[tokio::test]
async fn workspace_summary_covers_readable_tracking_projects() {
    let t = team(json!({ "is_time_tracking_enabled": true })).await;
    let item = t.item(&t.owner, json!({ "name": "Build" })).await;
    t.call(
        &t.member,
        Method::POST,
        &logs(&t, &item),
        json!({ "duration": 50 }),
        201,
    )
    .await;
    // A secret project the member is not in, with time of its own.
    let secret = t.call(&t.owner, Method::POST, "/api/v1/workspaces/acme/projects/", json!({ "name": "Secret", "identifier": "SEC", "network": 0, "is_time_tracking_enabled": true }), 201).await;
    let secret_base = format!("/api/v1/workspaces/acme/projects/{}", id(&secret));
    let hidden = t
        .call(
            &t.owner,
            Method::POST,
            &format!("{secret_base}/work-items/"),
            json!({ "name": "Hidden" }),
            201,
        )
        .await;
    t.call(
        &t.owner,
        Method::POST,
        &format!("{secret_base}/work-items/{}/worklogs/", id(&hidden)),
        json!({ "duration": 70 }),
        201,
    )
    .await;

    let path = "/api/v1/workspaces/acme/time-tracking/summary/";
    let owner_view = t.call(&t.owner, Method::GET, path, Value::Null, 200).await;
    assert_eq!(owner_view["total_minutes"], 120);
    assert_eq!(owner_view["by_project"].as_array().unwrap().len(), 2);
    assert_eq!(owner_view["by_project"][0]["identifier"], "SEC");
    let member_view = t.call(&t.member, Method::GET, path, Value::Null, 200).await;
    assert_eq!(
        member_view["total_minutes"], 50,
        "only projects the member can read"
    );
    assert_eq!(
        member_view["by_member"][0]["member_id"],
        t.member.id.to_string()
    );
    let mine = t
        .call(
            &t.owner,
            Method::GET,
            &format!("{path}?member={}", t.owner.id),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(mine["total_minutes"], 70);
    let future = (today(&t) + chrono::Duration::days(5)).to_string();
    let none = t
        .call(
            &t.owner,
            Method::GET,
            &format!("{path}?from={future}"),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(none["total_minutes"], 0);
    assert_eq!(none["by_work_item"], json!([]));
    // A project that stops tracking time leaves the workspace summary.
    t.call(
        &t.owner,
        Method::PATCH,
        &format!("{secret_base}/"),
        json!({ "is_time_tracking_enabled": false }),
        200,
    )
    .await;
    assert_eq!(
        t.call(&t.owner, Method::GET, path, Value::Null, 200).await["total_minutes"],
        50
    );
    t.call(&t.stranger, Method::GET, path, Value::Null, 404)
        .await;
    let evil = t
        .call(
            &t.stranger,
            Method::GET,
            "/api/v1/workspaces/evil/time-tracking/summary/",
            Value::Null,
            200,
        )
        .await;
    assert_eq!(evil["total_minutes"], 0);
}
