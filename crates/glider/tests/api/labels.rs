//! Labels: Plane's create and sort order, nesting without loops, duplicates, cascading delete,
//! tenants and roles.

use glider_test_utils::{TestApp, TestUser, json_of};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::states::{World, check_roles, world};

async fn create(app: &TestApp, user: &TestUser, world: &World, body: Value) -> Value {
    json_of(
        app.post(user, &world.path("/labels/"), body)
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await
}

async fn list(app: &TestApp, user: &TestUser, world: &World, query: &str) -> Value {
    json_of(
        app.get(user, &world.path(&format!("/labels/{query}")))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await
}

fn id(value: &Value) -> String {
    value["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn labels_are_created_after_the_last_and_listed_newest_first() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let bug = create(
        &app,
        owner,
        &world,
        json!({ "name": "bug", "color": "#f00", "sort_order": 1 }),
    )
    .await;
    assert_eq!(bug["sort_order"], 65535.0, "sent sort_order is overridden");
    assert_eq!(bug["color"], "#f00");
    assert_eq!(bug["description"], "");
    assert_eq!(bug["parent"], Value::Null);
    assert_eq!(bug["project"], world.project.as_str());
    let ui = create(&app, owner, &world, json!({ "name": "ui" })).await;
    assert_eq!(ui["sort_order"], 75535.0);
    assert_eq!(ui["color"], "");
    let page = list(&app, owner, &world, "?per_page=1&fields=id,name").await;
    assert_eq!(page["total_count"], 2);
    assert_eq!(page["results"][0]["name"], "ui", "newest first");
    assert_eq!(page["results"][0].as_object().unwrap().len(), 2);
    assert_eq!(page["next_cursor"], "1:1:0");
    let moved = json_of(
        app.patch(
            owner,
            &world.path(&format!("/labels/{}/", id(&bug))),
            json!({ "sort_order": 5.5, "description": "Broken things" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(moved["sort_order"], 5.5, "sort_order is taken on update");
    assert_eq!(moved["updated_by"], owner.id.to_string());
    let events =
        glider_db::repo::events::kinds_for_subject(app.ctx.db.conn(), id(&bug).parse().unwrap())
            .await
            .unwrap();
    assert_eq!(events, ["tracker.label.created", "tracker.label.updated"]);
    let bad = json_of(
        app.post(
            owner,
            &world.path("/labels/"),
            json!({ "color": 5, "sort_order": "high" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(bad["name"][0], "This field is required.");
    assert_eq!(bad["color"][0], "Not a valid string.");
    assert_eq!(bad["sort_order"][0], "A valid number is required.");
}

#[tokio::test]
async fn parents_must_be_labels_of_the_project_without_loops() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let area = create(&app, owner, &world, json!({ "name": "area" })).await;
    let front = create(
        &app,
        owner,
        &world,
        json!({ "name": "frontend", "parent": id(&area) }),
    )
    .await;
    assert_eq!(front["parent"], id(&area).as_str());
    let css = create(
        &app,
        owner,
        &world,
        json!({ "name": "css", "parent": id(&front) }),
    )
    .await;
    let elsewhere = app.create_project(owner, "acme", "Other", "OTH").await;
    let foreign = json_of(
        app.post(
            owner,
            &format!(
                "/api/v1/workspaces/acme/projects/{}/labels/",
                id(&elsewhere)
            ),
            json!({ "name": "foreign" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    for parent in [id(&foreign), uuid::Uuid::now_v7().to_string()] {
        let body = json_of(
            app.post(
                owner,
                &world.path("/labels/"),
                json!({ "name": "x", "parent": parent }),
            )
            .send()
            .await
            .unwrap(),
            StatusCode::BAD_REQUEST,
        )
        .await;
        assert_eq!(
            body["parent"][0],
            format!("Invalid pk \"{parent}\" - object does not exist.")
        );
    }
    let body = json_of(
        app.post(
            owner,
            &world.path("/labels/"),
            json!({ "name": "x", "parent": "nope" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body["parent"][0], "Must be a valid UUID.");
    let area_path = world.path(&format!("/labels/{}/", id(&area)));
    for parent in [id(&css), id(&area)] {
        let body = json_of(
            app.patch(owner, &area_path, json!({ "parent": parent }))
                .send()
                .await
                .unwrap(),
            StatusCode::BAD_REQUEST,
        )
        .await;
        assert_eq!(body["parent"][0], "A label cannot be its own ancestor.");
    }
    // Moving a leaf to the top and back is fine.
    let css_path = world.path(&format!("/labels/{}/", id(&css)));
    let top = json_of(
        app.patch(owner, &css_path, json!({ "parent": null }))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(top["parent"], Value::Null);
    let back = json_of(
        app.patch(owner, &css_path, json!({ "parent": id(&area) }))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(back["parent"], id(&area).as_str());
}

#[tokio::test]
async fn duplicate_names_and_external_ids_conflict() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let bug = create(&app, owner, &world, json!({ "name": "bug" })).await;
    let ui = create(
        &app,
        owner,
        &world,
        json!({ "name": "ui", "external_source": "github", "external_id": "12" }),
    )
    .await;
    let body = json_of(
        app.post(owner, &world.path("/labels/"), json!({ "name": "bug" }))
            .send()
            .await
            .unwrap(),
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(
        body["error"],
        "Label with the same name already exists in the project"
    );
    assert_eq!(body["id"], id(&bug).as_str());
    let body = json_of(
        app.post(
            owner,
            &world.path("/labels/"),
            json!({ "name": "new", "external_source": "github", "external_id": "12" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(
        body["error"],
        "Label with the same external id and external source already exists"
    );
    assert_eq!(body["id"], id(&ui).as_str());
    let body = json_of(
        app.patch(
            owner,
            &world.path(&format!("/labels/{}/", id(&ui))),
            json!({ "name": "bug" }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body["error"], "The payload is not valid");
    // Same name in another project is fine.
    let other = app.create_project(owner, "acme", "Other", "OTH").await;
    let path = format!("/api/v1/workspaces/acme/projects/{}/labels/", id(&other));
    assert_eq!(
        app.post(owner, &path, json!({ "name": "bug" }))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn deleting_a_label_takes_its_children_and_its_work_items_along() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let area = create(&app, owner, &world, json!({ "name": "area" })).await;
    let front = create(
        &app,
        owner,
        &world,
        json!({ "name": "frontend", "parent": id(&area) }),
    )
    .await;
    let keep = create(&app, owner, &world, json!({ "name": "keep" })).await;
    let item = json_of(
        app.post(
            owner,
            &world.path("/work-items/"),
            json!({ "name": "Fix", "labels": [id(&front), id(&keep)] }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let response = app
        .delete(owner, &world.path(&format!("/labels/{}/", id(&area))))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    for gone in [&area, &front] {
        let response = app
            .get(owner, &world.path(&format!("/labels/{}/", id(gone))))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
    let remaining = list(&app, owner, &world, "").await;
    assert_eq!(remaining["total_count"], 1);
    let item = json_of(
        app.get(
            owner,
            &world.path(&format!("/work-items/{}/", id(&item))),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(item["labels"], json!([id(&keep)]));
    // The name is free again.
    create(&app, owner, &world, json!({ "name": "frontend" })).await;
    let events =
        glider_db::repo::events::kinds_for_subject(app.ctx.db.conn(), id(&area).parse().unwrap())
            .await
            .unwrap();
    assert_eq!(events, ["tracker.label.created", "tracker.label.deleted"]);
}

#[tokio::test]
async fn archived_projects_hide_their_labels() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let bug = create(&app, owner, &world, json!({ "name": "bug" })).await;
    let archive = app
        .post(owner, &world.path("/archive/"), json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(archive.status(), StatusCode::NO_CONTENT);
    assert_eq!(list(&app, owner, &world, "").await["total_count"], 0);
    let response = app
        .get(owner, &world.path(&format!("/labels/{}/", id(&bug))))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn other_tenants_label_ids_are_not_found() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let eve = &world.users[0];
    let theirs = id(&app.create_project(eve, "other", "Evil", "EVL").await);
    let bug = id(&create(&app, world.owner(), &world, json!({ "name": "bug" })).await);
    let p = &world.project;
    for path in [
        format!("/api/v1/workspaces/other/projects/{p}/labels/"),
        format!("/api/v1/workspaces/other/projects/{p}/labels/{bug}/"),
        format!("/api/v1/workspaces/other/projects/{theirs}/labels/{bug}/"),
        format!("/api/v1/workspaces/acme/projects/{p}/labels/{bug}/"),
    ] {
        for method in [Method::GET, Method::PATCH, Method::DELETE] {
            let response = app
                .as_user(eve, method.clone(), &path)
                .json(&json!({ "name": "mine" }))
                .send()
                .await
                .unwrap();
            let allowed = [StatusCode::NOT_FOUND, StatusCode::METHOD_NOT_ALLOWED];
            assert!(allowed.contains(&response.status()), "{method} {path}");
        }
    }
    // Nor can Eve hang her label under Ada's.
    let body = json_of(
        app.post(
            eve,
            &format!("/api/v1/workspaces/other/projects/{theirs}/labels/"),
            json!({ "name": "x", "parent": bug }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(body["parent"].is_array());
    let still = list(&app, world.owner(), &world, "").await;
    assert_eq!(still["results"][0]["name"], "bug");
}

#[tokio::test]
async fn label_roles() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let mut ids = Vec::new();
    for n in 0..6 {
        ids.push(id(&create(&app, owner, &world, json!({ "name": format!("L{n}") })).await));
    }
    let all = world.path("/labels/");
    let one = |i: usize| world.path(&format!("/labels/{}/", ids[i]));
    let mut failures = Vec::new();
    let read = [404, 404, 200, 200, 200, 200];
    failures.extend(check_roles(&app, &world, Method::GET, &|_| all.clone(), &|_| None, read).await);
    failures.extend(check_roles(&app, &world, Method::GET, &one, &|_| None, read).await);
    failures.extend(
        check_roles(
            &app,
            &world,
            Method::POST,
            &|_| all.clone(),
            &|i| Some(json!({ "name": format!("new {i}") })),
            [404, 404, 403, 201, 201, 201],
        )
        .await,
    );
    failures.extend(
        check_roles(
            &app,
            &world,
            Method::PATCH,
            &one,
            &|i| Some(json!({ "color": format!("#{i}{i}{i}") })),
            [404, 404, 403, 200, 200, 200],
        )
        .await,
    );
    failures.extend(
        check_roles(&app, &world, Method::DELETE, &one, &|_| None, [404, 404, 403, 204, 204, 204]).await,
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
