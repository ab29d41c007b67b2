//! Plane's `WorkItem` shape, with `fields` and `expand`.

use chrono::{DateTime, NaiveDate, Utc};
use glider_domain::model::{
    tracker::Project,
    work_items::{Priority, WorkItem},
};
use glider_service::tracker::work_items::expand::Expansions;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::{
    pagination::select_fields,
    views::{UserLite, to_value},
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

/// `fields` and `expand` of work-item reads.
#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct ShapeQuery {
    /// Comma-separated fields to keep.
    pub fields: Option<String>,
    /// Comma-separated references to replace by objects: assignees, labels, state, project,
    /// parent, created_by, updated_by.
    pub expand: Option<String>,
}

impl ShapeQuery {
    pub fn expand_list(&self) -> Vec<&str> {
        self.expand
            .as_deref()
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect()
    }
}

/// Renders one item: `fields` first, then `expand` of the fields that remain.
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
    let user = |id: &Value| -> Value {
        id.as_str()
            .and_then(|s| s.parse::<Uuid>().ok())
            .and_then(|id| expansions.users.get(&id))
            .map_or(json!({}), |user| to_value(&UserLite::from(user)))
    };
    for name in query.expand_list() {
        let Some(current) = map.get(name).cloned() else {
            continue;
        };
        let expanded = match name {
            "assignees" => Value::Array(current.as_array().map(|ids| ids.iter().map(user).collect()).unwrap_or_default()),
            "created_by" | "updated_by" => user(&current),
            "labels" => Value::Array(
                item.labels
                    .iter()
                    .filter_map(|id| expansions.labels.get(&id.0))
                    .map(|label| to_value(&crate::routes::tracker::labels::LabelResponse::from(label)))
                    .collect(),
            ),
            "state" => item.state_id.and_then(|id| expansions.states.get(&id.0)).map_or(json!({}), |s| {
                json!({ "id": s.id, "name": s.name, "color": s.color, "group": s.group })
            }),
            "project" => project.map_or(json!({}), |p| {
                json!({ "id": p.id, "identifier": p.identifier, "name": p.name, "cover_image": p.settings.cover_image,
                        "icon_prop": p.settings.icon_prop, "emoji": p.settings.emoji, "description": p.settings.description,
                        "cover_image_url": p.settings.cover_image })
            }),
            "parent" => item.parent_id.and_then(|id| expansions.parents.get(&id.0).map(|(seq, project)| (id, seq, project))).map_or(
                json!({}),
                |(id, seq, project)| json!({ "id": id, "sequence_id": seq, "project_id": project }),
            ),
            _ => continue,
        };
        map.insert(name.to_owned(), expanded);
    }
    value
}
