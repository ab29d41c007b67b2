//! The work-item filter language Plane's SDK sends as `filters=<json>`: nested `and` / `or` /
//! `not` groups of Django-style lookups (`{"priority__in": ["urgent", "high"]}`). Keys side by
//! side in one object are ANDed; a list value ORs within the field.

use chrono::NaiveDate;
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::{ValidationError, model::tracker::StateGroup, model::work_items::Priority};

#[derive(Clone, Debug, PartialEq)]
pub enum Filter {
    All(Vec<Filter>),
    Any(Vec<Filter>),
    Not(Box<Filter>),
    Is(Lookup),
}

/// One lookup: a field, how to compare, and the values.
#[derive(Clone, Debug, PartialEq)]
pub enum Lookup {
    State(Vec<Uuid>),
    StateGroup(Vec<StateGroup>),
    Priority(Vec<Priority>),
    Assignee(Vec<Uuid>),
    Label(Vec<Uuid>),
    CreatedBy(Vec<Uuid>),
    Parent(Vec<Uuid>),
    /// In one of these cycles.
    Cycle(Vec<Uuid>),
    /// In one of these modules.
    Module(Vec<Uuid>),
    /// `field IS NULL` (true) or `IS NOT NULL` (false); for assignees and labels: none at all.
    Null(NullableField, bool),
    Date(DateField, Comparison, NaiveDate),
    SequenceId(Comparison, i64),
    SequenceIds(Vec<i64>),
    NameContains(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NullableField {
    State,
    Assignee,
    Label,
    Parent,
    StartDate,
    TargetDate,
    CompletedAt,
    Cycle,
    Module,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateField {
    StartDate,
    TargetDate,
    CreatedAt,
    UpdatedAt,
    CompletedAt,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparison {
    Eq,
    Gt,
    Gte,
    Lt,
    Lte,
}

const FIELD: &str = "filters";

fn invalid(message: impl Into<String>) -> ValidationError {
    ValidationError::new(FIELD, message)
}

/// Parses the `filters` query parameter (a JSON object).
pub fn parse(raw: &str) -> Result<Filter, ValidationError> {
    let value: Value = serde_json::from_str(raw).map_err(|_| invalid("Must be a JSON object."))?;
    parse_value(&value, 0)
}

fn parse_value(value: &Value, depth: usize) -> Result<Filter, ValidationError> {
    if depth > 16 {
        return Err(invalid("Filters are nested too deeply."));
    }
    let Value::Object(map) = value else {
        return Err(invalid("Each filter group must be a JSON object."));
    };
    let mut all = Vec::new();
    for (key, value) in map {
        all.push(parse_entry(key, value, depth)?);
    }
    Ok(if all.len() == 1 {
        all.remove(0)
    } else {
        Filter::All(all)
    })
}

fn parse_group(value: &Value, depth: usize) -> Result<Vec<Filter>, ValidationError> {
    match value {
        Value::Array(items) => items
            .iter()
            .map(|item| parse_value(item, depth + 1))
            .collect(),
        Value::Object(_) => Ok(vec![parse_value(value, depth + 1)?]),
        _ => Err(invalid("`and` and `or` take a list of filter objects.")),
    }
}

fn parse_entry(key: &str, value: &Value, depth: usize) -> Result<Filter, ValidationError> {
    match key {
        "and" => return Ok(Filter::All(parse_group(value, depth)?)),
        "or" => return Ok(Filter::Any(parse_group(value, depth)?)),
        "not" => return Ok(Filter::Not(Box::new(parse_value(value, depth + 1)?))),
        _ => {}
    }
    let (field, op) = match key.rsplit_once("__") {
        Some((field, op)) if OPS.contains(&op) => (field, op),
        _ => (key, "exact"),
    };
    lookup(field, op, value).map(Filter::Is)
}

const OPS: [&str; 8] = [
    "exact",
    "in",
    "isnull",
    "icontains",
    "gt",
    "gte",
    "lt",
    "lte",
];

/// The values of an `exact` or `in` lookup as a list.
fn values<'a>(op: &str, value: &'a Value) -> Result<Vec<&'a Value>, ValidationError> {
    match (op, value) {
        ("in", Value::Array(items)) => Ok(items.iter().collect()),
        ("in", Value::String(s)) if s.contains(',') => Err(invalid("`__in` takes a JSON list.")),
        ("exact", Value::Array(items)) => Ok(items.iter().collect()),
        ("exact" | "in", other) => Ok(vec![other]),
        _ => Err(invalid(format!("`__{op}` is not supported here."))),
    }
}

fn uuids(field: &str, op: &str, value: &Value) -> Result<Vec<Uuid>, ValidationError> {
    values(op, value)?
        .into_iter()
        .map(|v| {
            v.as_str()
                .and_then(|s| Uuid::parse_str(s).ok())
                .ok_or_else(|| invalid(format!("`{field}` takes UUIDs.")))
        })
        .collect()
}

fn strings<'a>(field: &str, op: &str, value: &'a Value) -> Result<Vec<&'a str>, ValidationError> {
    values(op, value)?
        .into_iter()
        .map(|v| {
            v.as_str()
                .ok_or_else(|| invalid(format!("`{field}` takes strings.")))
        })
        .collect()
}

