//! Cycles through HTTP: shape, date rules, the status filter with a moving clock, work items
//! moving between cycles, transfer, archive, roles and tenants. The fixture here also serves
//! the module suite.

mod access;
mod constraints;
mod crud;
mod items;
mod lists;
mod transfer;

use glider_domain::WorkspaceRole;
use glider_test_utils::{TestApp, TestUser, json_of};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// Workspace `acme` owned by ada, project `WEB` with cycles and modules turned on.
pub struct Setup {
    pub app: TestApp,
    pub ada: TestUser,
    pub project: String,
    /// `/api/v1/workspaces/acme/projects/{project}/`
    pub base: String,
}

pub async fn setup() -> Setup {
    let app = TestApp::spawn().await;
    let ada = app.register("ada@example.com").await;
    app.create_workspace(&ada, "acme").await;
    let project = app.create_project(&ada, "acme", "Web", "WEB").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let base = format!("/api/v1/workspaces/acme/projects/{project}/");
    let s = Setup {
        app,
        ada,
        project,
        base,
    };
    s.ok(
        Method::PATCH,
        "",
        Some(json!({ "cycle_view": true, "module_view": true })),
        StatusCode::OK,
    )
    .await;
    s
}

impl Setup {
    /// Sends a request as `user` to `base` + `rest` (or to `rest` when it starts with `/`).
    pub async fn call(
        &self,
        user: &TestUser,
        method: Method,
        rest: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let path = if rest.starts_with('/') {
            rest.to_owned()
        } else {
            format!("{}{rest}", self.base)
        };
        let mut request = self.app.as_user(user, method, &path);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap()
        };
        (status, value)
    }

    /// As ada, asserting the status.
    pub async fn ok(
        &self,
        method: Method,
        rest: &str,
        body: Option<Value>,
        expected: StatusCode,
    ) -> Value {
        let (status, value) = self.call(&self.ada, method.clone(), rest, body).await;
        assert_eq!(status, expected, "{method} {rest}: {value}");
        value
    }

    /// A date `offset` days from the server's today, as `YYYY-MM-DD`.
    pub fn day(&self, offset: i64) -> String {
        (self.app.clock_now() + chrono::Duration::days(offset))
            .format("%Y-%m-%d")
            .to_string()
    }

    /// Creates a cycle running from `start` to `end` days from today (a draft without dates).
    pub async fn cycle(&self, name: &str, days: Option<(i64, i64)>) -> Value {
        let mut body = json!({ "name": name, "project_id": self.project });
        if let Some((start, end)) = days {
            body["start_date"] = json!(self.day(start));
            body["end_date"] = json!(self.day(end));
        }
        self.ok(Method::POST, "cycles/", Some(body), StatusCode::CREATED)
            .await
    }

    pub async fn item(&self, name: &str) -> Value {
        self.ok(
            Method::POST,
            "work-items/",
            Some(json!({ "name": name })),
            StatusCode::CREATED,
        )
        .await
    }

    /// The id of the project's state called `name`.
    pub async fn state(&self, name: &str) -> String {
        let states = self.ok(Method::GET, "states/", None, StatusCode::OK).await;
        let found = states["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == name)
            .unwrap();
        found["id"].as_str().unwrap().to_owned()
    }

    /// Moves the server clock and signs ada in again (tokens expire meanwhile).
    pub async fn advance(&mut self, days: i64) {
        self.app.clock.advance(chrono::Duration::days(days));
        self.ada = self.app.sign_in(&self.ada).await;
    }

    /// A workspace user with a project membership of `role` (20, 15 or 5).
    pub async fn project_user(
        &self,
        email: &str,
        workspace_role: WorkspaceRole,
        role: i64,
    ) -> TestUser {
        let user = self.app.register(email).await;
        self.app.add_member("acme", &user, workspace_role).await;
        let body = json!({ "member": user.id, "role": role });
        self.ok(
            Method::POST,
            "project-members/",
            Some(body),
            StatusCode::CREATED,
        )
        .await;
        user
    }
}

pub fn id(value: &Value) -> String {
    value["id"].as_str().expect("an id").to_owned()
}

/// The ids of a list's results (or of a bare array).
pub fn ids(list: &Value) -> Vec<String> {
    let items = list.get("results").unwrap_or(list);
    items.as_array().unwrap().iter().map(id).collect()
}

/// The kinds of events recorded about `subject`, oldest first.
pub async fn event_kinds(app: &TestApp, subject: &str) -> Vec<String> {
    glider_db::repo::events::kinds_for_subject(app.ctx.db.conn(), subject.parse().unwrap())
        .await
        .unwrap()
        .into_iter()
        .map(|kind| kind.to_string())
        .collect()
}

/// `(verb, comment)` of a work item's history entries about `field`.
pub fn activities_of(history: &Value, field: &str) -> Vec<(String, String)> {
    history["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["field"] == field)
        .map(|a| {
            (
                a["verb"].as_str().unwrap().to_owned(),
                a["comment"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Checks a JSON error body has `key` equal to `message`.
pub fn says(body: &Value, key: &str, message: &str) {
    let found = &body[key];
    let matches = found == message
        || found
            .as_array()
            .is_some_and(|list| list.iter().any(|m| m == message));
    assert!(matches, "expected {key} = {message:?} in {body}");
}

#[tokio::test]
async fn the_fixture_turns_features_on() {
    let s = setup().await;
    let project = json_of(
        s.app.get(&s.ada, &s.base).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(project["cycle_view"], true);
    assert_eq!(project["module_view"], true);
    assert_eq!(project["total_cycles"], 0);
}
