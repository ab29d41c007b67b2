//! Labels: Plane's create and sort order, nesting without loops, duplicates, cascading delete,
//! tenants and roles.

use glider_test_utils::{TestApp, TestUser};
use reqwest::Method;
use serde_json::{Value, json};

use crate::catalog::{World, assert_hidden, call, check_roles, events, id, world};

const GET: Method = Method::GET;
const POST: Method = Method::POST;
const PATCH: Method = Method::PATCH;
const DELETE: Method = Method::DELETE;
const NONE: Value = Value::Null;

async fn create(app: &TestApp, user: &TestUser, world: &World, body: Value) -> Value {
    call(app, user, POST, &world.path("/labels/"), body, 201).await
}

fn one(world: &World, label: &Value) -> String {
    world.path(&format!("/labels/{}/", id(label)))
}

#[tokio::test]
async fn labels_are_created_after_the_last_and_listed_newest_first() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let body = json!({ "name": "bug", "color": "#f00", "sort_order": 1 });
    let bug = create(&app, owner, &world, body).await;
    assert_eq!(bug["sort_order"], 65535.0, "sent sort_order is overridden");
    assert_eq!(bug["color"], "#f00");
    assert_eq!(bug["description"], "");
    assert_eq!(bug["parent"], Value::Null);
    assert_eq!(bug["project"], world.project.as_str());
    let ui = create(&app, owner, &world, json!({ "name": "ui" })).await;
    assert_eq!(ui["sort_order"], 75535.0);
    assert_eq!(ui["color"], "");
    let list = world.path("/labels/?per_page=1&fields=id,name");
    let page = call(&app, owner, GET, &list, NONE, 200).await;
    assert_eq!(page["total_count"], 2);
    assert_eq!(page["results"][0]["name"], "ui", "newest first");
    assert_eq!(page["results"][0].as_object().unwrap().len(), 2);
    assert_eq!(page["next_cursor"], "1:1:0");
    let change = json!({ "sort_order": 5.5, "description": "Broken things" });
    let moved = call(&app, owner, PATCH, &one(&world, &bug), change, 200).await;
    assert_eq!(moved["sort_order"], 5.5, "sort_order is taken on update");
    assert_eq!(moved["updated_by"], owner.id.to_string());
    assert_eq!(
        events(&app, &id(&bug)).await,
        ["tracker.label.created", "tracker.label.updated"]
    );
    let bad = json!({ "color": 5, "sort_order": "high" });
    let body = call(&app, owner, POST, &world.path("/labels/"), bad, 400).await;
    assert_eq!(body["name"][0], "This field is required.");
    assert_eq!(body["color"][0], "Not a valid string.");
    assert_eq!(body["sort_order"][0], "A valid number is required.");
}

#[tokio::test]
async fn parents_must_be_labels_of_the_project_without_loops() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let path = world.path("/labels/");
    let area = create(&app, owner, &world, json!({ "name": "area" })).await;
    let body = json!({ "name": "frontend", "parent": id(&area) });
    let front = create(&app, owner, &world, body).await;
    assert_eq!(front["parent"], id(&area).as_str());
    let css = create(
        &app,
        owner,
        &world,
        json!({ "name": "css", "parent": id(&front) }),
    )
    .await;
    let elsewhere = id(&app.create_project(owner, "acme", "Other", "OTH").await);
    let other_path = format!("/api/v1/workspaces/acme/projects/{elsewhere}/labels/");
    let foreign = call(
        &app,
        owner,
        POST,
        &other_path,
        json!({ "name": "foreign" }),
        201,
    )
    .await;
    for parent in [id(&foreign), uuid::Uuid::now_v7().to_string()] {
        let body = call(
            &app,
            owner,
            POST,
            &path,
            json!({ "name": "x", "parent": parent }),
            400,
        )
        .await;
        assert_eq!(
            body["parent"][0],
            format!("Invalid pk \"{parent}\" - object does not exist.")
        );
    }
    let body = call(
        &app,
        owner,
        POST,
        &path,
        json!({ "name": "x", "parent": "nope" }),
        400,
    )
    .await;
    assert_eq!(body["parent"][0], "Must be a valid UUID.");
    for parent in [id(&css), id(&area)] {
        let change = json!({ "parent": parent });
        let body = call(&app, owner, PATCH, &one(&world, &area), change, 400).await;
        assert_eq!(body["parent"][0], "A label cannot be its own ancestor.");
    }
    // Moving a leaf to the top and back is fine.
    let top = call(
        &app,
        owner,
        PATCH,
        &one(&world, &css),
        json!({ "parent": null }),
        200,
    )
    .await;
    assert_eq!(top["parent"], Value::Null);
    let change = json!({ "parent": id(&area) });
    let back = call(&app, owner, PATCH, &one(&world, &css), change, 200).await;
    assert_eq!(back["parent"], id(&area).as_str());
}

