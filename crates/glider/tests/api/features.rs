//! Feature switches: a project's (its own flags, changed as a project setting) and a
//! workspace's (their own row, changed by workspace admins).

use glider_test_utils::{TestApp, json_of};
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::catalog::{check_roles, world};

const WORKSPACE_FEATURES: &str = "/api/v1/workspaces/acme/features/";

#[tokio::test]
async fn project_features_mirror_the_project_flags() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let path = world.path("/features/");
    let features = json_of(app.get(owner, &path).send().await.unwrap(), StatusCode::OK).await;
    assert_eq!(
        features,
        json!({ "epics": false, "modules": false, "cycles": false, "views": false, "pages": true,
                "intakes": false, "work_item_types": false, "time_tracking": false })
    );
    let updated = json_of(
        app.patch(
            owner,
            &path,
            json!({ "cycles": true, "modules": true, "views": true, "pages": false, "intakes": true,
                    "work_item_types": true, "time_tracking": true, "epics": false, "unknown": 1 }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        updated,
        json!({ "epics": false, "modules": true, "cycles": true, "views": true, "pages": false,
                "intakes": true, "work_item_types": true, "time_tracking": true })
    );
    let project = json_of(
        app.get(owner, &world.path("/")).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    for (flag, on) in [
        ("cycle_view", true),
        ("module_view", true),
        ("issue_views_view", true),
        ("page_view", false),
        ("intake_view", true),
        ("is_issue_type_enabled", true),
        ("is_time_tracking_enabled", true),
    ] {
        assert_eq!(project[flag], on, "{flag}");
    }
    // A partial change leaves the rest alone.
    let partial = json_of(
        app.patch(owner, &path, json!({ "cycles": false }))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(partial["cycles"], false);
    assert_eq!(partial["modules"], true);
    // An empty change writes nothing.
    let same = json_of(
        app.patch(owner, &path, json!({})).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(same, partial);
    let events = glider_db::repo::events::kinds_for_subject(
        app.ctx.db.conn(),
        world.project.parse().unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(
        events,
        [
            "tracker.project.created",
            "tracker.project.updated",
            "tracker.project.updated"
        ]
    );
}

#[tokio::test]
async fn bad_project_feature_input_is_refused() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let path = world.path("/features/");
    let body = json_of(
        app.patch(
            owner,
            &path,
            json!({ "cycles": "yes", "modules": null, "epics": true }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body["cycles"][0], "Must be a valid boolean.");
    assert_eq!(body["modules"][0], "This field may not be null.");
    assert_eq!(body["epics"][0], "Epics are not available in Glider.");
    let unchanged = json_of(app.get(owner, &path).send().await.unwrap(), StatusCode::OK).await;
    assert_eq!(unchanged["cycles"], false);
    let archive = app
        .post(owner, &world.path("/archive/"), json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(archive.status(), StatusCode::NO_CONTENT);
    let body = json_of(
        app.patch(owner, &path, json!({ "cycles": true }))
            .send()
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body["error"], "Archived project cannot be updated");
}

#[tokio::test]
async fn workspace_features_have_defaults_and_admins_change_them() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let defaults = json!({ "project_grouping": false, "initiatives": false, "teams": false,
                           "customers": false, "wiki": true, "pi": false });
    let features = json_of(
        app.get(owner, WORKSPACE_FEATURES).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(features, defaults);
    let updated = json_of(
        app.patch(
            owner,
            WORKSPACE_FEATURES,
            json!({ "teams": true, "wiki": false }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(updated["teams"], true);
    assert_eq!(updated["wiki"], false);
    assert_eq!(updated["initiatives"], false);
    let again = json_of(
        app.patch(owner, WORKSPACE_FEATURES, json!({ "customers": true }))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(again["teams"], true, "kept from the first change");
    assert_eq!(again["customers"], true);
    let body = json_of(
        app.patch(owner, WORKSPACE_FEATURES, json!({ "pi": "on" }))
            .send()
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body["pi"][0], "Must be a valid boolean.");
    // Another workspace keeps its own defaults.
    let other = json_of(
        app.get(&world.users[0], "/api/v1/workspaces/other/features/")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(other, defaults);
    let workspace = json_of(
        app.get(owner, "/api/v1/workspaces/acme/")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let events = glider_db::repo::events::kinds_for_subject(
        app.ctx.db.conn(),
        workspace["id"].as_str().unwrap().parse().unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(
        events
            .iter()
            .filter(|kind| *kind == "workspaces.features.updated")
            .count(),
        2
    );
}

#[tokio::test]
async fn feature_roles() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let project = world.path("/features/");
    let mut failures = Vec::new();
    failures.extend(
        check_roles(
            &app,
            &world,
            Method::GET,
            &|_| project.clone(),
            &|_| None,
            [404, 404, 200, 200, 200, 200],
        )
        .await,
    );
    failures.extend(
        check_roles(
            &app,
            &world,
            Method::PATCH,
            &|_| project.clone(),
            &|i| Some(json!({ "cycles": i % 2 == 0 })),
            [404, 404, 403, 403, 200, 200],
        )
        .await,
    );
    failures.extend(
        check_roles(
            &app,
            &world,
            Method::GET,
            &|_| WORKSPACE_FEATURES.to_owned(),
            &|_| None,
            [404, 404, 200, 200, 200, 200],
        )
        .await,
    );
    failures.extend(
        check_roles(
            &app,
            &world,
            Method::PATCH,
            &|_| WORKSPACE_FEATURES.to_owned(),
            &|i| Some(json!({ "teams": i % 2 == 0 })),
            [404, 404, 403, 403, 200, 200],
        )
        .await,
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn other_tenants_project_features_are_not_found() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let eve = &world.users[0];
    let p = &world.project;
    for path in [
        format!("/api/v1/workspaces/other/projects/{p}/features/"),
        format!("/api/v1/workspaces/acme/projects/{p}/features/"),
    ] {
        for method in [Method::GET, Method::PATCH] {
            let response = app
                .as_user(eve, method.clone(), &path)
                .json(&json!({ "cycles": true }))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{method} {path}");
        }
    }
    let features = json_of(
        app.get(world.owner(), &world.path("/features/"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(features["cycles"], false);
}
