//! Webhooks: signed deliveries of a workspace's events to a real receiver, filters, the
//! delivery log. Retries, timeouts and resending are in `webhooks/delivery.rs`; refused
//! targets and permissions in `webhooks/access.rs`.

mod access;
mod delivery;
mod receiver;

use std::future::Future;

use glider_test_utils::{TestApp, TestUser, json_of};
use reqwest::StatusCode;
use serde_json::{Value, json};

use receiver::{PATIENCE, Receiver};

/// Registers a webhook as `user`; the answer (with its one-time secret).
async fn create_hook(app: &TestApp, user: &TestUser, slug: &str, body: Value) -> Value {
    let path = format!("/api/v1/workspaces/{slug}/webhooks/");
    json_of(
        app.post(user, &path, body).send().await.unwrap(),
        StatusCode::CREATED,
    )
    .await
}

fn hook_path(slug: &str, hook: &Value) -> String {
    format!(
        "/api/v1/workspaces/{slug}/webhooks/{}/",
        hook["id"].as_str().unwrap()
    )
}

/// The first page of a webhook's delivery log.
async fn deliveries(app: &TestApp, user: &TestUser, slug: &str, hook: &Value) -> Value {
    let path = format!("{}deliveries/", hook_path(slug, hook));
    json_of(app.get(user, &path).send().await.unwrap(), StatusCode::OK).await
}

