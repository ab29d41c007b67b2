//! Preferences per kind: defaults, changes, in-app off means no notification, bad input.

use reqwest::Method;
use serde_json::{Value, json};

use super::{comment, inbox, item, messages, wait_for};
use crate::team::team;

const PATH: &str = "/api/v1/users/me/notification-preferences/";

#[tokio::test]
async fn defaults_and_partial_changes() {
    let t = team(json!({})).await;
    let defaults = t.call(&t.peer, Method::GET, PATH, Value::Null, 200).await;
    assert_eq!(
        defaults,
        json!({
            "state_change": { "in_app": true, "email": "off" },
            "assignment": { "in_app": true, "email": "immediate" },
            "comment": { "in_app": true, "email": "off" },
            "mention": { "in_app": true, "email": "immediate" },
            "property_change": { "in_app": true, "email": "off" },
        })
    );
    let changed = t
        .call(
            &t.peer,
            Method::PATCH,
            PATH,
            // A bare boolean is Plane's e-mail toggle.
            json!({ "comment": { "in_app": false }, "mention": { "email": "digest" }, "state_change": true }),
            200,
        )
        .await;
    assert_eq!(
        changed["comment"],
        json!({ "in_app": false, "email": "off" })
    );
    assert_eq!(
        changed["mention"],
        json!({ "in_app": true, "email": "digest" })
    );
    assert_eq!(
        changed["state_change"],
        json!({ "in_app": true, "email": "immediate" })
    );
    assert_eq!(
        t.call(&t.peer, Method::GET, PATH, Value::Null, 200).await,
        changed
    );
    // Someone else's preferences are their own.
    assert_eq!(
        t.call(&t.member, Method::GET, PATH, Value::Null, 200).await,
        defaults
    );
    t.app
        .client
        .get(t.app.url(PATH))
        .send()
        .await
        .map(|response| assert_eq!(response.status(), 401))
        .unwrap();
}

#[tokio::test]
async fn bad_input_names_the_field_and_saves_nothing() {
    let t = team(json!({})).await;
    for (body, field) in [
        (json!({ "colour": { "in_app": false } }), "colour"),
        (json!({ "mention": { "email": "weekly" } }), "mention.email"),
        (json!({ "mention": { "email": true } }), "mention.email"),
        (json!({ "mention": { "in_app": "yes" } }), "mention.in_app"),
        (json!({ "mention": { "sms": true } }), "mention.sms"),
        (json!({ "mention": 3 }), "mention"),
        // One bad field refuses the whole change, the good one included.
        (
            json!({ "comment": { "in_app": false }, "assignment": { "email": "never" } }),
            "assignment.email",
        ),
    ] {
        let refused = t
            .call(&t.peer, Method::PATCH, PATH, body.clone(), 400)
            .await;
        assert_eq!(refused["code"], "validation_failed", "{body}");
        assert!(refused["fields"][field].is_array(), "{body}: {refused}");
    }
    let now = t.call(&t.peer, Method::GET, PATH, Value::Null, 200).await;
    assert_eq!(now["comment"]["in_app"], true, "nothing was saved");
    let refused = t
        .call(&t.peer, Method::PATCH, PATH, json!(["comment"]), 400)
        .await;
    assert!(
        refused["fields"]["non_field_errors"].is_array(),
        "{refused}"
    );
}

#[tokio::test]
async fn a_kind_turned_off_in_the_app_makes_no_notification() {
    let t = team(json!({})).await;
    t.call(
        &t.peer,
        Method::PATCH,
        PATH,
        json!({ "assignment": { "in_app": false } }),
        200,
    )
    .await;
    let id = item(
        &t,
        &t.owner,
        json!({ "name": "Quiet", "assignees": [t.peer.id, t.member.id] }),
    )
    .await;
    // The member was told of the same event: the peer's turn has passed.
    wait_for(&t, &t.member, 1).await;
    assert!(inbox(&t, &t.peer, "").await.is_empty());
    // Other kinds still reach the peer.
    comment(&t, &t.owner, &id, "<p>Started</p>").await;
    let told = wait_for(&t, &t.peer, 1).await;
    assert_eq!(messages(&told), ["owner commented on WEB-1"]);
}
