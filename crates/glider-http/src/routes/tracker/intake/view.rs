//! Plane's `IntakeIssue` shape, with `fields` and `expand`.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use glider_domain::model::{
    accounts::User,
    intake::IntakeItem,
    tracker::State,
    work_items::{Priority, WorkItem},
};
use glider_service::tracker::intake::Entries;
use serde::Serialize;
use serde_json::{Value, json};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{
    pagination::select_fields,
    views::{UserLite, to_value},
};

/// Plane's `StateLite`.
#[derive(Debug, Serialize, ToSchema)]
pub struct StateLite {
    pub id: Uuid,
    pub name: String,
    pub color: String,
    pub group: glider_domain::model::tracker::StateGroup,
}

/// The work item of an intake entry (Plane's `issue_detail`): the work item's fields with the
/// state as an object.
#[derive(Debug, Serialize, ToSchema)]
pub struct IntakeIssueDetail {
    pub id: Uuid,
    pub name: String,
    pub description: Option<Value>,
    pub description_html: String,
    pub description_json: Option<Value>,
    pub description_stripped: String,
    pub description_binary: Option<String>,
    pub priority: Priority,
    pub state: Option<StateLite>,
    pub labels: Vec<Uuid>,
    pub assignees: Vec<Uuid>,
    pub sequence_id: i32,
    pub sort_order: f64,
    pub point: Option<i16>,
    pub start_date: Option<NaiveDate>,
    pub target_date: Option<NaiveDate>,
    pub completed_at: Option<DateTime<Utc>>,
    pub archived_at: Option<NaiveDate>,
    pub is_draft: bool,
    /// Estimated effort in minutes (Glider).
    pub estimate_time: Option<i32>,
    pub external_source: Option<String>,
    pub external_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    pub project: Uuid,
    pub workspace: Uuid,
    pub parent: Option<Uuid>,
    pub estimate_point: Option<Uuid>,
    #[serde(rename = "type")]
    pub work_item_type: Option<Uuid>,
    pub type_id: Option<Uuid>,
}

impl IntakeIssueDetail {
    fn new(item: &WorkItem, states: &[State]) -> Self {
        let state = item
            .state_id
            .and_then(|id| states.iter().find(|s| s.id == id))
            .map(|s| StateLite {
                id: s.id.0,
                name: s.name.clone(),
                color: s.color.clone(),
                group: s.group,
            });
        Self {
            id: item.id.0,
            name: item.name.clone(),
            description: None,
            description_html: item.description_html.clone(),
            description_json: None,
            description_stripped: item.description_stripped.clone(),
            description_binary: None,
            priority: item.priority,
            state,
            labels: item.labels.iter().map(|id| id.0).collect(),
            assignees: item.assignees.iter().map(|id| id.0).collect(),
            sequence_id: item.sequence_id,
            sort_order: item.sort_order,
            point: item.point,
            start_date: item.start_date,
            target_date: item.target_date,
            completed_at: item.completed_at,
            archived_at: item.archived_at,
            is_draft: item.is_draft,
            estimate_time: item.estimate_time,
            external_source: item.external_source.clone(),
            external_id: item.external_id.clone(),
            created_at: item.created_at,
            updated_at: item.updated_at,
            deleted_at: None,
            created_by: item.created_by.map(|id| id.0),
            updated_by: item.updated_by.map(|id| id.0),
            project: item.project_id.0,
            workspace: item.workspace_id.0,
            parent: item.parent_id.map(|id| id.0),
            estimate_point: item.estimate_point_id,
            work_item_type: item.type_id,
            type_id: item.type_id,
        }
    }
}

/// Plane's intake entry (`IntakeIssue`). Status: `-2` pending, `-1` rejected, `0` snoozed,
/// `1` accepted, `2` duplicate.
#[derive(Debug, Serialize, ToSchema)]
pub struct IntakeItemResponse {
    pub id: Uuid,
    pub issue_detail: IntakeIssueDetail,
    /// The project's intake (same as `intake`).
    pub inbox: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub status: i16,
    pub snoozed_till: Option<DateTime<Utc>>,
    pub source: String,
    pub source_email: Option<String>,
    pub external_source: Option<String>,
    pub external_id: Option<String>,
    pub extra: Value,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    pub project: Uuid,
    pub workspace: Uuid,
    pub intake: Uuid,
    /// The work item's id (the id in this resource's paths).
    pub issue: Uuid,
    pub duplicate_to: Option<Uuid>,
}

impl IntakeItemResponse {
    pub fn new(entry: &IntakeItem, item: &WorkItem, states: &[State]) -> Self {
        Self {
            id: entry.id.0,
            issue_detail: IntakeIssueDetail::new(item, states),
            inbox: entry.intake_id,
            created_at: entry.created_at,
            updated_at: entry.updated_at,
            deleted_at: None,
            status: entry.status.code(),
            snoozed_till: entry.snoozed_till,
            source: entry.source.clone(),
            source_email: entry.source_email.clone(),
            external_source: entry.external_source.clone(),
            external_id: entry.external_id.clone(),
            extra: entry.extra.clone(),
            created_by: entry.created_by.map(|id| id.0),
            updated_by: entry.updated_by.map(|id| id.0),
            project: entry.project_id.0,
            workspace: entry.workspace_id.0,
            intake: entry.intake_id,
            issue: entry.work_item_id.0,
            duplicate_to: entry.duplicate_to.map(|id| id.0),
        }
    }
}

/// The names in `expand` that need users loaded.
pub fn wants_users(expand: &[&str]) -> bool {
    expand
        .iter()
        .any(|name| matches!(*name, "created_by" | "updated_by"))
}

/// Renders every entry: `fields` first, then `expand` of the fields that remain (created_by,
/// updated_by, project, workspace, issue).
pub fn render(
    entries: &Entries,
    fields: Option<&str>,
    expand: &[&str],
    users: &HashMap<Uuid, User>,
) -> Vec<Value> {
    let project = &entries.found.project;
    let workspace = &entries.found.workspace;
    entries
        .entries
        .iter()
        .map(|(entry, item)| {
            let mut value = select_fields(to_value(&IntakeItemResponse::new(entry, item, &entries.states)), fields);
            if let Value::Object(map) = &mut value {
                for name in expand {
                    let Some(current) = map.get(*name) else {
                        continue;
                    };
                    let expanded = match *name {
                        "created_by" | "updated_by" => current
                            .as_str()
                            .and_then(|id| id.parse::<Uuid>().ok())
                            .and_then(|id| users.get(&id))
                            .map_or(json!({}), |user| to_value(&UserLite::from(user))),
                        "project" => json!({
                            "id": project.id, "identifier": project.identifier, "name": project.name,
                            "cover_image": project.settings.cover_image, "icon_prop": project.settings.icon_prop,
                            "emoji": project.settings.emoji, "description": project.settings.description,
                            "cover_image_url": project.settings.cover_image,
                        }),
                        "workspace" => json!({ "id": workspace.id, "name": workspace.name, "slug": workspace.slug }),
                        "issue" => to_value(&IntakeIssueDetail::new(item, &entries.states)),
                        _ => continue,
                    };
                    map.insert((*name).to_owned(), expanded);
                }
            }
            value
        })
        .collect()
}
