//! Notifications through the public surface: who is told, the inbox, preferences, e-mail.
//!
//! Notifications are made asynchronously by the event consumer, so tests poll the API (every
//! 50 ms, for at most 10 s). To show that someone was *not* told, a test waits for a
//! notification of someone else made from the same event, or from a later one: the consumer
//! handles events in log order, one transaction per batch, so once that one is visible the
//! earlier events are done.

mod email;
mod inbox;
mod preferences;
mod who;

use std::time::Duration;

use glider_test_utils::TestUser;
use reqwest::Method;
use serde_json::{Value, json};

use crate::team::Team;

/// `/api/v1/workspaces/acme/notifications/` + `rest`.
pub fn notifications(rest: &str) -> String {
    format!("/api/v1/workspaces/acme/notifications/{rest}")
}

/// A Plane user mention of `user`, as the editor writes it.
pub fn mention(user: &TestUser) -> String {
    format!(
        r#"<mention-component entity_identifier="{}" entity_name="user_mention"></mention-component>"#,
        user.id
    )
}

/// The user's notifications in `acme` (default filters plus `query`), all on one page.
pub async fn inbox(t: &Team, user: &TestUser, query: &str) -> Vec<Value> {
    let page = t
        .call(
            user,
            Method::GET,
            &notifications(&format!("?per_page=1000&{query}")),
            Value::Null,
            200,
        )
        .await;
    page["results"].as_array().unwrap().clone()
}

/// Polls the user's inbox until it holds at least `count` notifications; returns them
/// (newest first). Fails after 10 s.
pub async fn wait_for(t: &Team, user: &TestUser, count: usize) -> Vec<Value> {
    let mut found = Vec::new();
    for _ in 0..200 {
        found = inbox(t, user, "").await;
        if found.len() >= count {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        found.len() >= count,
        "{} never had {count} notifications; has {found:?}",
        user.email
    );
    found
}

/// The messages of a list of notifications, newest first.
pub fn messages(list: &[Value]) -> Vec<String> {
    list.iter()
        .map(|n| n["message"].as_str().unwrap().to_owned())
        .collect()
}

/// Creates a work item as `user`; returns its id.
pub async fn item(t: &Team, user: &TestUser, body: Value) -> String {
    t.item(user, body).await
}

/// Changes a work item as `user`.
pub async fn patch_item(t: &Team, user: &TestUser, id: &str, body: Value) -> Value {
    t.call(
        user,
        Method::PATCH,
        &t.path(&format!("/work-items/{id}/")),
        body,
        200,
    )
    .await
}

/// Comments on a work item as `user`; returns the comment.
pub async fn comment(t: &Team, user: &TestUser, id: &str, html: &str) -> Value {
    t.call(
        user,
        Method::POST,
        &t.path(&format!("/work-items/{id}/comments/")),
        json!({ "comment_html": html }),
        201,
    )
    .await
}
