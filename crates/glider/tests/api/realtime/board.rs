//! Board moves: through the move endpoint and a plain PATCH, seen live by another member.

use glider_test_utils::json_of;
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{Board, id};

#[tokio::test]
async fn a_move_reaches_another_member_with_the_new_state_and_order() {
    let b = Board::new().await;
    let item = id(&b.create_item("Fix login").await);
    let mut bob = b.socket(&b.bob).await;
    bob.subscribe(&b.topic()).await;
    bob.subscribe(&format!("work_item:{item}")).await;

    let started = b.state("In Progress");
    let (status, moved) = b
        .move_card(
            &b.ada,
            json!({ "work_item": item, "state": started, "sort_order": 12345.5 }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{moved}");
    assert_eq!(moved["state"], started.as_str());
    assert_eq!(moved["sort_order"], 12345.5);
    // The same event once per subscribed topic, each naming its topic.
    let mut topics = Vec::new();
    for _ in 0..2 {
        let frame = bob.event("tracker.work_item.updated").await;
        let event = &frame["event"];
        assert_eq!(event["subject_id"], item.as_str());
        assert_eq!(event["project_id"], b.project.as_str());
        assert_eq!(event["actor_id"], b.ada.id.to_string());
        assert_eq!(event["payload"]["state"]["new"], started.as_str());
        assert_eq!(event["payload"]["sort_order"]["new"], 12345.5);
        assert!(event["id"].is_string() && event["seq"].is_i64(), "{event}");
        topics.push(frame["topic"].as_str().unwrap().to_owned());
    }
    topics.sort();
    assert_eq!(topics, [b.topic(), format!("work_item:{item}")]);

    // A plain PATCH of the same fields is a move too.
    let done = b.state("Done");
    let path = b.path(&format!("/work-items/{item}/"));
    let body = json!({ "state": done, "sort_order": 7.0 });
    json_of(
        b.app.patch(&b.ada, &path, body).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    let frame = bob.event("tracker.work_item.updated").await;
    assert_eq!(frame["event"]["payload"]["state"]["new"], done.as_str());
    assert_eq!(frame["event"]["payload"]["sort_order"]["new"], 7.0);

    // Work-item topics also carry the item's children (a comment here).
    let comments = b.path(&format!("/work-items/{item}/comments/"));
    let body = json!({ "comment_html": "<p>Moved it</p>" });
    json_of(
        b.app.post(&b.ada, &comments, body).send().await.unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let mut seen = Vec::new();
    for _ in 0..2 {
        let frame = bob.event("tracker.comment.created").await;
        assert_eq!(frame["event"]["payload"]["work_item"], item.as_str());
        seen.push(frame["topic"].as_str().unwrap().to_owned());
    }
    seen.sort();
    assert_eq!(seen, topics);
}

#[tokio::test]
async fn concurrent_moves_end_as_the_last_committed_and_viewers_see_it_last() {
    let b = Board::new().await;
    let item = id(&b.create_item("Contested").await);
    let mut bob = b.socket(&b.bob).await;
    bob.subscribe(&b.topic()).await;
    let (todo, started) = (b.state("Todo"), b.state("In Progress"));
    let first = json!({ "work_item": item, "state": todo, "sort_order": 111.0 });
    let second = json!({ "work_item": item, "state": started, "sort_order": 222.0 });
    let (one, two) = tokio::join!(b.move_card(&b.ada, first), b.move_card(&b.bob, second));
    assert_eq!((one.0, two.0), (StatusCode::OK, StatusCode::OK));
    let mut events: Vec<Value> = Vec::new();
    for _ in 0..2 {
        events.push(bob.event("tracker.work_item.updated").await["event"].clone());
    }
    assert!(events[0]["seq"].as_i64() < events[1]["seq"].as_i64());
    let path = b.path(&format!("/work-items/{item}/"));
    let now = json_of(
        b.app.get(&b.ada, &path).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    let last = &events[1]["payload"];
    assert_eq!(now["state"], last["state"]["new"]);
    assert_eq!(now["sort_order"], last["sort_order"]["new"]);
}

#[tokio::test]
async fn neighbours_place_the_card_between_them() {
    let b = Board::new().await;
    let top = b.create_item("Top").await;
    let bottom = b.create_item("Bottom").await;
    let card = id(&b.create_item("Card").await);
    let (above, below) = (
        top["sort_order"].as_f64().unwrap(),
        bottom["sort_order"].as_f64().unwrap(),
    );
    assert!(above < below, "items are created in ascending order");
    let body = json!({ "work_item": card, "after": id(&top), "before": id(&bottom) });
    let (status, moved) = b.move_card(&b.ada, body).await;
    assert_eq!(status, StatusCode::OK, "{moved}");
    assert_eq!(moved["sort_order"].as_f64(), Some((above + below) / 2.0));
    let body = json!({ "work_item": card, "after": id(&bottom) });
    let (_, moved) = b.move_card(&b.ada, body).await;
    assert_eq!(moved["sort_order"].as_f64(), Some(below + 10_000.0));
    let body = json!({ "work_item": card, "before": id(&top) });
    let (_, moved) = b.move_card(&b.ada, body).await;
    assert_eq!(moved["sort_order"].as_f64(), Some(above - 10_000.0));
}

#[tokio::test]
async fn bad_moves_name_the_field_and_change_nothing() {
    let b = Board::new().await;
    let item = b.create_item("Stay").await;
    let card = id(&item);
    let cases = [
        (json!({ "state": b.state("Done") }), "work_item"),
        (json!({ "work_item": "nope", "sort_order": 1 }), "work_item"),
        (json!({ "work_item": card }), "state"),
        (json!({ "work_item": card, "state": null }), "state"),
        (
            json!({ "work_item": card, "sort_order": "high" }),
            "sort_order",
        ),
        (
            json!({ "work_item": card, "sort_order": 1, "after": card }),
            "sort_order",
        ),
        (json!({ "work_item": card, "after": card }), "after"),
        (
            json!({ "work_item": card, "before": uuid::Uuid::now_v7() }),
            "before",
        ),
        (
            json!({ "work_item": card, "state": uuid::Uuid::now_v7() }),
            "state",
        ),
    ];
    for (body, field) in cases {
        let (status, error) = b.move_card(&b.ada, body.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}: {error}");
        assert!(error["fields"][field].is_array(), "{body}: {error}");
    }
    let unknown = json!({ "work_item": uuid::Uuid::now_v7(), "sort_order": 1 });
    assert_eq!(b.move_card(&b.ada, unknown).await.0, StatusCode::NOT_FOUND);
    // Another tenant: the project does not exist for them.
    let eve = b.app.register("eve@example.com").await;
    b.app.create_workspace(&eve, "eve").await;
    let body = json!({ "work_item": card, "sort_order": 1 });
    assert_eq!(b.move_card(&eve, body).await.0, StatusCode::NOT_FOUND);
    let path = b.path(&format!("/work-items/{card}/"));
    let now = json_of(
        b.app.get(&b.ada, &path).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(now["state"], item["state"]);
    assert_eq!(now["sort_order"], item["sort_order"]);
}
