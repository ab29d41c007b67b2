//! The tracker on Plane's paths.

mod project_members;
mod projects;
mod states;

use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(projects::router())
        .merge(project_members::router())
        .merge(states::router())
}
