//! The project switch, logging rules, who may change a log, tenants.

use reqwest::Method;
use serde_json::{Value, json};

use super::{logs, today};
use crate::team::{events, id, team};

#[tokio::test]
async fn time_tracking_must_be_on() {
    let t = team(json!({})).await;
    let item = t.item(&t.owner, json!({ "name": "Build" })).await;
    for (method, path, body) in [
        (Method::GET, logs(&t, &item), Value::Null),
        (Method::POST, logs(&t, &item), json!({ "duration": 30 })),
        (Method::GET, t.path("/total-worklogs/"), Value::Null),
        (Method::GET, t.path("/worklogs/summary/"), Value::Null),
    ] {
        let refused = t.call(&t.owner, method, &path, body, 400).await;
        assert_eq!(refused["code"], "time_tracking_disabled");
        assert!(
            refused["error"]
                .as_str()
                .unwrap()
                .contains("is_time_tracking_enabled")
        );
    }
    t.call(
        &t.owner,
        Method::PATCH,
        &t.path("/"),
        json!({ "is_time_tracking_enabled": true }),
        200,
    )
    .await;
    t.call(
        &t.owner,
        Method::POST,
        &logs(&t, &item),
        json!({ "duration": 30 }),
        201,
    )
    .await;
    // Turned off again, existing logs are out of reach too.
    t.call(
        &t.owner,
        Method::PATCH,
        &t.path("/"),
        json!({ "is_time_tracking_enabled": false }),
        200,
    )
    .await;
    t.call(&t.owner, Method::GET, &logs(&t, &item), Value::Null, 400)
        .await;
}

