//! Notifications: the caller's inbox per workspace, following work items, and notification
//! preferences.

mod inbox;
mod preferences;
mod subscriptions;

use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(inbox::router())
        .merge(subscriptions::router())
        .merge(preferences::router())
}
