//! Fixtures: users, workspaces, projects and tokens, made through the public API.

use glider_domain::{UserId, WorkspaceRole};
use reqwest::{RequestBuilder, StatusCode};
use serde_json::{Value, json};

use crate::TestApp;

/// A registered user with a signed-in token session.
#[derive(Clone, Debug)]
pub struct TestUser {
    pub id: uuid::Uuid,
    pub email: String,
    pub password: String,
    pub access_token: String,
    pub refresh_token: String,
}

/// Reads a response as JSON, asserting its status.
pub async fn json_of(response: reqwest::Response, expected: StatusCode) -> Value {
    let status = response.status();
    let text = response.text().await.expect("response body");
    assert_eq!(status, expected, "unexpected status; body: {text}");
    if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).expect("JSON body")
    }
}

pub const PASSWORD: &str = "correct horse battery";

/// A browser's sign-in: the session cookie (`name=value`, ready for a `cookie` header) and the
/// CSRF token that changes made with it must echo.
#[derive(Clone, Debug)]
pub struct BrowserSession {
    pub cookie: String,
    pub csrf_token: String,
}

impl TestApp {
    /// Registers `email` through `auth/register/`.
    pub async fn register(&self, email: &str) -> TestUser {
        let response = self
            .client
            .post(self.url("/api/v1/auth/register/"))
            .json(&json!({ "email": email, "password": PASSWORD }))
            .send()
            .await
            .expect("register");
        let body = json_of(response, StatusCode::CREATED).await;
        TestUser {
            id: body["user"]["id"]
                .as_str()
                .and_then(|id| id.parse().ok())
                .expect("user id"),
            email: email.to_owned(),
            password: PASSWORD.to_owned(),
            access_token: body["access_token"]
                .as_str()
                .expect("access token")
                .to_owned(),
            refresh_token: body["refresh_token"]
                .as_str()
                .expect("refresh token")
                .to_owned(),
        }
    }

    /// Signs `user` in again (a fresh token session, e.g. after moving the clock).
    pub async fn sign_in(&self, user: &TestUser) -> TestUser {
        let response = self
            .client
            .post(self.url("/api/v1/auth/login/"))
            .json(&json!({ "email": user.email, "password": user.password }))
            .send()
            .await
            .expect("login");
        let body = json_of(response, StatusCode::OK).await;
        TestUser {
            access_token: body["access_token"]
                .as_str()
                .expect("access token")
                .to_owned(),
            refresh_token: body["refresh_token"]
                .as_str()
                .expect("refresh token")
                .to_owned(),
            ..user.clone()
        }
    }

    /// Signs `user` in as the web app does (`auth/session/`): a cookie session.
    pub async fn browser_session(&self, user: &TestUser) -> BrowserSession {
        let response = self
            .client
            .post(self.url("/api/v1/auth/session/"))
            .json(&json!({ "email": user.email, "password": user.password }))
            .send()
            .await
            .expect("session sign-in");
        let cookie = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("glider_session="))
            .and_then(|v| v.split(';').next())
            .expect("a session cookie")
            .to_owned();
        let body = json_of(response, StatusCode::OK).await;
        BrowserSession {
            cookie,
            csrf_token: body["csrf_token"].as_str().expect("csrf token").to_owned(),
        }
    }

    /// A request signed with the user's access token.
    pub fn as_user(&self, user: &TestUser, method: reqwest::Method, path: &str) -> RequestBuilder {
        self.client
            .request(method, self.url(path))
            .bearer_auth(&user.access_token)
    }

    pub fn get(&self, user: &TestUser, path: &str) -> RequestBuilder {
        self.as_user(user, reqwest::Method::GET, path)
    }

    pub fn post(&self, user: &TestUser, path: &str, body: Value) -> RequestBuilder {
        self.as_user(user, reqwest::Method::POST, path).json(&body)
    }

    pub fn patch(&self, user: &TestUser, path: &str, body: Value) -> RequestBuilder {
        self.as_user(user, reqwest::Method::PATCH, path).json(&body)
    }

    pub fn delete(&self, user: &TestUser, path: &str) -> RequestBuilder {
        self.as_user(user, reqwest::Method::DELETE, path)
    }

    /// Creates a workspace owned by `owner`.
    pub async fn create_workspace(&self, owner: &TestUser, slug: &str) -> Value {
        let response = self
            .post(
                owner,
                "/api/v1/workspaces/",
                json!({ "slug": slug, "name": slug }),
            )
            .send()
            .await
            .expect("create workspace");
        json_of(response, StatusCode::CREATED).await
    }

    /// Adds `member` to the workspace with `role`, as the admin CLI does.
    pub async fn add_member(&self, slug: &str, member: &TestUser, role: WorkspaceRole) {
        let found = glider_service::workspaces::as_owner(&self.ctx, slug)
            .await
            .expect("workspace");
        let admin = found.access.admin().expect("owner is admin");
        glider_service::workspaces::members::add(&self.ctx, &admin, UserId(member.id), role)
            .await
            .expect("add member");
    }

    /// Creates a project in `slug` as `user`; returns its JSON.
    pub async fn create_project(
        &self,
        user: &TestUser,
        slug: &str,
        name: &str,
        identifier: &str,
    ) -> Value {
        let path = format!("/api/v1/workspaces/{slug}/projects/");
        let response = self
            .post(
                user,
                &path,
                json!({ "name": name, "identifier": identifier }),
            )
            .send()
            .await
            .expect("create project");
        json_of(response, StatusCode::CREATED).await
    }

    /// Creates a personal API token for `user`; returns the secret.
    pub async fn create_api_token(&self, user: &TestUser) -> String {
        let response = self
            .post(
                user,
                "/api/v1/users/me/api-tokens/",
                json!({ "name": "test" }),
            )
            .send()
            .await
            .expect("create token");
        let body = json_of(response, StatusCode::CREATED).await;
        body["token"].as_str().expect("token").to_owned()
    }
}
