//! Avatars: `PUT`/`DELETE /api/v1/users/me/avatar/` and the picture at
//! `/api/v1/users/{user_id}/avatar/{avatar_id}/`, seen only by the user and co-members.

use glider_domain::WorkspaceRole;
use glider_test_utils::{TestApp, TestUser, json_of};
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};

const ME: &str = "/api/v1/users/me/";
const AVATAR: &str = "/api/v1/users/me/avatar/";
const LIMIT: usize = 2 * 1024 * 1024;

/// A 1×1 transparent PNG.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\nIDATx\x9cc\0\x01\0\0\x05\0\x01\r\n-\xb4\0\0\0\0IEND\xaeB`\x82";

/// A JPEG-looking file of `len` bytes: large enough to arrive in several chunks.
fn jpeg(len: usize) -> Vec<u8> {
    let mut bytes = b"\xff\xd8\xff\xe0\0\x10JFIF\0".to_vec();
    bytes.extend((0..len - bytes.len()).map(|i| (i % 251) as u8));
    bytes
}

/// A PNG header followed by padding up to `len` bytes.
fn png_of(len: usize) -> Vec<u8> {
    let mut bytes = PNG.to_vec();
    bytes.resize(len, 0);
    bytes
}

async fn put(app: &TestApp, user: &TestUser, bytes: Vec<u8>, content_type: &str) -> Response {
    app.as_user(user, reqwest::Method::PUT, AVATAR)
        .header("content-type", content_type)
        .body(bytes)
        .send()
        .await
        .unwrap()
}

async fn set(app: &TestApp, user: &TestUser, bytes: &[u8]) -> String {
    let body = json_of(
        put(app, user, bytes.to_vec(), "application/octet-stream").await,
        StatusCode::OK,
    )
    .await;
    body["avatar_url"].as_str().expect("avatar_url").to_owned()
}

async fn me(app: &TestApp, user: &TestUser) -> Value {
    json_of(app.get(user, ME).send().await.unwrap(), StatusCode::OK).await
}

fn storage_key(user: &TestUser, url: &str) -> String {
    let id = url.trim_end_matches('/').rsplit('/').next().unwrap();
    format!("avatars/{}/{id}", user.id)
}

async fn stored(app: &TestApp, user: &TestUser, url: &str) -> bool {
    app.ctx
        .files
        .size(&storage_key(user, url))
        .await
        .unwrap()
        .is_some()
}

async fn avatar_changes(app: &TestApp, user: &TestUser) -> Vec<Value> {
    glider_db::repo::events::after(app.ctx.db.conn(), 0, 10_000)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == "accounts.user.updated" && e.subject_id == user.id)
        .map(|e| e.payload["avatar"].clone())
        .collect()
}

#[tokio::test]
async fn a_png_is_stored_served_and_shown_on_me() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    assert_eq!(me(&app, &ada).await["avatar_url"], Value::Null);

    // The declared type is not trusted either way: this PNG claims to be text.
    let body = json_of(
        put(&app, &ada, PNG.to_vec(), "text/plain").await,
        StatusCode::OK,
    )
    .await;
    let url = body["avatar_url"].as_str().unwrap().to_owned();
    let prefix = format!("/api/v1/users/{}/avatar/", ada.id);
    let id = url
        .strip_prefix(&prefix)
        .unwrap()
        .strip_suffix('/')
        .unwrap();
    assert!(uuid::Uuid::parse_str(id).is_ok(), "{url}");
    assert_eq!(body["avatar"], url);
    assert_eq!(body["id"], ada.id.to_string());
    assert_eq!(me(&app, &ada).await["avatar_url"], url);

    let served = app.get(&ada, &url).send().await.unwrap();
    assert_eq!(served.status(), StatusCode::OK);
    let header = |name: &str| served.headers()[name].to_str().unwrap().to_owned();
    assert_eq!(header("content-type"), "image/png");
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(
        header("cache-control"),
        "private, max-age=31536000, immutable"
    );
    assert_eq!(served.bytes().await.unwrap().as_ref(), PNG);
    assert_eq!(
        avatar_changes(&app, &ada).await,
        vec![json!({ "old": "", "new": url })]
    );
}

#[tokio::test]
async fn replacing_deletes_the_old_picture() {
    replace_and_remove(TestApp::spawn().await).await;
}

#[tokio::test]
async fn with_s3_configured_pictures_are_replaced_and_removed_in_the_bucket() {
    replace_and_remove(TestApp::builder().s3().spawn().await).await;
}

async fn replace_and_remove(app: TestApp) {
    let ada = app.register("ada@example.com").await;
    let old = set(&app, &ada, PNG).await;
    assert!(stored(&app, &ada, &old).await);

    let picture = jpeg(600 * 1024);
    let new = set(&app, &ada, &picture).await;
    assert_ne!(new, old);
    assert!(
        !stored(&app, &ada, &old).await,
        "the old picture is deleted"
    );
    let gone = app.get(&ada, &old).send().await.unwrap();
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
    let served = app.get(&ada, &new).send().await.unwrap();
    assert_eq!(served.status(), StatusCode::OK);
    assert_eq!(served.headers()["content-type"], "image/jpeg");
    assert_eq!(served.bytes().await.unwrap().as_ref(), picture.as_slice());
    assert_eq!(
        avatar_changes(&app, &ada).await,
        vec![
            json!({ "old": "", "new": old }),
            json!({ "old": old, "new": new })
        ]
    );
    app.delete(&ada, AVATAR).send().await.unwrap();
    assert!(!stored(&app, &ada, &new).await, "the picture is deleted");
}

