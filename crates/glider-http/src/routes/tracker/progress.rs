//! A project's progress (Glider extension).

use axum::extract::State;
use glider_domain::{
    ProjectId,
    model::{progress::ProjectProgress, tracker::StateGroup},
};
use glider_service::tracker::progress;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{AppState, auth::CurrentActor, error::ApiResult, extract::ApiPath};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_project_progress))
}

/// Work items in one state group.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct GroupShareResponse {
    pub count: u64,
    /// Share of `total`, 0 to 100, two decimals.
    pub percentage: f64,
}

/// One entry per state group.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct GroupsResponse {
    pub backlog: GroupShareResponse,
    pub unstarted: GroupShareResponse,
    pub started: GroupShareResponse,
    pub completed: GroupShareResponse,
    pub cancelled: GroupShareResponse,
}

/// Counts and shares of a project's live, non-draft, non-archived work items (intake items in
/// triage are not counted).
#[derive(Debug, Serialize, ToSchema)]
pub struct ProgressResponse {
    pub project_id: Uuid,
    pub total: u64,
    pub groups: GroupsResponse,
    /// Items without a state (in `total`, in no group).
    pub without_state: u64,
    /// Completed items as a share of `total`, 0 to 100, two decimals.
    pub completion_percentage: f64,
}

fn render(project_id: Uuid, progress: &ProjectProgress) -> ProgressResponse {
    let mut groups = GroupsResponse::default();
    for share in &progress.groups {
        let slot = match share.group {
            StateGroup::Backlog => &mut groups.backlog,
            StateGroup::Unstarted => &mut groups.unstarted,
            StateGroup::Started => &mut groups.started,
            StateGroup::Completed => &mut groups.completed,
            StateGroup::Cancelled => &mut groups.cancelled,
            StateGroup::Triage => continue,
        };
        *slot = GroupShareResponse {
            count: share.count,
            percentage: share.percentage,
        };
    }
    ProgressResponse {
        project_id,
        total: progress.total,
        groups,
        without_state: progress.without_state,
        completion_percentage: progress.completion_percentage,
    }
}

/// The project's work items by state group (backlog, unstarted, started, completed,
/// cancelled), with the total and the completion percentage; anyone who sees the project.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/progress/", tag = "projects",
    params(("slug" = String, Path), ("project_id" = Uuid, Path)),
    responses((status = 200, body = ProgressResponse), (status = 404)))]
pub async fn get_project_progress(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ApiPath<(String, Uuid)>,
) -> ApiResult<axum::Json<ProgressResponse>> {
    let result =
        progress::project_progress(&state.ctx, &actor, &slug, ProjectId(project_id)).await?;
    Ok(axum::Json(render(project_id, &result)))
}