/// Asks until `check` returns something, for at most [`PATIENCE`].
async fn eventually<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + PATIENCE;
    loop {
        if let Some(found) = check().await {
            return found;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "gave up waiting for {what}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// The newest delivery of `hook` once `done` holds for it.
async fn newest_delivery_when(
    app: &TestApp,
    user: &TestUser,
    slug: &str,
    hook: &Value,
    what: &str,
    done: impl Fn(&Value) -> bool,
) -> Value {
    eventually(what, || async {
        let log = deliveries(app, user, slug, hook).await;
        let newest = log["results"][0].clone();
        (!newest.is_null() && done(&newest)).then_some(newest)
    })
    .await
}

#[tokio::test]
async fn a_change_is_delivered_once_signed_and_logged() {
    let app = TestApp::spawn().await;
    let owner = app.register("ada@example.com").await;
    let workspace = app.create_workspace(&owner, "acme").await;
    let receiver = Receiver::ok().await;

    let hook = create_hook(
        &app,
        &owner,
        "acme",
        json!({ "url": receiver.url, "project": true }),
    )
    .await;
    let secret = hook["secret_key"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("glider_wh_"), "{secret}");
    assert_eq!(hook["is_active"], true);
    assert_eq!(hook["issue"], false);
    // The secret is shown once: never by a read or a list.
    let read = json_of(
        app.get(&owner, &hook_path("acme", &hook))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert!(read.get("secret_key").is_none(), "{read}");
    assert_eq!(read["url"], receiver.url.as_str());
    let list = json_of(
        app.get(&owner, "/api/v1/workspaces/acme/webhooks/")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert!(list[0].get("secret_key").is_none(), "{list}");

    let project = app.create_project(&owner, "acme", "Web", "WEB").await;
    let first = receiver.wait_for(1).await.remove(0);
    assert!(
        first.signed_with(&secret),
        "signature headers: {:?}",
        first.headers
    );
    assert_eq!(first.header("x-glider-event"), "tracker.project.created");
    assert_eq!(first.header("x-plane-event"), "project");
    assert_eq!(first.header("content-type"), "application/json");
    let body = first.json();
    assert_eq!(body["event"], "tracker.project.created");
    assert_eq!(body["action"], "created");
    assert_eq!(body["workspace_id"], workspace["id"]);
    assert_eq!(body["project_id"], project["id"]);
    assert_eq!(body["subject_id"], project["id"]);
    assert_eq!(body["actor_id"], owner.id.to_string());
    assert_eq!(body["webhook_id"], hook["id"]);
    assert!(
        body["timestamp"].is_string() && body["data"].is_object(),
        "{body}"
    );

    let logged = newest_delivery_when(&app, &owner, "acme", &hook, "a succeeded delivery", |d| {
        d["status"] == "succeeded"
    })
    .await;
    assert_eq!(logged["id"], first.header("x-glider-delivery"));
    assert_eq!(
        first.header("x-plane-delivery"),
        first.header("x-glider-delivery")
    );
    assert_eq!(logged["event_id"], body["id"]);
    assert_eq!(logged["event"], "tracker.project.created");
    assert_eq!(logged["response_status"], 200);
    assert_eq!(logged["attempts"], 1);
    assert!(logged["latency_ms"].is_i64(), "{logged}");
    assert_eq!(logged["attempt_history"].as_array().unwrap().len(), 1);
    assert_eq!(logged["request_body"], body);
    assert!(logged["next_attempt_at"].is_null());

    // A second change is the second request: the first event is never sent again.
    let project_path = format!(
        "/api/v1/workspaces/acme/projects/{}/",
        project["id"].as_str().unwrap()
    );
    let renamed = app
        .patch(&owner, &project_path, json!({ "name": "Website" }))
        .send()
        .await
        .unwrap();
    assert_eq!(renamed.status(), StatusCode::OK);
    let both = receiver.wait_for(2).await;
    assert_eq!(both[1].kind(), "tracker.project.updated");
    assert_ne!(both[0].event_id(), both[1].event_id());
    assert_eq!(both[1].json()["data"]["name"]["new"], "Website");

    // A regenerated secret signs what is sent from then on.
    let regenerated = json_of(
        app.post(
            &owner,
            &format!("{}regenerate/", hook_path("acme", &hook)),
            json!({}),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    let new_secret = regenerated["secret_key"].as_str().unwrap().to_owned();
    assert_ne!(new_secret, secret);
    app.patch(&owner, &project_path, json!({ "name": "Site" }))
        .send()
        .await
        .unwrap();
    let all = receiver.wait_for(3).await;
    assert!(all[2].signed_with(&new_secret));
    assert!(!all[2].signed_with(&secret));
    assert_eq!(all.len(), 3, "each event exactly once");
    let log = deliveries(&app, &owner, "acme", &hook).await;
    assert_eq!(log["total_count"], 3);
}

#[tokio::test]
async fn each_webhook_gets_only_the_events_it_asked_for() {
    let app = TestApp::spawn().await;
    let owner = app.register("ada@example.com").await;
    app.create_workspace(&owner, "acme").await;
    let items = Receiver::ok().await;
    let states = Receiver::ok().await;
    let inactive = Receiver::ok().await;
    let deleted = Receiver::ok().await;
    let items_hook = create_hook(
        &app,
        &owner,
        "acme",
        json!({ "url": items.url, "issue": true }),
    )
    .await;
    let states_hook = create_hook(
        &app,
        &owner,
        "acme",
        json!({ "url": states.url, "event_kinds": ["tracker.state.*"] }),
    )
    .await;
    assert_eq!(states_hook["event_kinds"], json!(["tracker.state.*"]));
    let inactive_hook = create_hook(
        &app,
        &owner,
        "acme",
        json!({ "url": inactive.url, "event_kinds": ["*"], "is_active": false }),
    )
    .await;
    let deleted_hook = create_hook(
        &app,
        &owner,
        "acme",
        json!({ "url": deleted.url, "event_kinds": ["*"] }),
    )
    .await;
    let gone = app
        .delete(&owner, &hook_path("acme", &deleted_hook))
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), StatusCode::NO_CONTENT);

    let project = app.create_project(&owner, "acme", "Web", "WEB").await;
    let base = format!(
        "/api/v1/workspaces/acme/projects/{}",
        project["id"].as_str().unwrap()
    );
    let state = json_of(
        app.post(
            &owner,
            &format!("{base}/states/"),
            json!({ "name": "Review", "color": "#123456" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    let item = json_of(
        app.post(
            &owner,
            &format!("{base}/work-items/"),
            json!({ "name": "Ship it" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CREATED,
    )
    .await;

    // The work item is the last event: once it is delivered, every earlier event has been
    // through the consumer, so the logs below are complete.
    let got = items.wait_for(1).await;
    assert_eq!(got[0].kind(), "tracker.work_item.created");
    assert_eq!(got[0].json()["subject_id"], item["id"]);
    let items_log = deliveries(&app, &owner, "acme", &items_hook).await;
    for delivery in items_log["results"].as_array().unwrap() {
        let kind = delivery["event"].as_str().unwrap();
        assert!(kind.starts_with("tracker.work_item."), "{kind}");
    }
    let state_event = eventually("the state's event", || async {
        states
            .received()
            .into_iter()
            .find(|r| r.json()["subject_id"] == state["id"])
    })
    .await;
    assert_eq!(state_event.kind(), "tracker.state.created");
    let states_log = deliveries(&app, &owner, "acme", &states_hook).await;
    assert!(states_log["total_count"].as_u64().unwrap() >= 1);
    for delivery in states_log["results"].as_array().unwrap() {
        let kind = delivery["event"].as_str().unwrap();
        assert!(kind.starts_with("tracker.state."), "{kind}");
    }

    let inactive_log = deliveries(&app, &owner, "acme", &inactive_hook).await;
    assert_eq!(inactive_log["total_count"], 0, "{inactive_log}");
    assert!(inactive.received().is_empty());
    // The deleted webhook may have been sent its own creation, never what came after.
    for request in deleted.received() {
        assert_eq!(request.json()["subject_id"], deleted_hook["id"]);
    }
    let deleted_log = app
        .get(
            &owner,
            &format!("{}deliveries/", hook_path("acme", &deleted_hook)),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(deleted_log.status(), StatusCode::NOT_FOUND);
}
