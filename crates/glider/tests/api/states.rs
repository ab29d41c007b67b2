//! States: Plane's create (200, sequence, one default), duplicates, deletion rules, visibility,
//! tenants and roles.

use glider_test_utils::{TestApp, TestUser};
use reqwest::Method;
use serde_json::{Value, json};

use crate::catalog::{World, assert_hidden, call, check_roles, events, id, world};

const GET: Method = Method::GET;
const POST: Method = Method::POST;
const PATCH: Method = Method::PATCH;
const DELETE: Method = Method::DELETE;

async fn states(app: &TestApp, user: &TestUser, world: &World) -> Vec<Value> {
    let page = call(app, user, GET, &world.path("/states/"), Value::Null, 200).await;
    page["results"].as_array().unwrap().clone()
}

fn named(list: &[Value], name: &str) -> String {
    id(list.iter().find(|s| s["name"] == name).unwrap())
}

#[tokio::test]
async fn creating_a_state_follows_plane() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let path = world.path("/states/");
    let body = json!({ "name": " Ready -- for QA! ", "color": "#4ECDC4", "sequence": 1, "description": "d" });
    let created = call(&app, owner, POST, &path, body, 200).await;
    assert_eq!(created["name"], "Ready -- for QA!");
    assert_eq!(created["slug"], "ready-for-qa");
    assert_eq!(created["group"], "backlog");
    assert_eq!(created["default"], false);
    assert_eq!(
        created["sequence"], 70000.0,
        "after Cancelled (55000); triage ignored"
    );
    assert_eq!(created["project"], world.project.as_str());
    assert_eq!(created["created_by"], owner.id.to_string());
    let body = json!({ "name": "Shipped", "color": "#000", "group": "completed" });
    let second = call(&app, owner, POST, &path, body, 200).await;
    assert_eq!(second["sequence"], 85000.0);
    assert_eq!(second["group"], "completed");
    let list = states(&app, owner, &world).await;
    assert_eq!(list.len(), 7);
    assert_eq!(list[6]["name"], "Shipped", "ordered by sequence");
    assert_eq!(events(&app, &id(&created)).await, ["tracker.state.created"]);
    let one = call(
        &app,
        owner,
        GET,
        &format!("{path}{}/?fields=id,name", id(&created)),
        Value::Null,
        200,
    )
    .await;
    assert_eq!(one.as_object().unwrap().len(), 2, "{one}");
}

#[tokio::test]
async fn bad_state_input_is_refused_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let path = world.path("/states/");
    let body = call(&app, owner, POST, &path, json!({}), 400).await;
    assert_eq!(body["name"][0], "This field is required.");
    assert_eq!(body["color"][0], "This field is required.");
    let triage = json!({ "name": "T", "color": "#fff", "group": "triage" });
    let body = call(&app, owner, POST, &path, triage, 400).await;
    assert_eq!(body["non_field_errors"][0], "Cannot create triage state");
    let bad = json!({ "name": " ", "color": "#fff", "group": "bogus", "sequence": "x", "default": "yes" });
    let body = call(&app, owner, POST, &path, bad, 400).await;
    assert_eq!(body["name"][0], "This field may not be blank.");
    assert_eq!(body["group"][0], "\"bogus\" is not a valid choice.");
    assert_eq!(body["sequence"][0], "A valid number is required.");
    assert_eq!(body["default"][0], "Must be a valid boolean.");
    let long = json!({ "name": "x".repeat(256), "color": "#fff" });
    let body = call(&app, owner, POST, &path, long, 400).await;
    assert_eq!(
        body["name"][0],
        "Ensure this field has no more than 255 characters."
    );
    let list = states(&app, owner, &world).await;
    assert_eq!(list.len(), 5);
    let todo = format!("{path}{}/", named(&list, "Todo"));
    let body = call(&app, owner, PATCH, &todo, json!({ "group": "triage" }), 400).await;
    assert_eq!(body["non_field_errors"][0], "Cannot create triage state");
}

#[tokio::test]
async fn duplicate_names_and_external_ids_conflict() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let path = world.path("/states/");
    let todo = named(&states(&app, owner, &world).await, "Todo");
    let todo_path = format!("{path}{todo}/");
    let body = call(
        &app,
        owner,
        POST,
        &path,
        json!({ "name": "Todo", "color": "#fff" }),
        409,
    )
    .await;
    assert_eq!(
        body["error"],
        "State with the same name already exists in the project"
    );
    assert_eq!(body["id"], todo.as_str());
    let body = call(
        &app,
        owner,
        PATCH,
        &todo_path,
        json!({ "name": "Done" }),
        400,
    )
    .await;
    assert_eq!(body["error"], "The payload is not valid");
    let imported = json!({ "name": "Imported", "color": "#fff", "external_source": "jira", "external_id": "7" });
    let first = call(&app, owner, POST, &path, imported, 200).await;
    let again =
        json!({ "name": "Other", "color": "#fff", "external_source": "jira", "external_id": "7" });
    let body = call(&app, owner, POST, &path, again, 409).await;
    assert_eq!(
        body["error"],
        "State with the same external id and external source already exists"
    );
    assert_eq!(body["id"], first["id"]);
    let same_pair = json!({ "external_source": "jira", "external_id": "7" });
    let body = call(&app, owner, PATCH, &todo_path, same_pair, 409).await;
    assert_eq!(body["id"], first["id"]);
    // A deleted state's name is free again at once.
    let first_path = format!("{path}{}/", id(&first));
    call(&app, owner, DELETE, &first_path, Value::Null, 204).await;
    call(
        &app,
        owner,
        POST,
        &path,
        json!({ "name": "Imported", "color": "#fff" }),
        200,
    )
    .await;
}

