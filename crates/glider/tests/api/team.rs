//! The fixture the intake, work-log, bulk and progress suites share: workspace `acme` with
//! every role around one public project, and a stranger who owns workspace `evil`.

use glider_domain::WorkspaceRole;
use glider_test_utils::{TestApp, TestUser, json_of};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

pub struct Team {
    pub app: TestApp,
    /// Owns `acme` (a project admin everywhere).
    pub owner: TestUser,
    /// A workspace member with project role member (15).
    pub member: TestUser,
    /// A second project member.
    pub peer: TestUser,
    /// A workspace guest with project role guest (5).
    pub guest: TestUser,
    /// A workspace member who is not in the project (sees it: it is public).
    pub bystander: TestUser,
    /// Owns workspace `evil`; nothing in `acme`.
    pub stranger: TestUser,
    pub project: String,
}

impl Team {
    /// `/api/v1/workspaces/acme/projects/{project}` + `rest`.
    pub fn path(&self, rest: &str) -> String {
        format!("/api/v1/workspaces/acme/projects/{}{rest}", self.project)
    }

    /// Sends `method path` as `user` (a `null` body sends none), asserts the status and
    /// returns the JSON body (`null` when empty).
    pub async fn call(
        &self,
        user: &TestUser,
        method: Method,
        path: &str,
        body: Value,
        expected: u16,
    ) -> Value {
        let mut request = self.app.as_user(user, method.clone(), path);
        if !body.is_null() {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        assert_eq!(status.as_u16(), expected, "{method} {path}: {text}");
        if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap()
        }
    }

    /// Creates a work item as `user`; returns its id.
    pub async fn item(&self, user: &TestUser, body: Value) -> String {
        let created = self
            .call(user, Method::POST, &self.path("/work-items/"), body, 201)
            .await;
        id(&created)
    }

    /// The id of the project's state called `name`.
    pub async fn state(&self, name: &str) -> String {
        let states = self
            .call(
                &self.owner,
                Method::GET,
                &self.path("/states/"),
                Value::Null,
                200,
            )
            .await;
        let found = states["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == name)
            .unwrap();
        id(found)
    }
}

/// The id of a record.
pub fn id(value: &Value) -> String {
    value["id"].as_str().unwrap().to_owned()
}

/// The event kinds recorded for a subject, oldest first.
pub async fn events(app: &TestApp, subject: &str) -> Vec<String> {
    glider_db::repo::events::kinds_for_subject(app.ctx.db.conn(), subject.parse().unwrap())
        .await
        .unwrap()
}

/// Builds the team; `settings` is sent to the project as a PATCH (e.g. `{"intake_view": true}`).
pub async fn team(settings: Value) -> Team {
    let app = TestApp::spawn().await;
    let owner = app.register("owner@example.com").await;
    let member = app.register("member@example.com").await;
    let peer = app.register("peer@example.com").await;
    let guest = app.register("guest@example.com").await;
    let bystander = app.register("bystander@example.com").await;
    let stranger = app.register("stranger@example.com").await;
    app.create_workspace(&owner, "acme").await;
    app.create_workspace(&stranger, "evil").await;
    for (user, role) in [
        (&member, WorkspaceRole::Member),
        (&peer, WorkspaceRole::Member),
        (&guest, WorkspaceRole::Guest),
        (&bystander, WorkspaceRole::Member),
    ] {
        app.add_member("acme", user, role).await;
    }
    let project = app.create_project(&owner, "acme", "Web", "WEB").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let team = Team {
        app,
        owner,
        member,
        peer,
        guest,
        bystander,
        stranger,
        project,
    };
    let members = team.path("/project-members/");
    for (user, role) in [(&team.member, 15), (&team.peer, 15), (&team.guest, 5)] {
        team.call(
            &team.owner,
            Method::POST,
            &members,
            json!({ "member": user.id, "role": role }),
            201,
        )
        .await;
    }
    if settings.as_object().is_some_and(|s| !s.is_empty()) {
        let response = team
            .app
            .patch(&team.owner, &team.path("/"), settings)
            .send()
            .await
            .unwrap();
        json_of(response, StatusCode::OK).await;
    }
    team
}
