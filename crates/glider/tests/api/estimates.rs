//! Estimates: one per project, Plane's messages, points in bulk, tenants and roles.

use glider_test_utils::{TestApp, TestUser};
use reqwest::Method;
use serde_json::{Value, json};

use crate::catalog::{World, assert_hidden, call, check_roles, events, id, world};

const GET: Method = Method::GET;
const POST: Method = Method::POST;
const PATCH: Method = Method::PATCH;
const DELETE: Method = Method::DELETE;
const NONE: Value = Value::Null;

fn points_path(world: &World, estimate: &Value) -> String {
    world.path(&format!("/estimates/{}/estimate-points/", id(estimate)))
}

async fn points(app: &TestApp, user: &TestUser, world: &World, estimate: &Value) -> Vec<Value> {
    let list = call(app, user, GET, &points_path(world, estimate), NONE, 200).await;
    list.as_array().unwrap().clone()
}

/// An estimate named "Sizes" with one point "M"; returns both.
async fn sized(app: &TestApp, world: &World) -> (Value, String) {
    let owner = world.owner();
    let body = json!({ "name": "Sizes" });
    let estimate = call(app, owner, POST, &world.path("/estimates/"), body, 201).await;
    let path = points_path(world, &estimate);
    let created = call(app, owner, POST, &path, json!([{ "value": "M" }]), 201).await;
    (estimate, id(&created[0]))
}

#[tokio::test]
async fn a_project_has_at_most_one_estimate() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let path = world.path("/estimates/");
    let body = call(&app, owner, GET, &path, NONE, 404).await;
    assert_eq!(body["error"], "Estimate not found");
    let created = call(&app, owner, POST, &path, json!({ "name": "Sizes" }), 201).await;
    assert_eq!(created["type"], "categories");
    assert_eq!(created["last_used"], false);
    assert_eq!(created["description"], "");
    assert_eq!(created["project"], world.project.as_str());
    let again = json!({ "name": "Again", "type": "points" });
    let body = call(&app, owner, POST, &path, again, 409).await;
    assert_eq!(body["error"], "An estimate already exists for this project");
    assert_eq!(body["id"], created["id"]);
    let fetched = call(&app, owner, GET, &path, NONE, 200).await;
    assert_eq!(fetched["id"], created["id"]);
    assert_eq!(
        events(&app, &id(&created)).await,
        ["tracker.estimate.created"]
    );
}

#[tokio::test]
async fn estimate_input_follows_plane() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let path = world.path("/estimates/");
    let body = call(&app, owner, POST, &path, json!({}), 400).await;
    assert_eq!(body["name"][0], "This field is required.");
    let bad = json!({ "name": "T", "type": "time", "last_used": "no" });
    let body = call(&app, owner, POST, &path, bad, 400).await;
    assert_eq!(body["type"][0], "\"time\" is not a valid choice.");
    assert_eq!(body["last_used"][0], "Must be a valid boolean.");
    let good = json!({ "name": "Points", "type": "points", "last_used": true, "description": "Fibonacci" });
    let created = call(&app, owner, POST, &path, good, 201).await;
    assert_eq!(created["type"], "points");
    assert_eq!(created["last_used"], true);
    // Only name and description change; other keys are dropped.
    let change = json!({ "name": "Story points", "type": "categories", "last_used": false });
    let updated = call(&app, owner, PATCH, &path, change, 200).await;
    assert_eq!(updated["name"], "Story points");
    assert_eq!(updated["type"], "points");
    assert_eq!(updated["last_used"], true);
    assert_eq!(updated["description"], "Fibonacci");
    assert_eq!(updated["updated_by"], owner.id.to_string());
    let unchanged = call(&app, owner, PATCH, &path, json!({ "type": "x" }), 200).await;
    assert_eq!(unchanged["updated_at"], updated["updated_at"]);
    let body = call(&app, owner, PATCH, &path, json!({ "name": "" }), 400).await;
    assert_eq!(body["name"][0], "This field may not be blank.");
    assert_eq!(
        events(&app, &id(&created)).await,
        ["tracker.estimate.created", "tracker.estimate.updated"],
        "no event for a body with nothing to change"
    );
}

