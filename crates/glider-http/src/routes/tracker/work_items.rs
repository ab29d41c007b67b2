//! Work items on Plane's paths (`work-items/` and the deprecated `issues/`).

mod attachments;
mod children;
mod handlers;
mod relations;
mod view;
mod workspace;

pub(crate) use {
    handlers::WorkItemListQuery,
    view::{ShapeQuery, WorkItemResponse, render},
};

use axum::routing::{get, post};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    use handlers::*;
    OpenApiRouter::new()
        .routes(routes!(list_work_items, create_work_item))
        .routes(routes!(get_work_item, update_work_item, delete_work_item))
        .routes(routes!(archive_work_item))
        .routes(routes!(unarchive_work_item))
        .routes(routes!(list_archived_work_items))
        // Plane's deprecated prefix, same behaviour.
        .route(
            "/api/v1/workspaces/{slug}/projects/{project_id}/issues/",
            get(list_work_items).post(create_work_item),
        )
        .route(
            "/api/v1/workspaces/{slug}/projects/{project_id}/issues/{work_item_id}/",
            get(get_work_item)
                .patch(update_work_item)
                .delete(delete_work_item),
        )
        .route(
            "/api/v1/workspaces/{slug}/projects/{project_id}/issues/{work_item_id}/archive/",
            post(archive_work_item),
        )
        .merge(attachments::router())
        .merge(children::router())
        .merge(relations::router())
        .merge(workspace::router())
}
