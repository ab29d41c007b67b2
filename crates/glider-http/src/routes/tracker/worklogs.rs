//! Time tracking: work logs of a work item (Plane's paid `worklogs/`), and sums of logged time
//! for a project and a workspace. Durations are minutes, except the SDK's `total-worklogs/`
//! which Plane documents in seconds.

mod summary;

use axum::{extract::State, http::StatusCode, routing::get};
use chrono::{DateTime, NaiveDate, Utc};
use glider_domain::{ProjectId, WorkItemId, WorkLogId, model::intake::WorkLog};
use glider_service::tracker::worklogs;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    AppState,
    auth::CurrentActor,
    error::ApiResult,
    extract::{ApiPath, JsonObject},
};

const PROJECT: &str = "/api/v1/workspaces/{slug}/projects/{project_id}";

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_work_logs, create_work_log))
        .routes(routes!(update_work_log, delete_work_log))
        .route(
            &format!("{PROJECT}/issues/{{work_item_id}}/worklogs/"),
            get(list_work_logs).post(create_work_log),
        )
        .route(
            &format!("{PROJECT}/issues/{{work_item_id}}/worklogs/{{worklog_id}}/"),
            axum::routing::patch(update_work_log).delete(delete_work_log),
        )
        .merge(summary::router())
}

type ItemPath = ApiPath<(String, Uuid, Uuid)>;
type LogPath = ApiPath<(String, Uuid, Uuid, Uuid)>;

/// Plane's `WorkItemWorkLog`, with the date worked and the work item.
#[derive(Debug, Serialize, ToSchema)]
pub struct WorkLogResponse {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub description: String,
    /// Minutes worked.
    pub duration: i32,
    /// The date worked.
    pub logged_at: NaiveDate,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    pub project_id: Uuid,
    pub workspace_id: Uuid,
    /// Who worked (the person who logged it).
    pub logged_by: Uuid,
    /// The work item.
    pub issue_id: Uuid,
}

impl From<&WorkLog> for WorkLogResponse {
    fn from(log: &WorkLog) -> Self {
        Self {
            id: log.id.0,
            created_at: log.created_at,
            updated_at: log.updated_at,
            deleted_at: None,
            description: log.description.clone(),
            duration: log.duration,
            logged_at: log.logged_at,
            created_by: log.created_by.map(|id| id.0),
            updated_by: log.updated_by.map(|id| id.0),
            project_id: log.project_id.0,
            workspace_id: log.workspace_id.0,
            logged_by: log.logged_by.0,
            issue_id: log.work_item_id.0,
        }
    }
}

/// The work item's logs, latest date worked first (a bare list, as the SDK reads it).
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/worklogs/", tag = "time-tracking",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path)),
    responses((status = 200, body = Vec<WorkLogResponse>), (status = 400), (status = 404)))]
pub async fn list_work_logs(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, item)): ItemPath,
) -> ApiResult<axum::Json<Vec<WorkLogResponse>>> {
    let logs = worklogs::list(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        WorkItemId(item),
    )
    .await?;
    Ok(axum::Json(logs.iter().map(WorkLogResponse::from).collect()))
}

/// Logs the caller's time: `duration` (minutes, 1 to 1440), `description`, `logged_at` (the
/// date worked, default today in UTC). Project members and admins; the project must have
/// time tracking on.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/worklogs/", tag = "time-tracking",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path)), request_body = Object,
    responses((status = 201, body = WorkLogResponse), (status = 400), (status = 403), (status = 404)))]
pub async fn create_work_log(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, item)): ItemPath,
    JsonObject(body): JsonObject,
) -> ApiResult<(StatusCode, axum::Json<WorkLogResponse>)> {
    let log = worklogs::create(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        WorkItemId(item),
        &body,
    )
    .await?;
    Ok((StatusCode::CREATED, axum::Json((&log).into())))
}

/// Changes a log's `duration`, `description` or `logged_at` (its author, or a project admin).
#[utoipa::path(patch, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/worklogs/{worklog_id}/", tag = "time-tracking",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path), ("worklog_id" = Uuid, Path)), request_body = Object,
    responses((status = 200, body = WorkLogResponse), (status = 400), (status = 403), (status = 404)))]
pub async fn update_work_log(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, item, log)): LogPath,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<WorkLogResponse>> {
    let log = worklogs::update(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        WorkItemId(item),
        WorkLogId(log),
        &body,
    )
    .await?;
    Ok(axum::Json((&log).into()))
}

/// Deletes a log (its author, or a project admin).
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/worklogs/{worklog_id}/", tag = "time-tracking",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path), ("worklog_id" = Uuid, Path)),
    responses((status = 204), (status = 400), (status = 403), (status = 404)))]
pub async fn delete_work_log(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, item, log)): LogPath,
) -> ApiResult<StatusCode> {
    worklogs::delete(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        WorkItemId(item),
        WorkLogId(log),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