#[tokio::test]
async fn points_are_added_in_bulk_and_listed_by_value() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let estimate = call(
        &app,
        owner,
        POST,
        &world.path("/estimates/"),
        json!({ "name": "S" }),
        201,
    )
    .await;
    let path = points_path(&world, &estimate);
    let two = json!([{ "value": "M", "key": 2 }, { "value": "L", "key": 3, "description": "big" }]);
    let created = call(&app, owner, POST, &path, two, 201).await;
    assert_eq!(created.as_array().unwrap().len(), 2);
    assert_eq!(created[0]["estimate"], estimate["id"]);
    assert_eq!(created[0]["updated_by"], Value::Null);
    let wrapped = json!({ "estimate_points": [{ "value": "S" }] });
    let created = call(&app, owner, POST, &path, wrapped, 201).await;
    assert_eq!(created[0]["key"], 0);
    let values: Vec<Value> = points(&app, owner, &world, &estimate)
        .await
        .iter()
        .map(|p| p["value"].clone())
        .collect();
    assert_eq!(values, ["L", "M", "S"], "ordered by value");
    for empty in [json!([]), json!({}), json!({ "estimate_points": [] })] {
        let body = call(&app, owner, POST, &path, empty, 400).await;
        assert_eq!(body["error"], "Estimate points are required");
    }
    let bad = json!([{ "value": "ok" }, { "value": "x".repeat(21) }, { "key": -1 }]);
    let body = call(&app, owner, POST, &path, bad, 400).await;
    assert_eq!(body["1"][0], "Value can't be more than 20 characters");
    assert_eq!(
        body["2"],
        json!([
            "key: Ensure this value is greater than or equal to 0.",
            "value: This field is required."
        ])
    );
    assert!(body["0"].is_null(), "{body}");
    let count = points(&app, owner, &world, &estimate).await.len();
    assert_eq!(count, 3, "a refused batch writes nothing");
}

#[tokio::test]
async fn points_change_and_go_one_by_one() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let (estimate, point_id) = sized(&app, &world).await;
    let path = points_path(&world, &estimate);
    let point = format!("{path}{point_id}/");
    let change = json!({ "value": "XL", "key": 5, "description": "huge", "estimate": "ignored" });
    let updated = call(&app, owner, PATCH, &point, change, 200).await;
    assert_eq!(updated["value"], "XL");
    assert_eq!(updated["key"], 5);
    assert_eq!(updated["updated_by"], owner.id.to_string());
    let long = json!({ "value": "x".repeat(21) });
    let body = call(&app, owner, PATCH, &point, long, 400).await;
    assert_eq!(
        body["non_field_errors"][0],
        "Value can't be more than 20 characters"
    );
    let body = call(&app, owner, PATCH, &point, json!({ "key": -1 }), 400).await;
    assert_eq!(
        body["key"][0],
        "Ensure this value is greater than or equal to 0."
    );
    let missing = format!("{path}{}/", uuid::Uuid::now_v7());
    let body = call(&app, owner, PATCH, &missing, json!({ "value": "S" }), 404).await;
    assert_eq!(body["error"], "Estimate point not found");
    call(&app, owner, DELETE, &point, NONE, 204).await;
    assert!(points(&app, owner, &world, &estimate).await.is_empty());
    let body = call(&app, owner, DELETE, &point, NONE, 404).await;
    assert_eq!(body["error"], "Estimate point not found");
    let unknown = world.path(&format!(
        "/estimates/{}/estimate-points/",
        uuid::Uuid::now_v7()
    ));
    let body = call(&app, owner, GET, &unknown, NONE, 404).await;
    assert_eq!(body["error"], "Estimate not found");
    assert_eq!(
        events(&app, &point_id).await,
        [
            "tracker.estimate_point.updated",
            "tracker.estimate_point.deleted"
        ]
    );
}

