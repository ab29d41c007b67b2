//! Who may follow what: checked at subscribe, and again the moment a membership changes.
//!
//! "Receives nothing" is shown without timing: after the event the socket must not get, the
//! same user causes an event they may see; the hub routes in log order, so that one arriving
//! next proves the first was withheld.

use glider_domain::WorkspaceRole;
use glider_test_utils::{TestUser, json_of};
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{Board, Ended, WsClient, id};

/// A project of `user`'s own workspace `slug`; returns its id.
async fn own_project(b: &Board, user: &TestUser, slug: &str) -> String {
    b.app.create_workspace(user, slug).await;
    id(&b.app.create_project(user, slug, "Own", "OWN").await)
}

/// Creates an item in `user`'s own project, the barrier event.
async fn barrier(b: &Board, user: &TestUser, slug: &str, project: &str) -> String {
    let path = format!("/api/v1/workspaces/{slug}/projects/{project}/work-items/");
    let response = b
        .app
        .post(user, &path, json!({ "name": "barrier" }))
        .send()
        .await
        .unwrap();
    id(&json_of(response, StatusCode::CREATED).await)
}

async fn error_for(socket: &mut WsClient, topic: &str) -> Value {
    socket
        .send(json!({ "type": "subscribe", "topic": topic }))
        .await;
    let error = socket.expect("error").await;
    assert_eq!(error["topic"], topic);
    error
}

#[tokio::test]
async fn outsiders_get_the_unknown_topic_error_and_receive_nothing() {
    let b = Board::new().await;
    let item = id(&b.create_item("Secret plan").await);
    let eve = b.app.register("eve@example.com").await;
    let carol = b.app.register("carol@example.com").await;
    // Carol is in the workspace but not in the secret project.
    b.app
        .add_member("acme", &carol, WorkspaceRole::Member)
        .await;
    let eve_project = own_project(&b, &eve, "eve").await;

    let unknown = error_for(
        &mut b.socket(&eve).await,
        &format!("project:{}", uuid::Uuid::now_v7()),
    )
    .await;
    assert_eq!(unknown["code"], "topic_not_found");
    for user in [&eve, &carol] {
        let mut socket = b.socket(user).await;
        for topic in [
            b.topic(),
            format!("work_item:{item}"),
            format!("user:{}", b.bob.id),
        ] {
            let refused = error_for(&mut socket, &topic).await;
            // Exactly what a topic that does not exist answers.
            assert_eq!(refused["code"], unknown["code"]);
            assert_eq!(refused["detail"], unknown["detail"]);
        }
    }

    let mut eve_socket = b.socket(&eve).await;
    eve_socket
        .send(json!({ "type": "subscribe", "topic": b.topic() }))
        .await;
    eve_socket.expect("error").await;
    eve_socket
        .subscribe(&format!("project:{eve_project}"))
        .await;
    let (status, _) = b
        .move_card(&b.ada, json!({ "work_item": item, "sort_order": 5.0 }))
        .await;
    assert_eq!(status, StatusCode::OK);
    let own = barrier(&b, &eve, "eve", &eve_project).await;
    let next = eve_socket.expect("event").await;
    assert_eq!(next["event"]["kind"], "tracker.work_item.created");
    assert_eq!(next["event"]["subject_id"], own.as_str());
}

/// Reads Bob's frames until every topic in `topics` is unsubscribed as forbidden; only the
/// membership event itself may come before.
async fn forbidden(socket: &mut WsClient, topics: &[String]) {
    let mut ended = Vec::new();
    while ended.len() < topics.len() {
        let frame = socket.next().await;
        match frame["type"].as_str() {
            Some("unsubscribed") => {
                assert_eq!(frame["reason"], "forbidden");
                ended.push(frame["topic"].as_str().unwrap().to_owned());
            }
            Some("event") => {
                let kind = frame["event"]["kind"].as_str().unwrap();
                assert!(kind.ends_with("member.removed"), "{frame}");
            }
            _ => unreachable!("unexpected frame {frame}"),
        }
    }
    ended.sort();
    let mut expected = topics.to_vec();
    expected.sort();
    assert_eq!(ended, expected);
}

#[tokio::test]
async fn a_member_removed_from_the_project_stops_receiving_at_once() {
    let b = Board::new().await;
    let item = id(&b.create_item("Shared").await);
    let bob_project = own_project(&b, &b.bob, "bobs").await;
    let mut bob = b.socket(&b.bob).await;
    let topics = [b.topic(), format!("work_item:{item}")];
    for topic in &topics {
        bob.subscribe(topic).await;
    }
    bob.subscribe(&format!("project:{bob_project}")).await;

    let path = b.path(&format!("/project-members/{}/", b.bob_membership));
    let response = b.app.delete(&b.ada, &path).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    forbidden(&mut bob, &topics).await;

    let (status, _) = b
        .move_card(&b.ada, json!({ "work_item": item, "sort_order": 9.0 }))
        .await;
    assert_eq!(status, StatusCode::OK);
    let own = barrier(&b, &b.bob, "bobs", &bob_project).await;
    let next = bob.expect("event").await;
    assert_eq!(next["event"]["subject_id"], own.as_str());
    // And subscribing again is refused.
    bob.send(json!({ "type": "subscribe", "topic": b.topic() }))
        .await;
    assert_eq!(bob.expect("error").await["code"], "topic_not_found");
}

