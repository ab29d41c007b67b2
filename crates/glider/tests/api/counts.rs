//! The workspace work-item count (`work-items/count/`): totals, `group_by`, `sub_group_by`,
//! the "None" group, many-valued dimensions, bad values, visibility.

use glider_test_utils::TestApp;
use reqwest::Method;
use serde_json::{Value, json};

use crate::catalog::{World, call, id, world};

const GET: Method = Method::GET;
const POST: Method = Method::POST;
const PATCH: Method = Method::PATCH;
const NONE: Value = Value::Null;
const COUNT: &str = "/api/v1/workspaces/acme/work-items/count/";

async fn count(app: &TestApp, world: &World, query: &str) -> Value {
    call(
        app,
        world.owner(),
        GET,
        &format!("{COUNT}?{query}"),
        NONE,
        200,
    )
    .await
}

/// Three items in Web: "a" urgent with labels bug+ui, assigned to the owner and the member,
/// due 2026-03-01; "b" urgent with label bug; "c" with no priority, label or date.
/// Returns (bug, ui) label ids.
async fn items(app: &TestApp, world: &World) -> (String, String) {
    let owner = world.owner();
    let labels = world.path("/labels/");
    let bug = id(&call(app, owner, POST, &labels, json!({ "name": "bug" }), 201).await);
    let ui = id(&call(app, owner, POST, &labels, json!({ "name": "ui" }), 201).await);
    let path = world.path("/work-items/");
    let a = json!({ "name": "a", "priority": "urgent", "labels": [bug, ui],
                    "assignees": [owner.id, world.users[3].id], "target_date": "2026-03-01" });
    call(app, owner, POST, &path, a, 201).await;
    let b = json!({ "name": "b", "priority": "urgent", "labels": [bug] });
    call(app, owner, POST, &path, b, 201).await;
    call(app, owner, POST, &path, json!({ "name": "c" }), 201).await;
    (bug, ui)
}

#[tokio::test]
async fn ungrouped_counts_have_the_sdk_envelope() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    items(&app, &world).await;
    let body = count(&app, &world, "").await;
    assert_eq!(
        body,
        json!({ "grouped_by": null, "sub_grouped_by": null, "total_count": 3, "grouped_counts": {} })
    );
    let filtered = count(&app, &world, r#"filters={"priority":"urgent"}"#).await;
    assert_eq!(filtered["total_count"], 2);
}

#[tokio::test]
async fn counts_group_by_one_dimension() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let (bug, ui) = items(&app, &world).await;
    let by_priority = count(&app, &world, "group_by=priority").await;
    assert_eq!(by_priority["grouped_by"], "priority");
    assert_eq!(by_priority["sub_grouped_by"], Value::Null);
    assert_eq!(by_priority["total_count"], 3);
    assert_eq!(
        by_priority["grouped_counts"],
        json!({ "urgent": { "count": 2 }, "none": { "count": 1 } })
    );

    let by_label = count(&app, &world, "group_by=labels__id").await;
    assert_eq!(by_label["total_count"], 3, "distinct items");
    let mut expected = serde_json::Map::new();
    expected.insert(bug, json!({ "count": 2 }));
    expected.insert(ui, json!({ "count": 1 }));
    expected.insert("None".to_owned(), json!({ "count": 1 }));
    assert_eq!(by_label["grouped_counts"], Value::Object(expected));

    let by_group = count(&app, &world, "group_by=state__group").await;
    assert_eq!(
        by_group["grouped_counts"],
        json!({ "backlog": { "count": 3 } })
    );
    let by_date = count(&app, &world, "group_by=target_date").await;
    assert_eq!(
        by_date["grouped_counts"],
        json!({ "2026-03-01": { "count": 1 }, "None": { "count": 2 } })
    );
    let by_project = count(&app, &world, "group_by=project_id").await;
    assert_eq!(by_project["grouped_counts"][&world.project]["count"], 3);
    let by_creator = count(&app, &world, "group_by=created_by").await;
    assert_eq!(
        by_creator["grouped_counts"][world.owner().id.to_string()]["count"],
        3
    );
    let by_release = count(&app, &world, "group_by=release_work_items__release_id").await;
    assert_eq!(
        by_release["grouped_counts"],
        json!({ "None": { "count": 3 } }),
        "Glider has no releases"
    );
    let filtered = count(
        &app,
        &world,
        r#"group_by=assignees__id&filters={"name__icontains":"a"}"#,
    )
    .await;
    assert_eq!(filtered["total_count"], 1);
    assert_eq!(
        filtered["grouped_counts"][world.users[3].id.to_string()]["count"],
        1
    );
}

