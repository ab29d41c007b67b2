//! Workspace-wide work-item reads: list, count, search, advanced search, `PROJ-12` lookup.

use axum::extract::State;
use glider_domain::{ProjectId, filters, model::work_item_counts::CountGrouping};
use glider_service::tracker::work_items::{
    expand,
    list::{self, WorkItemCounts},
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::{
    handlers::WorkItemListQuery,
    view::{ShapeQuery, WorkItemResponse, render},
};
use crate::{
    AppState,
    auth::CurrentActor,
    error::{ApiError, ApiResult},
    extract::{ApiJson, ApiPath, ApiQuery},
    pagination::Paginated,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_workspace_work_items))
        .routes(routes!(count_workspace_work_items))
        .routes(routes!(search_work_items))
        .routes(routes!(advanced_search_work_items))
        .routes(routes!(get_work_item_by_identifier))
}

/// Work items across every project the caller can read.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/work-items/", tag = "work-items",
    params(("slug" = String, Path), WorkItemListQuery), responses((status = 200, body = Paginated<WorkItemResponse>)))]
pub async fn list_workspace_work_items(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(query): ApiQuery<WorkItemListQuery>,
) -> ApiResult<axum::Json<Value>> {
    let (page, request) = query.request()?;
    let (projects, result) = list::list_workspace(&state.ctx, &actor, &slug, &request).await?;
    let shape = query.shape();
    let expansions = expand::load(&state.ctx, &result.items, &shape.expand_list()).await?;
    let results = result
        .items
        .iter()
        .map(|item| {
            render(
                item,
                projects.iter().find(|p| p.id == item.project_id),
                &expansions,
                &shape,
            )
        })
        .collect();
    Ok(axum::Json(crate::views::to_value(&Paginated::new(
        page,
        result.total,
        results,
    ))))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CountQuery {
    /// JSON filter expression, as on lists.
    pub filters: Option<String>,
    /// Count per value of: state_id, state__group, priority, project_id, type_id, labels__id,
    /// assignees__id, issue_module__module_id, cycle_id, created_by, target_date, start_date
    /// (release_work_items__release_id and milestone_id put every item under "None").
    pub group_by: Option<String>,
    /// A second dimension inside each group (needs `group_by`, and must differ from it).
    pub sub_group_by: Option<String>,
}

/// The workspace count in the SDK's shape. `grouped_counts` is keyed by the group's value
/// (an id, a name, or an ISO date; "None" for items without one); each entry has `count`, and
/// `sub_grouped_counts` when sub-grouped.
#[derive(Debug, Serialize, ToSchema)]
pub struct CountResponse {
    pub grouped_by: Option<String>,
    pub sub_grouped_by: Option<String>,
    pub total_count: u64,
    #[schema(value_type = Object)]
    pub grouped_counts: Map<String, Value>,
}

fn group_key(key: Option<&String>) -> String {
    key.map_or_else(|| "None".to_owned(), Clone::clone)
}

impl From<&WorkItemCounts> for CountResponse {
    fn from(counts: &WorkItemCounts) -> Self {
        let mut grouped = Map::new();
        for group in &counts.groups {
            grouped.insert(
                group_key(group.key.as_ref()),
                json!({ "count": group.count }),
            );
        }
        let sub_grouped = counts.grouping.and_then(|g| g.sub_group).is_some();
        if sub_grouped {
            for entry in grouped.values_mut() {
                entry["sub_grouped_counts"] = json!({});
            }
        }
        for sub in &counts.sub_groups {
            if let Some(entry) = grouped.get_mut(&group_key(sub.key.as_ref())) {
                entry["sub_grouped_counts"][group_key(sub.sub_key.as_ref())] =
                    json!({ "count": sub.count });
            }
        }
        Self {
            grouped_by: counts.grouping.map(|g| g.group.as_str().to_owned()),
            sub_grouped_by: counts
                .grouping
                .and_then(|g| g.sub_group)
                .map(|d| d.as_str().to_owned()),
            total_count: counts.total,
            grouped_counts: grouped,
        }
    }
}

/// How many work items match across the workspace, optionally per group and sub-group.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/work-items/count/", tag = "work-items",
    params(("slug" = String, Path), CountQuery), responses((status = 200, body = CountResponse), (status = 400)))]
pub async fn count_workspace_work_items(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(query): ApiQuery<CountQuery>,
) -> ApiResult<axum::Json<CountResponse>> {
    let invalid = |e: glider_domain::ValidationError| ApiError::field(&e.field, &e.message);
    let filter = match query.filters.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => Some(filters::parse(raw).map_err(invalid)?),
    };
    let grouping = CountGrouping::parse(query.group_by.as_deref(), query.sub_group_by.as_deref())
        .map_err(invalid)?;
    let counts =
        list::count_workspace(&state.ctx, &actor, &slug, filter.as_ref(), grouping).await?;
    Ok(axum::Json(CountResponse::from(&counts)))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    pub search: Option<String>,
    pub limit: Option<u64>,
    pub project_id: Option<Uuid>,
    /// "true" searches every project even when `project_id` is given.
    pub workspace_search: Option<String>,
}

