//! The OpenAPI document, generated from the handlers' annotations.

use utoipa::{
    Modify, OpenApi,
    openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme},
};
use utoipa_axum::router::OpenApiRouter;

use crate::{AppState, routes};

#[derive(OpenApi)]
#[openapi(
    info(title = "Glider API", description = "Work management: Plane-compatible REST API."),
    modifiers(&SecuritySchemes),
    security(("api_key" = []), ("bearer" = []), ("session_cookie" = [])),
    tags(
        (name = "ops", description = "Liveness, readiness and metrics"),
        (name = "auth", description = "Sign-up, sign-in, tokens and sessions"),
        (name = "users", description = "The current user and personal API tokens"),
        (name = "workspaces", description = "Workspaces and members"),
        (name = "invitations", description = "Workspace invitations"),
        (name = "projects", description = "Projects and project members"),
        (name = "states", description = "Work-item states"),
        (name = "labels", description = "Work-item labels, nested under a parent label"),
        (name = "estimates", description = "A project's estimate and its points"),
        (name = "stickies", description = "The caller's personal notes in a workspace"),
        (name = "pages", description = "Pages: documents of a workspace or a project"),
        (name = "views", description = "Saved views of work items"),
        (name = "favorites", description = "The caller's favorite projects, views and pages"),
        (name = "work-items", description = "Work items (Plane's issues), search and history"),
        (name = "cycles", description = "Cycles: time-boxed iterations of a project and their work items"),
        (name = "modules", description = "Modules: features or workstreams of a project and their work items"),
        (name = "intake", description = "A project's triage queue: requests accepted, declined, snoozed or marked duplicate"),
        (name = "time-tracking", description = "Work logs on work items and sums of logged time"),
        (name = "notifications", description = "The caller's notifications, following work items, and notification preferences"),
        (name = "webhooks", description = "Webhooks: signed POSTs of a workspace's events, retried, with a delivery log"),
        (name = "realtime", description = "WebSockets: live events of projects, work items and notifications; presence"),
    )
)]
struct ApiDoc;

struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_key",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::new("X-Api-Key"))),
        );
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session_cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                crate::auth::SESSION_COOKIE,
            ))),
        );
    }
}

pub(crate) fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(routes::ops::router())
        .merge(routes::accounts::router())
        .merge(routes::workspaces::router())
        .merge(routes::tracker::router())
        .merge(routes::pages::router())
        .merge(routes::notify::router())
        .merge(routes::webhooks::router())
        .merge(crate::ws::router())
}

/// The document served at `/api/v1/openapi.json` (also snapshot-tested).
pub fn openapi_document() -> utoipa::openapi::OpenApi {
    let mut document = api_router().into_openapi();
    document.info.version = env!("CARGO_PKG_VERSION").to_owned();
    document
}
