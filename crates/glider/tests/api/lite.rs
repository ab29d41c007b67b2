//! The `*-lite` lists: compact shapes in Plane's pagination envelope, with the SDK's filters.

use glider_test_utils::{TestApp, json_of};
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::catalog::{check_roles, world};

#[tokio::test]
async fn projects_lite_lists_what_the_caller_sees() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let secret = json_of(
        app.post(
            owner,
            "/api/v1/workspaces/acme/projects/",
            json!({ "name": "Secret", "identifier": "SEC", "network": 0 }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let page = json_of(
        app.get(owner, "/api/v1/workspaces/acme/projects-lite/")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(page["total_count"], 2);
    assert_eq!(page["grouped_by"], serde_json::Value::Null);
    let web = &page["results"][0];
    assert_eq!(web["id"], world.project.as_str());
    assert_eq!(web["identifier"], "WEB");
    let mut keys: Vec<&str> = web
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "archived_at",
            "cover_image",
            "cover_image_url",
            "description",
            "emoji",
            "icon_prop",
            "id",
            "identifier",
            "logo_props",
            "name"
        ]
    );
    let member = &world.users[3];
    let theirs = json_of(
        app.get(
            member,
            "/api/v1/workspaces/acme/projects-lite/?per_page=1&fields=id,name",
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(theirs["total_count"], 1, "the secret project is hidden");
    assert_eq!(theirs["results"][0].as_object().unwrap().len(), 2);
    assert_ne!(theirs["results"][0]["id"], secret["id"]);
}

#[tokio::test]
async fn members_lite_is_paginated_with_roles_and_filters() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let page = json_of(
        app.get(owner, "/api/v1/workspaces/acme/members-lite/?per_page=2")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(page["total_count"], 4);
    assert_eq!(page["count"], 2);
    assert_eq!(page["total_pages"], 2);
    let first = &page["results"][0];
    for key in [
        "id",
        "first_name",
        "last_name",
        "email",
        "avatar",
        "avatar_url",
        "display_name",
        "role",
        "is_active",
        "is_bot",
    ] {
        assert!(first.get(key).is_some(), "{key} missing: {first}");
    }
    let guests = json_of(
        app.get(
            owner,
            "/api/v1/workspaces/acme/members-lite/?role_slug=guest&is_active=true",
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(guests["total_count"], 1);
    assert_eq!(guests["results"][0]["email"], "guest@example.com");
    assert_eq!(guests["results"][0]["role"], 5);
    let by_email = json_of(
        app.get(owner, "/api/v1/workspaces/acme/members-lite/?email=ADMIN")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(by_email["total_count"], 1);
    assert_eq!(by_email["results"][0]["role"], 20);
    let body = json_of(
        app.get(
            owner,
            "/api/v1/workspaces/acme/members-lite/?role_slug=boss",
        )
        .send()
        .await
        .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body["role_slug"][0], "\"boss\" is not a valid choice.");
}

#[tokio::test]
async fn project_members_lite_keeps_deactivated_members() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let members = json_of(
        app.get(owner, &world.path("/project-members/"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let guest = members
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == "guest@example.com")
        .unwrap()
        .clone();
    let membership = guest["member_id"].as_str().unwrap();
    let removed = app
        .delete(
            owner,
            &world.path(&format!("/project-members/{membership}/")),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), StatusCode::NO_CONTENT);
    let page = json_of(
        app.get(owner, &world.path("/project-members-lite/"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(page["total_count"], 3);
    let listed = page["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == "guest@example.com")
        .unwrap();
    assert_eq!(listed["is_active"], false);
    assert_eq!(listed["role"], 5);
    assert_eq!(listed["is_bot"], false);
    let active = json_of(
        app.get(
            owner,
            &world.path("/project-members-lite/?is_active=true&role_slug=member"),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(active["total_count"], 1);
    assert_eq!(active["results"][0]["email"], "member@example.com");
    assert_eq!(active["results"][0]["role_slug"], "member");
}

#[tokio::test]
async fn lite_roles_and_tenants() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let project_members = world.path("/project-members-lite/");
    let mut failures = Vec::new();
    let lists = [
        (
            "/api/v1/workspaces/acme/projects-lite/".to_owned(),
            [404, 404, 200, 200, 200, 200],
        ),
        (
            "/api/v1/workspaces/acme/members-lite/".to_owned(),
            [404, 404, 403, 200, 200, 200],
        ),
        (project_members, [404, 404, 200, 200, 200, 200]),
        (
            format!(
                "/api/v1/workspaces/other/projects/{}/project-members-lite/",
                world.project
            ),
            [404, 404, 404, 404, 404, 404],
        ),
    ];
    for (path, expected) in lists {
        failures.extend(
            check_roles(
                &app,
                &world,
                Method::GET,
                &|_| path.clone(),
                &|_| None,
                expected,
            )
            .await,
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