#[tokio::test]
async fn logging_time() {
    let t = team(json!({ "is_time_tracking_enabled": true })).await;
    let item = t
        .item(&t.owner, json!({ "name": "Build", "estimate_time": 120 }))
        .await;
    let path = logs(&t, &item);
    let log = t
        .call(
            &t.member,
            Method::POST,
            &path,
            json!({ "duration": 90, "description": " pairing " }),
            201,
        )
        .await;
    assert_eq!(log["duration"], 90);
    assert_eq!(log["description"], "pairing");
    assert_eq!(log["logged_by"], t.member.id.to_string());
    assert_eq!(log["created_by"], t.member.id.to_string());
    assert_eq!(
        log["logged_at"],
        today(&t).to_string(),
        "today in UTC by default"
    );
    assert_eq!(log["issue_id"], item);
    for key in [
        "id",
        "created_at",
        "updated_at",
        "description",
        "duration",
        "created_by",
        "updated_by",
        "project_id",
        "workspace_id",
        "logged_by",
    ] {
        assert!(log.get(key).is_some(), "missing {key}");
    }
    assert_eq!(events(&t.app, &id(&log)).await, ["tracker.worklog.created"]);
    let earlier = (today(&t) - chrono::Duration::days(3)).to_string();
    // Someone else's `logged_by` is not taken: a log is the caller's own time.
    let other = t
        .call(
            &t.member,
            Method::POST,
            &path,
            json!({ "duration": 15, "logged_at": earlier, "logged_by": t.owner.id }),
            201,
        )
        .await;
    assert_eq!(other["logged_by"], t.member.id.to_string());
    let list = t.call(&t.guest, Method::GET, &path, Value::Null, 200).await;
    let ids: Vec<&Value> = list.as_array().unwrap().iter().map(|l| &l["id"]).collect();
    assert_eq!(
        ids,
        [&log["id"], &other["id"]],
        "a bare list, latest date first"
    );

    let cases = [
        (json!({}), "duration", "This field is required."),
        (
            json!({ "duration": null }),
            "duration",
            "This field may not be null.",
        ),
        (
            json!({ "duration": 0 }),
            "duration",
            "Ensure this value is greater than or equal to 1.",
        ),
        (
            json!({ "duration": 1441 }),
            "duration",
            "Ensure this value is less than or equal to 1440.",
        ),
        (
            json!({ "duration": "1h" }),
            "duration",
            "A valid integer is required.",
        ),
        (
            json!({ "duration": 5, "logged_at": "2026-13-01" }),
            "logged_at",
            "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.",
        ),
        (
            json!({ "duration": 5, "logged_at": (today(&t) + chrono::Duration::days(2)).to_string() }),
            "logged_at",
            "Time cannot be logged more than a day ahead.",
        ),
        (
            json!({ "duration": 5, "description": "x".repeat(10_001) }),
            "description",
            "Ensure this field has no more than 10000 characters.",
        ),
    ];
    for (body, field, message) in cases {
        let refused = t.call(&t.member, Method::POST, &path, body, 400).await;
        assert_eq!(refused[field], json!([message]), "{refused}");
    }
    let tomorrow = (today(&t) + chrono::Duration::days(1)).to_string();
    t.call(
        &t.member,
        Method::POST,
        &path,
        json!({ "duration": 1440, "logged_at": tomorrow }),
        201,
    )
    .await;
    // Time is logged on visible work items only.
    t.call(
        &t.member,
        Method::POST,
        &logs(&t, &uuid::Uuid::now_v7().to_string()),
        json!({ "duration": 5 }),
        404,
    )
    .await;
    let history = t
        .call(
            &t.owner,
            Method::GET,
            &t.path(&format!("/work-items/{item}/activities/")),
            Value::Null,
            200,
        )
        .await;
    let entry = history["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["field"] == "worklog")
        .unwrap();
    assert_eq!(entry["verb"], "created");
    assert_eq!(entry["new_value"], "90");
}

#[tokio::test]
async fn members_change_their_own_logs_and_admins_any() {
    let t = team(json!({ "is_time_tracking_enabled": true })).await;
    let item = t.item(&t.owner, json!({ "name": "Build" })).await;
    let path = logs(&t, &item);
    let log = t
        .call(
            &t.member,
            Method::POST,
            &path,
            json!({ "duration": 60 }),
            201,
        )
        .await;
    let one = format!("{path}{}/", id(&log));
    let changed = t
        .call(
            &t.member,
            Method::PATCH,
            &one,
            json!({ "duration": 45, "description": "review", "logged_at": "2026-01-05" }),
            200,
        )
        .await;
    assert_eq!(
        (changed["duration"].clone(), changed["logged_at"].clone()),
        (json!(45), json!("2026-01-05"))
    );
    assert_eq!(changed["updated_by"], t.member.id.to_string());
    t.call(
        &t.member,
        Method::PATCH,
        &one,
        json!({ "duration": -5 }),
        400,
    )
    .await;
    let refused = t
        .call(&t.peer, Method::PATCH, &one, json!({ "duration": 1 }), 403)
        .await;
    assert_eq!(refused["code"], "worklog_not_owner");
    t.call(&t.peer, Method::DELETE, &one, Value::Null, 403)
        .await;
    // Guests do not log time; people outside the project get 403, other tenants 404.
    t.call(&t.guest, Method::POST, &path, json!({ "duration": 5 }), 403)
        .await;
    t.call(&t.guest, Method::PATCH, &one, json!({ "duration": 5 }), 403)
        .await;
    t.call(
        &t.bystander,
        Method::POST,
        &path,
        json!({ "duration": 5 }),
        403,
    )
    .await;
    for target in [one.clone(), one.replace("/acme/", "/evil/")] {
        t.call(
            &t.stranger,
            Method::PATCH,
            &target,
            json!({ "duration": 5 }),
            404,
        )
        .await;
        t.call(&t.stranger, Method::DELETE, &target, Value::Null, 404)
            .await;
    }
    t.call(&t.stranger, Method::GET, &path, Value::Null, 404)
        .await;
    // A log of another work item is not found under this one.
    let other_item = t.item(&t.owner, json!({ "name": "Other" })).await;
    t.call(
        &t.member,
        Method::PATCH,
        &format!("{}{}/", logs(&t, &other_item), id(&log)),
        json!({ "duration": 5 }),
        404,
    )
    .await;
    // The admin changes and deletes anyone's log.
    let by_admin = t
        .call(
            &t.owner,
            Method::PATCH,
            &one,
            json!({ "duration": 30 }),
            200,
        )
        .await;
    assert_eq!(
        by_admin["logged_by"],
        t.member.id.to_string(),
        "still the member's time"
    );
    t.call(&t.owner, Method::DELETE, &one, Value::Null, 204)
        .await;
    t.call(&t.member, Method::DELETE, &one, Value::Null, 404)
        .await;
    assert_eq!(
        t.call(&t.member, Method::GET, &path, Value::Null, 200)
            .await,
        json!([])
    );
    assert_eq!(
        events(&t.app, &id(&log)).await,
        [
            "tracker.worklog.created",
            "tracker.worklog.updated",
            "tracker.worklog.updated",
            "tracker.worklog.deleted"
        ]
    );
    // The deprecated `issues/` prefix answers the same.
    let legacy = t.path(&format!("/issues/{item}/worklogs/"));
    let created = t
        .call(
            &t.member,
            Method::POST,
            &legacy,
            json!({ "duration": 10 }),
            201,
        )
        .await;
    t.call(
        &t.member,
        Method::DELETE,
        &format!("{legacy}{}/", id(&created)),
        Value::Null,
        204,
    )
    .await;
}
