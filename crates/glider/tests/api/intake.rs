//! Intake: the switch, submissions, triage (accept, decline, snooze, duplicate), roles and
//! tenants.

mod access;
mod queue;
mod switch;
mod triage;

use reqwest::Method;
use serde_json::{Value, json};

use crate::team::Team;

const DISABLED: &str = "Intake is not enabled for this project enable it through the project's api";

async fn submit(t: &Team, user: &glider_test_utils::TestUser, name: &str) -> Value {
    t.call(
        user,
        Method::POST,
        &t.path("/intake-issues/"),
        json!({ "issue": { "name": name } }),
        201,
    )
    .await
}

fn entry_path(t: &Team, entry: &Value) -> String {
    t.path(&format!(
        "/intake-issues/{}/",
        entry["issue"].as_str().unwrap()
    ))
}

async fn work_item_names(t: &Team) -> Vec<Value> {
    let list = t
        .call(
            &t.owner,
            Method::GET,
            &t.path("/work-items/"),
            Value::Null,
            200,
        )
        .await;
    list["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].clone())
        .collect()
}
