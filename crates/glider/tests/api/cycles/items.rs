//! The work items of a cycle: one cycle per work item (adding moves it), removal, the
//! work-item `filters` on cycles, and transfer.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::{activities_of, id, ids, says, setup};

#[tokio::test]
async fn a_work_item_is_in_one_cycle_at_most() {
    let s = setup().await;
    let one = s.cycle("One", Some((0, 7))).await;
    let two = s.cycle("Two", Some((8, 14))).await;
    let (a, b) = (s.item("A").await, s.item("B").await);
    let one_items = format!("cycles/{}/cycle-issues/", id(&one));
    let two_items = format!("cycles/{}/cycle-issues/", id(&two));
    let rows = s
        .ok(
            Method::POST,
            &one_items,
            Some(json!({ "issues": [id(&a), id(&b), id(&a)] })),
            StatusCode::OK,
        )
        .await;
    assert_eq!(
        rows.as_array().unwrap().len(),
        2,
        "a bare array of the cycle's rows: {rows}"
    );
    let row = &rows[0];
    for key in [
        "id",
        "sub_issues_count",
        "created_at",
        "updated_at",
        "deleted_at",
        "created_by",
        "updated_by",
        "project",
        "workspace",
        "issue",
        "cycle",
    ] {
        assert!(row.get(key).is_some(), "missing {key}");
    }
    assert_eq!(row["cycle"], one["id"]);
    let again = s
        .ok(
            Method::POST,
            &one_items,
            Some(json!({ "issues": [id(&a)] })),
            StatusCode::OK,
        )
        .await;
    assert_eq!(
        again.as_array().unwrap().len(),
        2,
        "adding twice changes nothing"
    );

    let moved = s
        .ok(
            Method::POST,
            &two_items,
            Some(json!({ "issues": [id(&a)] })),
            StatusCode::OK,
        )
        .await;
    assert_eq!(
        moved
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["issue"].clone())
            .collect::<Vec<_>>(),
        [a["id"].clone()]
    );
    let listed = s.ok(Method::GET, &one_items, None, StatusCode::OK).await;
    assert_eq!(ids(&listed), [id(&b)], "A left cycle one");
    assert_eq!(
        listed["results"][0]["sequence_id"], 2,
        "the work-item shape"
    );
    let link = s
        .ok(
            Method::GET,
            &format!("{two_items}{}/?expand=issue", id(&a)),
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(
        (link["cycle"].clone(), link["issue"]["name"].clone()),
        (two["id"].clone(), json!("A"))
    );
    s.ok(
        Method::GET,
        &format!("{one_items}{}/", id(&a)),
        None,
        StatusCode::NOT_FOUND,
    )
    .await;
    let counted = s
        .ok(
            Method::GET,
            &format!("cycles/{}/", id(&two)),
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(
        (
            counted["total_issues"].clone(),
            counted["backlog_issues"].clone()
        ),
        (json!(1), json!(1))
    );

    let history = s
        .ok(
            Method::GET,
            &format!("work-items/{}/activities/", id(&a)),
            None,
            StatusCode::OK,
        )
        .await;
    let entries = activities_of(&history, "cycles");
    assert_eq!(
        entries,
        [
            ("created".into(), "added cycle One".into()),
            ("updated".into(), "updated cycle from One to Two".into())
        ]
    );

    let filtered =
        |filter: Value| format!("work-items/?filters={}", urlencode(&filter.to_string()));
    let in_two = s
        .ok(
            Method::GET,
            &filtered(json!({ "cycle_id": id(&two) })),
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(ids(&in_two), [id(&a)]);
    let in_any = s
        .ok(
            Method::GET,
            &filtered(json!({ "cycle__in": [id(&one), id(&two)] })),
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(in_any["total_count"], 2);
    let c = s.item("C").await;
    let none = s
        .ok(
            Method::GET,
            &filtered(json!({ "cycle__isnull": true })),
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(ids(&none), [id(&c)]);

    s.ok(
        Method::DELETE,
        &format!("{one_items}{}/", id(&b)),
        None,
        StatusCode::NO_CONTENT,
    )
    .await;
    s.ok(
        Method::DELETE,
        &format!("{one_items}{}/", id(&b)),
        None,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(
        s.ok(Method::GET, &one_items, None, StatusCode::OK).await["total_count"],
        0
    );
    let history = s
        .ok(
            Method::GET,
            &format!("work-items/{}/activities/", id(&b)),
            None,
            StatusCode::OK,
        )
        .await;
    assert!(
        activities_of(&history, "cycles")
            .contains(&("deleted".into(), "removed this issue from One".into()))
    );
    let kinds = super::event_kinds(&s.app, &id(&one)).await;
    assert!(
        kinds.contains(&"tracker.cycle.work_items_added".to_owned())
            && kinds.contains(&"tracker.cycle.work_item_removed".to_owned())
    );
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn adding_work_items_is_checked() {
    let mut s = setup().await;
    let cycle = s.cycle("Sprint", Some((0, 3))).await;
    let item = s.item("A").await;
    let path = format!("cycles/{}/cycle-issues/", id(&cycle));
    for body in [json!({}), json!({ "issues": [] })] {
        let (status, error) = s.call(&s.ada, Method::POST, &path, Some(body)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        says(&error, "error", "Work items are required");
        assert_eq!(error["code"], "MISSING_WORK_ITEMS");
    }
    let (status, error) = s
        .call(
            &s.ada,
            Method::POST,
            &path,
            Some(json!({ "issues": [id(&item), uuid::Uuid::new_v4()] })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    says(&error, "error", "The payload is not valid");
    let (status, error) = s
        .call(
            &s.ada,
            Method::POST,
            &path,
            Some(json!({ "issues": ["not-a-uuid"] })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    says(&error, "error", "Please provide valid detail");
    assert_eq!(
        s.ok(Method::GET, &path, None, StatusCode::OK).await["total_count"],
        0,
        "nothing half-written"
    );
    let other = s.app.create_project(&s.ada, "acme", "Other", "OTH").await;
    let foreign = s
        .ok(
            Method::POST,
            &format!(
                "/api/v1/workspaces/acme/projects/{}/work-items/",
                id(&other)
            ),
            Some(json!({ "name": "X" })),
            StatusCode::CREATED,
        )
        .await;
    let (status, _) = s
        .call(
            &s.ada,
            Method::POST,
            &path,
            Some(json!({ "issues": [id(&foreign)] })),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "a work item of another project"
    );

    s.advance(5).await;
    let (status, error) = s
        .call(
            &s.ada,
            Method::POST,
            &path,
            Some(json!({ "issues": [id(&item)] })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error["code"], "CYCLE_COMPLETED");
    says(
        &error,
        "message",
        "The Cycle has already been completed so no new issues can be added",
    );
}
