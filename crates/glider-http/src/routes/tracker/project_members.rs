//! Project members (`project-members/`, alias `members/`).

use axum::{extract::State, http::StatusCode, routing::get};
use glider_domain::{ProjectId, ProjectMemberId, ProjectRole, model::tracker::ProjectMember};
use glider_service::tracker::project_members;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    AppState,
    auth::CurrentActor,
    error::ApiResult,
    extract::{ApiPath, JsonObject},
    views::UserLite,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_project_members, add_project_member))
        .routes(routes!(
            get_project_member,
            update_project_member,
            remove_project_member
        ))
        .route(
            "/api/v1/workspaces/{slug}/projects/{project_id}/members/",
            get(list_project_members).post(add_project_member),
        )
        .route(
            "/api/v1/workspaces/{slug}/projects/{project_id}/members/{member_id}/",
            get(get_project_member)
                .patch(update_project_member)
                .delete(remove_project_member),
        )
}

/// A project member: Plane's `UserLite`, plus the membership (Glider adds these keys).
#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectMemberResponse {
    #[serde(flatten)]
    pub user: UserLite,
    pub member_id: Uuid,
    pub role: i32,
    pub role_slug: ProjectRole,
    pub is_active: bool,
}

impl From<&ProjectMember> for ProjectMemberResponse {
    fn from(member: &ProjectMember) -> Self {
        Self {
            user: (&member.user).into(),
            member_id: member.id.0,
            role: member.role.plane_code(),
            role_slug: member.role,
            is_active: member.is_active,
        }
    }
}

/// Plane's answer to a membership write.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectMembershipResponse {
    pub id: Uuid,
    pub member: Uuid,
    pub role: i32,
}

impl From<&ProjectMember> for ProjectMembershipResponse {
    fn from(member: &ProjectMember) -> Self {
        Self {
            id: member.id.0,
            member: member.user.id.0,
            role: member.role.plane_code(),
        }
    }
}

#[derive(Debug, ToSchema)]
#[expect(
    dead_code,
    reason = "documents the body; the service reads it field by field"
)]
pub struct ProjectMemberRequest {
    /// The user (a workspace member); required when adding.
    pub member: Option<Uuid>,
    /// 20 admin, 15 member, 5 guest (default).
    pub role: Option<i32>,
}

type ProjectPath = ApiPath<(String, Uuid)>;
type MemberPath = ApiPath<(String, Uuid, Uuid)>;

/// Everyone with a membership in the project, active or not (a bare array, as in Plane).
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/project-members/", tag = "projects",
    params(("slug" = String, Path), ("project_id" = Uuid, Path)), responses((status = 200, body = [ProjectMemberResponse]), (status = 404)))]
pub async fn list_project_members(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ProjectPath,
) -> ApiResult<axum::Json<Vec<ProjectMemberResponse>>> {
    let list = project_members::list(&state.ctx, &actor, &slug, ProjectId(project_id)).await?;
    Ok(axum::Json(list.iter().map(Into::into).collect()))
}

/// Adds a workspace member to the project (project admins).
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/project-members/", tag = "projects",
    params(("slug" = String, Path), ("project_id" = Uuid, Path)), request_body = ProjectMemberRequest,
    responses((status = 201, body = ProjectMembershipResponse), (status = 400), (status = 403), (status = 404), (status = 409)))]
pub async fn add_project_member(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ProjectPath,
    JsonObject(body): JsonObject,
) -> ApiResult<(StatusCode, axum::Json<ProjectMembershipResponse>)> {
    let member =
        project_members::add(&state.ctx, &actor, &slug, ProjectId(project_id), &body).await?;
    Ok((StatusCode::CREATED, axum::Json((&member).into())))
}

/// One member, by membership id.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/project-members/{member_id}/", tag = "projects",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("member_id" = Uuid, Path)),
    responses((status = 200, body = ProjectMemberResponse), (status = 404)))]
pub async fn get_project_member(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): MemberPath,
) -> ApiResult<axum::Json<ProjectMemberResponse>> {
    let member = project_members::get(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        ProjectMemberId(id),
    )
    .await?;
    Ok(axum::Json((&member).into()))
}

/// Changes a member's role (project admins).
#[utoipa::path(patch, path = "/api/v1/workspaces/{slug}/projects/{project_id}/project-members/{member_id}/", tag = "projects",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("member_id" = Uuid, Path)), request_body = ProjectMemberRequest,
    responses((status = 200, body = ProjectMembershipResponse), (status = 400), (status = 403), (status = 404)))]
pub async fn update_project_member(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): MemberPath,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<ProjectMembershipResponse>> {
    let member = project_members::update(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        ProjectMemberId(id),
        &body,
    )
    .await?;
    Ok(axum::Json((&member).into()))
}

/// Removes a member from the project (project admins; the row is kept inactive).
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/projects/{project_id}/project-members/{member_id}/", tag = "projects",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("member_id" = Uuid, Path)),
    responses((status = 204), (status = 400), (status = 403), (status = 404)))]
pub async fn remove_project_member(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): MemberPath,
) -> ApiResult<StatusCode> {
    project_members::remove(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        ProjectMemberId(id),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
