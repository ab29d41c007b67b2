//! Password reset: an e-mailed single-use link; the new password follows the usual rules and
//! signs every session out.

use glider_test_utils::{TestApp, json_of};
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{listed_emails, query_value};

async fn ask(app: &TestApp, email: &str) -> Value {
    json_of(
        app.client
            .post(app.url("/api/v1/auth/password-reset/"))
            .json(&json!({ "email": email }))
            .send()
            .await
            .unwrap(),
        StatusCode::ACCEPTED,
    )
    .await
}

async fn confirm(app: &TestApp, token: &str, new_password: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/auth/password-reset/confirm/"))
        .json(&json!({ "token": token, "new_password": new_password }))
        .send()
        .await
        .unwrap()
}

async fn login(app: &TestApp, email: &str, password: &str) -> StatusCode {
    app.client
        .post(app.url("/api/v1/auth/login/"))
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn a_reset_link_sets_a_new_password_once_and_signs_everyone_out() {
    let app = TestApp::builder().smtp().spawn().await;
    let ada = app.register("ada@example.com").await;
    ask(&app, "ada@example.com").await;
    let mail = app.wait_for_mail("ada@example.com").await;
    assert_eq!(mail.subject, "Reset your Glider password");
    let token = query_value(&mail.text, "token");
    assert!(mail.html.contains(&token));

    // The change-password rules apply, and a refused password leaves the link usable.
    let weak = json_of(
        confirm(&app, &token, "short").await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(weak["fields"]["new_password"].is_array(), "{weak}");
    let old_session_still_works = app.get(&ada, "/api/v1/auth/me/").send().await.unwrap();
    assert_eq!(old_session_still_works.status(), StatusCode::OK);

    let done = confirm(&app, &token, "a brand new passphrase").await;
    assert_eq!(done.status(), StatusCode::NO_CONTENT);
    let me = app.get(&ada, "/api/v1/auth/me/").send().await.unwrap();
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        login(&app, "ada@example.com", &ada.password).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        login(&app, "ada@example.com", "a brand new passphrase").await,
        StatusCode::OK
    );

    let reused = json_of(
        confirm(&app, &token, "yet another passphrase").await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(reused["fields"]["token"].is_array(), "{reused}");
    assert_eq!(
        login(&app, "ada@example.com", "a brand new passphrase").await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_reset_link_expires() {
    let app = TestApp::builder().smtp().spawn().await;
    let ada = app.register("ada@example.com").await;
    ask(&app, "ada@example.com").await;
    let token = query_value(&app.wait_for_mail("ada@example.com").await.text, "token");
    app.clock.advance(chrono::Duration::minutes(31));
    let late = json_of(
        confirm(&app, &token, "a brand new passphrase").await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(late["fields"]["token"].is_array(), "{late}");
    assert_eq!(
        login(&app, "ada@example.com", &ada.password).await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_unknown_address_gets_the_same_answer_and_nothing_is_queued() {
    let app = TestApp::spawn().await;
    app.register("ada@example.com").await;
    let unknown = ask(&app, "nobody@example.com").await;
    assert!(listed_emails(&app).await.is_empty());
    let known = ask(&app, "ada@example.com").await;
    assert_eq!(unknown, known);
    let listed = listed_emails(&app).await;
    assert_eq!(listed.len(), 1, "{listed:#?}");
    assert_eq!(listed[0]["to"], "ada@example.com");
    assert_eq!(listed[0]["kind"], "password_reset");
    assert_eq!(listed[0]["status"], "held");
}

#[tokio::test]
async fn a_forged_token_is_refused() {
    let app = TestApp::spawn().await;
    let forged = json_of(
        confirm(&app, "not-a-real-token", "a brand new passphrase").await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(forged["fields"]["token"].is_array(), "{forged}");
}
