//! A list's `total_count` follows every change that moves an item in or out of it, whether
//! the list was read before the change or not (totals are kept between requests until their
//! project changes).

use glider_test_utils::{TestApp, TestUser, json_of};
use reqwest::StatusCode;
use serde_json::{Value, json};

struct Project {
    app: TestApp,
    ada: TestUser,
    path: String,
}

impl Project {
    async fn send(&self, request: reqwest::RequestBuilder, status: StatusCode) -> Value {
        let response = request.send().await.unwrap();
        if status == StatusCode::NO_CONTENT {
            assert_eq!(response.status(), status);
            return Value::Null;
        }
        json_of(response, status).await
    }

    async fn post(&self, path: &str, body: Value, status: StatusCode) -> Value {
        let request = self
            .app
            .post(&self.ada, &format!("{}{path}", self.path), body);
        self.send(request, status).await
    }

    async fn patch(&self, path: &str, body: Value) -> Value {
        let request = self
            .app
            .patch(&self.ada, &format!("{}{path}", self.path), body);
        self.send(request, StatusCode::OK).await
    }

    /// `total_count` of the list at `path` with `filters` (none when null).
    async fn total(&self, path: &str, filters: &Value) -> u64 {
        let mut url = format!("{}{path}?per_page=1", self.path);
        if !filters.is_null() {
            let encoded: String = filters
                .to_string()
                .bytes()
                .map(|b| format!("%{b:02X}"))
                .collect();
            url.push_str(&format!("&filters={encoded}"));
        }
        let page = json_of(
            self.app.get(&self.ada, &url).send().await.unwrap(),
            StatusCode::OK,
        )
        .await;
        page["total_count"].as_u64().unwrap()
    }

    /// The totals of the plain list, ada's items, cycle `cycle`'s and the archived list.
    async fn totals(&self, cycle: &str) -> [u64; 4] {
        let ada = self.ada.id.to_string();
        [
            self.total("work-items/", &Value::Null).await,
            self.total("work-items/", &json!({ "assignees": [ada] }))
                .await,
            self.total("work-items/", &json!({ "cycle": [cycle] }))
                .await,
            self.total("archived-work-items/", &Value::Null).await,
        ]
    }
}

fn id(value: &Value) -> String {
    value["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn totals_follow_every_change_to_the_list() {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    app.create_workspace(&ada, "acme").await;
    let project = app.create_project(&ada, "acme", "Web", "WEB").await;
    let path = format!("/api/v1/workspaces/acme/projects/{}/", id(&project));
    let p = Project { app, ada, path };
    let created = StatusCode::CREATED;
    p.patch("", json!({ "cycle_view": true })).await;
    let body = json!({ "name": "Sprint 1", "project_id": id(&project) });
    let cycle = id(&p.post("cycles/", body, created).await);
    assert_eq!(p.totals(&cycle).await, [0, 0, 0, 0]);

    let first = p
        .post("work-items/", json!({ "name": "one" }), created)
        .await;
    let second = p
        .post("work-items/", json!({ "name": "two" }), created)
        .await;
    assert_eq!(p.totals(&cycle).await, [2, 0, 0, 0]);

    let ada_id = p.ada.id.to_string();
    let assigned = json!({ "assignees": [ada_id] });
    p.patch(&format!("work-items/{}/", id(&first)), assigned)
        .await;
    assert_eq!(p.totals(&cycle).await, [2, 1, 0, 0]);

    let items = json!({ "issues": [id(&first), id(&second)] });
    p.post(
        &format!("cycles/{cycle}/cycle-issues/"),
        items,
        StatusCode::OK,
    )
    .await;
    assert_eq!(p.totals(&cycle).await, [2, 1, 2, 0]);

    // Completed and archived, an item leaves the list for the archived one.
    let states = p.app.get(&p.ada, &format!("{}states/", p.path));
    let states = p.send(states, StatusCode::OK).await;
    let done = states["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Done")
        .map(id)
        .unwrap();
    p.patch(
        &format!("work-items/{}/", id(&second)),
        json!({ "state": done }),
    )
    .await;
    let archive = format!("work-items/{}/archive/", id(&second));
    p.post(&archive, json!({}), StatusCode::NO_CONTENT).await;
    assert_eq!(p.totals(&cycle).await, [1, 1, 1, 1]);

    let deleted = p
        .app
        .delete(&p.ada, &format!("{}work-items/{}/", p.path, id(&first)));
    p.send(deleted, StatusCode::NO_CONTENT).await;
    assert_eq!(p.totals(&cycle).await, [0, 0, 0, 1]);
}
