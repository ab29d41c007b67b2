//! Intake (the triage queue) on Plane's paths: `intake-issues/`, addressed by the work item's id.

mod view;

use axum::{extract::State, http::StatusCode};
use glider_domain::{ProjectId, UserId, ValidationError, WorkItemId, model::intake::IntakeStatus};
use glider_service::tracker::intake::{self, Entries};
use serde::Deserialize;
use serde_json::Value;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    AppState,
    auth::CurrentActor,
    error::{ApiError, ApiResult},
    extract::{ApiPath, ApiQuery, JsonObject},
    pagination::{PageQuery, Paginated},
    views::to_value,
};
pub use view::IntakeItemResponse;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_intake_work_items, create_intake_work_item))
        .routes(routes!(
            get_intake_work_item,
            update_intake_work_item,
            delete_intake_work_item
        ))
        .routes(routes!(update_intake_status))
}

type ProjectPath = ApiPath<(String, Uuid)>;
type EntryPath = ApiPath<(String, Uuid, Uuid)>;

/// Shaping of intake reads.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IntakeShapeQuery {
    /// Comma-separated fields to keep.
    pub fields: Option<String>,
    /// Comma-separated references to replace by objects: created_by, updated_by, project,
    /// workspace, issue.
    pub expand: Option<String>,
}

/// List parameters: Plane's pagination and shaping, and Glider's `status` filter.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IntakeListQuery {
    pub per_page: Option<String>,
    pub cursor: Option<String>,
    pub fields: Option<String>,
    pub expand: Option<String>,
    /// Comma-separated statuses to show (Glider): -2 pending, -1 rejected, 0 snoozed,
    /// 1 accepted, 2 duplicate.
    pub status: Option<String>,
}

fn statuses(raw: Option<&str>) -> Result<Vec<IntakeStatus>, ValidationError> {
    let mut out = Vec::new();
    for part in raw
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let status = part.parse::<i64>().ok().and_then(IntakeStatus::from_code);
        out.push(status.ok_or_else(|| {
            ValidationError::new("status", format!("\"{part}\" is not a valid choice."))
        })?);
    }
    Ok(out)
}

async fn rendered(
    state: &AppState,
    entries: &Entries,
    fields: Option<&str>,
    expand: Option<&str>,
) -> ApiResult<Vec<Value>> {
    let expand = super::expand::names(expand);
    let users = if view::wants_users(&expand) {
        let ids: Vec<UserId> = entries
            .entries
            .iter()
            .flat_map(|(e, _)| [e.created_by, e.updated_by])
            .flatten()
            .collect();
        intake::users(&state.ctx, &ids).await?
    } else {
        Default::default()
    };
    Ok(view::render(entries, fields, &expand, &users))
}

async fn one(
    state: &AppState,
    entries: &Entries,
    fields: Option<&str>,
    expand: Option<&str>,
) -> ApiResult<Value> {
    let mut all = rendered(state, entries, fields, expand).await?;
    all.pop()
        .ok_or_else(|| ApiError::not_found("intake_work_item"))
}

/// The project's intake queue, newest first. Entries snoozed until a time that has passed are
/// left out, as in Plane; empty while the project's intake is off.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/intake-issues/", tag = "intake",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), IntakeListQuery),
    responses((status = 200, body = Paginated<IntakeItemResponse>), (status = 400), (status = 403), (status = 404)))]
pub async fn list_intake_work_items(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ProjectPath,
    ApiQuery(query): ApiQuery<IntakeListQuery>,
) -> ApiResult<axum::Json<Value>> {
    let page = PageQuery {
        per_page: query.per_page.clone(),
        cursor: query.cursor.clone(),
        fields: None,
    }
    .page(1000)?;
    let wanted =
        statuses(query.status.as_deref()).map_err(|e| ApiError::field(&e.field, &e.message))?;
    let entries = intake::list(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        &wanted,
        page.offset(),
        page.per_page,
    )
    .await?;
    let results = rendered(
        &state,
        &entries,
        query.fields.as_deref(),
        query.expand.as_deref(),
    )
    .await?;
    Ok(axum::Json(to_value(&Paginated::new(
        page,
        entries.total,
        results,
    ))))
}

/// Submits a request to the queue: `{"issue": {"name", "description_html"?, "priority"?}}`.
/// It becomes a work item in the triage state (hidden from work-item lists until accepted);
/// any project member may submit, guests included.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/intake-issues/", tag = "intake",
    params(("slug" = String, Path), ("project_id" = Uuid, Path)), request_body = Object,
    responses((status = 201, body = IntakeItemResponse), (status = 400), (status = 403), (status = 404)))]
pub async fn create_intake_work_item(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ProjectPath,
    JsonObject(body): JsonObject,
) -> ApiResult<(StatusCode, axum::Json<Value>)> {
    let entries = intake::create(&state.ctx, &actor, &slug, ProjectId(project_id), &body).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(one(&state, &entries, None, None).await?),
    ))
}

/// The queue entry of a work item.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/intake-issues/{work_item_id}/", tag = "intake",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path), IntakeShapeQuery),
    responses((status = 200, body = IntakeItemResponse), (status = 403), (status = 404)))]
pub async fn get_intake_work_item(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, work_item_id)): EntryPath,
    ApiQuery(shape): ApiQuery<IntakeShapeQuery>,
) -> ApiResult<axum::Json<Value>> {
    let entries = intake::get(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        WorkItemId(work_item_id),
    )
    .await?;
    Ok(axum::Json(
        one(
            &state,
            &entries,
            shape.fields.as_deref(),
            shape.expand.as_deref(),
        )
        .await?,
    ))
}

/// Edits an entry: `issue` (name, description_html, priority) by project members (guests:
/// their own request's name and description), and the triage decision (`status`,
/// `snoozed_till`, `duplicate_to`, `source`, `source_email`) by project admins.
#[utoipa::path(patch, path = "/api/v1/workspaces/{slug}/projects/{project_id}/intake-issues/{work_item_id}/", tag = "intake",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path)), request_body = Object,
    responses((status = 200, body = IntakeItemResponse), (status = 400), (status = 403), (status = 404)))]
pub async fn update_intake_work_item(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, work_item_id)): EntryPath,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<Value>> {
    let entries = intake::update(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        WorkItemId(work_item_id),
        &body,
    )
    .await?;
    Ok(axum::Json(one(&state, &entries, None, None).await?))
}

/// Decides on an entry (project admins): `status` (1 accept, -1 decline, 0 snooze with
/// `snoozed_till`, 2 duplicate with `duplicate_to`, -2 back to pending).
#[utoipa::path(patch, path = "/api/v1/workspaces/{slug}/projects/{project_id}/intake-issues/{work_item_id}/status/", tag = "intake",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path)), request_body = Object,
    responses((status = 200, body = IntakeItemResponse), (status = 400), (status = 403), (status = 404)))]
pub async fn update_intake_status(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, work_item_id)): EntryPath,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<Value>> {
    let entries = intake::update_status(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        WorkItemId(work_item_id),
        &body,
    )
    .await?;
    Ok(axum::Json(one(&state, &entries, None, None).await?))
}

/// Removes an entry. A request not yet accepted is deleted with its work item (its submitter
/// or a project admin); an accepted one keeps its work item.
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/projects/{project_id}/intake-issues/{work_item_id}/", tag = "intake",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path)),
    responses((status = 204), (status = 400), (status = 403), (status = 404)))]
pub async fn delete_intake_work_item(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, work_item_id)): EntryPath,
) -> ApiResult<StatusCode> {
    intake::delete(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        WorkItemId(work_item_id),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
