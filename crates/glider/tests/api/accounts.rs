use chrono::Duration;
use glider_test_utils::{TestApp, json_of};
use reqwest::StatusCode;
use serde_json::json;

async fn login(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/auth/login/"))
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn register_login_and_me() {
    let app = TestApp::spawn().await;
    let ada = app.register("Ada@Example.com").await;
    let body = json_of(
        login(&app, "ada@example.com", &ada.password).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["user"]["email"], "ada@example.com");
    assert_eq!(body["user"]["display_name"], "ada");
    let me = json_of(
        app.get(&ada, "/api/v1/auth/me/").send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(me["id"], ada.id.to_string());
    let plane = json_of(
        app.get(&ada, "/api/v1/users/me/").send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    for key in [
        "id",
        "first_name",
        "last_name",
        "email",
        "avatar",
        "avatar_url",
        "display_name",
    ] {
        assert!(plane.get(key).is_some(), "users/me lacks {key}: {plane}");
    }
}

#[tokio::test]
async fn registration_validates_and_refuses_duplicates() {
    let app = TestApp::spawn().await;
    let register = |body: serde_json::Value| {
        app.client
            .post(app.url("/api/v1/auth/register/"))
            .json(&body)
            .send()
    };
    let body = json_of(
        register(json!({ "email": "not-an-email", "password": "short" }))
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body["code"], "validation_failed");
    assert!(body["fields"]["email"].is_array(), "{body}");
    assert!(
        body["fields"]["password"][0]
            .as_str()
            .unwrap()
            .contains("at least 8"),
        "{body}"
    );
    let body = json_of(
        register(json!({ "email": "a@example.com", "password": "password" }))
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(
        body["fields"]["password"][0]
            .as_str()
            .unwrap()
            .contains("common")
    );
    let body = json_of(
        register(json!({ "email": 42, "password": "x" }))
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(
        body["fields"]["email"].is_array(),
        "wrong type names the field: {body}"
    );
    app.register("b@example.com").await;
    let body = json_of(
        register(json!({ "email": "B@example.com", "password": "another good one" }))
            .await
            .unwrap(),
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(
        body["fields"]["email"][0],
        "An account with this e-mail already exists."
    );
}

#[tokio::test]
async fn refresh_rotates_and_reuse_revokes_the_family() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    let refresh = |token: String| {
        app.client
            .post(app.url("/api/v1/auth/refresh/"))
            .json(&json!({ "refresh_token": token }))
            .send()
    };
    let first = json_of(
        refresh(ada.refresh_token.clone()).await.unwrap(),
        StatusCode::OK,
    )
    .await;
    let second_refresh = first["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(second_refresh, ada.refresh_token);
    let new_access = first["access_token"].as_str().unwrap().to_owned();
    let me = app
        .client
        .get(app.url("/api/v1/auth/me/"))
        .bearer_auth(&new_access)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::OK);

    // The first token again: reuse. The whole session is revoked.
    let body = json_of(
        refresh(ada.refresh_token.clone()).await.unwrap(),
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(body["code"], "refresh_token_reused");
    let body = json_of(
        refresh(second_refresh).await.unwrap(),
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(body["code"], "invalid_token");
    let me = app
        .client
        .get(app.url("/api/v1/auth/me/"))
        .bearer_auth(&new_access)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED);
    // Other sessions are unaffected.
    let other = json_of(
        login(&app, "ada@example.com", &ada.password).await,
        StatusCode::OK,
    )
    .await;
    let me = app
        .client
        .get(app.url("/api/v1/auth/me/"))
        .bearer_auth(other["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::OK);
}

#[tokio::test]
async fn logout_revokes_access_and_refresh_tokens() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    let response = app
        .post(&ada, "/api/v1/auth/logout/", json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let body = json_of(
        app.get(&ada, "/api/v1/auth/me/").send().await.unwrap(),
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(body["code"], "session_revoked");
    let response = app
        .client
        .post(app.url("/api/v1/auth/refresh/"))
        .json(&json!({ "refresh_token": ada.refresh_token }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn forged_and_expired_access_tokens_are_refused() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    let mut forged = ada.access_token.clone();
    forged.push('x');
    let response = app
        .client
        .get(app.url("/api/v1/auth/me/"))
        .bearer_auth(forged)
        .send()
        .await
        .unwrap();
    assert_eq!(
        json_of(response, StatusCode::UNAUTHORIZED).await["code"],
        "invalid_token"
    );
    app.clock.advance(Duration::minutes(16));
    let response = app.get(&ada, "/api/v1/auth/me/").send().await.unwrap();
    assert_eq!(
        json_of(response, StatusCode::UNAUTHORIZED).await["code"],
        "invalid_token"
    );
    let missing = app
        .client
        .get(app.url("/api/v1/auth/me/"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        json_of(missing, StatusCode::UNAUTHORIZED).await["code"],
        "not_authenticated"
    );
}

#[tokio::test]
async fn five_failures_lock_the_account_until_the_window_passes() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    for attempt in 1..=4 {
        let body = json_of(
            login(&app, "ada@example.com", "wrong password").await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
        assert_eq!(body["code"], "invalid_credentials", "attempt {attempt}");
    }
    let fifth = login(&app, "ada@example.com", "wrong password").await;
    assert_eq!(fifth.status(), StatusCode::LOCKED);
    let retry: i64 = fifth.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((890..=900).contains(&retry), "retry after {retry}");
    let body = json_of(fifth, StatusCode::LOCKED).await;
    assert_eq!(body["code"], "account_locked");
    assert!(body["locked_until"].is_string());
    // Even the right password is refused while locked.
    assert_eq!(
        login(&app, "ada@example.com", &ada.password).await.status(),
        StatusCode::LOCKED
    );
    app.clock.advance(Duration::minutes(14));
    assert_eq!(
        login(&app, "ada@example.com", &ada.password).await.status(),
        StatusCode::LOCKED
    );
    app.clock.advance(Duration::minutes(2));
    assert_eq!(
        login(&app, "ada@example.com", &ada.password).await.status(),
        StatusCode::OK
    );
    // The count starts afresh: one failure does not lock again.
    assert_eq!(
        login(&app, "ada@example.com", "nope nope").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        login(&app, "ada@example.com", &ada.password).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn unknown_email_and_wrong_password_look_the_same() {
    let app = TestApp::spawn().await;
    app.register("ada@example.com").await;
    let unknown = json_of(
        login(&app, "nobody@example.com", "whatever pass").await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let wrong = json_of(
        login(&app, "ada@example.com", "whatever pass").await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(unknown, wrong);
}

#[tokio::test]
async fn change_password_signs_out_other_sessions() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    let other = json_of(
        login(&app, "ada@example.com", &ada.password).await,
        StatusCode::OK,
    )
    .await;
    let wrong = app
        .post(
            &ada,
            "/api/v1/auth/change-password/",
            json!({ "old_password": "nope nope", "new_password": "a new secret 1" }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        json_of(wrong, StatusCode::BAD_REQUEST).await["fields"]["old_password"][0],
        "The current password is not correct."
    );
    let weak = app
        .post(
            &ada,
            "/api/v1/auth/change-password/",
            json!({ "old_password": ada.password, "new_password": "short" }),
        )
        .send()
        .await
        .unwrap();
    assert!(json_of(weak, StatusCode::BAD_REQUEST).await["fields"]["new_password"].is_array());
    let ok = app
        .post(
            &ada,
            "/api/v1/auth/change-password/",
            json!({ "old_password": ada.password, "new_password": "a new secret 1" }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.get(&ada, "/api/v1/auth/me/")
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    let old_session = app
        .client
        .get(app.url("/api/v1/auth/me/"))
        .bearer_auth(other["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(old_session.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        login(&app, "ada@example.com", "a new secret 1")
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn api_tokens_are_shown_once_listed_and_revocable() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    let created = json_of(
        app.post(
            &ada,
            "/api/v1/users/me/api-tokens/",
            json!({ "name": "ci" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let secret = created["token"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("glider_api_"));
    let list = json_of(
        app.get(&ada, "/api/v1/users/me/api-tokens/")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert!(list[0].get("token").is_none(), "secret never listed");
    assert_eq!(list[0]["hint"], secret[secret.len() - 4..]);
    let me = app
        .client
        .get(app.url("/api/v1/users/me/"))
        .header("X-Api-Key", &secret)
        .send()
        .await
        .unwrap();
    assert_eq!(
        json_of(me, StatusCode::OK).await["email"],
        "ada@example.com"
    );
    let list = json_of(
        app.get(&ada, "/api/v1/users/me/api-tokens/")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert!(list[0]["last_used_at"].is_string(), "use is recorded");

    // Another user cannot revoke it.
    let bob = app.register("bob@example.com").await;
    let path = format!(
        "/api/v1/users/me/api-tokens/{}/",
        created["id"].as_str().unwrap()
    );
    assert_eq!(
        app.delete(&bob, &path).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.delete(&ada, &path).send().await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    let me = app
        .client
        .get(app.url("/api/v1/users/me/"))
        .header("X-Api-Key", &secret)
        .send()
        .await
        .unwrap();
    let body = json_of(me, StatusCode::FORBIDDEN).await;
    assert_eq!(body["detail"], "Given API token is not valid");
}

#[tokio::test]
async fn expired_api_tokens_stop_working() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    let expires = (app.clock_now() + Duration::days(1)).to_rfc3339();
    let created = json_of(
        app.post(
            &ada,
            "/api/v1/users/me/api-tokens/",
            json!({ "expires_at": expires }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let secret = created["token"].as_str().unwrap();
    let ok = app
        .client
        .get(app.url("/api/v1/users/me/"))
        .header("X-Api-Key", secret)
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
    app.clock.advance(Duration::days(2));
    let expired = app
        .client
        .get(app.url("/api/v1/users/me/"))
        .header("X-Api-Key", secret)
        .send()
        .await
        .unwrap();
    assert_eq!(expired.status(), StatusCode::FORBIDDEN);
    let ada = app.sign_in(&ada).await;
    let past = (app.clock_now() - Duration::days(1)).to_rfc3339();
    let body = json_of(
        app.post(
            &ada,
            "/api/v1/users/me/api-tokens/",
            json!({ "expires_at": past }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(body["fields"]["expires_at"].is_array());
}

#[tokio::test]
async fn browser_sessions_use_an_http_only_cookie_and_csrf() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    let response = app
        .client
        .post(app.url("/api/v1/auth/session/"))
        .json(&json!({ "email": ada.email, "password": ada.password }))
        .send()
        .await
        .unwrap();
    let cookies: Vec<String> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    let session = cookies
        .iter()
        .find(|c| c.starts_with("glider_session="))
        .expect("session cookie");
    assert!(
        session.contains("HttpOnly") && session.contains("SameSite=Lax"),
        "{session}"
    );
    let body = json_of(response, StatusCode::OK).await;
    let csrf = body["csrf_token"].as_str().unwrap().to_owned();
    let cookie = session.split(';').next().unwrap().to_owned();

    let me = app
        .client
        .get(app.url("/api/v1/auth/me/"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::OK);
    // A change without the CSRF header is refused; with it, allowed.
    let create = |with_csrf: bool| {
        let mut request = app
            .client
            .post(app.url("/api/v1/workspaces/"))
            .header("cookie", &cookie)
            .json(&json!({ "slug": if with_csrf { "yes" } else { "no" } }));
        if with_csrf {
            request = request.header("x-csrf-token", &csrf);
        }
        request.send()
    };
    assert_eq!(
        json_of(create(false).await.unwrap(), StatusCode::FORBIDDEN).await["code"],
        "csrf_failed"
    );
    assert_eq!(create(true).await.unwrap().status(), StatusCode::CREATED);
    // Signing out revokes the cookie server-side.
    let out = app
        .client
        .delete(app.url("/api/v1/auth/session/"))
        .header("cookie", &cookie)
        .header("x-csrf-token", &csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    let me = app
        .client
        .get(app.url("/api/v1/auth/me/"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn profile_updates_are_validated() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    let body = json_of(
        app.patch(
            &ada,
            "/api/v1/auth/me/",
            json!({ "first_name": "Ada", "timezone": "Europe/London" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(body["first_name"], "Ada");
    assert_eq!(body["timezone"], "Europe/London");
    let body = json_of(
        app.patch(
            &ada,
            "/api/v1/auth/me/",
            json!({ "timezone": "Mars/Olympus" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(body["fields"]["timezone"].is_array());
    let body = json_of(
        app.patch(
            &ada,
            "/api/v1/auth/me/",
            json!({ "display_name": "x".repeat(300) }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(
        body["fields"]["display_name"][0]
            .as_str()
            .unwrap()
            .contains("255")
    );
}