fn hit(h: &list::SearchHit, slug: &str) -> Value {
    json!({
        "name": h.item.name, "id": h.item.id, "sequence_id": h.item.sequence_id,
        "project__identifier": h.project.identifier, "project_id": h.project.id, "workspace__slug": slug,
    })
}

/// Searches names, identifiers and numbers: `{"issues": [...]}`.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/work-items/search/", tag = "work-items",
    params(("slug" = String, Path), SearchQuery), responses((status = 200, body = Object)))]
pub async fn search_work_items(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(query): ApiQuery<SearchQuery>,
) -> ApiResult<axum::Json<Value>> {
    let workspace_wide = query.workspace_search.as_deref() == Some("true");
    let project = if workspace_wide {
        None
    } else {
        query.project_id.map(ProjectId)
    };
    let limit = query.limit.unwrap_or(10).clamp(1, 100);
    let hits = list::search(
        &state.ctx,
        &actor,
        &slug,
        query.search.as_deref().unwrap_or_default(),
        project,
        limit,
    )
    .await?;
    Ok(axum::Json(
        json!({ "issues": hits.iter().map(|h| hit(h, &slug)).collect::<Vec<_>>() }),
    ))
}

/// Body of an advanced search.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AdvancedSearchRequest {
    pub query: Option<String>,
    pub project_id: Option<Uuid>,
    pub workspace_search: Option<bool>,
    #[schema(value_type = Object)]
    pub filters: Option<serde_json::Map<String, Value>>,
    pub limit: Option<u64>,
}

/// Text and structured search: a list of hits with their state and priority.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/work-items/advanced-search/", tag = "work-items",
    params(("slug" = String, Path)), request_body = AdvancedSearchRequest, responses((status = 200, body = [Object])))]
pub async fn advanced_search_work_items(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
    ApiJson(body): ApiJson<AdvancedSearchRequest>,
) -> ApiResult<axum::Json<Vec<Value>>> {
    let filter = match &body.filters {
        Some(map) if !map.is_empty() => {
            Some(filters::from_object(map).map_err(|e| ApiError::field(&e.field, &e.message))?)
        }
        _ => None,
    };
    let limit = body.limit.unwrap_or(25).clamp(1, 1000);
    let project = if body.workspace_search.unwrap_or(false) {
        None
    } else {
        body.project_id.map(ProjectId)
    };
    let text = body.query.as_deref().unwrap_or_default().trim().to_owned();
    let hits = list::advanced_search(
        &state.ctx,
        &actor,
        &slug,
        &text,
        project,
        filter.as_ref(),
        limit,
    )
    .await?;
    Ok(axum::Json(
        hits.iter()
            .map(|h| {
                let mut value = hit(h, &slug);
                if let Value::Object(map) = &mut value {
                    map.insert("state_id".to_owned(), json!(h.item.state_id));
                    map.insert("priority".to_owned(), json!(h.item.priority));
                    map.insert("project_identifier".to_owned(), json!(h.project.identifier));
                    map.insert("workspace_id".to_owned(), json!(h.item.workspace_id));
                    map.insert("type_id".to_owned(), json!(h.item.type_id));
                    map.insert("start_date".to_owned(), json!(h.item.start_date));
                    map.insert("target_date".to_owned(), json!(h.item.target_date));
                }
                value
            })
            .collect(),
    ))
}

/// A work item by its human identifier, e.g. `WEB-12`.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/work-items/{identifier}/", tag = "work-items",
    params(("slug" = String, Path), ("identifier" = String, Path, description = "PROJ-12"), ShapeQuery),
    responses((status = 200, body = WorkItemResponse), (status = 400), (status = 404)))]
pub async fn get_work_item_by_identifier(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, identifier)): ApiPath<(String, String)>,
    ApiQuery(shape): ApiQuery<ShapeQuery>,
) -> ApiResult<axum::Json<Value>> {
    let (project, sequence) = identifier
        .rsplit_once('-')
        .and_then(|(project, seq)| Some((project, seq.parse::<i32>().ok()?)))
        .ok_or_else(|| ApiError::field("identifier", "Use the form PROJ-123."))?;
    let (found, item) = list::by_identifier(&state.ctx, &actor, &slug, project, sequence).await?;
    let expansions = expand::load(
        &state.ctx,
        std::slice::from_ref(&item),
        &shape.expand_list(),
    )
    .await?;
    Ok(axum::Json(render(
        &item,
        Some(&found.project),
        &expansions,
        &shape,
    )))
}
