//! Cycles on Plane's paths: CRUD, the status filter, archive, `cycles-lite/`, the work items
//! of a cycle (`cycle-issues/`) and `transfer-issues/`.

pub(crate) mod collection;
mod handlers;
mod items;
pub(crate) mod shape;

use chrono::{DateTime, Utc};
use glider_domain::model::cycles::CycleStatus;
use glider_service::{
    ServiceError,
    tracker::cycles::{CycleQuery, CycleView},
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{AppState, error::ApiError, pagination::Page};

pub fn router() -> OpenApiRouter<AppState> {
    use handlers::*;
    use items::*;
    OpenApiRouter::new()
        .routes(routes!(list_cycles, create_cycle))
        .routes(routes!(get_cycle, update_cycle, delete_cycle))
        .routes(routes!(archive_cycle))
        .routes(routes!(list_archived_cycles))
        .routes(routes!(unarchive_cycle))
        .routes(routes!(list_cycles_lite))
        .routes(routes!(list_cycle_work_items, add_cycle_work_items))
        .routes(routes!(get_cycle_work_item, remove_cycle_work_item))
        .routes(routes!(transfer_cycle_work_items))
}

/// Plane's `Cycle`. The item counts appear on reads (list, retrieve, archived list), the
/// estimate sums on the archived list only.
#[derive(Debug, Serialize, ToSchema)]
pub struct CycleResponse {
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
    /// Sum of the estimate point keys of the cycle's work items (archived list only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_estimates: Option<Option<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed_estimates: Option<Option<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started_estimates: Option<Option<i64>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub name: String,
    pub description: String,
    /// 00:00:01 of the first day in the project's time zone (or the moment of creation when
    /// that day is today), in UTC.
    pub start_date: Option<DateTime<Utc>>,
    /// 23:59:00 of the last day in the project's time zone, in UTC.
    pub end_date: Option<DateTime<Utc>>,
    pub view_props: Value,
    pub sort_order: f64,
    pub external_source: Option<String>,
    pub external_id: Option<String>,
    /// Counts and distributions saved by `transfer-issues/`; `{}` before.
    pub progress_snapshot: Value,
    pub archived_at: Option<DateTime<Utc>>,
    pub logo_props: Value,
    pub timezone: String,
    pub version: i32,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    pub project: Uuid,
    pub workspace: Uuid,
    pub owned_by: Uuid,
}

impl From<&CycleView> for CycleResponse {
    fn from(view: &CycleView) -> Self {
        let c = &view.cycle;
        let count = |pick: fn(&glider_domain::model::cycles::ItemCounts) -> u64| {
            view.counts.as_ref().map(pick)
        };
        Self {
            id: c.id.0,
            total_issues: count(|n| n.total),
            cancelled_issues: count(|n| n.cancelled),
            completed_issues: count(|n| n.completed),
            started_issues: count(|n| n.started),
            unstarted_issues: count(|n| n.unstarted),
            backlog_issues: count(|n| n.backlog),
            total_estimates: view.estimates.map(|e| e.total),
            completed_estimates: view.estimates.map(|e| e.completed),
            started_estimates: view.estimates.map(|e| e.started),
            created_at: c.created_at,
            updated_at: c.updated_at,
            deleted_at: None,
            name: c.name.clone(),
            description: c.description.clone(),
            start_date: c.start_date,
            end_date: c.end_date,
            view_props: c.view_props.clone(),
            sort_order: c.sort_order,
            external_source: c.external_source.clone(),
            external_id: c.external_id.clone(),
            progress_snapshot: c.progress_snapshot.clone(),
            archived_at: c.archived_at,
            logo_props: c.logo_props.clone(),
            timezone: c.timezone.clone(),
            version: c.version,
            created_by: c.created_by.map(|u| u.0),
            updated_by: c.updated_by.map(|u| u.0),
            project: c.project_id.0,
            workspace: c.workspace_id.0,
            owned_by: c.owned_by.0,
        }
    }
}

/// A cycle without counts (create and update answers, lite lists).
fn plain(cycle: glider_domain::model::cycles::Cycle) -> CycleView {
    CycleView {
        cycle,
        counts: None,
        estimates: None,
    }
}

/// The cycle list's parameters.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CycleListQuery {
    pub per_page: Option<String>,
    pub cursor: Option<String>,
    /// current, upcoming, completed, draft or incomplete (Plane's SDK); anything else lists
    /// every cycle. Wins over `cycle_view`.
    pub status: Option<String>,
    /// Plane's older name of `status`; `cycle_view=current` answers a bare array, as Plane
    /// does.
    pub cycle_view: Option<String>,
    /// Comma-separated fields to keep.
    pub fields: Option<String>,
    /// Comma-separated references to replace by objects: owned_by, created_by, updated_by,
    /// project, workspace.
    pub expand: Option<String>,
}

/// The parameters of `cycles-lite/`: pagination, ordering and the status filter.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CycleLiteQuery {
    pub per_page: Option<String>,
    pub cursor: Option<String>,
    /// A field, `-` for descending: created_at (default -created_at), updated_at, name,
    /// sort_order, start_date, end_date.
    pub order_by: Option<String>,
    /// current, upcoming, completed, draft or incomplete.
    pub status: Option<String>,
}

/// Which filter a list asks for and whether the answer is a bare array.
fn status_of(query: &CycleListQuery) -> (Option<CycleStatus>, bool) {
    let given = |value: &Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    match (given(&query.status), given(&query.cycle_view)) {
        (Some(status), _) => (CycleStatus::parse(&status), false),
        (None, Some(view)) => (CycleStatus::parse(&view), view == "current"),
        (None, None) => (None, false),
    }
}

fn list_request(page: Option<Page>, status: Option<CycleStatus>) -> CycleQuery {
    CycleQuery {
        archived: false,
        status,
        order_by: None,
        counts: true,
        estimates: false,
        offset: page.map_or(0, |p| p.offset()),
        limit: page.map_or(u64::MAX, |p| p.per_page),
    }
}

/// Plane's rule errors on the work-item endpoints also carry `message`.
fn with_message(error: ServiceError) -> ApiError {
    let message = match &error {
        ServiceError::Rule { message, .. } => Some(message.clone()),
        _ => None,
    };
    let api = ApiError::from(error);
    match message {
        Some(message) => api.with_extra("message", json!(message)),
        None => api,
    }
}
