//! Pages on Plane's paths: a workspace's own pages under `/workspaces/{slug}/pages/`, a
//! project's under `/workspaces/{slug}/projects/{project_id}/pages/`.

mod project;
mod workspace;

use chrono::{DateTime, Utc};
use glider_service::pages::PageView;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use uuid::Uuid;

use crate::{
    AppState,
    pagination::{Page, PageQuery, Paginated, select_fields},
    views::to_value,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(workspace::router())
        .merge(project::router())
}

/// Plane's `Page` (the SDK's model; `parent` and `project_ids` as the web app reads them).
#[derive(Debug, Serialize, ToSchema)]
pub struct PageResponse {
    pub id: Uuid,
    pub name: String,
    /// Sanitised HTML.
    pub description_html: String,
    /// The text of `description_html`.
    pub description_stripped: String,
    /// The creator, who alone sees a private page and changes its access.
    pub owned_by: Uuid,
    /// 0 public, 1 private (owner only).
    pub access: i16,
    pub color: String,
    pub logo_props: Value,
    pub view_props: Value,
    /// A locked page refuses every change but unlocking.
    pub is_locked: bool,
    /// Whether the caller marked the page as favorite.
    pub is_favorite: bool,
    pub archived_at: Option<DateTime<Utc>>,
    pub parent: Option<Uuid>,
    pub parent_id: Option<Uuid>,
    pub sort_order: f64,
    pub workspace: Uuid,
    /// The page's project; null for a workspace page.
    pub project: Option<Uuid>,
    /// The page's project as a list (empty for a workspace page).
    pub projects: Vec<Uuid>,
    pub project_ids: Vec<Uuid>,
    pub external_source: Option<String>,
    pub external_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub created_by: Uuid,
    pub updated_by: Option<Uuid>,
}

impl From<&PageView> for PageResponse {
    fn from(view: &PageView) -> Self {
        let p = &view.page;
        let projects: Vec<Uuid> = p.project_id.map(|id| id.0).into_iter().collect();
        Self {
            id: p.id.0,
            name: p.name.clone(),
            description_html: p.description_html.clone(),
            description_stripped: p.description_stripped.clone(),
            owned_by: p.owned_by.0,
            access: p.access.plane_code(),
            color: p.color.clone(),
            logo_props: p.logo_props.clone(),
            view_props: p.view_props.clone(),
            is_locked: p.is_locked,
            is_favorite: view.is_favorite,
            archived_at: p.archived_at,
            parent: p.parent_id.map(|id| id.0),
            parent_id: p.parent_id.map(|id| id.0),
            sort_order: p.sort_order,
            workspace: p.workspace_id.0,
            project: p.project_id.map(|id| id.0),
            project_ids: projects.clone(),
            projects,
            external_source: p.external_source.clone(),
            external_id: p.external_id.clone(),
            created_at: p.created_at,
            updated_at: p.updated_at,
            created_by: p.created_by.0,
            updated_by: p.updated_by.map(|id| id.0),
        }
    }
}

/// Plane's `CreatePage` / `UpdatePage` (every field optional on update).
#[derive(Debug, ToSchema)]
#[expect(
    dead_code,
    reason = "documents the body; the service reads it field by field"
)]
pub struct PageRequest {
    /// At most 255 characters; may be blank.
    pub name: Option<String>,
    /// Stored sanitised; `<p></p>` if absent.
    pub description_html: Option<String>,
    /// 0 public (default), 1 private. Only the owner changes it.
    pub access: Option<i16>,
    pub color: Option<String>,
    /// A JSON object.
    pub logo_props: Option<Value>,
    /// A JSON object; `{"full_width": false}` if absent.
    pub view_props: Option<Value>,
    pub is_locked: Option<bool>,
    /// A timestamp archives the page, `null` restores it.
    pub archived_at: Option<DateTime<Utc>>,
    /// A page of the same workspace or project to file this one under (`parent` works too).
    pub parent_id: Option<Uuid>,
    /// After the siblings if absent.
    pub sort_order: Option<f64>,
    pub external_source: Option<String>,
    pub external_id: Option<String>,
}

/// The answer to archiving a page.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArchivedResponse {
    pub archived_at: Option<DateTime<Utc>>,
}

/// `fields` on a single object.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FieldsQuery {
    /// Comma-separated fields to keep.
    pub fields: Option<String>,
}

/// Plane's envelope over a list already filtered for the caller, each item rendered as `R`
/// and reduced to the query's `fields`.
pub(crate) fn paginate<R, T>(page: Page, query: &PageQuery, items: Vec<T>) -> Paginated<Value>
where
    R: for<'a> From<&'a T> + Serialize,
{
    let total = items.len() as u64;
    let results = page
        .slice(items)
        .iter()
        .map(|item| select_fields(to_value(&R::from(item)), query.fields.as_deref()))
        .collect();
    Paginated::new(page, total, results)
}

/// One object, reduced to `fields`.
pub(crate) fn one<R: Serialize>(value: &R, query: &FieldsQuery) -> Value {
    select_fields(to_value(value), query.fields.as_deref())
}
