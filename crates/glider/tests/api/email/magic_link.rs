//! Magic-link sign-in: a code or a link, single use, ten minutes, five wrong guesses.

use glider_test_utils::{ReceivedMail, TestApp, json_of};
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{listed_emails, query_value};

async fn ask(app: &TestApp, email: &str) -> Value {
    json_of(
        app.client
            .post(app.url("/api/v1/auth/magic-link/"))
            .json(&json!({ "email": email }))
            .send()
            .await
            .unwrap(),
        StatusCode::ACCEPTED,
    )
    .await
}

async fn verify(app: &TestApp, body: Value) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/auth/magic-link/verify/"))
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// The six digits in the e-mail, checked to be the same in the subject, text and HTML.
fn code_of(mail: &ReceivedMail) -> String {
    let code: String = mail
        .subject
        .rsplit(' ')
        .next()
        .unwrap()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    assert_eq!(code.len(), 6, "{}", mail.subject);
    assert!(mail.text.contains(&code) && mail.html.contains(&code));
    code
}

/// Asserts a refusal naming `field`.
async fn assert_refused(response: reqwest::Response, field: &str) {
    let body = json_of(response, StatusCode::BAD_REQUEST).await;
    assert_eq!(body["code"], "validation_failed", "{body}");
    assert!(body["fields"][field].is_array(), "{body}");
}

/// The session cookie of a sign-in response, after checking it signs in as `email`.
async fn assert_signed_in(app: &TestApp, response: reqwest::Response, email: &str) {
    let cookies: Vec<String> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    let body = json_of(response, StatusCode::OK).await;
    assert_eq!(body["user"]["email"], email);
    assert!(body["csrf_token"].is_string());
    let session = cookies
        .iter()
        .find(|c| c.starts_with("glider_session="))
        .expect("session cookie");
    assert!(session.contains("HttpOnly"), "{session}");
    let me = app
        .client
        .get(app.url("/api/v1/auth/me/"))
        .header("cookie", session.split(';').next().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(me, StatusCode::OK).await["email"], email);
}

#[tokio::test]
async fn a_code_signs_in_once_and_a_link_once() {
    let app = TestApp::builder().smtp().spawn().await;
    app.register("ada@example.com").await;

    ask(&app, "Ada@Example.com").await;
    let mail = app.wait_for_mail("ada@example.com").await;
    let code = code_of(&mail);
    let signed_in = verify(&app, json!({ "email": "ada@example.com", "code": code })).await;
    assert_signed_in(&app, signed_in, "ada@example.com").await;
    let again = verify(&app, json!({ "email": "ada@example.com", "code": code })).await;
    assert_refused(again, "code").await;

    // A second request: its link works once, and the code sent with it dies with it.
    ask(&app, "ada@example.com").await;
    let second = app.smtp_sink().wait_for_count("ada@example.com", 2).await;
    let mail = &second[1];
    let token = query_value(&mail.text, "token");
    assert!(mail.html.contains(&token));
    let by_link = verify(&app, json!({ "token": token })).await;
    assert_signed_in(&app, by_link, "ada@example.com").await;
    assert_refused(verify(&app, json!({ "token": token })).await, "token").await;
    let code = code_of(mail);
    let code_after_link = verify(&app, json!({ "email": "ada@example.com", "code": code })).await;
    assert_refused(code_after_link, "code").await;
}

#[tokio::test]
async fn a_new_request_retires_the_code_sent_before() {
    let app = TestApp::builder().smtp().spawn().await;
    app.register("ada@example.com").await;
    ask(&app, "ada@example.com").await;
    let first = code_of(&app.wait_for_mail("ada@example.com").await);
    ask(&app, "ada@example.com").await;
    let mails = app.smtp_sink().wait_for_count("ada@example.com", 2).await;
    let second = code_of(&mails[1]);
    if first != second {
        let old = verify(&app, json!({ "email": "ada@example.com", "code": first })).await;
        assert_refused(old, "code").await;
    }
    let new = verify(&app, json!({ "email": "ada@example.com", "code": second })).await;
    assert_signed_in(&app, new, "ada@example.com").await;
}

