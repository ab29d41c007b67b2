//! Plane's `CycleCreate` body: reading it, then checking it against the project (the feature
//! flag, the owner) and turning the days into the project zone's start and end instants.

use chrono::NaiveDate;
use glider_db::repo::workspaces as workspace_repo;
use glider_domain::{
    UserId, ValidationError,
    model::cycles::{Cycle, cycle_end, cycle_start, parse_cycle_day, parse_zone, project_zone},
};
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::InProject,
    input::{Field, JsonInput},
    tracker::states::{name_field, number},
};

/// The fields a request sets; `None` leaves a field as it is, `Some(None)` clears it.
#[derive(Debug, Default)]
pub struct CyclePatch {
    pub name: Option<String>,
    pub description: Option<String>,
    pub start_date: Option<Option<NaiveDate>>,
    pub end_date: Option<Option<NaiveDate>>,
    pub owned_by: Option<Option<Uuid>>,
    pub timezone: Option<String>,
    pub sort_order: Option<f64>,
    pub view_props: Option<Value>,
    pub logo_props: Option<Value>,
    pub external_source: Option<Option<String>>,
    pub external_id: Option<Option<String>>,
}

fn day(input: &mut JsonInput<'_>, field: &str) -> Option<Option<NaiveDate>> {
    match input.string(field, 64) {
        Field::Absent => None,
        Field::Null => Some(None),
        Field::Value(text) => match parse_cycle_day(field, &text) {
            Ok(day) => Some(Some(day)),
            Err(error) => {
                input.errors.push(error);
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

/// Reads the body. On create `name` and `project_id` are required and either both dates or
/// neither must be sent.
pub fn parse(body: &Map<String, Value>, creating: bool) -> ServiceResult<CyclePatch> {
    let mut input = JsonInput::new(body);
    let mut patch = CyclePatch {
        name: name_field(&mut input, "name", creating),
        ..CyclePatch::default()
    };
    if let Some(description) = input.string("description", 1_000_000).patch() {
        patch.description = Some(description.unwrap_or_default());
    }
    patch.start_date = day(&mut input, "start_date");
    patch.end_date = day(&mut input, "end_date");
    patch.owned_by = input.uuid("owned_by").patch();
    if let Some(zone) = input.string("timezone", 255).patch() {
        match zone {
            Some(zone) => match parse_zone("timezone", &zone) {
                Ok(_) => patch.timezone = Some(zone),
                Err(error) => input.errors.push(error),
            },
            None => input.error("timezone", "This field may not be null."),
        }
    }
    patch.sort_order = number(&mut input, body, "sort_order");
    patch.view_props = object(&mut input, "view_props");
    patch.logo_props = object(&mut input, "logo_props");
    patch.external_source = input.string("external_source", 255).patch();
    patch.external_id = input.string("external_id", 255).patch();
    if creating {
        match input.uuid("project_id") {
            Field::Value(_) => {}
            Field::Absent | Field::Null if !input.errors.0.contains_key("project_id") => {
                input.error("non_field_errors", "Project ID is required");
            }
            _ => {}
        }
    }
    std::mem::take(&mut input.errors).into_result()?;
    if creating {
        let start = matches!(patch.start_date, Some(Some(_)));
        let end = matches!(patch.end_date, Some(Some(_)));
        if start != end {
            return Err(dates_pair());
        }
    }
    Ok(patch)
}

fn dates_pair() -> ServiceError {
    ServiceError::rule(
        "cycle_dates_incomplete",
        "Both start date and end date are either required or are to be null",
    )
}

/// The project must have cycles turned on.
pub fn check_enabled(found: &InProject) -> ServiceResult<()> {
    if found.project.settings.cycle_view {
        Ok(())
    } else {
        Err(ValidationError::new(
            "non_field_errors",
            "Cycles are not enabled for this project",
        )
        .into())
    }
}

/// Applies `patch` to `cycle`. An owner not in the workspace is refused; without `owned_by`
/// the caller becomes the owner (as Plane does on create and on update).
pub async fn apply(
    ctx: &Ctx,
    found: &InProject,
    actor: UserId,
    cycle: &mut Cycle,
    patch: CyclePatch,
) -> ServiceResult<()> {
    let zone = project_zone(&found.project.settings.timezone);
    let now = ctx.now();
    // The day a stored instant falls on in the project's zone, to compare with new days.
    let day_of = |at: chrono::DateTime<chrono::Utc>| at.with_timezone(&zone).date_naive();
    let start_day = match patch.start_date {
        Some(day) => day,
        None => cycle.start_date.map(day_of),
    };
    let end_day = match patch.end_date {
        Some(day) => day,
        None => cycle.end_date.map(day_of),
    };
    if start_day.is_some() != end_day.is_some() {
        return Err(dates_pair());
    }
    if let (Some(start), Some(end)) = (start_day, end_day)
        && start > end
    {
        return Err(
            ValidationError::new("non_field_errors", "Start date cannot exceed end date").into(),
        );
    }
    if let Some(start) = patch.start_date {
        cycle.start_date = start.map(|day| cycle_start(day, zone, now));
    }
    if let Some(end) = patch.end_date {
        cycle.end_date = end.map(|day| cycle_end(day, zone));
    }
    cycle.owned_by = match patch.owned_by.flatten() {
        None => actor,
        Some(id) => {
            match workspace_repo::find_membership(ctx.db.conn(), found.workspace.id, UserId(id))
                .await?
            {
                Some((_, _, true)) => UserId(id),
                _ => {
                    return Err(ValidationError::new(
                        "owned_by",
                        format!("Invalid pk \"{id}\" - object does not exist."),
                    )
                    .into());
                }
            }
        }
    };
    if let Some(name) = patch.name {
        cycle.name = name;
    }
    if let Some(description) = patch.description {
        cycle.description = description;
    }
    if let Some(zone) = patch.timezone {
        cycle.timezone = zone;
    }
    if let Some(order) = patch.sort_order {
        cycle.sort_order = order;
    }
    if let Some(props) = patch.view_props {
        cycle.view_props = props;
    }
    if let Some(props) = patch.logo_props {
        cycle.logo_props = props;
    }
    if let Some(source) = patch.external_source {
        cycle.external_source = source;
    }
    if let Some(id) = patch.external_id {
        cycle.external_id = id;
    }
    Ok(())
}
