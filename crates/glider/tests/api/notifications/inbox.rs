//! The inbox: filters, pages, unread count, read/unread, mark all read, archive, snooze; other
//! people's notifications are not found; bad input is a 400 naming the field.

use reqwest::Method;
use serde_json::{Value, json};

use super::{inbox, item, messages, notifications, wait_for};
use crate::team::{Team, id, team};

/// Five assignments for the peer, WEB-1 (oldest) to WEB-5 (newest); returns their ids,
/// newest first.
async fn five(t: &Team) -> Vec<String> {
    for n in 1..=5 {
        item(
            t,
            &t.owner,
            json!({ "name": format!("Task {n}"), "assignees": [t.peer.id] }),
        )
        .await;
    }
    wait_for(t, &t.peer, 5).await.iter().map(id).collect()
}

async fn unread(t: &Team) -> (u64, u64) {
    let counts = t
        .call(
            &t.peer,
            Method::GET,
            &notifications("unread-count/"),
            Value::Null,
            200,
        )
        .await;
    (
        counts["total_unread_notifications_count"].as_u64().unwrap(),
        counts["mention_unread_notifications_count"]
            .as_u64()
            .unwrap(),
    )
}

#[tokio::test]
async fn pages_come_newest_first_in_plane_s_envelope() {
    let t = team(json!({})).await;
    let ids = five(&t).await;
    let first = t
        .call(
            &t.peer,
            Method::GET,
            &notifications("?per_page=2"),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(first["total_count"], 5);
    assert_eq!(first["count"], 2);
    assert_eq!(first["total_pages"], 3);
    assert_eq!(first["next_page_results"], true);
    assert_eq!(first["prev_page_results"], false);
    let identifiers: Vec<&str> = first["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["identifier"].as_str().unwrap())
        .collect();
    assert_eq!(identifiers, ["WEB-5", "WEB-4"]);
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = t
        .call(
            &t.peer,
            Method::GET,
            &notifications(&format!("?per_page=2&cursor={cursor}")),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(second["results"][0]["id"], ids[2].as_str());
    let third = t
        .call(
            &t.peer,
            Method::GET,
            &notifications("?per_page=2&cursor=2:2:0"),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(third["count"], 1);
    assert_eq!(third["next_page_results"], false);
    assert_eq!(third["results"][0]["identifier"], "WEB-1");
}

#[tokio::test]
async fn read_unread_and_mark_all_read() {
    let t = team(json!({})).await;
    let ids = five(&t).await;
    assert_eq!(unread(&t).await, (5, 0));
    let read = t
        .call(
            &t.peer,
            Method::POST,
            &notifications(&format!("{}/read/", ids[0])),
            Value::Null,
            200,
        )
        .await;
    assert!(read["read_at"].is_string());
    assert_eq!(unread(&t).await, (4, 0));
    assert_eq!(inbox(&t, &t.peer, "read=true").await.len(), 1);
    assert_eq!(inbox(&t, &t.peer, "read=false").await.len(), 4);
    let again = t
        .call(
            &t.peer,
            Method::POST,
            &notifications(&format!("{}/read/", ids[0])),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(
        again["read_at"], read["read_at"],
        "reading twice keeps the first time"
    );
    let unread_again = t
        .call(
            &t.peer,
            Method::DELETE,
            &notifications(&format!("{}/read/", ids[0])),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(unread_again["read_at"], Value::Null);
    assert_eq!(unread(&t).await, (5, 0));

    let marked = t
        .call(
            &t.peer,
            Method::POST,
            &notifications("mark-all-read/"),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(marked["marked"], 5);
    assert_eq!(unread(&t).await, (0, 0));
    assert_eq!(inbox(&t, &t.peer, "read=false").await.len(), 0);
    // Each change was announced to the receiver on the event log.
    let one = crate::team::events(&t.app, &ids[0]).await;
    assert_eq!(
        one,
        [
            "notify.notification.created",
            "notify.notification.updated",
            "notify.notification.updated",
            "notify.notification.updated",
        ],
        "created, read, unread, read by mark-all (the second read changed nothing)"
    );
}

#[tokio::test]
async fn archive_and_snooze_move_notifications_out_of_the_default_list() {
    let mut t = team(json!({})).await;
    let ids = five(&t).await;
    let archived = t
        .call(
            &t.peer,
            Method::POST,
            &notifications(&format!("{}/archive/", ids[1])),
            Value::Null,
            200,
        )
        .await;
    assert!(archived["archived_at"].is_string());
    assert_eq!(inbox(&t, &t.peer, "").await.len(), 4);
    let only = inbox(&t, &t.peer, "archived=true").await;
    assert_eq!(only.len(), 1);
    assert_eq!(only[0]["id"], ids[1].as_str());
    assert_eq!(unread(&t).await, (4, 0));

    let later = t.app.clock_now() + chrono::Duration::hours(3);
    let snoozed = t
        .call(
            &t.peer,
            Method::PATCH,
            &notifications(&format!("{}/", ids[2])),
            json!({ "snoozed_till": later.to_rfc3339() }),
            200,
        )
        .await;
    assert_eq!(
        snoozed["snoozed_till"]
            .as_str()
            .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok()),
        Some(later.into())
    );
    assert_eq!(inbox(&t, &t.peer, "").await.len(), 3);
    let sleeping = inbox(&t, &t.peer, "snoozed=true").await;
    assert_eq!(messages(&sleeping), ["owner assigned you to WEB-3"]);
    assert_eq!(unread(&t).await, (3, 0));
    // Time passes: the snoozed one is back.
    t.app.clock.advance(chrono::Duration::hours(4));
    // Access tokens expired meanwhile: sign in again.
    t.peer = t.app.sign_in(&t.peer).await;
    assert_eq!(inbox(&t, &t.peer, "").await.len(), 4);
    assert!(inbox(&t, &t.peer, "snoozed=true").await.is_empty());
    assert_eq!(unread(&t).await, (4, 0));

    // Snooze again, then wake it at once with null; restore the archived one.
    let later = t.app.clock_now() + chrono::Duration::days(1);
    t.call(
        &t.peer,
        Method::PATCH,
        &notifications(&format!("{}/", ids[2])),
        json!({ "snoozed_till": later.to_rfc3339() }),
        200,
    )
    .await;
    assert_eq!(inbox(&t, &t.peer, "").await.len(), 3);
    let woken = t
        .call(
            &t.peer,
            Method::PATCH,
            &notifications(&format!("{}/", ids[2])),
            json!({ "snoozed_till": null }),
            200,
        )
        .await;
    assert_eq!(woken["snoozed_till"], Value::Null);
    t.call(
        &t.peer,
        Method::DELETE,
        &notifications(&format!("{}/archive/", ids[1])),
        Value::Null,
        200,
    )
    .await;
    assert_eq!(inbox(&t, &t.peer, "").await.len(), 5);
}

#[tokio::test]
async fn another_person_s_notification_is_not_found() {
    let t = team(json!({})).await;
    let ids = five(&t).await;
    let theirs = &ids[0];
    for (method, rest, body) in [
        (Method::GET, format!("{theirs}/"), Value::Null),
        (
            Method::PATCH,
            format!("{theirs}/"),
            json!({ "snoozed_till": null }),
        ),
        (Method::POST, format!("{theirs}/read/"), Value::Null),
        (Method::DELETE, format!("{theirs}/read/"), Value::Null),
        (Method::POST, format!("{theirs}/archive/"), Value::Null),
        (Method::DELETE, format!("{theirs}/archive/"), Value::Null),
    ] {
        let refused = t
            .call(&t.member, method.clone(), &notifications(&rest), body, 404)
            .await;
        assert_eq!(refused["code"], "notification_not_found", "{method} {rest}");
    }
    // Another tenant does not even find the workspace.
    t.call(
        &t.stranger,
        Method::GET,
        &notifications(&format!("{theirs}/")),
        Value::Null,
        404,
    )
    .await;
    // Marking all read as someone else leaves the peer's alone.
    let marked = t
        .call(
            &t.member,
            Method::POST,
            &notifications("mark-all-read/"),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(marked["marked"], 0);
    assert_eq!(unread(&t).await, (5, 0));
    let own = t
        .call(
            &t.peer,
            Method::GET,
            &notifications(&format!("{theirs}/")),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(own["id"], theirs.as_str());
}

#[tokio::test]
async fn bad_input_is_a_400_naming_the_field() {
    let t = team(json!({})).await;
    let ids = five(&t).await;
    for (query, field) in [
        ("read=maybe", "read"),
        ("archived=2", "archived"),
        ("snoozed=yes", "snoozed"),
    ] {
        let refused = t
            .call(
                &t.peer,
                Method::GET,
                &notifications(&format!("?{query}")),
                Value::Null,
                400,
            )
            .await;
        assert!(refused["fields"][field].is_array(), "{query}: {refused}");
    }
    let refused = t
        .call(
            &t.peer,
            Method::GET,
            &notifications("?per_page=0"),
            Value::Null,
            400,
        )
        .await;
    assert_eq!(refused["code"], "invalid_pagination");
    let path = notifications(&format!("{}/", ids[0]));
    let past = (t.app.clock_now() - chrono::Duration::minutes(1)).to_rfc3339();
    for body in [
        json!({ "snoozed_till": past }),
        json!({ "snoozed_till": "tomorrow" }),
        json!({ "snoozed_till": 12 }),
    ] {
        let refused = t
            .call(&t.peer, Method::PATCH, &path, body.clone(), 400)
            .await;
        assert_eq!(refused["code"], "validation_failed", "{body}");
        assert!(
            refused["fields"]["snoozed_till"].is_array(),
            "{body}: {refused}"
        );
    }
    let unchanged = t.call(&t.peer, Method::GET, &path, Value::Null, 200).await;
    assert_eq!(unchanged["snoozed_till"], Value::Null);
    t.call(
        &t.peer,
        Method::GET,
        &notifications("not-a-uuid/"),
        Value::Null,
        404,
    )
    .await;
}
