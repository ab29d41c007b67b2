//! Plane's `ModuleWrite` body: reading it, then checking it against the project (the feature
//! flag, the lead, the members).

use chrono::NaiveDate;
use glider_db::repo::{modules as repo, workspaces as workspace_repo};
use glider_domain::{
    UserId, ValidationError,
    model::cycles::{Module, ModuleStatus},
};
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::{
    Ctx, ServiceResult,
    access::InProject,
    input::{Field, JsonInput},
    tracker::states::{name_field, number},
};

/// The fields a request sets; `None` leaves a field as it is, `Some(None)` clears it.
#[derive(Debug, Default)]
pub struct ModulePatch {
    pub name: Option<String>,
    pub description: Option<String>,
    pub description_text: Option<Option<Value>>,
    pub description_html: Option<Option<Value>>,
    pub start_date: Option<Option<NaiveDate>>,
    pub target_date: Option<Option<NaiveDate>>,
    pub status: Option<ModuleStatus>,
    pub lead: Option<Option<Uuid>>,
    pub members: Option<Vec<Uuid>>,
    pub sort_order: Option<f64>,
    pub view_props: Option<Value>,
    pub logo_props: Option<Value>,
    pub external_source: Option<Option<String>>,
    pub external_id: Option<Option<String>>,
}

fn date(input: &mut JsonInput<'_>, field: &str) -> Option<Option<NaiveDate>> {
    match input.string(field, 64) {
        Field::Absent => None,
        Field::Null => Some(None),
        Field::Value(text) => match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            Ok(day) => Some(Some(day)),
            Err(_) => {
                input.error(
                    field,
                    "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.",
                );
                None
            }
        },
    }
}

fn object(input: &mut JsonInput<'_>, field: &str) -> Option<Value> {
    match input.json(field) {
        Field::Value(value) => Some(value),
        Field::Null => {
            input.error(field, "This field may not be null.");
            None
        }
        Field::Absent => None,
    }
}

fn uuid_list(
    input: &mut JsonInput<'_>,
    body: &Map<String, Value>,
    field: &str,
) -> Option<Vec<Uuid>> {
    match body.get(field)? {
        Value::Null => Some(Vec::new()),
        Value::Array(items) => {
            let ids: Option<Vec<Uuid>> = items
                .iter()
                .map(|item| item.as_str().and_then(|s| Uuid::parse_str(s).ok()))
                .collect();
            if ids.is_none() {
                input.error(field, "Must be a valid UUID.");
            }
            ids
        }
        _ => {
            input.error(field, "Expected a list of items but got type \"str\".");
            None
        }
    }
}

/// Reads the body; on create `name` is required.
pub fn parse(body: &Map<String, Value>, creating: bool) -> ServiceResult<ModulePatch> {
    let mut input = JsonInput::new(body);
    let mut patch = ModulePatch {
        name: name_field(&mut input, "name", creating),
        ..ModulePatch::default()
    };
    if let Some(description) = input.string("description", 1_000_000).patch() {
        patch.description = Some(description.unwrap_or_default());
    }
    patch.description_text = input.json("description_text").patch();
    patch.description_html = input.json("description_html").patch();
    patch.start_date = date(&mut input, "start_date");
    patch.target_date = date(&mut input, "target_date");
    match input.string("status", 64) {
        Field::Value(status) => {
            patch.status = input.errors.check(ModuleStatus::parse("status", &status))
        }
        Field::Null => input.error("status", "This field may not be null."),
        Field::Absent => {}
    }
    patch.lead = input.uuid("lead").patch();
    patch.members = uuid_list(&mut input, body, "members");
    patch.sort_order = number(&mut input, body, "sort_order");
    patch.view_props = object(&mut input, "view_props");
    patch.logo_props = object(&mut input, "logo_props");
    patch.external_source = input.string("external_source", 255).patch();
    patch.external_id = input.string("external_id", 255).patch();
    std::mem::take(&mut input.errors).into_result()?;
    Ok(patch)
}

/// The project must have modules turned on.
pub fn check_enabled(found: &InProject) -> ServiceResult<()> {
    if found.project.settings.module_view {
        Ok(())
    } else {
        Err(ValidationError::new(
            "non_field_errors",
            "Modules are not enabled for this project",
        )
        .into())
    }
}

/// Applies `patch` to `module`. The lead must be in the workspace; members are reduced to
/// the project's active members, silently (as Plane does).
pub async fn apply(
    ctx: &Ctx,
    found: &InProject,
    module: &mut Module,
    patch: ModulePatch,
) -> ServiceResult<()> {
    let conn = ctx.db.conn();
    let start = patch.start_date.unwrap_or(module.start_date);
    let target = patch.target_date.unwrap_or(module.target_date);
    if let (Some(start), Some(target)) = (start, target)
        && start > target
    {
        return Err(ValidationError::new(
            "non_field_errors",
            "Start date cannot exceed target date",
        )
        .into());
    }
    module.start_date = start;
    module.target_date = target;
    if let Some(lead) = patch.lead {
        module.lead = match lead {
            None => None,
            Some(id) => {
                match workspace_repo::find_membership(conn, found.workspace.id, UserId(id)).await? {
                    Some((_, _, true)) => Some(UserId(id)),
                    _ => {
                        return Err(ValidationError::new(
                            "lead",
                            format!("Invalid pk \"{id}\" - object does not exist."),
                        )
                        .into());
                    }
                }
            }
        };
    }
    if let Some(members) = patch.members {
        module.members = repo::project_members_among(conn, found.project.id, &members).await?;
    }
    if let Some(name) = patch.name {
        module.name = name;
    }
    if let Some(description) = patch.description {
        module.description = description;
    }
    if let Some(text) = patch.description_text {
        module.description_text = text;
    }
    if let Some(html) = patch.description_html {
        module.description_html = html;
    }
    if let Some(status) = patch.status {
        module.status = status;
    }
    if let Some(order) = patch.sort_order {
        module.sort_order = order;
    }
    if let Some(props) = patch.view_props {
        module.view_props = props;
    }
    if let Some(props) = patch.logo_props {
        module.logo_props = props;
    }
    if let Some(source) = patch.external_source {
        module.external_source = source;
    }
    if let Some(id) = patch.external_id {
        module.external_id = id;
    }
    Ok(())
}
