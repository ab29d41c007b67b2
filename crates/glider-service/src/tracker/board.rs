//! Board moves: a card changes column (state) and/or position (`sort_order`) through the
//! work-item update, so a move is one transaction with its history and its event, exactly like
//! a PATCH of the same fields. Two moves of one card resolve as the last committed wins.

use glider_domain::{ProjectId, WorkItemId};
use serde_json::{Map, Value, json};

use super::work_items::{self, Located};
use crate::{Ctx, ServiceError, ServiceResult, access, accounts::Actor, input::JsonInput};

/// The gap left above or below a single neighbour (Plane spaces new items by 10 000 too).
const GAP: f64 = 10_000.0;

/// `{"work_item": id, "state"?: id, "sort_order"?: number, "before"?: id, "after"?: id}`:
/// `after` is the card the moved one lands below, `before` the card it lands above; with both
/// it goes halfway between them. `sort_order` and the neighbours are exclusive.
pub async fn move_card(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    body: &Map<String, Value>,
) -> ServiceResult<Located> {
    let mut input = JsonInput::new(body);
    let item = required_id(&mut input, "work_item");
    let state = required_id(&mut input, "state");
    let sort_order = match body.get("sort_order") {
        None => None,
        Some(value) => match value.as_f64().filter(|order| order.is_finite()) {
            Some(order) => Some(order),
            None => {
                input.error("sort_order", "A valid number is required.");
                None
            }
        },
    };
    let before = required_id(&mut input, "before");
    let after = required_id(&mut input, "after");
    if input.has("sort_order") && (input.has("before") || input.has("after")) {
        input.error("sort_order", "Give sort_order or before/after, not both.");
    }
    if !["state", "sort_order", "before", "after"]
        .iter()
        .any(|field| input.has(field))
    {
        input.error(
            "state",
            "Give a state, a sort_order, or a before/after neighbour.",
        );
    }
    std::mem::take(&mut input.errors).into_result()?;
    let Some(item) = item.map(WorkItemId) else {
        return Err(anyhow::anyhow!("validated work_item missing").into());
    };
    let sort_order = match (sort_order, before, after) {
        (Some(order), _, _) => Some(order),
        (None, None, None) => None,
        (None, below, above) => {
            let found = access::project(ctx, actor, slug, project_id).await?;
            let order = |field: &'static str, id: Option<uuid::Uuid>| {
                let found = &found;
                async move {
                    let Some(id) = id else { return Ok(None) };
                    if id == item.0 {
                        return Err(invalid(field, "A card cannot be its own neighbour."));
                    }
                    work_items::visible(ctx, found, WorkItemId(id))
                        .await
                        .map(|neighbour| Some(neighbour.sort_order))
                        .map_err(|_| invalid(field, "Not a work item of this project."))
                }
            };
            Some(
                match (order("after", above).await?, order("before", below).await?) {
                    (Some(top), Some(bottom)) => (top + bottom) / 2.0,
                    (Some(top), None) => top + GAP,
                    (None, Some(bottom)) => bottom - GAP,
                    (None, None) => return Err(anyhow::anyhow!("no neighbour").into()),
                },
            )
        }
    };
    let mut patch = Map::new();
    if let Some(state) = state {
        patch.insert("state".to_owned(), json!(state));
    }
    if let Some(order) = sort_order {
        patch.insert("sort_order".to_owned(), json!(order));
    }
    work_items::update(ctx, actor, slug, project_id, item, &patch).await
}

/// A UUID that may not be null (absent is fine unless checked by the caller).
fn required_id(input: &mut JsonInput<'_>, field: &str) -> Option<uuid::Uuid> {
    let present = input.has(field);
    match input.uuid(field) {
        crate::input::Field::Value(id) => Some(id),
        crate::input::Field::Null => {
            input.error(field, "This field may not be null.");
            None
        }
        crate::input::Field::Absent => {
            if field == "work_item" && !present {
                input.error(field, "This field is required.");
            }
            None
        }
    }
}

fn invalid(field: &str, message: &str) -> ServiceError {
    let mut errors = glider_domain::FieldErrors::new();
    errors.add(field, message);
    ServiceError::Validation(errors)
}
