//! Retries, giving up, failing webhooks, timeouts and resending.

use chrono::Duration;
use glider_test_utils::{TestApp, json_of};
use reqwest::StatusCode;
use serde_json::json;

use super::{
    create_hook, deliveries, eventually, hook_path, newest_delivery_when,
    receiver::{Answer, Receiver},
};

/// Longer than the first backoff (30 s with up to 20 % jitter), shorter than a token's life.
fn past_the_first_backoff() -> Duration {
    Duration::minutes(1)
}

#[tokio::test]
async fn a_server_error_is_retried_with_the_same_body_and_every_attempt_is_logged() {
    let app = TestApp::spawn().await;
    let owner = app.register("ada@example.com").await;
    app.create_workspace(&owner, "acme").await;
    let receiver = Receiver::start(Answer::Statuses(vec![500, 200])).await;
    let hook = create_hook(
        &app,
        &owner,
        "acme",
        json!({ "url": receiver.url, "project": true }),
    )
    .await;
    let secret = hook["secret_key"].as_str().unwrap().to_owned();
    app.create_project(&owner, "acme", "Web", "WEB").await;

    receiver.wait_for(1).await;
    let failed_once = newest_delivery_when(&app, &owner, "acme", &hook, "the first attempt", |d| {
        d["attempts"] == 1
    })
    .await;
    assert_eq!(failed_once["status"], "pending");
    assert_eq!(failed_once["response_status"], 500);
    assert!(
        failed_once["last_error"].as_str().unwrap().contains("500"),
        "{failed_once}"
    );
    let next = failed_once["next_attempt_at"].as_str().unwrap();
    assert!(
        next > failed_once["last_attempt_at"].as_str().unwrap(),
        "{failed_once}"
    );

    // The retry falls due when the server's clock passes the backoff.
    app.clock.advance(past_the_first_backoff());
    let both = receiver.wait_for(2).await;
    assert_eq!(both[0].body, both[1].body);
    assert_eq!(
        both[0].header("x-glider-delivery"),
        both[1].header("x-glider-delivery")
    );
    assert!(both[1].signed_with(&secret));
    let done = newest_delivery_when(&app, &owner, "acme", &hook, "the retry", |d| {
        d["status"] == "succeeded"
    })
    .await;
    assert_eq!(done["attempts"], 2);
    assert_eq!(done["response_status"], 200);
    assert!(done["last_error"].is_null());
    let statuses: Vec<i64> = done["attempt_history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["response_status"].as_i64().unwrap())
        .collect();
    assert_eq!(statuses, [500, 200]);
}

#[tokio::test]
async fn a_delivery_gives_up_after_the_attempt_limit_and_the_webhook_is_marked_failing() {
    let app = TestApp::builder()
        .webhooks(|settings| {
            settings.max_attempts = 2;
            settings.failing_after = 1;
        })
        .smtp()
        .spawn()
        .await;
    let owner = app.register("ada@example.com").await;
    app.create_workspace(&owner, "acme").await;
    let flaky = Receiver::start(Answer::Statuses(vec![500, 503, 200])).await;
    let watcher = Receiver::ok().await;
    let hook = create_hook(
        &app,
        &owner,
        "acme",
        json!({ "url": flaky.url, "project": true }),
    )
    .await;
    create_hook(
        &app,
        &owner,
        "acme",
        json!({ "url": watcher.url, "event_kinds": ["webhooks.webhook.failing", "webhooks.webhook.recovered"] }),
    )
    .await;
    let project = app.create_project(&owner, "acme", "Web", "WEB").await;

    newest_delivery_when(&app, &owner, "acme", &hook, "the first attempt", |d| {
        d["attempts"] == 1
    })
    .await;
    app.clock.advance(past_the_first_backoff());
    let failed = newest_delivery_when(&app, &owner, "acme", &hook, "giving up", |d| {
        d["status"] == "failed"
    })
    .await;
    assert_eq!(failed["attempts"], 2);
    assert_eq!(failed["response_status"], 503);
    assert!(failed["next_attempt_at"].is_null());
    assert_eq!(flaky.received().len(), 2, "no attempt past the limit");

    let read = json_of(
        app.get(&owner, &hook_path("acme", &hook))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(read["is_failing"], true, "{read}");
    assert_eq!(read["consecutive_failures"], 1);
    assert!(read["failing_since"].is_string());
    // Admins are told through the event log (here: the other webhook receives the event).
    let told = watcher.wait_for(1).await.remove(0);
    assert_eq!(told.kind(), "webhooks.webhook.failing");
    assert_eq!(told.json()["subject_id"], hook["id"]);
    assert_eq!(told.json()["data"]["consecutive_failures"], 1);
    // …and by e-mail.
    let mail = app.wait_for_mail("ada@example.com").await;
    assert_eq!(mail.subject, "A webhook of acme is failing");

    // The next delivery that succeeds clears the state.
    let path = format!(
        "/api/v1/workspaces/acme/projects/{}/",
        project["id"].as_str().unwrap()
    );
    app.patch(&owner, &path, json!({ "name": "Website" }))
        .send()
        .await
        .unwrap();
    flaky.wait_for(3).await;
    let recovered = watcher.wait_for(2).await.remove(1);
    assert_eq!(recovered.kind(), "webhooks.webhook.recovered");
    let read = json_of(
        app.get(&owner, &hook_path("acme", &hook))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(read["is_failing"], false, "{read}");
    assert_eq!(read["consecutive_failures"], 0);
}

#[tokio::test]
async fn a_receiver_that_hangs_times_out_without_holding_up_other_deliveries() {
    let app = TestApp::spawn().await;
    let owner = app.register("ada@example.com").await;
    app.create_workspace(&owner, "acme").await;
    let hanging = Receiver::start(Answer::Hang).await;
    let healthy = Receiver::ok().await;
    // Created first, so its delivery is claimed first.
    let slow_hook = create_hook(
        &app,
        &owner,
        "acme",
        json!({ "url": hanging.url, "project": true }),
    )
    .await;
    create_hook(
        &app,
        &owner,
        "acme",
        json!({ "url": healthy.url, "project": true }),
    )
    .await;
    app.create_project(&owner, "acme", "Web", "WEB").await;

    hanging.wait_for(1).await;
    healthy.wait_for(1).await;
    assert!(
        !hanging.abandoned(),
        "the healthy receiver was served while the hanging one was still waiting"
    );

    let timed_out = newest_delivery_when(&app, &owner, "acme", &slow_hook, "the timeout", |d| {
        d["attempts"] == 1
    })
    .await;
    assert!(hanging.abandoned(), "the sender hung up");
    assert_eq!(timed_out["status"], "pending", "{timed_out}");
    assert!(timed_out["response_status"].is_null());
    assert!(
        timed_out["last_error"]
            .as_str()
            .unwrap()
            .contains("timed out"),
        "{timed_out}"
    );
    assert!(timed_out["next_attempt_at"].is_string());
}

#[tokio::test]
async fn redirects_are_recorded_never_followed() {
    let app = TestApp::spawn().await;
    let owner = app.register("ada@example.com").await;
    app.create_workspace(&owner, "acme").await;
    let elsewhere = Receiver::ok().await;
    let redirecting = Receiver::start(Answer::Redirect(elsewhere.url.clone())).await;
    let hook = create_hook(
        &app,
        &owner,
        "acme",
        json!({ "url": redirecting.url, "project": true }),
    )
    .await;
    app.create_project(&owner, "acme", "Web", "WEB").await;
    let attempt = newest_delivery_when(&app, &owner, "acme", &hook, "the attempt", |d| {
        d["attempts"] == 1
    })
    .await;
    assert_eq!(attempt["response_status"], 307);
    assert_eq!(
        attempt["status"], "pending",
        "a redirect is retried like a failure"
    );
    assert_eq!(redirecting.received().len(), 1);
    assert!(
        elsewhere.received().is_empty(),
        "the redirect was not followed"
    );
}

#[tokio::test]
async fn resending_a_delivery_sends_the_same_event_again() {
    let app = TestApp::spawn().await;
    let owner = app.register("ada@example.com").await;
    app.create_workspace(&owner, "acme").await;
    let receiver = Receiver::ok().await;
    let hook = create_hook(
        &app,
        &owner,
        "acme",
        json!({ "url": receiver.url, "project": true }),
    )
    .await;
    app.create_project(&owner, "acme", "Web", "WEB").await;
    let first = receiver.wait_for(1).await.remove(0);
    let delivered = newest_delivery_when(&app, &owner, "acme", &hook, "the delivery", |d| {
        d["status"] == "succeeded"
    })
    .await;

    let resend_path = format!(
        "{}deliveries/{}/resend/",
        hook_path("acme", &hook),
        delivered["id"].as_str().unwrap()
    );
    let resent = json_of(
        app.post(&owner, &resend_path, json!({}))
            .send()
            .await
            .unwrap(),
        StatusCode::ACCEPTED,
    )
    .await;
    assert_eq!(resent["id"], delivered["id"]);
    let again = receiver.wait_for(2).await.remove(1);
    assert_eq!(again.event_id(), first.event_id());
    assert_eq!(
        again.header("x-glider-delivery"),
        first.header("x-glider-delivery")
    );
    assert_eq!(again.body, first.body);
    let done = eventually("the resent delivery", || async {
        let log = deliveries(&app, &owner, "acme", &hook).await;
        let entry = log["results"][0].clone();
        (entry["attempt_history"].as_array().map(Vec::len) == Some(2)
            && entry["status"] == "succeeded")
            .then_some(log)
    })
    .await;
    assert_eq!(done["total_count"], 1, "a resend is the same delivery");
    assert_eq!(done["results"][0]["attempts"], 1);

    let unknown = format!(
        "{}deliveries/{}/resend/",
        hook_path("acme", &hook),
        uuid::Uuid::now_v7()
    );
    let missing = json_of(
        app.post(&owner, &unknown, json!({})).send().await.unwrap(),
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(missing["code"], "webhook_delivery_not_found");

    app.patch(
        &owner,
        &hook_path("acme", &hook),
        json!({ "is_active": false }),
    )
    .send()
    .await
    .unwrap();
    let refused = json_of(
        app.post(&owner, &resend_path, json!({}))
            .send()
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(refused["code"], "webhook_inactive");
}