#[tokio::test]
async fn a_code_expires_after_ten_minutes() {
    let app = TestApp::builder().smtp().spawn().await;
    app.register("ada@example.com").await;
    ask(&app, "ada@example.com").await;
    let mail = app.wait_for_mail("ada@example.com").await;
    let code = code_of(&mail);
    let token = query_value(&mail.text, "token");
    app.clock
        .advance(chrono::Duration::minutes(10) + chrono::Duration::seconds(1));
    let late = verify(&app, json!({ "email": "ada@example.com", "code": code })).await;
    assert_refused(late, "code").await;
    assert_refused(verify(&app, json!({ "token": token })).await, "token").await;
}

#[tokio::test]
async fn five_wrong_codes_void_the_code_and_its_link() {
    let app = TestApp::builder().smtp().spawn().await;
    app.register("ada@example.com").await;
    ask(&app, "ada@example.com").await;
    let mail = app.wait_for_mail("ada@example.com").await;
    let code = code_of(&mail);
    let wrong: Vec<String> = (0..1_000_000u32)
        .map(|n| format!("{n:06}"))
        .filter(|guess| *guess != code)
        .take(5)
        .collect();
    for guess in &wrong {
        let refused = verify(&app, json!({ "email": "ada@example.com", "code": guess })).await;
        assert_refused(refused, "code").await;
    }
    let right_too_late = verify(&app, json!({ "email": "ada@example.com", "code": code })).await;
    assert_refused(right_too_late, "code").await;
    let token = query_value(&mail.text, "token");
    assert_refused(verify(&app, json!({ "token": token })).await, "token").await;
}

#[tokio::test]
async fn four_wrong_codes_still_leave_the_right_one_working() {
    let app = TestApp::builder().smtp().spawn().await;
    app.register("ada@example.com").await;
    ask(&app, "ada@example.com").await;
    let code = code_of(&app.wait_for_mail("ada@example.com").await);
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..4 {
        let refused = verify(&app, json!({ "email": "ada@example.com", "code": wrong })).await;
        assert_refused(refused, "code").await;
    }
    let right = verify(&app, json!({ "email": "ada@example.com", "code": code })).await;
    assert_signed_in(&app, right, "ada@example.com").await;
}

#[tokio::test]
async fn an_unknown_address_gets_the_same_answer_and_no_email() {
    let app = TestApp::builder().smtp().spawn().await;
    app.register("ada@example.com").await;
    let unknown = ask(&app, "nobody@example.com").await;
    // Nothing was queued: the answer came after the transaction that would have queued it.
    assert!(listed_emails(&app).await.is_empty());
    let known = ask(&app, "ada@example.com").await;
    assert_eq!(unknown, known);
    app.wait_for_mail("ada@example.com").await;
    let all = app.smtp_sink().messages();
    assert_eq!(all.len(), 1, "{all:#?}");

    // A code for an unknown address is refused like a wrong one.
    let refused = verify(
        &app,
        json!({ "email": "nobody@example.com", "code": "123456" }),
    )
    .await;
    assert_refused(refused, "code").await;
}

#[tokio::test]
async fn bad_input_names_the_field() {
    let app = TestApp::builder().smtp().spawn().await;
    let not_an_email = app
        .client
        .post(app.url("/api/v1/auth/magic-link/"))
        .json(&json!({ "email": "not an email" }))
        .send()
        .await
        .unwrap();
    assert_refused(not_an_email, "email").await;
    let missing = app
        .client
        .post(app.url("/api/v1/auth/magic-link/"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_refused(missing, "email").await;
    assert_refused(
        verify(&app, json!({ "email": "ada@example.com" })).await,
        "code",
    )
    .await;
    assert_refused(verify(&app, json!({ "code": "123456" })).await, "email").await;
    assert_refused(verify(&app, json!({ "token": "forged" })).await, "token").await;
    let wrong_type = verify(&app, json!({ "email": "ada@example.com", "code": 123456 })).await;
    assert_refused(wrong_type, "code").await;
}

#[tokio::test]
async fn asking_is_rate_limited_like_sign_in() {
    let app = TestApp::builder().auth_rate_limit(2).spawn().await;
    for _ in 0..2 {
        ask(&app, "nobody@example.com").await;
    }
    let refused = app
        .client
        .post(app.url("/api/v1/auth/magic-link/"))
        .json(&json!({ "email": "nobody@example.com" }))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
}
