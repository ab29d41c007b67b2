//! Plane's `WorkItemWrite`: reading the body, then checking every reference against the
//! project (states, parent, assignees, labels, estimate points, people).

use chrono::{DateTime, NaiveDate, Utc};
use glider_db::repo::{states as state_repo, work_items as repo};
use glider_domain::{
    FieldErrors, LabelId, UserId, ValidationError, WorkItemId, html,
    model::{
        tracker::StateGroup,
        work_items::{Priority, WorkItem},
    },
};
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::InProject,
    input::{Field, JsonInput},
};

/// The fields a request sets; `None` leaves a field as it is, `Some(None)` clears it.
#[derive(Debug, Default)]
pub struct WorkItemPatch {
    pub name: Option<String>,
    pub description_html: Option<String>,
    pub priority: Option<Priority>,
    pub state: Option<Option<Uuid>>,
    pub parent: Option<Option<Uuid>>,
    pub estimate_point: Option<Option<Uuid>>,
    pub type_id: Option<Option<Uuid>>,
    pub point: Option<Option<i16>>,
    pub start_date: Option<Option<NaiveDate>>,
    pub target_date: Option<Option<NaiveDate>>,
    pub sort_order: Option<f64>,
    pub sequence_id: Option<i32>,
    pub completed_at: Option<Option<DateTime<Utc>>>,
    pub archived_at: Option<Option<NaiveDate>>,
    pub is_draft: Option<bool>,
    pub estimate_time: Option<Option<i32>>,
    pub external_source: Option<Option<String>>,
    pub external_id: Option<Option<String>>,
    pub assignees: Option<Vec<Uuid>>,
    pub labels: Option<Vec<Uuid>>,
    pub created_by: Option<Uuid>,
    pub created_at: Option<DateTime<Utc>>,
}

fn date(input: &mut JsonInput<'_>, field: &str) -> Option<Option<NaiveDate>> {
    input
        .string(field, 64)
        .patch()
        .and_then(|value| match value {
            None => Some(None),
            Some(text) => match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
                Ok(date) => Some(Some(date)),
                Err(_) => {
                    input.error(
                        field,
                        "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.",
                    );
                    None
                }
            },
        })
}

fn datetime(input: &mut JsonInput<'_>, field: &str) -> Option<Option<DateTime<Utc>>> {
    input
        .string(field, 64)
        .patch()
        .and_then(|value| match value {
            None => Some(None),
            Some(text) => match DateTime::parse_from_rfc3339(&text) {
                Ok(at) => Some(Some(at.with_timezone(&Utc))),
                Err(_) => match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
                    Ok(day) => Some(day.and_hms_opt(0, 0, 0).map(|t| t.and_utc())),
                    Err(_) => {
                        input.error(field, "Datetime has wrong format. Use ISO 8601.");
                        None
                    }
                },
            },
        })
}

fn uuid_list(
    input: &mut JsonInput<'_>,
    body: &Map<String, Value>,
    field: &str,
) -> Option<Vec<Uuid>> {
    match body.get(field)? {
        Value::Null => Some(Vec::new()),
        Value::Array(items) => {
            let mut ids = Vec::with_capacity(items.len());
            for item in items {
                match item.as_str().and_then(|s| Uuid::parse_str(s).ok()) {
                    Some(id) => ids.push(id),
                    None => {
                        input.error(field, "Must be a valid UUID.");
                        return None;
                    }
                }
            }
            Some(ids)
        }
        _ => {
            input.error(field, "Expected a list of items.");
            None
        }
    }
}

