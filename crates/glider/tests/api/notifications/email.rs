//! Notification e-mails, read back with `glider admin emails` (without SMTP the queue holds
//! them): immediate per the defaults, and one digest after the oldest waited an hour.

use std::{process::Command, time::Duration};

use reqwest::Method;
use serde_json::{Value, json};

use super::{comment, item, wait_for};
use crate::team::{Team, team};

/// The e-mails to `to`, newest first, as the admin CLI lists them. The CLI runs on a blocking
/// thread: the test's runtime also runs the server, which may hold SQLite's write lock in a
/// transaction that must be allowed to finish.
async fn emails_to(t: &Team, to: &str) -> Vec<Value> {
    let url = t.app.database.url().to_owned();
    let output = tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_glider"))
            .args(["admin", "emails", "--json", "--limit", "500"])
            .env("GLIDER_DATABASE_URL", url)
            .env_remove("GLIDER_DATA_DIR")
            .output()
            .expect("run glider admin emails")
    })
    .await
    .unwrap();
    assert!(
        output.status.success(),
        "glider admin emails: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let all: Vec<Value> = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    all.into_iter().filter(|email| email["to"] == to).collect()
}

#[tokio::test]
async fn assignments_are_e_mailed_at_once_by_default_and_comments_are_not() {
    let t = team(json!({})).await;
    let id = item(
        &t,
        &t.owner,
        json!({ "name": "Ship it", "assignees": [t.peer.id] }),
    )
    .await;
    // The e-mail is queued in the transaction that makes the notification.
    wait_for(&t, &t.peer, 1).await;
    let sent = emails_to(&t, "peer@example.com").await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0]["kind"], "notification");
    assert_eq!(sent[0]["subject"], "[WEB-1] owner assigned you to WEB-1");
    let text = sent[0]["text"].as_str().unwrap();
    assert!(
        text.contains(&format!("/acme/projects/{}/issues/{id}", t.project)),
        "{text}"
    );
    comment(&t, &t.owner, &id, "<p>Go</p>").await;
    wait_for(&t, &t.peer, 2).await;
    assert_eq!(
        emails_to(&t, "peer@example.com").await.len(),
        1,
        "comments are not e-mailed by default"
    );
}

#[tokio::test]
async fn digest_mode_sends_one_summary_after_the_oldest_waited_an_hour() {
    let mut t = team(json!({})).await;
    t.call(
        &t.peer,
        Method::PATCH,
        "/api/v1/users/me/notification-preferences/",
        json!({ "assignment": { "email": "digest" } }),
        200,
    )
    .await;
    for name in ["First", "Second"] {
        item(
            &t,
            &t.owner,
            json!({ "name": name, "assignees": [t.peer.id] }),
        )
        .await;
    }
    wait_for(&t, &t.peer, 2).await;
    assert!(
        emails_to(&t, "peer@example.com").await.is_empty(),
        "nothing at once in digest mode"
    );
    t.app.clock.advance(chrono::Duration::minutes(61));
    let mut sent = Vec::new();
    for _ in 0..100 {
        sent = emails_to(&t, "peer@example.com").await;
        if !sent.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(sent.len(), 1, "one digest: {sent:?}");
    assert_eq!(sent[0]["subject"], "2 new notifications in acme");
    let text = sent[0]["text"].as_str().unwrap();
    assert!(
        text.contains("owner assigned you to WEB-1")
            && text.contains("owner assigned you to WEB-2"),
        "{text}"
    );
    // A later assignment waits for the next digest; the two already sent are not sent again.
    // (Access tokens expired with the hour: sign in again.)
    t.owner = t.app.sign_in(&t.owner).await;
    t.peer = t.app.sign_in(&t.peer).await;
    item(
        &t,
        &t.owner,
        json!({ "name": "Third", "assignees": [t.peer.id] }),
    )
    .await;
    wait_for(&t, &t.peer, 3).await;
    t.app.clock.advance(chrono::Duration::minutes(61));
    let mut sent = Vec::new();
    for _ in 0..100 {
        sent = emails_to(&t, "peer@example.com").await;
        if sent.len() > 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert_eq!(sent[0]["subject"], "1 new notification in acme");
    assert!(
        !sent[0]["text"].as_str().unwrap().contains("WEB-1"),
        "{}",
        sent[0]["text"]
    );
}

/// A mention reaches the person's mailbox through a real SMTP server (the aiosmtpd sink).
#[tokio::test]
async fn a_mention_in_a_comment_is_e_mailed_through_smtp() {
    use glider_domain::WorkspaceRole;
    use glider_test_utils::{TestApp, json_of};
    use reqwest::StatusCode;

    let app = TestApp::builder().smtp().spawn().await;
    let ada = app.register("ada@example.com").await;
    app.create_workspace(&ada, "acme").await;
    let bob = app.register("bob@example.com").await;
    app.add_member("acme", &bob, WorkspaceRole::Member).await;
    let project = app.create_project(&ada, "acme", "Web", "WEB").await;
    let base = format!(
        "/api/v1/workspaces/acme/projects/{}/",
        project["id"].as_str().unwrap()
    );
    let joined = app
        .post(
            &ada,
            &format!("{base}project-members/"),
            json!({ "member": bob.id, "role": 15 }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(joined.status(), StatusCode::CREATED);
    let item = json_of(
        app.post(
            &ada,
            &format!("{base}work-items/"),
            json!({ "name": "Launch" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let mention = format!(
        "<p>Over to you <mention-component entity_identifier=\"{}\" \
         entity_name=\"user_mention\"></mention-component></p>",
        bob.id
    );
    let commented = app
        .post(
            &ada,
            &format!(
                "{base}work-items/{}/comments/",
                item["id"].as_str().unwrap()
            ),
            json!({ "comment_html": mention }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(commented.status(), StatusCode::CREATED);
    let mail = app.wait_for_mail("bob@example.com").await;
    assert!(mail.subject.contains("WEB-1"), "{}", mail.subject);
    assert!(mail.subject.contains("mentioned"), "{}", mail.subject);
}
