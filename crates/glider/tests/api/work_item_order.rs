//! Where a new work item lands: below the live items of its state, as in Plane.

use glider_test_utils::{TestApp, TestUser, json_of};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn create(app: &TestApp, ada: &TestUser, base: &str, body: Value) -> Value {
    json_of(
        app.post(ada, base, body).send().await.unwrap(),
        StatusCode::CREATED,
    )
    .await
}

fn path(base: &str, item: &Value) -> String {
    format!("{base}{}/", item["id"].as_str().unwrap())
}

#[tokio::test]
async fn a_new_item_goes_below_the_live_items_of_its_state() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    app.create_workspace(&ada, "acme").await;
    let project = app.create_project(&ada, "acme", "Web", "WEB").await;
    let project_path = format!(
        "/api/v1/workspaces/acme/projects/{}/",
        project["id"].as_str().unwrap()
    );
    let base = format!("{project_path}work-items/");
    let states = json_of(
        app.get(&ada, &format!("{project_path}states/"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await["results"]
        .clone();
    let todo = states
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Todo")
        .unwrap()["id"]
        .clone();

    // The first item of a state keeps the default order; the next go 10,000 below the last.
    let first = create(&app, &ada, &base, json!({ "name": "first" })).await;
    assert_eq!(first["sort_order"], 65535.0);
    let second = create(&app, &ada, &base, json!({ "name": "second" })).await;
    assert_eq!(second["sort_order"], 75535.0);

    // Moved far down, the second item is the one a new item goes below.
    let moved = json_of(
        app.patch(
            &ada,
            &path(&base, &second),
            json!({ "sort_order": 500000.0 }),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(moved["sort_order"], 500000.0);
    let third = create(&app, &ada, &base, json!({ "name": "third" })).await;
    assert_eq!(third["sort_order"], 510000.0);

    // Deleted items no longer count.
    for item in [&second, &third] {
        let deleted = app.delete(&ada, &path(&base, item)).send().await.unwrap();
        assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    }
    let fourth = create(&app, &ada, &base, json!({ "name": "fourth" })).await;
    assert_eq!(fourth["sort_order"], 75535.0);

    // Each state orders on its own: in an empty state an explicit order is kept, and the
    // next item goes below it, whatever the other state holds.
    let in_todo = json!({ "name": "todo one", "state": todo, "sort_order": 12.5 });
    let todo_one = create(&app, &ada, &base, in_todo).await;
    assert_eq!(todo_one["sort_order"], 12.5);
    let in_todo = json!({ "name": "todo two", "state": todo, "sort_order": 1.0 });
    let todo_two = create(&app, &ada, &base, in_todo).await;
    assert_eq!(todo_two["sort_order"], 10012.5);
}