/// Reads the body. On create `name` is required.
pub fn parse(body: &Map<String, Value>, creating: bool) -> Result<WorkItemPatch, ServiceError> {
    let mut input = JsonInput::new(body);
    let mut patch = WorkItemPatch {
        name: if creating {
            input.required_string("name", 255)
        } else {
            input.string("name", 255).value()
        },
        ..WorkItemPatch::default()
    };
    if let Some(name) = &patch.name
        && name.trim().is_empty()
    {
        input.error("name", "This field may not be blank.");
    }
    match input.string("description_html", 5_000_000) {
        Field::Value(html) if html.trim().is_empty() => {
            input.error("non_field_errors", "Invalid HTML passed")
        }
        Field::Value(html) => patch.description_html = Some(html::sanitize(&html)),
        Field::Null => patch.description_html = Some("<p></p>".to_owned()),
        Field::Absent => {}
    }
    if let Some(priority) = input.string("priority", 32).value() {
        match Priority::parse("priority", &priority) {
            Ok(priority) => patch.priority = Some(priority),
            Err(error) => input.errors.push(error),
        }
    }
    patch.state = input.uuid("state").patch();
    patch.parent = input.uuid("parent").patch();
    patch.estimate_point = input.uuid("estimate_point").patch();
    patch.type_id = input
        .uuid("type_id")
        .patch()
        .or_else(|| input.uuid("type").patch());
    patch.point = match body.get("point") {
        Some(Value::Null) => Some(None),
        Some(_) => input
            .integer("point", 0, 12)
            .map(|p| Some(i16::try_from(p).unwrap_or_default())),
        None => None,
    };
    patch.start_date = date(&mut input, "start_date");
    patch.target_date = date(&mut input, "target_date");
    if let Some(value) = body.get("sort_order") {
        match value.as_f64().filter(|f| f.is_finite()) {
            Some(order) => patch.sort_order = Some(order),
            None => input.error("sort_order", "A valid number is required."),
        }
    }
    if !creating {
        patch.sequence_id = input
            .integer("sequence_id", 1, i64::from(i32::MAX))
            .map(|s| i32::try_from(s).unwrap_or(1));
    }
    patch.completed_at = datetime(&mut input, "completed_at");
    patch.archived_at = date(&mut input, "archived_at");
    patch.is_draft = input.bool("is_draft");
    patch.estimate_time = match body.get("estimate_time") {
        Some(Value::Null) => Some(None),
        Some(_) => input
            .integer("estimate_time", 0, 1_000_000)
            .map(|m| Some(i32::try_from(m).unwrap_or_default())),
        None => None,
    };
    patch.external_source = input.string("external_source", 255).patch();
    patch.external_id = input.string("external_id", 255).patch();
    patch.assignees = uuid_list(&mut input, body, "assignees");
    patch.labels = uuid_list(&mut input, body, "labels");
    if creating {
        patch.created_by = input.uuid("created_by").value();
        patch.created_at = datetime(&mut input, "created_at").flatten();
    }
    std::mem::take(&mut input.errors).into_result()?;
    Ok(patch)
}

fn not_exists(field: &str, id: Uuid) -> ValidationError {
    ValidationError::new(
        field,
        format!("Invalid pk \"{id}\" - object does not exist."),
    )
}

