//! Pages through HTTP: shape, rules, roles and tenants. The team fixture here also serves the
//! saved-view and favorite suites.

mod access;
mod crud;
mod rules;

use glider_domain::WorkspaceRole;
use glider_test_utils::{TestApp, TestUser, json_of};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// Workspace `acme` with every role, a public project `WEB` (member and other as project
/// members, guest as project guest) and a secret project `SEC` (owner only); the outsider owns
/// workspace `other`.
pub struct Team {
    pub owner: TestUser,
    pub admin: TestUser,
    pub member: TestUser,
    pub other: TestUser,
    pub guest: TestUser,
    pub outsider: TestUser,
    pub project: String,
    pub secret: String,
}

pub async fn team(app: &TestApp) -> Team {
    let owner = app.register("owner@example.com").await;
    let admin = app.register("admin@example.com").await;
    let member = app.register("member@example.com").await;
    let other = app.register("other@example.com").await;
    let guest = app.register("guest@example.com").await;
    let outsider = app.register("outsider@example.com").await;
    app.create_workspace(&owner, "acme").await;
    app.create_workspace(&outsider, "other").await;
    app.add_member("acme", &admin, WorkspaceRole::Admin).await;
    app.add_member("acme", &member, WorkspaceRole::Member).await;
    app.add_member("acme", &other, WorkspaceRole::Member).await;
    app.add_member("acme", &guest, WorkspaceRole::Guest).await;
    let project = id_of(&app.create_project(&owner, "acme", "Web", "WEB").await);
    let members = format!("/api/v1/workspaces/acme/projects/{project}/project-members/");
    for (user, role) in [(&member, 15), (&other, 15), (&guest, 5)] {
        let body = json!({ "member": user.id, "role": role });
        expect(app, &owner, Method::POST, &members, Some(body), 201).await;
    }
    let body = json!({ "name": "Secret", "identifier": "SEC", "network": 0 });
    let secret = expect(
        app,
        &owner,
        Method::POST,
        "/api/v1/workspaces/acme/projects/",
        Some(body),
        201,
    )
    .await;
    Team {
        owner,
        admin,
        member,
        other,
        guest,
        outsider,
        project,
        secret: id_of(&secret),
    }
}

pub fn id_of(value: &Value) -> String {
    value["id"].as_str().expect("an id").to_owned()
}

/// Sends a request and returns its status and JSON body (`null` when empty).
pub async fn send(
    app: &TestApp,
    user: &TestUser,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut request = app.as_user(user, method, path);
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

/// Sends a request and asserts its status.
pub async fn expect(
    app: &TestApp,
    user: &TestUser,
    method: Method,
    path: &str,
    body: Option<Value>,
    status: u16,
) -> Value {
    let (got, value) = send(app, user, method.clone(), path, body).await;
    assert_eq!(got.as_u16(), status, "{method} {path}: {value}");
    value
}

/// Event kinds recorded for a subject, oldest first.
pub async fn events(app: &TestApp, id: &str) -> Vec<String> {
    glider_db::repo::events::kinds_for_subject(app.ctx.db.conn(), id.parse().unwrap())
        .await
        .unwrap()
}

pub const WS_PAGES: &str = "/api/v1/workspaces/acme/pages/";

pub fn project_pages(project: &str) -> String {
    format!("/api/v1/workspaces/acme/projects/{project}/pages/")
}

/// Creates a page in `base` (a pages collection path) as `user`.
pub async fn create_page(app: &TestApp, user: &TestUser, base: &str, body: Value) -> Value {
    let response = app.post(user, base, body).send().await.unwrap();
    json_of(response, StatusCode::CREATED).await
}
