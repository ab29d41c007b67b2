//! What the routes of a cycle's and a module's work items share (`cycle-issues/`,
//! `module-issues/`): the list in Plane's work-item shape, one row with `expand=issue`, and
//! removal. Each route keeps its own handler for its path and OpenAPI entry.

use axum::{Json, http::StatusCode};
use glider_domain::{
    ProjectId, WorkItemId,
    model::{
        cycles::Membership,
        tracker::Project,
        work_items::{OrderField, WorkItem, WorkItemOrder},
    },
};
use glider_service::{
    accounts::Actor,
    tracker::{
        cycles::collection::{self, Collection},
        work_items::{self as work_item_service, expand, list::ListRequest},
    },
};
use serde::Serialize;
use serde_json::{Value, json};
use uuid::Uuid;

use super::shape::{ShapeParams, shape_one};
use crate::{
    AppState,
    error::ApiResult,
    pagination::Paginated,
    routes::tracker::work_items::{ShapeQuery, WorkItemListQuery, render},
    views::to_value,
};

/// Renders work items in Plane's shape with `fields` and `expand`.
async fn render_items(
    state: &AppState,
    items: &[WorkItem],
    project: &Project,
    shape: &ShapeQuery,
) -> ApiResult<Vec<Value>> {
    let expansions = expand::load(&state.ctx, items, &shape.expand_list()).await?;
    Ok(items
        .iter()
        .map(|item| render(item, Some(project), &expansions, shape))
        .collect())
}

/// `expand=issue` on a row of a cycle or module: the work item itself, or `{}` when it is
/// not visible (archived, a draft).
async fn expand_issue(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    project: &Project,
    item: WorkItemId,
    shape: &ShapeParams,
    value: &mut Value,
) -> ApiResult<()> {
    if !shape.expand_list().contains(&"issue") {
        return Ok(());
    }
    let Some(map) = value
        .as_object_mut()
        .filter(|map| map.contains_key("issue"))
    else {
        return Ok(());
    };
    let issue = match work_item_service::get(&state.ctx, actor, slug, project.id, item).await {
        Ok(located) => render_items(
            state,
            std::slice::from_ref(&located.item),
            project,
            &ShapeQuery::default(),
        )
        .await?
        .pop()
        .unwrap_or_default(),
        Err(_) => json!({}),
    };
    map.insert("issue".to_owned(), issue);
    Ok(())
}

/// Plane lists a cycle's or module's work items oldest first unless `order_by` is given.
fn oldest_first(query: &WorkItemListQuery, request: &mut ListRequest) {
    if query.order_by.as_deref().is_none_or(str::is_empty) {
        request.order = WorkItemOrder {
            field: OrderField::CreatedAt,
            descending: false,
        };
    }
}

/// The work items of a cycle or module (`path`: slug, project, collection), paginated in
/// Plane's work-item shape.
pub(crate) async fn list_items<C: Collection>(
    state: &AppState,
    actor: &Actor,
    (slug, project_id, id): (String, Uuid, Uuid),
    query: &WorkItemListQuery,
) -> ApiResult<Json<Value>> {
    let (page, mut request) = query.request()?;
    oldest_first(query, &mut request);
    let (found, result) = collection::list::<C>(
        &state.ctx,
        actor,
        &slug,
        ProjectId(project_id),
        C::Id::from(id),
        &request,
    )
    .await?;
    let results = render_items(state, &result.items, &found.project, &query.shape()).await?;
    Ok(Json(to_value(&Paginated::new(page, result.total, results))))
}

/// One work item's row in a cycle or module, rendered as `R`, shaped, with `expand=issue`.
pub(crate) async fn get_item<C, R>(
    state: &AppState,
    actor: &Actor,
    (slug, project_id, id, item): (String, Uuid, Uuid, Uuid),
    shape: &ShapeParams,
) -> ApiResult<Json<Value>>
where
    C: Collection,
    R: Serialize + for<'a> From<&'a Membership>,
{
    let (found, link) = collection::get::<C>(
        &state.ctx,
        actor,
        &slug,
        ProjectId(project_id),
        C::Id::from(id),
        WorkItemId(item),
    )
    .await?;
    let value = to_value(&R::from(&link));
    let mut value = shape_one(state, value, shape, &found.project, &found.workspace).await?;
    expand_issue(
        state,
        actor,
        &slug,
        &found.project,
        WorkItemId(item),
        shape,
        &mut value,
    )
    .await?;
    Ok(Json(value))
}

/// Takes a work item out of a cycle or module.
pub(crate) async fn remove_item<C: Collection>(
    state: &AppState,
    actor: &Actor,
    (slug, project_id, id, item): (String, Uuid, Uuid, Uuid),
) -> ApiResult<StatusCode> {
    collection::remove::<C>(
        &state.ctx,
        actor,
        &slug,
        ProjectId(project_id),
        C::Id::from(id),
        WorkItemId(item),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
