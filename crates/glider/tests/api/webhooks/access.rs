//! Refused targets, bad input, and who may see and change webhooks.

use glider_domain::WorkspaceRole;
use glider_service::webhooks::AllowList;
use glider_test_utils::{TestApp, TestUser, json_of};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::{create_hook, hook_path, receiver::Receiver};

/// Creating with `body` fails with 400 naming `field`.
async fn refused(app: &TestApp, user: &TestUser, body: Value, field: &str) {
    let response = app
        .post(user, "/api/v1/workspaces/acme/webhooks/", body.clone())
        .send()
        .await
        .unwrap();
    let answer = json_of(response, StatusCode::BAD_REQUEST).await;
    assert_eq!(answer["code"], "validation_failed", "{body}: {answer}");
    assert!(
        answer["fields"][field]
            .as_array()
            .is_some_and(|m| !m.is_empty()),
        "{body}: {answer}"
    );
}

#[tokio::test]
async fn private_loopback_and_link_local_targets_are_refused() {
    let app = TestApp::spawn().await;
    let owner = app.register("ada@example.com").await;
    app.create_workspace(&owner, "acme").await;
    for url in [
        "http://10.0.0.1/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:9/hook",
        "http://[::ffff:192.168.0.1]/hook",
        "http://[fd00::1]/hook",
        "http://0.0.0.0:80/hook",
        "ftp://example.com/hook",
        "not a url",
    ] {
        refused(&app, &owner, json!({ "url": url, "project": true }), "url").await;
    }
    refused(&app, &owner, json!({ "project": true }), "url").await;

    // Without the allow-list, loopback is refused by address and by name.
    let strict = TestApp::builder()
        .webhooks(|settings| settings.allow = AllowList::default())
        .spawn()
        .await;
    let owner_there = strict.register("ada@example.com").await;
    strict.create_workspace(&owner_there, "acme").await;
    let receiver = Receiver::ok().await;
    let by_name = receiver.url.replace("127.0.0.1", "localhost");
    for url in [receiver.url.as_str(), by_name.as_str()] {
        refused(&strict, &owner_there, json!({ "url": url }), "url").await;
    }

    // A change to a refused URL changes nothing.
    let hook = create_hook(&app, &owner, "acme", json!({ "url": receiver.url })).await;
    let path = hook_path("acme", &hook);
    let answer = json_of(
        app.patch(
            &owner,
            &path,
            json!({ "url": "http://10.0.0.1/", "issue": true }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(answer["fields"]["url"].is_array(), "{answer}");
    let read = json_of(app.get(&owner, &path).send().await.unwrap(), StatusCode::OK).await;
    assert_eq!(read["url"], receiver.url.as_str());
    assert_eq!(read["issue"], false);
}

#[tokio::test]
async fn malformed_filters_and_duplicate_urls_are_refused() {
    let app = TestApp::spawn().await;
    let owner = app.register("ada@example.com").await;
    app.create_workspace(&owner, "acme").await;
    let receiver = Receiver::ok().await;
    for kinds in [
        json!(["Tracker.State"]),
        json!("tracker.*"),
        json!([1]),
        json!(["a.b.c.d"]),
    ] {
        refused(
            &app,
            &owner,
            json!({ "url": receiver.url, "event_kinds": kinds }),
            "event_kinds",
        )
        .await;
    }
    refused(
        &app,
        &owner,
        json!({ "url": receiver.url, "issue": "yes" }),
        "issue",
    )
    .await;
    create_hook(&app, &owner, "acme", json!({ "url": receiver.url })).await;
    let again = json_of(
        app.post(
            &owner,
            "/api/v1/workspaces/acme/webhooks/",
            json!({ "url": receiver.url }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CONFLICT,
    )
    .await;
    assert!(again["fields"]["url"].is_array(), "{again}");
    let list = json_of(
        app.get(&owner, "/api/v1/workspaces/acme/webhooks/")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(list.as_array().unwrap().len(), 1, "nothing half-written");
}

async fn status(app: &TestApp, user: &TestUser, method: Method, path: &str) -> StatusCode {
    let mut request = app.as_user(user, method.clone(), path);
    if method != Method::GET && method != Method::DELETE {
        request = request.json(&json!({ "url": "https://example.com/hook" }));
    }
    request.send().await.unwrap().status()
}

#[tokio::test]
async fn only_workspace_admins_manage_webhooks_and_other_workspaces_get_404() {
    let app = TestApp::spawn().await;
    let owner = app.register("ada@example.com").await;
    app.create_workspace(&owner, "acme").await;
    let admin = app.register("bob@example.com").await;
    let member = app.register("cy@example.com").await;
    let guest = app.register("dee@example.com").await;
    let outsider = app.register("eve@example.com").await;
    app.add_member("acme", &admin, WorkspaceRole::Admin).await;
    app.add_member("acme", &member, WorkspaceRole::Member).await;
    app.add_member("acme", &guest, WorkspaceRole::Guest).await;
    let receiver = Receiver::ok().await;
    let hook = create_hook(&app, &owner, "acme", json!({ "url": receiver.url })).await;
    let path = hook_path("acme", &hook);
    let deliveries = format!("{path}deliveries/");
    let regenerate = format!("{path}regenerate/");
    let resend = format!("{path}deliveries/{}/resend/", uuid::Uuid::now_v7());
    let list = "/api/v1/workspaces/acme/webhooks/";

    // An admin manages them like the owner.
    assert_eq!(
        status(&app, &admin, Method::GET, list).await,
        StatusCode::OK
    );
    assert_eq!(
        status(&app, &admin, Method::GET, &deliveries).await,
        StatusCode::OK
    );

    let every = [
        (Method::GET, list),
        (Method::POST, list),
        (Method::GET, path.as_str()),
        (Method::PATCH, path.as_str()),
        (Method::DELETE, path.as_str()),
        (Method::GET, deliveries.as_str()),
        (Method::POST, regenerate.as_str()),
        (Method::POST, resend.as_str()),
    ];
    for user in [&member, &guest] {
        for (method, target) in &every {
            let got = status(&app, user, method.clone(), target).await;
            assert_eq!(
                got,
                StatusCode::FORBIDDEN,
                "{} {method} {target}",
                user.email
            );
        }
    }
    for (method, target) in &every {
        let got = status(&app, &outsider, method.clone(), target).await;
        assert_eq!(got, StatusCode::NOT_FOUND, "outsider {method} {target}");
    }

    // The admin of another workspace cannot reach this webhook through their own.
    let rival = app.register("fay@example.com").await;
    app.create_workspace(&rival, "globex").await;
    let foreign = path.replace("/acme/", "/globex/");
    let foreign_deliveries = deliveries.replace("/acme/", "/globex/");
    let foreign_regenerate = regenerate.replace("/acme/", "/globex/");
    for (method, target) in [
        (Method::GET, foreign.as_str()),
        (Method::PATCH, foreign.as_str()),
        (Method::DELETE, foreign.as_str()),
        (Method::GET, foreign_deliveries.as_str()),
        (Method::POST, foreign_regenerate.as_str()),
    ] {
        let response = app
            .as_user(&rival, method.clone(), target)
            .json(&json!({ "is_active": false }))
            .send()
            .await
            .unwrap();
        let answer = json_of(response, StatusCode::NOT_FOUND).await;
        assert_eq!(answer["code"], "webhook_not_found", "{method} {target}");
    }
    let theirs = json_of(
        app.get(&rival, "/api/v1/workspaces/globex/webhooks/")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(theirs, json!([]));

    // Nothing above changed the webhook.
    let read = json_of(app.get(&owner, &path).send().await.unwrap(), StatusCode::OK).await;
    assert_eq!(read["is_active"], true);
    assert_eq!(read["updated_at"], hook["updated_at"]);
}
