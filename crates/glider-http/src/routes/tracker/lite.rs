//! Compact, paginated lists for pickers: `projects-lite/`, `members-lite/` and
//! `projects/{id}/project-members-lite/`.

use axum::extract::State;
use chrono::{DateTime, Utc};
use glider_domain::{
    ProjectId,
    model::{
        accounts::User,
        tracker::{Project, ProjectMember},
        workspaces::WorkspaceMember,
    },
};
use glider_service::tracker::lite;
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
    pagination::{Page, PageQuery, Paginated, select_fields},
    routes::workspaces::MemberQuery,
    views::{UserLite, to_value},
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_projects_lite))
        .routes(routes!(list_workspace_members_lite))
        .routes(routes!(list_project_members_lite))
}

/// A project in a picker (Plane's `ProjectLite` plus the logo and archive date).
#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectLiteResponse {
    pub id: Uuid,
    pub name: String,
    pub identifier: String,
    pub description: String,
    pub emoji: Option<String>,
    pub icon_prop: Option<Value>,
    pub logo_props: Value,
    pub cover_image: Option<String>,
    pub cover_image_url: Option<String>,
    pub archived_at: Option<DateTime<Utc>>,
}

impl From<&Project> for ProjectLiteResponse {
    fn from(p: &Project) -> Self {
        let s = &p.settings;
        Self {
            id: p.id.0,
            name: p.name.clone(),
            identifier: p.identifier.clone(),
            description: s.description.clone(),
            emoji: s.emoji.clone(),
            icon_prop: s.icon_prop.clone(),
            logo_props: s.logo_props.clone(),
            cover_image: s.cover_image.clone(),
            cover_image_url: s.cover_image.clone(),
            archived_at: p.archived_at,
        }
    }
}

/// A person in a picker: Plane's `UserLite` with their role where they are listed.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberLiteResponse {
    #[serde(flatten)]
    pub user: UserLite,
    /// Plane's number: 20 admin (and owner), 15 member, 5 guest.
    pub role: i32,
    /// owner, admin, member or guest.
    pub role_slug: String,
    pub is_active: bool,
    pub is_bot: bool,
}

impl MemberLiteResponse {
    fn new(user: &User, role: i32, role_slug: &str, is_active: bool) -> Self {
        Self {
            user: user.into(),
            role,
            role_slug: role_slug.to_owned(),
            is_active,
            is_bot: false,
        }
    }
}

impl From<&WorkspaceMember> for MemberLiteResponse {
    fn from(m: &WorkspaceMember) -> Self {
        Self::new(&m.user, m.role.plane_code(), m.role.as_str(), m.is_active)
    }
}

impl From<&ProjectMember> for MemberLiteResponse {
    fn from(m: &ProjectMember) -> Self {
        let slug = match m.role {
            glider_domain::ProjectRole::Admin => "admin",
            glider_domain::ProjectRole::Member => "member",
            glider_domain::ProjectRole::Guest => "guest",
        };
        Self::new(&m.user, m.role.plane_code(), slug, m.is_active)
    }
}

fn page_of<T, R: Serialize>(
    page: Page,
    query: &PageQuery,
    list: Vec<T>,
    render: impl Fn(&T) -> R,
) -> axum::Json<Paginated<Value>> {
    let total = list.len() as u64;
    let results = page
        .slice(list)
        .iter()
        .map(|item| select_fields(to_value(&render(item)), query.fields.as_deref()))
        .collect();
    axum::Json(Paginated::new(page, total, results))
}

/// The projects the caller can see, compact, in Plane's pagination envelope.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects-lite/", tag = "projects",
    params(("slug" = String, Path), PageQuery),
    responses((status = 200, body = Paginated<ProjectLiteResponse>), (status = 404)))]
pub async fn list_projects_lite(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<axum::Json<Paginated<Value>>> {
    let page = query.page(1000)?;
    let list = lite::projects_lite(&state.ctx, &actor, &slug).await?;
    Ok(page_of(page, &query, list, |p| {
        ProjectLiteResponse::from(p)
    }))
}

/// Workspace members, newest first, compact and paginated (guests may not list members).
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/members-lite/", tag = "workspaces",
    params(("slug" = String, Path), PageQuery, MemberQuery),
    responses((status = 200, body = Paginated<MemberLiteResponse>), (status = 400), (status = 403), (status = 404)))]
pub async fn list_workspace_members_lite(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(query): ApiQuery<PageQuery>,
    ApiQuery(filter): ApiQuery<MemberQuery>,
) -> ApiResult<axum::Json<Paginated<Value>>> {
    let page = query.page(1000)?;
    let list = lite::workspace_members_lite(&state.ctx, &actor, &slug, &filter.into()).await?;
    Ok(page_of(page, &query, list, |m| MemberLiteResponse::from(m)))
}

/// Everyone with a membership in the project (deactivated ones with `is_active` false),
/// compact and paginated.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/project-members-lite/", tag = "projects",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), PageQuery, MemberQuery),
    responses((status = 200, body = Paginated<MemberLiteResponse>), (status = 400), (status = 404)))]
pub async fn list_project_members_lite(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ApiPath<(String, Uuid)>,
    ApiQuery(query): ApiQuery<PageQuery>,
    ApiQuery(filter): ApiQuery<MemberQuery>,
) -> ApiResult<axum::Json<Paginated<Value>>> {
    let page = query.page(1000)?;
    let list = lite::project_members_lite(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        &filter.into(),
    )
    .await?;
    Ok(page_of(page, &query, list, |m| MemberLiteResponse::from(m)))
}
