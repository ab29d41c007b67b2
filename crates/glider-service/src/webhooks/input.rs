//! Reading a webhook's fields from a request body (Plane's names, plus `event_kinds`).

use glider_domain::{
    ValidationError,
    model::webhooks::{EventKindPattern, Webhook},
};
use serde_json::{Map, Value};

use super::target;
use crate::{
    Ctx, ServiceResult,
    input::{Field, JsonInput},
};

/// Entries a webhook's kind list may hold.
const MAX_KINDS: usize = 100;

/// Applies the fields present in `body` to `hook`. The URL is checked against the target
/// guard (which resolves its host) only once everything else is valid, and only if it changed.
pub(super) async fn apply(
    ctx: &Ctx,
    hook: &mut Webhook,
    body: &Map<String, Value>,
    creating: bool,
) -> ServiceResult<()> {
    let mut input = JsonInput::new(body);
    let raw_url = if creating {
        input.required_string("url", 2048)
    } else {
        match input.string("url", 2048) {
            Field::Value(url) => Some(url),
            Field::Null => {
                input.error("url", "This field may not be null.");
                None
            }
            Field::Absent => None,
        }
    };
    let url = raw_url.and_then(|raw| match target::parse_url(&raw) {
        Ok(url) => Some(url),
        Err(message) => {
            input.error("url", message);
            None
        }
    });
    let events = &mut hook.events;
    for (name, switch) in [
        ("project", &mut events.project),
        ("issue", &mut events.issue),
        ("module", &mut events.module),
        ("cycle", &mut events.cycle),
        ("issue_comment", &mut events.issue_comment),
    ] {
        if let Some(value) = input.bool(name) {
            *switch = value;
        }
    }
    if let Some(active) = input.bool("is_active") {
        hook.is_active = active;
    }
    match input.json("event_kinds") {
        Field::Value(Value::Array(items)) => {
            if let Some(kinds) = event_kinds(&mut input, &items) {
                hook.events.kinds = kinds;
            }
        }
        Field::Value(_) => input.error("event_kinds", "Expected a list of event kinds."),
        Field::Null => hook.events.kinds.clear(),
        Field::Absent => {}
    }
    input.errors.into_result()?;
    if let Some(url) = url {
        let normalized = url.to_string();
        if normalized != hook.url {
            target::check(&ctx.settings.webhooks.allow, &url)
                .await
                .map_err(|message| ValidationError::new("url", message))?;
            hook.url = normalized;
        }
    }
    Ok(())
}

fn event_kinds(input: &mut JsonInput<'_>, items: &[Value]) -> Option<Vec<EventKindPattern>> {
    if items.len() > MAX_KINDS {
        input.error(
            "event_kinds",
            format!("Ensure this list has no more than {MAX_KINDS} entries."),
        );
        return None;
    }
    let mut kinds: Vec<EventKindPattern> = Vec::new();
    let mut valid = true;
    for item in items {
        let parsed = match item.as_str() {
            Some(raw) => EventKindPattern::parse("event_kinds", raw),
            None => Err(ValidationError::new(
                "event_kinds",
                "Each event kind must be a string.",
            )),
        };
        match parsed {
            Ok(kind) if !kinds.contains(&kind) => kinds.push(kind),
            Ok(_) => {}
            Err(error) => {
                input.errors.push(error);
                valid = false;
            }
        }
    }
    valid.then_some(kinds)
}
