//! Modules through HTTP: shape, rules, members, work items in several modules, archive,
//! roles and tenants. Uses the cycle suite's fixture.

mod access;
mod crud;
mod items;

use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::cycles::Setup;

/// Creates a module as ada.
pub async fn module(s: &Setup, body: Value) -> Value {
    s.ok(Method::POST, "modules/", Some(body), StatusCode::CREATED)
        .await
}