#[tokio::test]
async fn counts_nest_a_sub_group() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let (bug, _) = items(&app, &world).await;
    let states = call(&app, world.owner(), GET, &world.path("/states/"), NONE, 200).await;
    let backlog = id(&states["results"][0]);
    let body = count(&app, &world, "group_by=priority&sub_group_by=labels__id").await;
    assert_eq!(body["sub_grouped_by"], "labels__id");
    let urgent = &body["grouped_counts"]["urgent"];
    assert_eq!(
        urgent["count"], 2,
        "distinct items, not the sum of sub-groups"
    );
    assert_eq!(urgent["sub_grouped_counts"][&bug]["count"], 2);
    assert_eq!(urgent["sub_grouped_counts"].as_object().unwrap().len(), 2);
    assert_eq!(
        body["grouped_counts"]["none"],
        json!({ "count": 1, "sub_grouped_counts": { "None": { "count": 1 } } })
    );
    let by_state = count(&app, &world, "group_by=state_id&sub_group_by=milestone_id").await;
    assert_eq!(
        by_state["grouped_counts"][&backlog],
        json!({ "count": 3, "sub_grouped_counts": { "None": { "count": 3 } } })
    );
}

#[tokio::test]
async fn counts_group_by_module_membership() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    items(&app, &world).await;
    let body = json!({ "module_view": true });
    call(&app, owner, PATCH, &world.path("/"), body, 200).await;
    let module = call(
        &app,
        owner,
        POST,
        &world.path("/modules/"),
        json!({ "name": "M" }),
        201,
    )
    .await;
    let list = call(&app, owner, GET, &world.path("/work-items/"), NONE, 200).await;
    let first = id(&list["results"][0]);
    let path = world.path(&format!("/modules/{}/module-issues/", id(&module)));
    call(&app, owner, POST, &path, json!({ "issues": [first] }), 200).await;
    let body = count(&app, &world, "group_by=issue_module__module_id").await;
    assert_eq!(body["grouped_counts"][id(&module)]["count"], 1);
    assert_eq!(body["grouped_counts"]["None"]["count"], 2);
}

#[tokio::test]
async fn bad_groupings_are_refused_naming_the_parameter() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = world.owner();
    let cases = [
        (
            "group_by=colour",
            "group_by",
            "\"colour\" is not a valid choice.",
        ),
        (
            "group_by=priority&sub_group_by=size",
            "sub_group_by",
            "\"size\" is not a valid choice.",
        ),
        (
            "sub_group_by=priority",
            "sub_group_by",
            "sub_group_by can only be used when group_by is also provided",
        ),
        (
            "group_by=priority&sub_group_by=priority",
            "sub_group_by",
            "group_by and sub_group_by must be different",
        ),
    ];
    for (query, field, message) in cases {
        let path = format!("{COUNT}?{query}");
        let body = call(&app, owner, GET, &path, NONE, 400).await;
        assert_eq!(body[field][0], message, "{query}: {body}");
    }
}

#[tokio::test]
async fn counts_cover_only_what_the_caller_can_read() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    items(&app, &world).await;
    let admin = &world.users[4];
    let secret = json!({ "name": "Secret", "identifier": "SEC", "network": 0 });
    let project = call(
        &app,
        admin,
        POST,
        "/api/v1/workspaces/acme/projects/",
        secret,
        201,
    )
    .await;
    let path = format!(
        "/api/v1/workspaces/acme/projects/{}/work-items/",
        id(&project)
    );
    call(&app, admin, POST, &path, json!({ "name": "hidden" }), 201).await;
    let owner_view = count(&app, &world, "group_by=project_id").await;
    assert_eq!(
        owner_view["total_count"], 4,
        "workspace admins see every project"
    );
    assert_eq!(owner_view["grouped_counts"][id(&project)]["count"], 1);
    let member = &world.users[3];
    let path = format!("{COUNT}?group_by=project_id");
    let member_view = call(&app, member, GET, &path, NONE, 200).await;
    assert_eq!(
        member_view["total_count"], 3,
        "the secret project is not theirs"
    );
    assert!(member_view["grouped_counts"].get(id(&project)).is_none());
    let other = &world.users[0];
    call(&app, other, GET, COUNT, NONE, 404).await;
}
