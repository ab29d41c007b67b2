//! Plane's `WorkItem` shape, with `fields` and `expand`.

use chrono::{DateTime, NaiveDate, Utc};
use glider_domain::model::{
    tracker::Project,
    work_items::{Priority, WorkItem},
};
use glider_service::tracker::work_items::expand::Expansions;
use serde::Serialize;
use serde_json::{Value, json};
use utoipa::ToSchema;
use uuid::Uuid;

pub use crate::routes::tracker::expand::ShapeQuery;
use crate::{
    pagination::select_fields,
    routes::tracker::expand::{Subject, apply, project_lite},
    views::to_value,
};

/// Plane's `WorkItem` (`IssueSerializer`).
#[derive(Debug, Serialize, ToSchema)]
pub struct WorkItemResponse {
    pub id: Uuid,
    pub type_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub point: Option<i16>,
    pub name: String,
    pub description_html: String,
    pub description_stripped: String,
    pub description_binary: Option<String>,
    pub priority: Priority,
    pub start_date: Option<NaiveDate>,
    pub target_date: Option<NaiveDate>,
    pub sequence_id: i32,
    pub sort_order: f64,
    pub completed_at: Option<DateTime<Utc>>,
    pub archived_at: Option<NaiveDate>,
    pub is_draft: bool,
    pub external_source: Option<String>,
    pub external_id: Option<String>,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    pub project: Uuid,
    pub workspace: Uuid,
    pub parent: Option<Uuid>,
    pub state: Option<Uuid>,
    pub estimate_point: Option<Uuid>,
    #[serde(rename = "type")]
    pub work_item_type: Option<Uuid>,
    /// Estimated effort in minutes (Glider).
    pub estimate_time: Option<i32>,
    pub assignees: Vec<Uuid>,
    pub labels: Vec<Uuid>,
}

impl From<&WorkItem> for WorkItemResponse {
    fn from(item: &WorkItem) -> Self {
        Self {
            id: item.id.0,
            type_id: item.type_id,
            created_at: item.created_at,
            updated_at: item.updated_at,
            deleted_at: None,
            point: item.point,
            name: item.name.clone(),
            description_html: item.description_html.clone(),
            description_stripped: item.description_stripped.clone(),
            description_binary: None,
            priority: item.priority,
            start_date: item.start_date,
            target_date: item.target_date,
            sequence_id: item.sequence_id,
            sort_order: item.sort_order,
            completed_at: item.completed_at,
            archived_at: item.archived_at,
            is_draft: item.is_draft,
            external_source: item.external_source.clone(),
            external_id: item.external_id.clone(),
            created_by: item.created_by.map(|id| id.0),
            updated_by: item.updated_by.map(|id| id.0),
            project: item.project_id.0,
            workspace: item.workspace_id.0,
            parent: item.parent_id.map(|id| id.0),
            state: item.state_id.map(|id| id.0),
            estimate_point: item.estimate_point_id,
            work_item_type: item.type_id,
            estimate_time: item.estimate_time,
            assignees: item.assignees.iter().map(|id| id.0).collect(),
            labels: item.labels.iter().map(|id| id.0).collect(),
        }
    }
}

/// Renders one item: `fields` first, then `expand` of the fields that remain. `project` is
/// the item's project when the caller has it (it answers `expand=project` without a query).
pub fn render(
    item: &WorkItem,
    project: Option<&Project>,
    expansions: &Expansions,
    query: &ShapeQuery,
) -> Value {
    let mut value = select_fields(
        to_value(&WorkItemResponse::from(item)),
        query.fields.as_deref(),
    );
    let Value::Object(map) = &mut value else {
        return value;
    };
    let mut names = query.expand_list();
    if names.contains(&"project") && map.contains_key("project") {
        names.retain(|name| *name != "project");
        let lite = project
            .filter(|p| p.id == item.project_id)
            .map_or_else(|| json!({}), project_lite);
        map.insert("project".to_owned(), lite);
    }
    apply(Subject::WorkItem, map, &names, expansions);
    value
}
