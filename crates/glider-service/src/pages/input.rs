//! Reading page bodies field by field, and the small readers saved views share.

use glider_domain::{
    PageId,
    html::{sanitize, strip},
    model::pages::{Page, PageAccess, timestamp},
};
use serde_json::{Map, Value};

use crate::{
    ServiceResult,
    input::{Field, JsonInput},
};

/// The largest rich-text body accepted (the request body limit is the real bound).
pub(crate) const MAX_HTML: usize = 5 * 1024 * 1024;

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

/// A JSON object field (`logo_props`, `filters`, …): `null` and non-objects are refused.
pub(crate) fn object(input: &mut JsonInput<'_>, field: &str) -> Option<Value> {
    match input.json(field) {
        Field::Absent => None,
        Field::Null => {
            input.error(field, "This field may not be null.");
            None
        }
        Field::Value(value @ Value::Object(_)) => Some(value),
        Field::Value(other) => {
            let message = format!(
                "Expected a dictionary of items but got type \"{}\".",
                kind(&other)
            );
            input.error(field, message);
            None
        }
    }
}

/// A number field such as `sort_order`.
pub(crate) fn number(input: &mut JsonInput<'_>, field: &str) -> Option<f64> {
    match input.json(field) {
        Field::Absent => None,
        Field::Null => {
            input.error(field, "This field may not be null.");
            None
        }
        Field::Value(value) => match value.as_f64() {
            Some(number) if number.is_finite() => Some(number),
            _ => {
                input.error(field, "A valid number is required.");
                None
            }
        },
    }
}

/// A non-null string, trimmed.
pub(crate) fn text(input: &mut JsonInput<'_>, field: &str, max_len: usize) -> Option<String> {
    match input.string(field, max_len) {
        Field::Value(value) => Some(value.trim().to_owned()),
        Field::Null => {
            input.error(field, "This field may not be null.");
            None
        }
        Field::Absent => None,
    }
}

/// Does the body name any field outside `allowed`?
pub(crate) fn touches_other_than(body: &Map<String, Value>, allowed: &[&str]) -> bool {
    body.keys().any(|key| !allowed.contains(&key.as_str()))
}

/// What `apply` could not settle alone: the parent must be checked against the database.
pub(super) struct PageInput {
    /// `Some(None)` detaches the page; `Some(Some(id))` files it under another page.
    pub parent: Option<Option<PageId>>,
    /// The key the parent came under (`parent` or `parent_id`), for error messages.
    pub parent_field: &'static str,
}

/// Applies the fields present in `body` to `page`. Unknown keys are ignored.
pub(super) fn apply(page: &mut Page, body: &Map<String, Value>) -> ServiceResult<PageInput> {
    let mut input = JsonInput::new(body);
    if let Some(name) = text(&mut input, "name", 255) {
        page.name = name;
    }
    match input.string("description_html", MAX_HTML) {
        Field::Value(html) => {
            page.description_html = sanitize(&html);
            page.description_stripped = strip(&page.description_html);
        }
        Field::Null => input.error("description_html", "This field may not be null."),
        Field::Absent => {}
    }
    if let Some(code) = input.integer("access", i64::MIN, i64::MAX) {
        match PageAccess::from_plane_code(code) {
            Some(access) => page.access = access,
            None => input.error("access", format!("\"{code}\" is not a valid choice.")),
        }
    }
    if let Some(color) = text(&mut input, "color", 255) {
        page.color = color;
    }
    if let Some(logo) = object(&mut input, "logo_props") {
        page.logo_props = logo;
    }
    if let Some(props) = object(&mut input, "view_props") {
        page.view_props = props;
    }
    if let Some(locked) = input.bool("is_locked") {
        page.is_locked = locked;
    }
    match input.string("archived_at", 64) {
        Field::Value(raw) => match timestamp("archived_at", &raw) {
            Ok(at) => page.archived_at = Some(at),
            Err(error) => input.errors.push(error),
        },
        Field::Null => page.archived_at = None,
        Field::Absent => {}
    }
    if let Some(order) = number(&mut input, "sort_order") {
        page.sort_order = order;
    }
    if let Some(source) = input.string("external_source", 255).patch() {
        page.external_source = source;
    }
    if let Some(id) = input.string("external_id", 255).patch() {
        page.external_id = id;
    }
    // Plane's web app sends `parent`, the SDK `parent_id`.
    let parent_field = if input.has("parent_id") {
        "parent_id"
    } else {
        "parent"
    };
    let parent = input.uuid(parent_field).patch().map(|id| id.map(PageId));
    Ok(input.errors.into_result().map(|()| PageInput {
        parent,
        parent_field,
    })?)
}
