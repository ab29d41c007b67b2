//! The tracker on Plane's paths.

mod board;
mod bulk;
mod cycles;
mod estimates;
mod expand;
mod features;
mod intake;
mod labels;
mod lite;
mod modules;
mod progress;
mod project_members;
mod projects;
mod states;
mod stickies;
mod views;
mod work_items;
mod worklogs;

use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(projects::router())
        .merge(project_members::router())
        .merge(states::router())
        .merge(labels::router())
        .merge(estimates::router())
        .merge(stickies::router())
        .merge(features::router())
        .merge(lite::router())
        .merge(views::router())
        .merge(work_items::router())
        .merge(cycles::router())
        .merge(modules::router())
        .merge(board::router())
        .merge(bulk::router())
        .merge(intake::router())
        .merge(worklogs::router())
        .merge(progress::router())
}