#[tokio::test]
async fn a_member_removed_from_the_workspace_stops_receiving_at_once() {
    let b = Board::new().await;
    let item = id(&b.create_item("Shared").await);
    let bob_project = own_project(&b, &b.bob, "bobs").await;
    let mut bob = b.socket(&b.bob).await;
    bob.subscribe(&b.topic()).await;
    bob.subscribe(&format!("project:{bob_project}")).await;

    let path = format!("/api/v1/workspaces/acme/members/{}/", b.bob.id);
    let response = b.app.delete(&b.ada, &path).send().await.unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    forbidden(&mut bob, &[b.topic()]).await;

    b.move_card(&b.ada, json!({ "work_item": item, "sort_order": 3.0 }))
        .await;
    let own = barrier(&b, &b.bob, "bobs", &bob_project).await;
    assert_eq!(
        bob.expect("event").await["event"]["subject_id"],
        own.as_str()
    );
}

#[tokio::test]
async fn the_notification_socket_is_its_owners_alone() {
    let b = Board::new().await;
    let base = b.app.url("");
    let mut other = WsClient::open(
        &base,
        &format!("/ws/notifications/{}", b.ada.id),
        &b.bob.access_token,
    )
    .await;
    assert_eq!(other.ended().await, Ended::Closed(4403));

    let mut own = WsClient::open(
        &base,
        &format!("/ws/notifications/{}", b.bob.id),
        &b.bob.access_token,
    )
    .await;
    assert_eq!(
        own.expect("subscribed").await["topic"],
        format!("user:{}", b.bob.id)
    );
    // Ada assigns Bob: his notification arrives, addressed to him.
    let item = id(&b.create_item("For Bob").await);
    let path = b.path(&format!("/work-items/{item}/"));
    let body = json!({ "assignees": [b.bob.id] });
    json_of(
        b.app.patch(&b.ada, &path, body).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    let frame = own.event("notify.notification.created").await;
    assert_eq!(frame["event"]["payload"]["recipient"], b.bob.id.to_string());
}

#[tokio::test]
async fn cookies_count_only_from_the_apps_own_origin() {
    let b = Board::new().await;
    let cookie = b.app.browser_session(&b.bob).await.cookie;
    let base = b.app.url("");
    let request = |origin: &str| {
        super::client::request(
            &base,
            "/api/v1/ws",
            &[("cookie", cookie.as_str()), ("origin", origin)],
        )
    };
    match WsClient::with(request("https://evil.example")).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            assert_eq!(response.status(), 403);
        }
        other => unreachable!("a foreign origin was accepted: {:?}", other.is_ok()),
    }
    let mut socket = WsClient::with(request(&base)).await.unwrap();
    socket.subscribe(&b.topic()).await;
}

#[tokio::test]
async fn revoking_the_credential_closes_its_sockets_with_4401() {
    let b = Board::new().await;
    let base = b.app.url("");
    // An API key, revoked by its owner.
    let response = b
        .app
        .post(
            &b.bob,
            "/api/v1/users/me/api-tokens/",
            json!({ "name": "board" }),
        )
        .send()
        .await
        .unwrap();
    let token = json_of(response, StatusCode::CREATED).await;
    let key = token["token"].as_str().unwrap();
    let request = super::client::request(&base, "/api/v1/ws", &[("x-api-key", key)]);
    let mut by_key = WsClient::with(request).await.unwrap();
    by_key.subscribe(&b.topic()).await;
    let path = format!("/api/v1/users/me/api-tokens/{}/", id(&token));
    let response = b.app.delete(&b.bob, &path).send().await.unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    assert_eq!(by_key.ended().await, Ended::Closed(4401));

    // A second session, signed out by a password change made in the first.
    let other_session = b.app.sign_in(&b.bob).await;
    let mut by_session = b.socket(&other_session).await;
    by_session.subscribe(&b.topic()).await;
    let mut kept = b.socket(&b.bob).await;
    kept.subscribe(&b.topic()).await;
    let body = json!({ "old_password": b.bob.password, "new_password": "a brand new secret" });
    let response = b
        .app
        .post(&b.bob, "/api/v1/auth/change-password/", body)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    assert_eq!(by_session.ended().await, Ended::Closed(4401));
    // The session that changed the password keeps its socket.
    kept.send(json!({ "type": "ping" })).await;
    kept.expect("pong").await;
}