/// Applies `patch` to `item`, checking every reference inside the project. `item.state_id`
/// left empty on create gets the project's default state.
pub async fn apply(
    ctx: &Ctx,
    found: &InProject,
    item: &mut WorkItem,
    patch: WorkItemPatch,
    creating: bool,
) -> ServiceResult<()> {
    let conn = ctx.db.conn();
    let project = found.project.id;
    let mut errors = FieldErrors::new();
    if let Some(name) = patch.name {
        item.name = name.trim().to_owned();
    }
    if let Some(description) = patch.description_html {
        item.description_stripped = html::strip(&description);
        item.description_html = description;
    }
    if let Some(priority) = patch.priority {
        item.priority = priority;
    }
    let states = state_repo::list_states(conn, project, true).await?;
    match patch.state {
        Some(Some(id)) => match states.iter().find(|s| s.id.0 == id) {
            Some(state) if state.group != StateGroup::Triage || !creating => {
                item.state_id = Some(state.id)
            }
            _ => errors.push(not_exists("state", id)),
        },
        Some(None) => item.state_id = None,
        None if creating => {
            let default = states
                .iter()
                .find(|s| s.is_default)
                .or_else(|| states.iter().find(|s| s.group != StateGroup::Triage));
            item.state_id = default.map(|s| s.id);
        }
        None => {}
    }
    if let Some(parent) = patch.parent {
        item.parent_id = match parent {
            None => None,
            Some(id) if id == item.id.0 => {
                errors.add("parent", "A work item cannot be its own parent.");
                None
            }
            Some(id) => match repo::find(conn, project, WorkItemId(id)).await {
                Ok(_)
                    if !creating
                        && repo::ancestors(conn, project, WorkItemId(id))
                            .await?
                            .contains(&item.id) =>
                {
                    errors.add(
                        "parent",
                        "This parent would make a loop: it is a sub-item of this work item.",
                    );
                    None
                }
                Ok(parent) => Some(parent.id),
                Err(_) => {
                    errors.add(
                        "non_field_errors",
                        "Parent is not valid issue_id please pass a valid issue_id",
                    );
                    None
                }
            },
        };
    }
    if let Some(point) = patch.estimate_point {
        item.estimate_point_id = match point {
            None => None,
            Some(id)
                if repo::live_ids_in_project(conn, "estimate_points", project, &[id])
                    .await?
                    .is_empty() =>
            {
                errors.push(not_exists("estimate_point", id));
                None
            }
            Some(id) => Some(id),
        };
    }
    if let Some(type_id) = patch.type_id {
        match type_id {
            None => item.type_id = None,
            // Glider has no work-item types yet; any id names nothing.
            Some(id) => errors.push(not_exists("type_id", id)),
        }
    }
    if let Some(point) = patch.point {
        item.point = point;
    }
    if let Some(start) = patch.start_date {
        item.start_date = start;
    }
    if let Some(target) = patch.target_date {
        item.target_date = target;
    }
    if let (Some(start), Some(target)) = (item.start_date, item.target_date)
        && start > target
    {
        errors.add("non_field_errors", "Start date cannot exceed target date");
    }
    if let Some(order) = patch.sort_order {
        item.sort_order = order;
    }
    if let Some(sequence) = patch.sequence_id {
        item.sequence_id = sequence;
    }
    if let Some(completed) = patch.completed_at {
        item.completed_at = completed;
    }
    if let Some(archived) = patch.archived_at {
        item.archived_at = archived;
    }
    if let Some(draft) = patch.is_draft {
        item.is_draft = draft;
    }
    if let Some(estimate) = patch.estimate_time {
        item.estimate_time = estimate;
    }
    if let Some(source) = patch.external_source {
        item.external_source = source;
    }
    if let Some(id) = patch.external_id {
        item.external_id = id;
    }
    if let Some(assignees) = patch.assignees {
        item.assignees = repo::assignable(conn, project, &assignees).await?;
    }
    if let Some(labels) = patch.labels {
        item.labels = repo::live_ids_in_project(conn, "labels", project, &labels)
            .await?
            .into_iter()
            .map(LabelId)
            .collect();
    }
    if let Some(creator) = patch.created_by {
        match glider_db::repo::workspaces::find_membership(
            conn,
            found.workspace.id,
            UserId(creator),
        )
        .await?
        {
            Some(_) => item.created_by = Some(UserId(creator)),
            None => errors.push(not_exists("created_by", creator)),
        }
    }
    if let Some(created_at) = patch.created_at {
        item.created_at = created_at;
    }
    errors.into_result()?;
    // `completed_at` follows the state group unless the request set it.
    let group = item
        .state_id
        .and_then(|id| states.iter().find(|s| s.id == id))
        .map(|s| s.group);
    if group == Some(StateGroup::Completed) {
        if item.completed_at.is_none() {
            item.completed_at = Some(ctx.now());
        }
    } else if patch.completed_at.is_none() {
        item.completed_at = None;
    }
    Ok(())
}
