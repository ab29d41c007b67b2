//! Modules on Plane's paths: CRUD, archive, `modules-lite/`, and the work items of a module
//! (`module-issues/`).

mod handlers;
mod items;

use chrono::{DateTime, NaiveDate, Utc};
use glider_domain::model::cycles::ModuleStatus;
use glider_service::{ServiceError, tracker::modules::ModuleView};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{AppState, error::ApiError};

pub fn router() -> OpenApiRouter<AppState> {
    use handlers::*;
    use items::*;
    OpenApiRouter::new()
        .routes(routes!(list_modules, create_module))
        .routes(routes!(get_module, update_module, delete_module))
        .routes(routes!(archive_module))
        .routes(routes!(list_archived_modules))
        .routes(routes!(unarchive_module))
        .routes(routes!(list_modules_lite))
        .routes(routes!(list_module_work_items, add_module_work_items))
        .routes(routes!(get_module_work_item, remove_module_work_item))
}

/// Plane's `Module`, with its members. The item counts appear on reads and on update.
#[derive(Debug, Serialize, ToSchema)]
pub struct ModuleResponse {
    pub id: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_issues: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancelled_issues: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed_issues: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started_issues: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unstarted_issues: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backlog_issues: Option<u64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub name: String,
    pub description: String,
    pub description_text: Option<Value>,
    pub description_html: Option<Value>,
    pub start_date: Option<NaiveDate>,
    pub target_date: Option<NaiveDate>,
    pub status: ModuleStatus,
    pub view_props: Value,
    pub sort_order: f64,
    pub external_source: Option<String>,
    pub external_id: Option<String>,
    pub archived_at: Option<DateTime<Utc>>,
    pub logo_props: Value,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    pub project: Uuid,
    pub workspace: Uuid,
    pub lead: Option<Uuid>,
    /// Project members working on the module.
    pub members: Vec<Uuid>,
}

impl From<&ModuleView> for ModuleResponse {
    fn from(view: &ModuleView) -> Self {
        let m = &view.module;
        let count = |pick: fn(&glider_domain::model::cycles::ItemCounts) -> u64| {
            view.counts.as_ref().map(pick)
        };
        Self {
            id: m.id.0,
            total_issues: count(|n| n.total),
            cancelled_issues: count(|n| n.cancelled),
            completed_issues: count(|n| n.completed),
            started_issues: count(|n| n.started),
            unstarted_issues: count(|n| n.unstarted),
            backlog_issues: count(|n| n.backlog),
            created_at: m.created_at,
            updated_at: m.updated_at,
            deleted_at: None,
            name: m.name.clone(),
            description: m.description.clone(),
            description_text: m.description_text.clone(),
            description_html: m.description_html.clone(),
            start_date: m.start_date,
            target_date: m.target_date,
            status: m.status,
            view_props: m.view_props.clone(),
            sort_order: m.sort_order,
            external_source: m.external_source.clone(),
            external_id: m.external_id.clone(),
            archived_at: m.archived_at,
            logo_props: m.logo_props.clone(),
            created_by: m.created_by.map(|u| u.0),
            updated_by: m.updated_by.map(|u| u.0),
            project: m.project_id.0,
            workspace: m.workspace_id.0,
            lead: m.lead.map(|u| u.0),
            members: m.members.iter().map(|u| u.0).collect(),
        }
    }
}

/// The parameters of `modules-lite/`: pagination and ordering.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ModuleLiteQuery {
    pub per_page: Option<String>,
    pub cursor: Option<String>,
    /// A field, `-` for descending: created_at (default -created_at), updated_at, name,
    /// sort_order, start_date, target_date, status.
    pub order_by: Option<String>,
}

/// Plane's duplicate-name answer on create: a 400 naming the existing module.
fn create_error(error: ServiceError) -> ApiError {
    match error {
        ServiceError::Conflict {
            field,
            message,
            existing_id,
        } if field == "name" => {
            let mut api = ApiError::new("MODULE_NAME_ALREADY_EXISTS", message.clone())
                .with_extra("error", json!(message))
                .with_extra("message", json!(message))
                .with_status(axum::http::StatusCode::BAD_REQUEST);
            if let Some(id) = existing_id {
                api = api.with_extra("id", json!(id));
            }
            api
        }
        other => other.into(),
    }
}
