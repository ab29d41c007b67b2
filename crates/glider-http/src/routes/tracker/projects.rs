//! Projects in Plane's shape.

use axum::{extract::State, http::StatusCode};
use chrono::{DateTime, Utc};
use glider_domain::ProjectId;
use glider_service::tracker::projects::{self, ProjectView};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    AppState,
    auth::CurrentActor,
    error::ApiResult,
    extract::{ApiPath, ApiQuery, JsonObject},
    pagination::{PageQuery, Paginated},
    routes::tracker::expand::{ExpandQuery, ShapeQuery, Subject, shape, shape_one},
    views::to_value,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_projects, create_project))
        .routes(routes!(get_project, update_project, delete_project))
        .routes(routes!(archive_project, unarchive_project))
}

/// Plane's `Project`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectResponse {
    pub id: Uuid,
    pub total_members: u64,
    pub total_cycles: u64,
    pub total_modules: u64,
    pub is_member: bool,
    /// The caller marked the project as a favorite (Glider).
    pub is_favorite: bool,
    pub member_role: Option<i32>,
    pub is_deployed: bool,
    /// The caller's sort order (lists only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort_order: Option<f64>,
    pub cover_image_url: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub name: String,
    pub description: String,
    pub description_text: Option<Value>,
    pub description_html: Option<Value>,
    pub network: i32,
    pub identifier: String,
    pub emoji: Option<String>,
    pub icon_prop: Option<Value>,
    pub module_view: bool,
    pub cycle_view: bool,
    pub issue_views_view: bool,
    pub page_view: bool,
    pub intake_view: bool,
    pub is_time_tracking_enabled: bool,
    pub is_issue_type_enabled: bool,
    pub guest_view_all_features: bool,
    pub cover_image: Option<String>,
    pub archive_in: i16,
    pub close_in: i16,
    pub logo_props: Value,
    pub archived_at: Option<DateTime<Utc>>,
    pub timezone: String,
    pub external_source: Option<String>,
    pub external_id: Option<String>,
    pub created_by: Uuid,
    pub updated_by: Option<Uuid>,
    pub workspace: Uuid,
    pub default_assignee: Option<Uuid>,
    pub project_lead: Option<Uuid>,
    pub cover_image_asset: Option<Uuid>,
    pub estimate: Option<Uuid>,
    pub default_state: Option<Uuid>,
}

impl ProjectResponse {
    fn new(view: &ProjectView, in_list: bool) -> Self {
        let p = &view.project;
        let s = &p.settings;
        Self {
            id: p.id.0,
            total_members: view.facts.total_members,
            total_cycles: view.facts.total_cycles,
            total_modules: view.facts.total_modules,
            is_member: view.facts.member_role.is_some(),
            is_favorite: view.facts.is_favorite,
            member_role: view.facts.member_role.map(|role| role.plane_code()),
            is_deployed: false,
            sort_order: if in_list {
                Some(view.facts.sort_order.unwrap_or(65535.0))
            } else {
                None
            },
            cover_image_url: s.cover_image.clone(),
            created_at: p.created_at,
            updated_at: p.updated_at,
            deleted_at: None,
            name: p.name.clone(),
            description: s.description.clone(),
            description_text: None,
            description_html: None,
            network: p.network.plane_code(),
            identifier: p.identifier.clone(),
            emoji: s.emoji.clone(),
            icon_prop: s.icon_prop.clone(),
            module_view: s.module_view,
            cycle_view: s.cycle_view,
            issue_views_view: s.issue_views_view,
            page_view: s.page_view,
            intake_view: s.intake_view,
            is_time_tracking_enabled: s.is_time_tracking_enabled,
            is_issue_type_enabled: s.is_issue_type_enabled,
            guest_view_all_features: s.guest_view_all_features,
            cover_image: s.cover_image.clone(),
            archive_in: s.archive_in,
            close_in: s.close_in,
            logo_props: s.logo_props.clone(),
            archived_at: p.archived_at,
            timezone: s.timezone.clone(),
            external_source: s.external_source.clone(),
            external_id: s.external_id.clone(),
            created_by: p.created_by.0,
            updated_by: p.updated_by.map(|id| id.0),
            workspace: p.workspace_id.0,
            default_assignee: s.default_assignee.map(|id| id.0),
            project_lead: s.project_lead.map(|id| id.0),
            cover_image_asset: None,
            estimate: s.estimate_id,
            default_state: s.default_state_id.map(|id| id.0),
        }
    }
}