#[tokio::test]
async fn duplicate_names_and_external_ids_conflict() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let path = world.path("/labels/");
    let bug = create(&app, owner, &world, json!({ "name": "bug" })).await;
    let imported = json!({ "name": "ui", "external_source": "github", "external_id": "12" });
    let ui = create(&app, owner, &world, imported).await;
    let body = call(&app, owner, POST, &path, json!({ "name": "bug" }), 409).await;
    assert_eq!(
        body["error"],
        "Label with the same name already exists in the project"
    );
    assert_eq!(body["id"], id(&bug).as_str());
    let again = json!({ "name": "new", "external_source": "github", "external_id": "12" });
    let body = call(&app, owner, POST, &path, again, 409).await;
    assert_eq!(
        body["error"],
        "Label with the same external id and external source already exists"
    );
    assert_eq!(body["id"], id(&ui).as_str());
    let body = call(
        &app,
        owner,
        PATCH,
        &one(&world, &ui),
        json!({ "name": "bug" }),
        400,
    )
    .await;
    assert_eq!(body["error"], "The payload is not valid");
    // Same name in another project is fine.
    let other = id(&app.create_project(owner, "acme", "Other", "OTH").await);
    let other_path = format!("/api/v1/workspaces/acme/projects/{other}/labels/");
    call(
        &app,
        owner,
        POST,
        &other_path,
        json!({ "name": "bug" }),
        201,
    )
    .await;
}

#[tokio::test]
async fn deleting_a_label_takes_its_children_and_its_work_items_along() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let area = create(&app, owner, &world, json!({ "name": "area" })).await;
    let body = json!({ "name": "frontend", "parent": id(&area) });
    let front = create(&app, owner, &world, body).await;
    let keep = create(&app, owner, &world, json!({ "name": "keep" })).await;
    let body = json!({ "name": "Fix", "labels": [id(&front), id(&keep)] });
    let item = call(&app, owner, POST, &world.path("/work-items/"), body, 201).await;
    call(&app, owner, DELETE, &one(&world, &area), NONE, 204).await;
    for gone in [&area, &front] {
        call(&app, owner, GET, &one(&world, gone), NONE, 404).await;
    }
    let remaining = call(&app, owner, GET, &world.path("/labels/"), NONE, 200).await;
    assert_eq!(remaining["total_count"], 1);
    let item_path = world.path(&format!("/work-items/{}/", id(&item)));
    let item = call(&app, owner, GET, &item_path, NONE, 200).await;
    assert_eq!(item["labels"], json!([id(&keep)]));
    // The name is free again.
    create(&app, owner, &world, json!({ "name": "frontend" })).await;
    assert_eq!(
        events(&app, &id(&area)).await,
        ["tracker.label.created", "tracker.label.deleted"]
    );
}

#[tokio::test]
async fn archived_projects_hide_their_labels() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let bug = create(&app, owner, &world, json!({ "name": "bug" })).await;
    call(&app, owner, POST, &world.path("/archive/"), json!({}), 204).await;
    let list = call(&app, owner, GET, &world.path("/labels/"), NONE, 200).await;
    assert_eq!(list["total_count"], 0);
    call(&app, owner, GET, &one(&world, &bug), NONE, 404).await;
}

#[tokio::test]
async fn other_tenants_label_ids_are_not_found() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let eve = &world.users[0];
    let theirs = id(&app.create_project(eve, "other", "Evil", "EVL").await);
    let bug = id(&create(&app, world.owner(), &world, json!({ "name": "bug" })).await);
    let p = &world.project;
    let paths = [
        format!("/api/v1/workspaces/other/projects/{p}/labels/"),
        format!("/api/v1/workspaces/other/projects/{p}/labels/{bug}/"),
        format!("/api/v1/workspaces/other/projects/{theirs}/labels/{bug}/"),
        format!("/api/v1/workspaces/acme/projects/{p}/labels/{bug}/"),
    ];
    assert_hidden(&app, eve, &paths, &json!({ "name": "mine" })).await;
    // Nor can Eve hang her label under Ada's.
    let path = format!("/api/v1/workspaces/other/projects/{theirs}/labels/");
    let body = call(
        &app,
        eve,
        POST,
        &path,
        json!({ "name": "x", "parent": bug }),
        400,
    )
    .await;
    assert!(body["parent"].is_array());
    let still = call(&app, world.owner(), GET, &world.path("/labels/"), NONE, 200).await;
    assert_eq!(still["results"][0]["name"], "bug");
}

#[tokio::test]
async fn label_roles() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let mut ids = Vec::new();
    for n in 0..6 {
        let body = json!({ "name": format!("L{n}") });
        ids.push(id(&create(&app, world.owner(), &world, body).await));
    }
    let all = world.path("/labels/");
    let one = |i: usize| format!("{all}{}/", ids[i]);
    let read = [404, 404, 200, 200, 200, 200];
    let mut failures = Vec::new();
    failures.extend(check_roles(&app, &world, GET, &|_| all.clone(), &|_| None, read).await);
    failures.extend(check_roles(&app, &world, GET, &one, &|_| None, read).await);
    let new = |i: usize| Some(json!({ "name": format!("new {i}") }));
    let created = [404, 404, 403, 201, 201, 201];
    failures.extend(check_roles(&app, &world, POST, &|_| all.clone(), &new, created).await);
    let paint = |i: usize| Some(json!({ "color": format!("#{i}{i}{i}") }));
    let write = [404, 404, 403, 200, 200, 200];
    failures.extend(check_roles(&app, &world, PATCH, &one, &paint, write).await);
    let gone = [404, 404, 403, 204, 204, 204];
    failures.extend(check_roles(&app, &world, DELETE, &one, &|_| None, gone).await);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