fn comparison(op: &str) -> Option<Comparison> {
    Some(match op {
        "exact" => Comparison::Eq,
        "gt" => Comparison::Gt,
        "gte" => Comparison::Gte,
        "lt" => Comparison::Lt,
        "lte" => Comparison::Lte,
        _ => return None,
    })
}

fn lookup(field: &str, op: &str, value: &Value) -> Result<Lookup, ValidationError> {
    let nullable = match field {
        "state" | "state_id" => Some(NullableField::State),
        "assignee" | "assignees" | "assignee_id" | "assignees__id" => Some(NullableField::Assignee),
        "label" | "labels" | "label_id" | "labels__id" => Some(NullableField::Label),
        "parent" | "parent_id" => Some(NullableField::Parent),
        "start_date" => Some(NullableField::StartDate),
        "target_date" => Some(NullableField::TargetDate),
        "completed_at" => Some(NullableField::CompletedAt),
        "cycle" | "cycle_id" => Some(NullableField::Cycle),
        "module" | "module_id" => Some(NullableField::Module),
        _ => None,
    };
    if op == "isnull" {
        let flag = value
            .as_bool()
            .ok_or_else(|| invalid("`__isnull` takes true or false."))?;
        let field =
            nullable.ok_or_else(|| invalid(format!("`{field}` cannot be tested for null.")))?;
        return Ok(Lookup::Null(field, flag));
    }
    let date_field = match field {
        "start_date" => Some(DateField::StartDate),
        "target_date" => Some(DateField::TargetDate),
        "created_at" => Some(DateField::CreatedAt),
        "updated_at" => Some(DateField::UpdatedAt),
        "completed_at" => Some(DateField::CompletedAt),
        _ => None,
    };
    if let Some(date_field) = date_field {
        let comparison = comparison(op)
            .ok_or_else(|| invalid(format!("`{field}` takes exact, gt, gte, lt or lte.")))?;
        let text = value
            .as_str()
            .ok_or_else(|| invalid(format!("`{field}` takes a date (YYYY-MM-DD).")))?;
        let date = NaiveDate::parse_from_str(text.get(..10).unwrap_or(text), "%Y-%m-%d")
            .map_err(|_| invalid(format!("`{field}` takes a date (YYYY-MM-DD).")))?;
        return Ok(Lookup::Date(date_field, comparison, date));
    }
    Ok(match field {
        "state" | "state_id" => Lookup::State(uuids(field, op, value)?),
        "state_group" | "state__group" => Lookup::StateGroup(
            strings(field, op, value)?
                .into_iter()
                .map(|s| {
                    StateGroup::from_stored(s)
                        .ok_or_else(|| invalid(format!("\"{s}\" is not a state group.")))
                })
                .collect::<Result<_, _>>()?,
        ),
        "priority" => Lookup::Priority(
            strings(field, op, value)?
                .into_iter()
                .map(|s| Priority::parse(FIELD, s))
                .collect::<Result<_, _>>()?,
        ),
        "assignee" | "assignees" | "assignee_id" | "assignees__id" => {
            Lookup::Assignee(uuids(field, op, value)?)
        }
        "label" | "labels" | "label_id" | "labels__id" => Lookup::Label(uuids(field, op, value)?),
        "created_by" | "created_by_id" => Lookup::CreatedBy(uuids(field, op, value)?),
        "parent" | "parent_id" => Lookup::Parent(uuids(field, op, value)?),
        "cycle" | "cycle_id" => Lookup::Cycle(uuids(field, op, value)?),
        "module" | "module_id" => Lookup::Module(uuids(field, op, value)?),
        "name" if op == "icontains" || op == "exact" => Lookup::NameContains(
            value
                .as_str()
                .ok_or_else(|| invalid("`name` takes a string."))?
                .to_owned(),
        ),
        "sequence_id" => match comparison(op) {
            Some(comparison) => Lookup::SequenceId(
                comparison,
                value
                    .as_i64()
                    .ok_or_else(|| invalid("`sequence_id` takes a number."))?,
            ),
            None => Lookup::SequenceIds(
                values(op, value)?
                    .into_iter()
                    .map(|v| {
                        v.as_i64()
                            .ok_or_else(|| invalid("`sequence_id` takes numbers."))
                    })
                    .collect::<Result<_, _>>()?,
            ),
        },
        other => return Err(invalid(format!("Unknown filter field `{other}`."))),
    })
}