#[tokio::test]
async fn one_default_state_at_a_time() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let path = world.path("/states/");
    let inbox = json!({ "name": "Inbox", "color": "#fff", "default": true });
    let created = call(&app, owner, POST, &path, inbox, 200).await;
    assert_eq!(created["default"], true);
    let defaults = |list: &[Value]| -> Vec<String> {
        list.iter()
            .filter(|s| s["default"] == true)
            .map(|s| s["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let list = states(&app, owner, &world).await;
    assert_eq!(defaults(&list), ["Inbox"]);
    let todo = named(&list, "Todo");
    let change = json!({ "default": true, "name": "To do", "sequence": 1.5 });
    let updated = call(&app, owner, PATCH, &format!("{path}{todo}/"), change, 200).await;
    assert_eq!(updated["slug"], "to-do");
    assert_eq!(updated["sequence"], 1.5);
    assert_eq!(updated["updated_by"], owner.id.to_string());
    let list = states(&app, owner, &world).await;
    assert_eq!(list[0]["name"], "To do", "reordered by sequence");
    assert_eq!(defaults(&list), ["To do"]);
    assert_eq!(events(&app, &todo).await, ["tracker.state.updated"]);
}

#[tokio::test]
async fn only_empty_non_default_states_can_be_deleted() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let list = states(&app, owner, &world).await;
    let state_path = |name: &str| world.path(&format!("/states/{}/", named(&list, name)));
    let body = call(
        &app,
        owner,
        DELETE,
        &state_path("Backlog"),
        Value::Null,
        400,
    )
    .await;
    assert_eq!(body["error"], "Default state cannot be deleted");
    let item = json!({ "name": "Fix it", "state": named(&list, "Todo") });
    call(&app, owner, POST, &world.path("/work-items/"), item, 201).await;
    let body = call(&app, owner, DELETE, &state_path("Todo"), Value::Null, 400).await;
    assert_eq!(
        body["error"],
        "The state is not empty, only empty states can be deleted"
    );
    call(
        &app,
        owner,
        DELETE,
        &state_path("Cancelled"),
        Value::Null,
        204,
    )
    .await;
    call(&app, owner, GET, &state_path("Cancelled"), Value::Null, 404).await;
    assert_eq!(states(&app, owner, &world).await.len(), 4);
    let cancelled = named(&list, "Cancelled");
    assert_eq!(events(&app, &cancelled).await, ["tracker.state.deleted"]);
}

#[tokio::test]
async fn triage_states_and_archived_projects_stay_hidden() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let project_id = glider_domain::ProjectId(world.project.parse().unwrap());
    let all = glider_db::repo::states::list_states(app.ctx.db.conn(), project_id, true)
        .await
        .unwrap();
    let triage = all.iter().find(|s| s.is_triage).unwrap().id;
    let path = world.path(&format!("/states/{triage}/"));
    call(&app, owner, GET, &path, Value::Null, 404).await;
    call(&app, owner, PATCH, &path, json!({ "name": "Mine" }), 404).await;
    let backlog = id(&states(&app, owner, &world).await[0]);
    call(&app, owner, POST, &world.path("/archive/"), json!({}), 204).await;
    assert!(states(&app, owner, &world).await.is_empty());
    let backlog_path = world.path(&format!("/states/{backlog}/"));
    call(&app, owner, GET, &backlog_path, Value::Null, 404).await;
}

#[tokio::test]
async fn other_tenants_state_ids_are_not_found() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let eve = &world.users[0];
    let theirs = id(&app.create_project(eve, "other", "Evil", "EVL").await);
    let state = id(&states(&app, world.owner(), &world).await[1]);
    let p = &world.project;
    let paths = [
        format!("/api/v1/workspaces/other/projects/{p}/states/"),
        format!("/api/v1/workspaces/other/projects/{p}/states/{state}/"),
        format!("/api/v1/workspaces/other/projects/{theirs}/states/{state}/"),
        format!("/api/v1/workspaces/acme/projects/{p}/states/{state}/"),
    ];
    assert_hidden(
        &app,
        eve,
        &paths,
        &json!({ "name": "Mine", "color": "#000" }),
    )
    .await;
    let list = states(&app, world.owner(), &world).await;
    assert_eq!(list.len(), 5);
    assert_eq!(list[1]["name"], "Todo", "unchanged");
}

#[tokio::test]
async fn state_roles() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let all = world.path("/states/");
    let mut ids = Vec::new();
    for n in 0..6 {
        let body = json!({ "name": format!("S{n}"), "color": "#fff" });
        ids.push(id(&call(&app, world.owner(), POST, &all, body, 200).await));
    }
    let one = |i: usize| format!("{all}{}/", ids[i]);
    let read = [404, 404, 200, 200, 200, 200];
    let write = [404, 404, 403, 200, 200, 200];
    let mut failures = Vec::new();
    failures.extend(check_roles(&app, &world, GET, &|_| all.clone(), &|_| None, read).await);
    failures.extend(check_roles(&app, &world, GET, &one, &|_| None, read).await);
    let new = |i: usize| Some(json!({ "name": format!("New {i}"), "color": "#fff" }));
    failures.extend(check_roles(&app, &world, POST, &|_| all.clone(), &new, write).await);
    let edit = |i: usize| Some(json!({ "description": format!("d{i}") }));
    failures.extend(check_roles(&app, &world, PATCH, &one, &edit, write).await);
    let gone = [404, 404, 403, 204, 204, 204];
    failures.extend(check_roles(&app, &world, DELETE, &one, &|_| None, gone).await);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
