use glider_test_utils::{TestApp, json_of};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn health_ready_and_metrics() {
    let app = TestApp::spawn().await;
    let health = json_of(
        app.client.get(app.url("/health")).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(health["status"], "ok");
    let ready = json_of(
        app.client.get(app.url("/ready")).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(ready["status"], "ready");
    let response = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await.unwrap();
    assert!(text.contains("http_requests_total"), "{text}");
    assert!(text.contains("route=\"/ready\""), "{text}");
    assert!(text.contains("http_request_duration_seconds"), "{text}");
    assert!(text.contains("db_pool_connections"), "{text}");
}

#[tokio::test]
async fn responses_carry_a_request_id() {
    let app = TestApp::spawn().await;
    let response = app.client.get(app.url("/health")).send().await.unwrap();
    assert!(response.headers().contains_key("x-request-id"));
    let response = app
        .client
        .get(app.url("/health"))
        .header("x-request-id", "abc-123")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["x-request-id"], "abc-123");
}

#[tokio::test]
async fn slashless_api_paths_redirect_and_unknown_routes_are_json_404s() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .get(app.url("/api/v1/users/me?x=1"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::MOVED_PERMANENTLY);
    assert_eq!(response.headers()["location"], "/api/v1/users/me/?x=1");
    let body = json_of(
        app.client
            .get(app.url("/api/v1/nothing/here/"))
            .send()
            .await
            .unwrap(),
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(body["code"], "route_not_found");
    assert_eq!(body["error"], "Page not found.");
    let body = json_of(
        app.client
            .put(app.url("/api/v1/users/me/"))
            .send()
            .await
            .unwrap(),
        StatusCode::METHOD_NOT_ALLOWED,
    )
    .await;
    assert_eq!(body["code"], "method_not_allowed");
}

#[tokio::test]
async fn malformed_bodies_get_clear_errors_and_the_server_keeps_serving() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    let send = |body: &'static str| {
        app.client
            .post(app.url("/api/v1/workspaces/"))
            .bearer_auth(&ada.access_token)
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    assert_eq!(
        json_of(send("{not json").await.unwrap(), StatusCode::BAD_REQUEST).await["code"],
        "malformed_json"
    );
    assert_eq!(
        json_of(send("[1,2]").await.unwrap(), StatusCode::BAD_REQUEST).await["code"],
        "validation_failed"
    );
    let body = json_of(
        send(r#"{"slug": 5}"#).await.unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body["fields"]["slug"][0], "Not a valid string.");
    let body = json_of(send("{}").await.unwrap(), StatusCode::BAD_REQUEST).await;
    assert_eq!(body["fields"]["slug"][0], "This field is required.");
    let text = app
        .client
        .post(app.url("/api/v1/workspaces/"))
        .bearer_auth(&ada.access_token)
        .header("content-type", "text/plain")
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(
        json_of(text, StatusCode::UNSUPPORTED_MEDIA_TYPE).await["code"],
        "unsupported_media_type"
    );
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
async fn oversized_bodies_are_refused() {
    let app = TestApp::builder().body_limit(1024).spawn().await;
    let ada = app.register("ada@example.com").await;
    let big = json!({ "slug": "x".repeat(4096) });
    let body = json_of(
        app.post(&ada, "/api/v1/workspaces/", big)
            .send()
            .await
            .unwrap(),
        StatusCode::PAYLOAD_TOO_LARGE,
    )
    .await;
    assert_eq!(body["code"], "payload_too_large");
}

#[tokio::test]
async fn cors_allows_only_configured_origins() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .get(app.url("/health"))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert!(
        !response
            .headers()
            .contains_key("access-control-allow-origin")
    );
}

#[tokio::test]
async fn openapi_document_matches_the_snapshot() {
    let app = TestApp::spawn().await;
    let served = json_of(
        app.client
            .get(app.url("/api/v1/openapi.json"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let generated = serde_json::to_value(glider_http::openapi_document()).unwrap();
    assert_eq!(served, generated);
    assert!(served["paths"]["/api/v1/workspaces/{slug}/projects/"]["post"].is_object());
    insta::assert_json_snapshot!("openapi", served);
}

#[tokio::test]
async fn field_errors_also_come_in_plane_shape() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    app.create_workspace(&ada, "acme").await;
    let response = app
        .post(
            &ada,
            "/api/v1/workspaces/acme/projects/",
            json!({ "identifier": "X" }),
        )
        .send()
        .await
        .unwrap();
    let body = json_of(response, StatusCode::BAD_REQUEST).await;
    assert_eq!(body["name"], json!(["This field is required."]));
    assert_eq!(body["fields"]["name"], json!(["This field is required."]));
    assert_eq!(body["code"], "validation_failed");
}

#[test]
fn the_compatibility_doc_lists_every_path_served() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/plane-compatibility.md"
    ))
    .unwrap();
    let document = serde_json::to_value(glider_http::openapi_document()).unwrap();
    let missing: Vec<&String> = document["paths"]
        .as_object()
        .unwrap()
        .keys()
        .filter(|path| !doc.contains(&format!("`{path}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/plane-compatibility.md lacks (run scripts/compat-paths): {missing:?}"
    );
}

#[tokio::test]
async fn instance_says_whether_email_is_sent_without_signing_in() {
    let plain = TestApp::spawn().await;
    let instance = json_of(
        plain
            .client
            .get(plain.url("/api/v1/instance/"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(instance["email_enabled"], false);
    assert_eq!(instance["version"], env!("CARGO_PKG_VERSION"));

    // Nothing needs to listen: the setting alone says e-mail is configured.
    let mailing = TestApp::builder()
        .smtp_url("smtp://127.0.0.1:9")
        .spawn()
        .await;
    let instance = json_of(
        mailing
            .client
            .get(mailing.url("/api/v1/instance/"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(instance["email_enabled"], true);
}
