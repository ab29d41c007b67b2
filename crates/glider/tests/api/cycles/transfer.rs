//! Transferring a finished cycle's open work items to another cycle.

use reqwest::{Method, StatusCode};
use serde_json::json;

use super::{activities_of, id, ids, says, setup};

#[tokio::test]
async fn transfer_moves_the_open_work_items() {
    let mut s = setup().await;
    let source = s.cycle("Source", Some((0, 2))).await;
    let target = s.cycle("Target", Some((4, 20))).await;
    let (done, todo, doing) = (
        s.item("Done").await,
        s.item("Todo").await,
        s.item("Doing").await,
    );
    for (item, state) in [(&done, "Done"), (&doing, "In Progress")] {
        let state = s.state(state).await;
        s.ok(
            Method::PATCH,
            &format!("work-items/{}/", id(item)),
            Some(json!({ "state": state })),
            StatusCode::OK,
        )
        .await;
    }
    let source_path = format!("cycles/{}/", id(&source));
    let body = json!({ "issues": [id(&done), id(&todo), id(&doing)] });
    s.ok(
        Method::POST,
        &format!("{source_path}cycle-issues/"),
        Some(body),
        StatusCode::OK,
    )
    .await;
    let transfer = format!("{source_path}transfer-issues/");
    let (status, error) = s
        .call(&s.ada, Method::POST, &transfer, Some(json!({})))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    says(&error, "error", "New Cycle Id is required");
    let (status, error) = s
        .call(
            &s.ada,
            Method::POST,
            &transfer,
            Some(json!({ "new_cycle_id": id(&target) })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    says(&error, "error", "The old cycle is not completed yet");

    s.advance(3).await;
    let finished = s.cycle("Finished", Some((-10, -8))).await;
    let (status, error) = s
        .call(
            &s.ada,
            Method::POST,
            &transfer,
            Some(json!({ "new_cycle_id": id(&finished) })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    says(
        &error,
        "error",
        "The cycle where the issues are transferred is already completed",
    );
    let (status, _) = s
        .call(
            &s.ada,
            Method::POST,
            &transfer,
            Some(json!({ "new_cycle_id": uuid::Uuid::new_v4() })),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let answer = s
        .ok(
            Method::POST,
            &transfer,
            Some(json!({ "new_cycle_id": id(&target) })),
            StatusCode::OK,
        )
        .await;
    assert_eq!(answer, json!({ "message": "Success" }));

    let moved = s
        .ok(
            Method::GET,
            &format!("cycles/{}/cycle-issues/", id(&target)),
            None,
            StatusCode::OK,
        )
        .await;
    let mut moved_ids = ids(&moved);
    moved_ids.sort();
    let mut expected = vec![id(&todo), id(&doing)];
    expected.sort();
    assert_eq!(moved_ids, expected);
    let kept = s
        .ok(
            Method::GET,
            &format!("{source_path}cycle-issues/"),
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(ids(&kept), [id(&done)]);
    let snapshot =
        s.ok(Method::GET, &source_path, None, StatusCode::OK).await["progress_snapshot"].clone();
    assert_eq!(
        (
            snapshot["total_issues"].clone(),
            snapshot["completed_issues"].clone()
        ),
        (json!(3), json!(1))
    );
    assert_eq!(
        (
            snapshot["started_issues"].clone(),
            snapshot["backlog_issues"].clone()
        ),
        (json!(1), json!(1))
    );
    let assignees = snapshot["distribution"]["assignees"].as_array().unwrap();
    assert_eq!(
        (
            assignees.len(),
            assignees[0]["total_issues"].clone(),
            assignees[0]["pending_issues"].clone()
        ),
        (1, json!(3), json!(2))
    );
    assert_eq!(
        snapshot["distribution"]["completion_chart"]
            .as_object()
            .unwrap()
            .len(),
        3,
        "one point per day"
    );
    assert_eq!(snapshot["estimate_distribution"], json!({}));
    let history = s
        .ok(
            Method::GET,
            &format!("work-items/{}/activities/", id(&todo)),
            None,
            StatusCode::OK,
        )
        .await;
    assert!(activities_of(&history, "cycles").contains(&(
        "updated".into(),
        "updated cycle from Source to Target".into()
    )));
    assert!(
        super::event_kinds(&s.app, &id(&source))
            .await
            .contains(&"tracker.cycle.transferred".to_owned())
    );
}
