use glider_domain::WorkspaceRole;
use glider_test_utils::{TestApp, json_of};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn create_list_update_and_delete() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    let ws = app.create_workspace(&ada, "acme").await;
    assert_eq!(ws["slug"], "acme");
    assert_eq!(ws["role_slug"], "owner");
    let list = json_of(
        app.get(&ada, "/api/v1/workspaces/").send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    let updated = json_of(
        app.patch(
            &ada,
            "/api/v1/workspaces/acme/",
            json!({ "name": "Acme Inc", "timezone": "Asia/Kolkata" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(updated["name"], "Acme Inc");
    assert_eq!(updated["timezone"], "Asia/Kolkata");
    let body = json_of(
        app.patch(&ada, "/api/v1/workspaces/acme/", json!({ "slug": "other" }))
            .send()
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(body["fields"]["slug"].is_array());
    assert_eq!(
        app.delete(&ada, "/api/v1/workspaces/acme/")
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get(&ada, "/api/v1/workspaces/acme/")
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    // A deleted workspace's slug stays reserved.
    let again = app
        .post(&ada, "/api/v1/workspaces/", json!({ "slug": "acme" }))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::CONFLICT);
}

#[tokio::test]
async fn slugs_are_validated_and_unique() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    for bad in ["Acme", "a b", "-x", "api", "workspaces", ""] {
        let body = json_of(
            app.post(&ada, "/api/v1/workspaces/", json!({ "slug": bad }))
                .send()
                .await
                .unwrap(),
            StatusCode::BAD_REQUEST,
        )
        .await;
        assert!(body["fields"]["slug"].is_array(), "{bad}: {body}");
    }
    app.create_workspace(&ada, "acme").await;
    let bob = app.register("bob@example.com").await;
    let body = json_of(
        app.post(&bob, "/api/v1/workspaces/", json!({ "slug": "acme" }))
            .send()
            .await
            .unwrap(),
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(body["code"], "conflict");
    assert!(body["fields"]["slug"].is_array());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_creates_of_one_slug_yield_one_workspace() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    let handles: Vec<_> = (0..6)
        .map(|_| {
            let request = app.post(&ada, "/api/v1/workspaces/", json!({ "slug": "race" }));
            tokio::spawn(async move { request.send().await.unwrap().status() })
        })
        .collect();
    let mut statuses = Vec::new();
    for handle in handles {
        statuses.push(handle.await.unwrap());
    }
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::CREATED)
            .count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::CREATED || *s == StatusCode::CONFLICT),
        "{statuses:?}"
    );
}

#[tokio::test]
async fn members_roles_and_removal() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    let bob = app.register("bob@example.com").await;
    app.create_workspace(&ada, "acme").await;
    app.add_member("acme", &bob, WorkspaceRole::Member).await;
    let members = json_of(
        app.get(&ada, "/api/v1/workspaces/acme/members/")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let members = members.as_array().unwrap();
    assert_eq!(members.len(), 2);
    assert_eq!(members[0]["email"], "bob@example.com", "newest first");
    assert_eq!(members[0]["role"], 15);
    let filtered = json_of(
        app.get(&ada, "/api/v1/workspaces/acme/members/?email=BOB")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(filtered.as_array().unwrap().len(), 1);

    let path = format!("/api/v1/workspaces/acme/members/{}/", bob.id);
    let changed = json_of(
        app.patch(&ada, &path, json!({ "role": "admin" }))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(changed["role_slug"], "admin");
    let body = json_of(
        app.patch(&ada, &path, json!({ "role": "superuser" }))
            .send()
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(body["fields"]["role"].is_array());
    let owner_path = format!("/api/v1/workspaces/acme/members/{}/", ada.id);
    let body = json_of(
        app.patch(&bob, &owner_path, json!({ "role": "member" }))
            .send()
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body["code"], "owner_role_fixed");
    let body = json_of(
        app.delete(&bob, &owner_path).send().await.unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body["code"], "owner_cannot_be_removed");
    assert_eq!(
        app.delete(&ada, &path).send().await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get(&bob, "/api/v1/workspaces/acme/")
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn ownership_transfer_keeps_exactly_one_owner() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    let bob = app.register("bob@example.com").await;
    let eve = app.register("eve@example.com").await;
    app.create_workspace(&ada, "acme").await;
    app.add_member("acme", &bob, WorkspaceRole::Member).await;
    let body = json_of(
        app.post(&ada, "/api/v1/workspaces/acme/leave/", json!({}))
            .send()
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body["code"], "owner_cannot_leave");
    let to_eve = app
        .post(
            &ada,
            "/api/v1/workspaces/acme/transfer-ownership/",
            json!({ "user_id": eve.id }),
        )
        .send()
        .await
        .unwrap();
    assert!(json_of(to_eve, StatusCode::BAD_REQUEST).await["fields"]["user_id"].is_array());
    let by_bob = app
        .post(
            &bob,
            "/api/v1/workspaces/acme/transfer-ownership/",
            json!({ "user_id": bob.id }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(by_bob.status(), StatusCode::FORBIDDEN);
    let ok = app
        .post(
            &ada,
            "/api/v1/workspaces/acme/transfer-ownership/",
            json!({ "user_id": bob.id }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::NO_CONTENT);
    let members = json_of(
        app.get(&bob, "/api/v1/workspaces/acme/members/")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let owners: Vec<_> = members
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["role_slug"] == "owner")
        .collect();
    assert_eq!(owners.len(), 1);
    assert_eq!(owners[0]["email"], "bob@example.com");
    assert_eq!(
        app.post(&ada, "/api/v1/workspaces/acme/leave/", json!({}))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.delete(&ada, "/api/v1/workspaces/acme/")
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn invitations_are_accepted_by_the_invited_address_only() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    app.create_workspace(&ada, "acme").await;
    let created = json_of(
        app.post(
            &ada,
            "/api/v1/workspaces/acme/invitations/",
            json!({ "email": "Bob@Example.com", "role": 15 }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(created["email"], "bob@example.com");
    assert_eq!(created["role"], 15);
    let token = created["token"].as_str().unwrap().to_owned();
    assert!(
        created["invitation_link"]
            .as_str()
            .unwrap()
            .ends_with(&token)
    );
    let again = json_of(
        app.post(
            &ada,
            "/api/v1/workspaces/acme/invitations/",
            json!({ "email": "bob@example.com" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(again["fields"]["email"][0], "Email already invited");
    let bad = json_of(
        app.post(
            &ada,
            "/api/v1/workspaces/acme/invitations/",
            json!({ "email": "nope" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(bad["fields"]["email"].is_array());
    let list = json_of(
        app.get(&ada, "/api/v1/workspaces/acme/invitations/")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert!(list[0].get("token").is_none());

    let eve = app.register("eve@example.com").await;
    let wrong = json_of(
        app.post(
            &eve,
            "/api/v1/invitations/accept/",
            json!({ "token": token }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(wrong["code"], "invitation_for_other_email");
    let bob = app.register("bob@example.com").await;
    let mine = json_of(
        app.get(&bob, "/api/v1/users/me/invitations/")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(mine[0]["workspace_slug"], "acme");
    let joined = json_of(
        app.post(
            &bob,
            "/api/v1/invitations/accept/",
            json!({ "token": token }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(joined["slug"], "acme");
    assert_eq!(joined["role_slug"], "member");
    let twice = json_of(
        app.post(
            &bob,
            "/api/v1/invitations/accept/",
            json!({ "token": token }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(twice["code"], "invitation_already_responded");
    let id = created["id"].as_str().unwrap();
    let revoke = json_of(
        app.delete(&ada, &format!("/api/v1/workspaces/acme/invitations/{id}/"))
            .send()
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(revoke["code"], "invitation_already_accepted");
}

#[tokio::test]
async fn invitations_can_be_updated_declined_revoked_and_expire() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    let bob = app.register("bob@example.com").await;
    app.create_workspace(&ada, "acme").await;
    let invite = |email: &str| {
        app.post(
            &ada,
            "/api/v1/workspaces/acme/invitations/",
            json!({ "email": email }),
        )
        .send()
    };
    let first = json_of(
        invite("bob@example.com").await.unwrap(),
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(first["role_slug"], "guest");
    let path = format!(
        "/api/v1/workspaces/acme/invitations/{}/",
        first["id"].as_str().unwrap()
    );
    let body = json_of(
        app.patch(&ada, &path, json!({ "email": "x@example.com" }))
            .send()
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(
        body["fields"]["email"][0],
        "Email cannot be updated after invite is created."
    );
    let body = json_of(
        app.patch(&ada, &path, json!({ "role": "admin" }))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(body["role_slug"], "admin");
    let declined = app
        .post(
            &bob,
            "/api/v1/invitations/decline/",
            json!({ "token": first["token"] }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(declined.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.get(&bob, "/api/v1/workspaces/acme/")
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );

    let second = json_of(
        invite("carol@example.com").await.unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let path = format!(
        "/api/v1/workspaces/acme/invitations/{}/",
        second["id"].as_str().unwrap()
    );
    assert_eq!(
        app.delete(&ada, &path).send().await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    let carol = app.register("carol@example.com").await;
    let revoked = app
        .post(
            &carol,
            "/api/v1/invitations/accept/",
            json!({ "token": second["token"] }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), StatusCode::NOT_FOUND);

    let third = json_of(
        invite("carol@example.com").await.unwrap(),
        StatusCode::CREATED,
    )
    .await;
    app.clock.advance(chrono::Duration::days(8));
    let carol = app.sign_in(&carol).await;
    let expired = json_of(
        app.post(
            &carol,
            "/api/v1/invitations/accept/",
            json!({ "token": third["token"] }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(expired["code"], "invitation_expired");
}
