//! Work-item states (read; writes arrive with the Tracker issue).

use axum::extract::State;
use chrono::{DateTime, Utc};
use glider_domain::{
    ProjectId, StateId,
    model::tracker::{State as WorkItemState, StateGroup},
};
use glider_service::tracker::states;
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    AppState,
    auth::CurrentActor,
    error::ApiResult,
    extract::{ApiPath, ApiQuery},
    pagination::{PageQuery, Paginated, select_fields},
    views::to_value,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_states))
        .routes(routes!(get_state))
}

/// Plane's `State`.
#[derive(Debug, Serialize, ToSchema)]
pub struct StateResponse {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub name: String,
    pub description: String,
    pub color: String,
    pub slug: String,
    pub sequence: f64,
    pub group: StateGroup,
    pub is_triage: bool,
    pub default: bool,
    pub external_source: Option<String>,
    pub external_id: Option<String>,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    pub project: Uuid,
    pub workspace: Uuid,
}

impl From<&WorkItemState> for StateResponse {
    fn from(s: &WorkItemState) -> Self {
        Self {
            id: s.id.0,
            created_at: s.created_at,
            updated_at: s.updated_at,
            deleted_at: None,
            name: s.name.clone(),
            description: s.description.clone(),
            color: s.color.clone(),
            slug: s.slug.clone(),
            sequence: s.sequence,
            group: s.group,
            is_triage: s.is_triage,
            default: s.is_default,
            external_source: s.external_source.clone(),
            external_id: s.external_id.clone(),
            created_by: s.created_by.map(|id| id.0),
            updated_by: s.updated_by.map(|id| id.0),
            project: s.project_id.0,
            workspace: s.workspace_id.0,
        }
    }
}

/// The project's states by sequence (triage states are hidden, as in Plane).
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/states/", tag = "states",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), PageQuery), responses((status = 200, body = Paginated<StateResponse>), (status = 404)))]
pub async fn list_states(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ApiPath<(String, Uuid)>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<axum::Json<Paginated<Value>>> {
    let page = query.page(1000)?;
    let list = states::list(&state.ctx, &actor, &slug, ProjectId(project_id)).await?;
    let total = list.len() as u64;
    let results = page
        .slice(list)
        .iter()
        .map(|s| select_fields(to_value(&StateResponse::from(s)), query.fields.as_deref()))
        .collect();
    Ok(axum::Json(Paginated::new(page, total, results)))
}

/// One state.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/states/{state_id}/", tag = "states",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("state_id" = Uuid, Path)), responses((status = 200, body = StateResponse), (status = 404)))]
pub async fn get_state(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): ApiPath<(String, Uuid, Uuid)>,
) -> ApiResult<axum::Json<StateResponse>> {
    let found = states::get(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        StateId(id),
    )
    .await?;
    Ok(axum::Json((&found).into()))
}
