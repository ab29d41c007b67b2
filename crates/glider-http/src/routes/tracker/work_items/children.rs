//! Comments, links and activities of a work item.

use axum::routing::get;
use serde::Serialize;
use serde_json::Value;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    AppState,
    extract::ApiPath,
    pagination::{PageQuery, Paginated, select_fields},
    views::to_value,
};

const ITEM: &str = "/api/v1/workspaces/{slug}/projects/{project_id}";

pub fn router() -> OpenApiRouter<AppState> {
    let legacy = |suffix: &str| format!("{ITEM}/issues/{{work_item_id}}/{suffix}");
    OpenApiRouter::new()
        .routes(routes!(list_comments, create_comment))
        .routes(routes!(get_comment, update_comment, delete_comment))
        .routes(routes!(list_links, create_link))
        .routes(routes!(get_link, update_link, delete_link))
        .routes(routes!(list_activities))
        .routes(routes!(get_activity))
        .route(
            &legacy("comments/"),
            get(list_comments).post(create_comment),
        )
        .route(
            &legacy("comments/{child_id}/"),
            get(get_comment)
                .patch(update_comment)
                .delete(delete_comment),
        )
        .route(&legacy("links/"), get(list_links).post(create_link))
        .route(
            &legacy("links/{child_id}/"),
            get(get_link).patch(update_link).delete(delete_link),
        )
        .route(&legacy("activities/"), get(list_activities))
        .route(&legacy("activities/{child_id}/"), get(get_activity))
}

pub(super) type ItemPath = ApiPath<(String, Uuid, Uuid)>;
pub(super) type ChildPath = ApiPath<(String, Uuid, Uuid, Uuid)>;

pub(super) fn page_of<T: Serialize>(
    query: &PageQuery,
    total: u64,
    page: crate::pagination::Page,
    items: Vec<T>,
) -> Value {
    let results = items
        .iter()
        .map(|item| select_fields(to_value(item), query.fields.as_deref()))
        .collect();
    to_value(&Paginated::new(page, total, results))
}

mod activities;
mod comments;
mod links;

use activities::*;
use comments::*;
use links::*;