/// Builds a filter from an already-parsed object (advanced search sends one in its body).
pub fn from_object(map: &Map<String, Value>) -> Result<Filter, ValidationError> {
    parse_value(&Value::Object(map.clone()), 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_and_lookups() {
        let filter =
            parse(r#"{"and":[{"priority":"urgent"},{"state_group__in":["unstarted","started"]}]}"#)
                .unwrap();
        assert_eq!(
            filter,
            Filter::All(vec![
                Filter::Is(Lookup::Priority(vec![Priority::Urgent])),
                Filter::Is(Lookup::StateGroup(vec![
                    StateGroup::Unstarted,
                    StateGroup::Started
                ])),
            ])
        );
        assert!(matches!(
            parse(r#"{"target_date__gte":"2026-01-01"}"#),
            Ok(Filter::Is(Lookup::Date(
                DateField::TargetDate,
                Comparison::Gte,
                _
            )))
        ));
        assert!(matches!(
            parse(r#"{"assignees__isnull":true}"#),
            Ok(Filter::Is(Lookup::Null(NullableField::Assignee, true)))
        ));
        let id = Uuid::nil();
        assert_eq!(
            parse(&format!(r#"{{"cycle_id":"{id}"}}"#)),
            Ok(Filter::Is(Lookup::Cycle(vec![id])))
        );
        assert_eq!(
            parse(&format!(r#"{{"module__in":["{id}"]}}"#)),
            Ok(Filter::Is(Lookup::Module(vec![id])))
        );
        assert!(matches!(
            parse(r#"{"cycle__isnull":false}"#),
            Ok(Filter::Is(Lookup::Null(NullableField::Cycle, false)))
        ));
        assert!(matches!(
            parse(r#"{"module_id__isnull":true}"#),
            Ok(Filter::Is(Lookup::Null(NullableField::Module, true)))
        ));
    }

    #[test]
    fn bad_filters_are_refused() {
        for bad in [
            "not json",
            "[1]",
            r#"{"priority":"someday"}"#,
            r#"{"colour":"red"}"#,
            r#"{"state":"x"}"#,
            r#"{"start_date":"soon"}"#,
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
