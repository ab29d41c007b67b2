//! Real time through a real WebSocket client: board moves reach every viewer, permissions are
//! checked at subscribe and again when memberships change, `since` replays, bad frames get
//! error frames or close codes, presence crosses sockets and replicas.

mod access;
mod board;
mod client;
mod frames;
mod presence;
mod replay;

use glider_domain::WorkspaceRole;
use glider_test_utils::{TestApp, TestUser, json_of};
use reqwest::StatusCode;
use serde_json::{Value, json};

pub use client::{Ended, WsClient};

/// Ada owns workspace `acme` and its secret project WEB; Bob is a member of both.
pub struct Board {
    pub app: TestApp,
    pub ada: TestUser,
    pub bob: TestUser,
    pub project: String,
    /// Bob's project membership.
    pub bob_membership: String,
    pub states: Vec<Value>,
}

pub fn id(value: &Value) -> String {
    value["id"].as_str().expect("an id").to_owned()
}

impl Board {
    pub async fn new() -> Self {
        Self::on(TestApp::spawn().await).await
    }

    pub async fn on(app: TestApp) -> Self {
        let ada = app.register("ada@example.com").await;
        let bob = app.register("bob@example.com").await;
        app.create_workspace(&ada, "acme").await;
        app.add_member("acme", &bob, WorkspaceRole::Member).await;
        let body = json!({ "name": "Web", "identifier": "WEB", "network": 0 });
        let response = app
            .post(&ada, "/api/v1/workspaces/acme/projects/", body)
            .send()
            .await
            .unwrap();
        let project = id(&json_of(response, StatusCode::CREATED).await);
        let path = format!("/api/v1/workspaces/acme/projects/{project}/project-members/");
        let body = json!({ "member": bob.id, "role": 15 });
        let response = app.post(&ada, &path, body).send().await.unwrap();
        let membership = json_of(response, StatusCode::CREATED).await;
        let path = format!("/api/v1/workspaces/acme/projects/{project}/states/");
        let response = app.get(&ada, &path).send().await.unwrap();
        let states = json_of(response, StatusCode::OK).await["results"]
            .as_array()
            .unwrap()
            .clone();
        Self {
            bob_membership: id(&membership),
            app,
            ada,
            bob,
            project,
            states,
        }
    }

    /// `/api/v1/workspaces/acme/projects/{project}` + `suffix`.
    pub fn path(&self, suffix: &str) -> String {
        format!("/api/v1/workspaces/acme/projects/{}{suffix}", self.project)
    }

    pub fn state(&self, name: &str) -> String {
        id(self.states.iter().find(|s| s["name"] == name).unwrap())
    }

    pub fn topic(&self) -> String {
        format!("project:{}", self.project)
    }

    pub async fn create_item(&self, name: &str) -> Value {
        let response = self
            .app
            .post(
                &self.ada,
                &self.path("/work-items/"),
                json!({ "name": name }),
            )
            .send()
            .await
            .unwrap();
        json_of(response, StatusCode::CREATED).await
    }

    /// `PUT …/board/move/` as `user`; the response status and body.
    pub async fn move_card(&self, user: &TestUser, body: Value) -> (StatusCode, Value) {
        let response = self
            .app
            .as_user(user, reqwest::Method::PUT, &self.path("/board/move/"))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// A socket of `user` on this server.
    pub async fn socket(&self, user: &TestUser) -> WsClient {
        WsClient::connect(&self.app.url(""), &user.access_token).await
    }
}
