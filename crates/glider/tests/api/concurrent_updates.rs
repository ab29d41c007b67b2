//! Concurrent updates of one work item: each change survives unless a later one overwrote the
//! same field, and the history tells the story the row ends in.

use glider_test_utils::{TestApp, json_of};
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn concurrent_moves_of_different_fields_both_survive_and_history_matches_the_row() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    app.create_workspace(&ada, "acme").await;
    let project = app.create_project(&ada, "acme", "Web", "WEB").await;
    let project_id = project["id"].as_str().unwrap();
    let base = format!("/api/v1/workspaces/acme/projects/{project_id}/work-items/");
    let states = json_of(
        app.get(
            &ada,
            &format!("/api/v1/workspaces/acme/projects/{project_id}/states/"),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    let state_ids: Vec<String> = states["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect();
    let item = json_of(
        app.post(&ada, &base, json!({ "name": "Card" }))
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let path = format!("{base}{}/", item["id"].as_str().unwrap());

    // Twenty updates at once: even ones move the card to another column, odd ones only
    // reorder it within its column.
    let updates: Vec<_> = (0..20)
        .map(|n: u32| {
            let body = if n.is_multiple_of(2) {
                json!({ "state": state_ids[(n as usize / 2) % state_ids.len()] })
            } else {
                json!({ "sort_order": 1000.0 + f64::from(n) })
            };
            app.patch(&ada, &path, body).send()
        })
        .collect();
    for response in futures_util::future::join_all(updates).await {
        assert_eq!(response.unwrap().status(), StatusCode::OK);
    }

    let row = json_of(app.get(&ada, &path).send().await.unwrap(), StatusCode::OK).await;
    let history = json_of(
        app.get(&ada, &format!("{path}activities/?per_page=1000"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let last_state: Vec<&Value> = history["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|entry| entry["field"] == "state")
        .collect();
    let last_state = last_state.last().expect("state changes are recorded");
    assert_eq!(
        row["state"], last_state["new_identifier"],
        "a reorder never writes back a state it read before another move committed"
    );
    assert_ne!(
        row["sort_order"], item["sort_order"],
        "the reorders survive the moves"
    );
}