/// Plane's `ProjectCreate` / `ProjectUpdate` (every field optional on update).
#[derive(Debug, ToSchema)]
#[expect(
    dead_code,
    reason = "documents the body; the service reads it field by field"
)]
pub struct ProjectRequest {
    pub name: Option<String>,
    /// At most 12 characters; stored upper-case; unique in the workspace.
    pub identifier: Option<String>,
    pub description: Option<String>,
    /// 0 secret (members only), 2 public (every workspace member). Glider extension.
    pub network: Option<i32>,
    pub project_lead: Option<Uuid>,
    pub default_assignee: Option<Uuid>,
    pub emoji: Option<String>,
    pub icon_prop: Option<Value>,
    pub logo_props: Option<Value>,
    pub cover_image: Option<String>,
    pub module_view: Option<bool>,
    pub cycle_view: Option<bool>,
    pub issue_views_view: Option<bool>,
    pub page_view: Option<bool>,
    pub intake_view: Option<bool>,
    pub is_time_tracking_enabled: Option<bool>,
    pub is_issue_type_enabled: Option<bool>,
    pub guest_view_all_features: Option<bool>,
    pub archive_in: Option<i32>,
    pub close_in: Option<i32>,
    pub timezone: Option<String>,
    pub external_source: Option<String>,
    pub external_id: Option<String>,
    pub default_state: Option<Uuid>,
    pub estimate: Option<Uuid>,
}

type ProjectPath = ApiPath<(String, Uuid)>;

/// Projects the caller can see, oldest first, in Plane's pagination envelope.
///
/// `expand` takes workspace, created_by, updated_by, project_lead and default_assignee.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/", tag = "projects",
    params(("slug" = String, Path), PageQuery, ExpandQuery), responses((status = 200, body = Paginated<ProjectResponse>), (status = 404)))]
pub async fn list_projects(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(query): ApiQuery<PageQuery>,
    ApiQuery(expand): ApiQuery<ExpandQuery>,
) -> ApiResult<axum::Json<Paginated<Value>>> {
    let page = query.page(1000)?;
    let list = projects::list(&state.ctx, &actor, &slug).await?;
    let total = list.len() as u64;
    let list = page.slice(list);
    let Some(first) = list.first() else {
        return Ok(axum::Json(Paginated::new(page, total, Vec::new())));
    };
    let workspace_id = first.project.workspace_id;
    let values = list
        .iter()
        .map(|view| to_value(&ProjectResponse::new(view, true)))
        .collect();
    let results = shape(
        &state,
        Subject::Project,
        workspace_id,
        values,
        query.fields.as_deref(),
        expand.expand.as_deref(),
    )
    .await?;
    Ok(axum::Json(Paginated::new(page, total, results)))
}

/// Creates a project with Plane's default states; the caller becomes its admin.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/", tag = "projects",
    params(("slug" = String, Path)), request_body = ProjectRequest,
    responses((status = 201, body = ProjectResponse), (status = 400), (status = 403), (status = 409)))]
pub async fn create_project(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
    JsonObject(body): JsonObject,
) -> ApiResult<(StatusCode, axum::Json<ProjectResponse>)> {
    let view = projects::create(&state.ctx, &actor, &slug, &body).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(ProjectResponse::new(&view, false)),
    ))
}

/// One project, with `fields` and `expand` as on the list.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/", tag = "projects",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ShapeQuery), responses((status = 200, body = ProjectResponse), (status = 404)))]
pub async fn get_project(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): ProjectPath,
    ApiQuery(query): ApiQuery<ShapeQuery>,
) -> ApiResult<axum::Json<Value>> {
    let view = projects::get(&state.ctx, &actor, &slug, ProjectId(id)).await?;
    let shaped = shape_one(
        &state,
        Subject::Project,
        view.project.workspace_id,
        to_value(&ProjectResponse::new(&view, false)),
        query.fields.as_deref(),
        query.expand.as_deref(),
    )
    .await?;
    Ok(axum::Json(shaped))
}

/// Changes a project's settings (project admins).
#[utoipa::path(patch, path = "/api/v1/workspaces/{slug}/projects/{project_id}/", tag = "projects",
    params(("slug" = String, Path), ("project_id" = Uuid, Path)), request_body = ProjectRequest,
    responses((status = 200, body = ProjectResponse), (status = 400), (status = 403), (status = 404), (status = 409)))]
pub async fn update_project(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): ProjectPath,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<ProjectResponse>> {
    let view = projects::update(&state.ctx, &actor, &slug, ProjectId(id), &body).await?;
    Ok(axum::Json(ProjectResponse::new(&view, false)))
}

/// Deletes a project (project admins; soft delete).
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/projects/{project_id}/", tag = "projects",
    params(("slug" = String, Path), ("project_id" = Uuid, Path)), responses((status = 204), (status = 403), (status = 404)))]
pub async fn delete_project(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): ProjectPath,
) -> ApiResult<StatusCode> {
    projects::delete(&state.ctx, &actor, &slug, ProjectId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Archives a project (project admins).
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/archive/", tag = "projects",
    params(("slug" = String, Path), ("project_id" = Uuid, Path)), responses((status = 204), (status = 403), (status = 404)))]
pub async fn archive_project(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): ProjectPath,
) -> ApiResult<StatusCode> {
    projects::set_archived(&state.ctx, &actor, &slug, ProjectId(id), true).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Restores an archived project (project admins).
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/projects/{project_id}/archive/", tag = "projects",
    params(("slug" = String, Path), ("project_id" = Uuid, Path)), responses((status = 204), (status = 403), (status = 404)))]
pub async fn unarchive_project(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, id)): ProjectPath,
) -> ApiResult<StatusCode> {
    projects::set_archived(&state.ctx, &actor, &slug, ProjectId(id), false).await?;
    Ok(StatusCode::NO_CONTENT)
}
