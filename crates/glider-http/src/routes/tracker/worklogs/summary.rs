//! Sums of logged time: Plane's `total-worklogs/` and Glider's summaries by member and by work
//! item (a work item's `estimate_time` beside its logged minutes).

use axum::extract::State;
use chrono::NaiveDate;
use glider_domain::ProjectId;
use glider_service::tracker::worklogs::summary::{self, Summary};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    AppState,
    auth::CurrentActor,
    error::ApiResult,
    extract::{ApiPath, ApiQuery},
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_project_worklog_totals))
        .routes(routes!(get_project_time_summary))
        .routes(routes!(get_workspace_time_summary))
}

/// Plane's `ProjectWorklogSummary`: time logged on one work item. `duration` is in seconds, as
/// the SDK documents it; `duration_minutes` and `estimate_time` (minutes) are Glider's.
#[derive(Debug, Serialize, ToSchema)]
pub struct WorklogTotalResponse {
    pub issue_id: Uuid,
    /// Seconds logged.
    pub duration: i64,
    /// Minutes logged.
    pub duration_minutes: i64,
    /// The work item's estimate in minutes.
    pub estimate_time: Option<i32>,
}

/// Which logs a summary counts.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TimeSummaryQuery {
    /// First date worked to count (`YYYY-MM-DD`, inclusive).
    pub from: Option<String>,
    /// Last date worked to count (`YYYY-MM-DD`, inclusive).
    pub to: Option<String>,
    /// Only this person's logs (a user id).
    pub member: Option<String>,
}

/// Time logged in one project.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectTimeRow {
    pub project_id: Uuid,
    pub identifier: String,
    pub name: String,
    pub minutes: i64,
    pub entries: i64,
}

/// Time logged by one person.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberTimeRow {
    pub member_id: Uuid,
    pub display_name: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub minutes: i64,
    pub entries: i64,
}

/// Time logged on one work item, beside its estimate.
#[derive(Debug, Serialize, ToSchema)]
pub struct WorkItemTimeRow {
    pub issue_id: Uuid,
    pub project_id: Uuid,
    pub name: String,
    pub sequence_id: i32,
    /// The estimate in minutes.
    pub estimate_time: Option<i32>,
    /// Minutes logged.
    pub minutes: i64,
    pub entries: i64,
}

/// Logged minutes in total, by project, by member and by work item (each largest first).
#[derive(Debug, Serialize, ToSchema)]
pub struct TimeSummaryResponse {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub member: Option<Uuid>,
    pub total_minutes: i64,
    pub entries: i64,
    pub by_project: Vec<ProjectTimeRow>,
    pub by_member: Vec<MemberTimeRow>,
    pub by_work_item: Vec<WorkItemTimeRow>,
}

impl From<&Summary> for TimeSummaryResponse {
    fn from(s: &Summary) -> Self {
        Self {
            from: s.filter.from,
            to: s.filter.to,
            member: s.filter.member.map(|id| id.0),
            total_minutes: s.minutes,
            entries: s.entries,
            by_project: s
                .by_project
                .iter()
                .map(|row| ProjectTimeRow {
                    project_id: row.project.id.0,
                    identifier: row.project.identifier.clone(),
                    name: row.project.name.clone(),
                    minutes: row.total.minutes,
                    entries: row.total.entries,
                })
                .collect(),
            by_member: s
                .by_member
                .iter()
                .map(|row| MemberTimeRow {
                    member_id: row.user_id.0,
                    display_name: row.user.as_ref().map(|u| u.display_name.clone()),
                    first_name: row.user.as_ref().map(|u| u.first_name.clone()),
                    last_name: row.user.as_ref().map(|u| u.last_name.clone()),
                    minutes: row.total.minutes,
                    entries: row.total.entries,
                })
                .collect(),
            by_work_item: s
                .by_work_item
                .iter()
                .map(|row| WorkItemTimeRow {
                    issue_id: row.item.id.0,
                    project_id: row.item.project_id.0,
                    name: row.item.name.clone(),
                    sequence_id: row.item.sequence_id,
                    estimate_time: row.item.estimate_time,
                    minutes: row.total.minutes,
                    entries: row.total.entries,
                })
                .collect(),
        }
    }
}

/// Time logged per work item of the project (Plane's `get_worklog_summary`; a bare list).
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/total-worklogs/", tag = "time-tracking",
    params(("slug" = String, Path), ("project_id" = Uuid, Path)),
    responses((status = 200, body = Vec<WorklogTotalResponse>), (status = 400), (status = 404)))]
pub async fn get_project_worklog_totals(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ApiPath<(String, Uuid)>,
) -> ApiResult<axum::Json<Vec<WorklogTotalResponse>>> {
    let totals = summary::project_totals(&state.ctx, &actor, &slug, ProjectId(project_id)).await?;
    Ok(axum::Json(
        totals
            .iter()
            .map(|row| WorklogTotalResponse {
                issue_id: row.item.id.0,
                duration: row.total.minutes.saturating_mul(60),
                duration_minutes: row.total.minutes,
                estimate_time: row.item.estimate_time,
            })
            .collect(),
    ))
}

/// The project's logged time by member and by work item, optionally for dates `from`..`to`
/// and one `member`.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/worklogs/summary/", tag = "time-tracking",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), TimeSummaryQuery),
    responses((status = 200, body = TimeSummaryResponse), (status = 400), (status = 404)))]
pub async fn get_project_time_summary(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ApiPath<(String, Uuid)>,
    ApiQuery(query): ApiQuery<TimeSummaryQuery>,
) -> ApiResult<axum::Json<TimeSummaryResponse>> {
    let filter = summary::filter(
        query.from.as_deref(),
        query.to.as_deref(),
        query.member.as_deref(),
    )?;
    let result =
        summary::project_summary(&state.ctx, &actor, &slug, ProjectId(project_id), filter).await?;
    Ok(axum::Json((&result).into()))
}

/// Logged time across the workspace's projects that the caller can read and that track time,
/// by project, member and work item; optionally for dates `from`..`to` and one `member`.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/time-tracking/summary/", tag = "time-tracking",
    params(("slug" = String, Path), TimeSummaryQuery),
    responses((status = 200, body = TimeSummaryResponse), (status = 400), (status = 404)))]
pub async fn get_workspace_time_summary(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(query): ApiQuery<TimeSummaryQuery>,
) -> ApiResult<axum::Json<TimeSummaryResponse>> {
    let filter = summary::filter(
        query.from.as_deref(),
        query.to.as_deref(),
        query.member.as_deref(),
    )?;
    let result = summary::workspace_summary(&state.ctx, &actor, &slug, filter).await?;
    Ok(axum::Json((&result).into()))
}
