//! `expand` (REFERENCE 2.5) on projects, states, labels and work items: names become nested
//! objects, a null reference becomes `{}`, other names keep their ids, `fields` comes first.

use glider_test_utils::TestApp;
use reqwest::Method;
use serde_json::{Value, json};

use crate::catalog::{World, call, id, world};

const GET: Method = Method::GET;
const POST: Method = Method::POST;
const PATCH: Method = Method::PATCH;
const NONE: Value = Value::Null;

const USER_LITE: [&str; 7] = [
    "id",
    "first_name",
    "last_name",
    "email",
    "avatar",
    "avatar_url",
    "display_name",
];

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

fn sorted<const N: usize>(mut names: [&str; N]) -> Vec<&str> {
    names.sort_unstable();
    names.to_vec()
}

async fn get(app: &TestApp, world: &World, path: &str) -> Value {
    call(app, world.owner(), GET, path, NONE, 200).await
}

#[tokio::test]
async fn projects_expand_people_and_workspace() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let admin = &world.users[4];
    let body = json!({ "project_lead": admin.id });
    call(&app, world.owner(), PATCH, &world.path("/"), body, 200).await;

    let one = get(
        &app,
        &world,
        &world.path("/?expand=workspace,project_lead,default_assignee,created_by,estimate,nope"),
    )
    .await;
    assert_eq!(keys(&one["workspace"]), ["id", "name", "slug"]);
    assert_eq!(one["workspace"]["slug"], "acme");
    assert_eq!(keys(&one["project_lead"]), sorted(USER_LITE));
    assert_eq!(one["project_lead"]["email"], "admin@example.com");
    assert_eq!(one["created_by"]["email"], "owner@example.com");
    assert_eq!(one["default_assignee"], json!({}), "a null reference");
    assert_eq!(one["estimate"], Value::Null, "not expandable: left as is");
    assert!(one.get("nope").is_none(), "not an output field");
    assert!(one["updated_by"].is_string(), "not named: still an id");

    let list = get(
        &app,
        &world,
        "/api/v1/workspaces/acme/projects/?fields=id,name,project_lead&expand=project_lead,workspace",
    )
    .await;
    let first = &list["results"][0];
    assert_eq!(keys(first), ["id", "name", "project_lead"], "fields first");
    assert_eq!(first["project_lead"]["id"], admin.id.to_string());
}

#[tokio::test]
async fn states_expand_project_workspace_and_people() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let list = get(
        &app,
        &world,
        &world.path("/states/?expand=project,workspace,created_by,updated_by,name"),
    )
    .await;
    let backlog = &list["results"][0];
    assert_eq!(backlog["name"], "Backlog", "a plain field stays as it is");
    assert_eq!(
        keys(&backlog["project"]),
        sorted([
            "id",
            "identifier",
            "name",
            "cover_image",
            "icon_prop",
            "emoji",
            "description",
            "cover_image_url"
        ])
    );
    assert_eq!(backlog["project"]["identifier"], "WEB");
    assert_eq!(backlog["workspace"]["slug"], "acme");
    assert_eq!(backlog["updated_by"], json!({}));

    let state_id = id(backlog);
    let one = get(
        &app,
        &world,
        &world.path(&format!(
            "/states/{state_id}/?fields=id,project&expand=project,workspace"
        )),
    )
    .await;
    assert_eq!(keys(&one), ["id", "project"]);
    assert_eq!(one["project"]["id"], world.project.as_str());
}

#[tokio::test]
async fn labels_expand_on_the_list_only() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let path = world.path("/labels/");
    let parent = call(&app, owner, POST, &path, json!({ "name": "area" }), 201).await;
    let body = json!({ "name": "ui", "parent": id(&parent) });
    let child = call(&app, owner, POST, &path, body, 201).await;

    let list = get(
        &app,
        &world,
        &format!("{path}?expand=parent,project,created_by"),
    )
    .await;
    let results = list["results"].as_array().unwrap();
    let ui = results.iter().find(|l| l["name"] == "ui").unwrap();
    let area = results.iter().find(|l| l["name"] == "area").unwrap();
    assert_eq!(
        ui["parent"],
        json!({ "id": id(&parent), "project_id": world.project }),
        "Plane's IssueLite of a label: no sequence_id"
    );
    assert_eq!(area["parent"], json!({}));
    assert_eq!(ui["project"]["identifier"], "WEB");
    assert_eq!(ui["created_by"]["email"], "owner@example.com");

    let one = get(
        &app,
        &world,
        &format!("{path}{}/?expand=project&fields=id", id(&child)),
    )
    .await;
    assert_eq!(
        one["project"],
        world.project.as_str(),
        "retrieve ignores both"
    );
    assert!(one["name"].is_string());
}

#[tokio::test]
async fn work_items_expand_the_estimate_point_and_workspace() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let estimate = call(
        &app,
        owner,
        POST,
        &world.path("/estimates/"),
        json!({ "name": "Sizes", "type": "points" }),
        201,
    )
    .await;
    let points_path = world.path(&format!("/estimates/{}/estimate-points/", id(&estimate)));
    let body = json!([{ "value": "3", "key": 2, "description": "medium" }]);
    let points = call(&app, owner, POST, &points_path, body, 201).await;
    let point = id(&points[0]);
    let items = world.path("/work-items/");
    let body = json!({ "name": "Sized", "estimate_point": point });
    let sized = call(&app, owner, POST, &items, body, 201).await;
    call(&app, owner, POST, &items, json!({ "name": "Unsized" }), 201).await;

    let one = get(
        &app,
        &world,
        &format!(
            "{items}{}/?expand=estimate_point,workspace,type",
            id(&sized)
        ),
    )
    .await;
    let expanded = &one["estimate_point"];
    assert_eq!(expanded["id"], point.as_str());
    assert_eq!(expanded["value"], "3");
    assert_eq!(expanded["key"], 2);
    assert_eq!(expanded["description"], "medium");
    assert_eq!(expanded["estimate"], id(&estimate).as_str());
    assert_eq!(expanded["project"], world.project.as_str());
    for key in [
        "created_at",
        "updated_at",
        "deleted_at",
        "created_by",
        "updated_by",
        "workspace",
    ] {
        assert!(expanded.get(key).is_some(), "{key} missing: {expanded}");
    }
    assert_eq!(one["workspace"]["slug"], "acme");
    assert_eq!(one["type"], Value::Null, "not expandable");

    let list = get(&app, &world, &format!("{items}?expand=estimate_point")).await;
    let by_name = |name: &str| {
        list["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["name"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(by_name("Sized")["estimate_point"]["value"], "3");
    assert_eq!(by_name("Unsized")["estimate_point"], json!({}));
    let fields = get(
        &app,
        &world,
        &format!("{items}?fields=id,name&expand=estimate_point,state"),
    )
    .await;
    assert_eq!(keys(&fields["results"][0]), ["id", "name"]);
}
