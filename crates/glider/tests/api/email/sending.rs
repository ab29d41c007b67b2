//! Delivery: invitation e-mails, held e-mails without SMTP, retries when the server is down,
//! and addresses the server refuses.

use glider_test_utils::{SmtpSink, TestApp, free_port, json_of};
use reqwest::StatusCode;
use serde_json::json;

use super::{listed_emails, wait_for_listed};

async fn invite(app: &TestApp, admin: &glider_test_utils::TestUser, email: &str) -> String {
    let created = json_of(
        app.post(
            admin,
            "/api/v1/workspaces/acme/invitations/",
            json!({ "email": email }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    created["invitation_link"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn an_invitation_is_emailed_with_its_link_and_escaped_html() {
    let app = TestApp::builder().smtp().spawn().await;
    let ada = app.register("ada@example.com").await;
    json_of(
        app.post(
            &ada,
            "/api/v1/workspaces/",
            json!({ "slug": "acme", "name": "Acme <R&D>" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let link = invite(&app, &ada, "Bob@Example.com").await;

    let mail = app.wait_for_mail("bob@example.com").await;
    assert_eq!(mail.from, "glider@localhost");
    assert_eq!(mail.to, "bob@example.com");
    assert!(mail.subject.contains("Acme <R&D>"), "{}", mail.subject);
    assert!(
        mail.content_type.starts_with("multipart/alternative"),
        "{}",
        mail.content_type
    );
    assert!(mail.text.contains(&link), "{}", mail.text);
    assert!(
        mail.html.contains(&format!("href=\"{link}\"")),
        "{}",
        mail.html
    );
    assert!(mail.html.contains("Acme &lt;R&amp;D&gt;"), "{}", mail.html);
    assert!(!mail.html.contains("<R&D>"), "{}", mail.html);

    // The e-mailed link is the one that works.
    let token = link.rsplit('/').next().unwrap();
    let bob = app.register("bob@example.com").await;
    let accepted = app
        .post(
            &bob,
            "/api/v1/invitations/accept/",
            json!({ "token": token }),
        )
        .send()
        .await
        .unwrap();
    assert!(accepted.status().is_success(), "{}", accepted.status());
    let sent = wait_for_listed(&app, "bob@example.com", |e| e["status"] == "sent").await;
    assert_eq!(sent["kind"], "invitation");
    assert_eq!(sent["attempts"], 1);
}

#[tokio::test]
async fn without_smtp_emails_are_held_for_the_administrator() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    app.create_workspace(&ada, "acme").await;
    let link = invite(&app, &ada, "bob@example.com").await;

    // Queued in the invitation's transaction: listed as soon as the request answered.
    let listed = listed_emails(&app).await;
    assert_eq!(listed.len(), 1, "{listed:#?}");
    let held = &listed[0];
    assert_eq!(held["to"], "bob@example.com");
    assert_eq!(held["status"], "held");
    assert_eq!(held["kind"], "invitation");
    assert_eq!(held["attempts"], 0);
    assert!(held["text"].as_str().unwrap().contains(&link), "{held}");
}

#[tokio::test]
async fn a_server_that_is_down_is_recorded_and_retried_with_backoff() {
    let port = free_port();
    let app = TestApp::builder()
        .smtp_url(&format!("smtp://127.0.0.1:{port}"))
        .spawn()
        .await;
    let ada = app.register("ada@example.com").await;
    app.create_workspace(&ada, "acme").await;
    invite(&app, &ada, "bob@example.com").await;

    let failed_once = wait_for_listed(&app, "bob@example.com", |e| {
        e["attempts"] == 1 && e["status"] == "queued"
    })
    .await;
    let reason = failed_once["last_error"].as_str().unwrap_or_default();
    assert!(reason.to_lowercase().contains("connect"), "{failed_once}");
    assert!(failed_once["sent_at"].is_null());

    // The server comes up; the retry falls due 30 seconds after the failure.
    let sink = SmtpSink::start_on(port).await;
    app.clock.advance(chrono::Duration::seconds(31));
    let mails = sink.wait_for_count("bob@example.com", 1).await;
    assert!(
        mails[0].subject.contains("invited you"),
        "{}",
        mails[0].subject
    );
    let sent = wait_for_listed(&app, "bob@example.com", |e| e["status"] == "sent").await;
    assert_eq!(sent["attempts"], 2);
}

#[tokio::test]
async fn a_refused_address_fails_at_once_with_the_reason_and_blocks_nothing() {
    let app = TestApp::builder().smtp().spawn().await;
    let ada = app.register("ada@example.com").await;
    app.create_workspace(&ada, "acme").await;
    invite(&app, &ada, "nobody@nowhere.invalid").await;
    invite(&app, &ada, "bob@example.com").await;

    let failed = wait_for_listed(&app, "nobody@nowhere.invalid", |e| e["status"] == "failed").await;
    assert_eq!(failed["attempts"], 1);
    let reason = failed["last_error"].as_str().unwrap_or_default();
    assert!(
        reason.contains("550") && reason.contains("no such domain"),
        "{failed}"
    );
    // The next e-mail goes out regardless.
    app.wait_for_mail("bob@example.com").await;
    assert!(
        app.smtp_sink()
            .messages_to("nobody@nowhere.invalid")
            .is_empty()
    );
}
