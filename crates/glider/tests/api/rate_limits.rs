use glider_test_utils::{TestApp, json_of};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn api_tokens_are_limited_per_minute_with_headers() {
    let app = TestApp::builder().api_rate_limit(3).spawn().await;
    let ada = app.register("ada@example.com").await;
    let key = app.create_api_token(&ada).await;
    let call = || {
        app.client
            .get(app.url("/api/v1/users/me/"))
            .header("X-Api-Key", &key)
            .send()
    };
    let mut remaining = Vec::new();
    for _ in 0..3 {
        let response = call().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()["x-ratelimit-limit"], "3");
        assert!(response.headers().contains_key("x-ratelimit-reset"));
        remaining.push(
            response.headers()["x-ratelimit-remaining"]
                .to_str()
                .unwrap()
                .to_owned(),
        );
    }
    assert_eq!(remaining, ["2", "1", "0"]);
    let refused = call().await.unwrap();
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=20).contains(&retry), "retry after {retry}");
    assert_eq!(refused.headers()["x-ratelimit-remaining"], "0");
    let body = json_of(refused, StatusCode::TOO_MANY_REQUESTS).await;
    assert_eq!(body["code"], "rate_limited");
    assert_eq!(body["error_code"], 5900);
    // Another token has its own budget.
    let other = app.create_api_token(&ada).await;
    let response = app
        .client
        .get(app.url("/api/v1/users/me/"))
        .header("X-Api-Key", &other)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_zero_limit_turns_it_off() {
    let app = TestApp::builder().api_rate_limit(0).spawn().await;
    let ada = app.register("ada@example.com").await;
    let key = app.create_api_token(&ada).await;
    for _ in 0..80 {
        let response = app
            .client
            .get(app.url("/api/v1/users/me/"))
            .header("X-Api-Key", &key)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert!(!response.headers().contains_key("x-ratelimit-remaining"));
    }
}

#[tokio::test]
async fn sign_in_is_limited_per_client_ip() {
    let app = TestApp::builder().auth_rate_limit(3).spawn().await;
    let login = || {
        app.client
            .post(app.url("/api/v1/auth/login/"))
            .json(&json!({ "email": "x@example.com", "password": "whatever 1" }))
            .send()
    };
    for _ in 0..3 {
        assert_eq!(login().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    }
    let refused = login().await.unwrap();
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.headers().contains_key("retry-after"));
    // Other endpoints are not limited by it.
    assert_eq!(
        app.client
            .get(app.url("/health"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn sessions_have_their_own_limit() {
    let app = TestApp::builder().session_rate_limit(2).spawn().await;
    let ada = app.register("ada@example.com").await;
    assert_eq!(
        app.get(&ada, "/api/v1/auth/me/")
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        app.get(&ada, "/api/v1/auth/me/")
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        app.get(&ada, "/api/v1/auth/me/")
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}