#[tokio::test]
async fn deleting_the_estimate_unlinks_the_project_and_work_items() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let (estimate, point) = sized(&app, &world).await;
    let link = json!({ "estimate": estimate["id"] });
    let linked = call(&app, owner, PATCH, &world.path("/"), link, 200).await;
    assert_eq!(linked["estimate"], estimate["id"]);
    let body = json!({ "name": "Sized", "estimate_point": point });
    let item = call(&app, owner, POST, &world.path("/work-items/"), body, 201).await;
    assert_eq!(item["estimate_point"], point.as_str());
    call(&app, owner, DELETE, &world.path("/estimates/"), NONE, 204).await;
    let project = call(&app, owner, GET, &world.path("/"), NONE, 200).await;
    assert_eq!(project["estimate"], Value::Null);
    let item_path = world.path(&format!("/work-items/{}/", id(&item)));
    let item = call(&app, owner, GET, &item_path, NONE, 200).await;
    assert_eq!(item["estimate_point"], Value::Null);
    let body = call(&app, owner, DELETE, &world.path("/estimates/"), NONE, 404).await;
    assert_eq!(body["error"], "Estimate not found");
    assert_eq!(
        events(&app, &id(&estimate)).await,
        [
            "tracker.estimate.created",
            "tracker.estimate_point.created",
            "tracker.estimate.deleted"
        ]
    );
    // A new estimate may be made at once.
    let again = json!({ "name": "Again" });
    call(&app, owner, POST, &world.path("/estimates/"), again, 201).await;
}

#[tokio::test]
async fn other_tenants_estimate_ids_are_not_found() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let eve = &world.users[0];
    let (estimate, point) = sized(&app, &world).await;
    let theirs = id(&app.create_project(eve, "other", "Evil", "EVL").await);
    let other = format!("/api/v1/workspaces/other/projects/{theirs}");
    let own = id(&call(
        &app,
        eve,
        POST,
        &format!("{other}/estimates/"),
        json!({ "name": "Mine" }),
        201,
    )
    .await);
    let (e, p) = (id(&estimate), &world.project);
    let paths = [
        format!("/api/v1/workspaces/other/projects/{p}/estimates/"),
        format!("{other}/estimates/{e}/estimate-points/"),
        format!("{other}/estimates/{e}/estimate-points/{point}/"),
        format!("{other}/estimates/{own}/estimate-points/{point}/"),
        format!("/api/v1/workspaces/acme/projects/{p}/estimates/"),
        format!("/api/v1/workspaces/acme/projects/{p}/estimates/{e}/estimate-points/"),
    ];
    assert_hidden(&app, eve, &paths, &json!({ "name": "Mine", "value": "X" })).await;
    let list = points(&app, world.owner(), &world, &estimate).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["value"], "M");
}

#[tokio::test]
async fn estimate_roles() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let (estimate, _) = sized(&app, &world).await;
    let path = points_path(&world, &estimate);
    let mut ids = Vec::new();
    for n in 0..6 {
        let body = json!([{ "value": format!("P{n}") }]);
        ids.push(id(
            &call(&app, world.owner(), POST, &path, body, 201).await[0]
        ));
    }
    let one = |i: usize| format!("{path}{}/", ids[i]);
    let whole = world.path("/estimates/");
    let (read, write) = (
        [404, 404, 200, 200, 200, 200],
        [404, 404, 403, 200, 200, 200],
    );
    let mut failures = Vec::new();
    failures.extend(check_roles(&app, &world, GET, &|_| whole.clone(), &|_| None, read).await);
    failures.extend(check_roles(&app, &world, GET, &|_| path.clone(), &|_| None, read).await);
    let describe = |i: usize| Some(json!({ "description": format!("d{i}") }));
    failures.extend(check_roles(&app, &world, PATCH, &|_| whole.clone(), &describe, write).await);
    let add = |i: usize| Some(json!([{ "value": format!("N{i}") }]));
    let created = [404, 404, 403, 201, 201, 201];
    failures.extend(check_roles(&app, &world, POST, &|_| path.clone(), &add, created).await);
    let key = |i: usize| Some(json!({ "key": i }));
    failures.extend(check_roles(&app, &world, PATCH, &one, &key, write).await);
    let gone = [404, 404, 403, 204, 204, 204];
    failures.extend(check_roles(&app, &world, DELETE, &one, &|_| None, gone).await);
    let second = |_| Some(json!({ "name": "Second" }));
    let taken = [404, 404, 403, 409, 409, 409];
    failures.extend(check_roles(&app, &world, POST, &|_| whole.clone(), &second, taken).await);
    // The first contributor deletes it; after that there is nothing left to delete.
    let once = [404, 404, 403, 204, 404, 404];
    failures.extend(check_roles(&app, &world, DELETE, &|_| whole.clone(), &|_| None, once).await);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