#[tokio::test]
async fn delete_clears_the_avatar_and_is_idempotent() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    let url = set(&app, &ada, PNG).await;

    for _ in 0..2 {
        let body = json_of(
            app.delete(&ada, AVATAR).send().await.unwrap(),
            StatusCode::OK,
        )
        .await;
        assert_eq!(body["avatar_url"], Value::Null);
        assert_eq!(body["avatar"], "");
        assert_eq!(body["id"], ada.id.to_string());
    }
    assert_eq!(me(&app, &ada).await["avatar_url"], Value::Null);
    assert!(!stored(&app, &ada, &url).await, "the picture is deleted");
    let gone = app.get(&ada, &url).send().await.unwrap();
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
    // Clearing an avatar already clear records nothing.
    assert_eq!(
        avatar_changes(&app, &ada).await,
        vec![
            json!({ "old": "", "new": url }),
            json!({ "old": url, "new": "" })
        ]
    );
}

#[tokio::test]
async fn refusals_name_avatar_and_keep_the_previous_picture() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    let url = set(&app, &ada, PNG).await;

    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
    let refused = [
        ("svg", svg.to_vec(), "image/svg+xml"),
        ("text", b"just some text, long enough".to_vec(), "image/png"),
        ("empty", Vec::new(), "image/png"),
        ("too large", png_of(LIMIT + 1), "image/png"),
    ];
    for (what, bytes, content_type) in refused {
        let response = put(&app, &ada, bytes, content_type).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{what}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["code"], "validation_failed", "{what}: {body}");
        assert!(body["fields"]["avatar"].is_array(), "{what}: {body}");
        assert!(body["avatar"].is_array(), "{what}: {body}");
        assert_eq!(me(&app, &ada).await["avatar_url"], url, "{what}");
        let served = app.get(&ada, &url).send().await.unwrap();
        assert_eq!(served.status(), StatusCode::OK, "{what}");
        assert_eq!(served.bytes().await.unwrap().as_ref(), PNG, "{what}");
    }
    assert_eq!(avatar_changes(&app, &ada).await.len(), 1);

    // Exactly the limit is accepted.
    let largest = png_of(LIMIT);
    let url = set(&app, &ada, &largest).await;
    let served = app.get(&ada, &url).send().await.unwrap();
    assert_eq!(served.bytes().await.unwrap().len(), LIMIT);
}

#[tokio::test]
async fn only_the_user_and_co_members_see_a_picture() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    let cat = app.register("cat@example.com").await;
    let bob = app.register("bob@example.com").await;
    app.create_workspace(&ada, "acme").await;
    app.add_member("acme", &cat, WorkspaceRole::Guest).await;
    app.create_workspace(&bob, "other").await;
    let url = set(&app, &ada, PNG).await;

    let status = |user: &TestUser, path: String| {
        let request = app.get(user, &path);
        async move { request.send().await.unwrap().status() }
    };
    assert_eq!(status(&cat, url.clone()).await, StatusCode::OK);
    let key = app.create_api_token(&cat).await;
    let by_key = app
        .client
        .get(app.url(&url))
        .header("x-api-key", key)
        .send()
        .await
        .unwrap();
    assert_eq!(by_key.status(), StatusCode::OK);
    assert_eq!(by_key.bytes().await.unwrap().as_ref(), PNG);

    // Another tenant's user cannot tell a picture from no picture or no user.
    let outsider = app.get(&bob, &url).send().await.unwrap();
    let missing = app
        .get(
            &bob,
            &format!(
                "/api/v1/users/{}/avatar/{}/",
                uuid::Uuid::now_v7(),
                uuid::Uuid::now_v7()
            ),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(outsider.status(), StatusCode::NOT_FOUND);
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        outsider.json::<Value>().await.unwrap()["code"],
        missing.json::<Value>().await.unwrap()["code"]
    );
    // Only the current picture is served, even to its owner.
    let other_id = format!("/api/v1/users/{}/avatar/{}/", ada.id, uuid::Uuid::now_v7());
    assert_eq!(status(&ada, other_id).await, StatusCode::NOT_FOUND);

    // Leaving the shared workspace ends the sharing.
    let left = app
        .post(&cat, "/api/v1/workspaces/acme/leave/", json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(left.status(), StatusCode::NO_CONTENT);
    assert_eq!(status(&cat, url).await, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_picture_needs_a_signed_in_caller() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    let url = set(&app, &ada, PNG).await;
    let anonymous = app.client.get(app.url(&url)).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let change = app
        .client
        .put(app.url(AVATAR))
        .body(PNG.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(change.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn cookie_sessions_change_the_avatar_only_with_the_csrf_token() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    let session = app.browser_session(&ada).await;
    let (cookie, csrf) = (session.cookie, session.csrf_token);
    for method in [reqwest::Method::PUT, reqwest::Method::DELETE] {
        let refused = app
            .client
            .request(method.clone(), app.url(AVATAR))
            .header("cookie", &cookie)
            .body(PNG.to_vec())
            .send()
            .await
            .unwrap();
        assert_eq!(
            json_of(refused, StatusCode::FORBIDDEN).await["code"],
            "csrf_failed",
            "{method}"
        );
    }
    let allowed = app
        .client
        .put(app.url(AVATAR))
        .header("cookie", &cookie)
        .header("x-csrf-token", &csrf)
        .body(PNG.to_vec())
        .send()
        .await
        .unwrap();
    assert!(json_of(allowed, StatusCode::OK).await["avatar_url"].is_string());
}
