//! The fixture the catalog suites share (states, labels, estimates, stickies, features, lite
//! lists): one workspace with every role, a project, and a role-matrix check.

use glider_domain::WorkspaceRole;
use glider_test_utils::{TestApp, TestUser, json_of};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// The roles every catalog suite checks, in this order.
pub const ROLES: [&str; 6] = ["other", "outsider", "guest", "member", "admin", "owner"];

/// Workspace `acme` (owner, admin, member, guest), a public project `Web` where the member is a
/// project member and the guest a project guest; `other` owns workspace `other`; `outsider`
/// belongs nowhere.
pub struct World {
    pub users: Vec<TestUser>,
    pub project: String,
}

impl World {
    pub fn owner(&self) -> &TestUser {
        &self.users[5]
    }

    /// `/api/v1/workspaces/acme/projects/{project}` + `rest`.
    pub fn path(&self, rest: &str) -> String {
        format!("/api/v1/workspaces/acme/projects/{}{rest}", self.project)
    }
}

pub async fn world(app: &TestApp) -> World {
    let mut users = Vec::new();
    for role in ROLES {
        users.push(app.register(&format!("{role}@example.com")).await);
    }
    app.create_workspace(&users[0], "other").await;
    app.create_workspace(&users[5], "acme").await;
    app.add_member("acme", &users[4], WorkspaceRole::Admin)
        .await;
    app.add_member("acme", &users[3], WorkspaceRole::Member)
        .await;
    app.add_member("acme", &users[2], WorkspaceRole::Guest)
        .await;
    let project = app.create_project(&users[5], "acme", "Web", "WEB").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let members = format!("/api/v1/workspaces/acme/projects/{project}/project-members/");
    for (user, role) in [(&users[3], 15), (&users[2], 5)] {
        let body = json!({ "member": user.id, "role": role });
        call(app, &users[5], Method::POST, &members, body, 201).await;
    }
    World { users, project }
}

/// Sends `method path` as `user` (a `null` body sends none), asserts the status and returns
/// the JSON body (`null` when empty).
pub async fn call(
    app: &TestApp,
    user: &TestUser,
    method: Method,
    path: &str,
    body: Value,
    expected: u16,
) -> Value {
    let mut request = app.as_user(user, method, path);
    if !body.is_null() {
        request = request.json(&body);
    }
    let expected = StatusCode::from_u16(expected).unwrap();
    json_of(request.send().await.unwrap(), expected).await
}

/// The id of a created record.
pub fn id(value: &Value) -> String {
    value["id"].as_str().unwrap().to_owned()
}

/// The event kinds recorded for a subject, oldest first.
pub async fn events(app: &TestApp, subject: &str) -> Vec<String> {
    glider_db::repo::events::kinds_for_subject(app.ctx.db.conn(), subject.parse().unwrap())
        .await
        .unwrap()
}

/// Sends the request as each role; returns a line per unexpected status.
pub async fn check_roles(
    app: &TestApp,
    world: &World,
    method: Method,
    path: &dyn Fn(usize) -> String,
    body: &dyn Fn(usize) -> Option<Value>,
    expected: [u16; 6],
) -> Vec<String> {
    let mut failures = Vec::new();
    for (index, role) in ROLES.iter().enumerate() {
        let path = path(index);
        let mut request = app.as_user(&world.users[index], method.clone(), &path);
        if let Some(body) = body(index) {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        if status != expected[index] {
            let text = response.text().await.unwrap_or_default();
            failures.push(format!(
                "{method} {path} as {role}: expected {}, got {status}: {text}",
                expected[index]
            ));
        }
    }
    failures
}

/// Sends every method to every path as `user`; each must answer 404 (or 405 where the path
/// has no such method), never touching the record.
pub async fn assert_hidden(app: &TestApp, user: &TestUser, paths: &[String], body: &Value) {
    for path in paths {
        for method in [Method::GET, Method::POST, Method::PATCH, Method::DELETE] {
            let response = app
                .as_user(user, method.clone(), path)
                .json(body)
                .send()
                .await
                .unwrap();
            let allowed = [StatusCode::NOT_FOUND, StatusCode::METHOD_NOT_ALLOWED];
            assert!(
                allowed.contains(&response.status()),
                "{method} {path}: {}",
                response.status()
            );
        }
    }
}
