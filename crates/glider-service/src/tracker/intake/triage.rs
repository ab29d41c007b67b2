//! Editing an entry: its request (the work item's name, description, priority) and the triage
//! decision (status, `snoozed_till`, `duplicate_to`, source). The work item follows the status:
//! accepted → the project's default state; rejected or duplicate → a cancelled state; pending or
//! snoozed → the triage state.

use chrono::{DateTime, Utc};
use glider_db::repo::{intake as repo, states as state_repo, work_items as item_repo};
use glider_domain::{
    FieldErrors, ProjectId, ProjectRole, UserId, WorkItemId,
    model::{
        intake::{IntakeItem, IntakeStatus},
        tracker::{State, StateGroup},
        work_items::WorkItem,
    },
    values::Email,
};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::{Entries, entry_for_writing, scope, triage_state, with_work_items};
use crate::{
    Ctx, ServiceError, ServiceResult,
    access::InProject,
    accounts::Actor,
    events::event,
    input::{Field, JsonInput},
    tracker::work_items::{self, blank_activity},
};

/// What a PATCH asks for; `None` leaves a field as it is.
#[derive(Debug, Default)]
struct Change {
    status: Option<IntakeStatus>,
    snoozed_till: Option<Option<DateTime<Utc>>>,
    duplicate_to: Option<Option<Uuid>>,
    source: Option<String>,
    source_email: Option<Option<String>>,
    issue: Option<Map<String, Value>>,
}

impl Change {
    /// Whether the request touches the triage decision (project admins only).
    fn triages(&self) -> bool {
        self.status.is_some()
            || self.snoozed_till.is_some()
            || self.duplicate_to.is_some()
            || self.source.is_some()
            || self.source_email.is_some()
    }
}

fn datetime(text: &str) -> Option<DateTime<Utc>> {
    match DateTime::parse_from_rfc3339(text) {
        Ok(at) => Some(at.with_timezone(&Utc)),
        Err(_) => chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .and_then(|day| day.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc()),
    }
}

fn read(body: &Map<String, Value>) -> ServiceResult<Change> {
    let mut input = JsonInput::new(body);
    let mut change = Change::default();
    match body.get("status") {
        None => {}
        Some(Value::Null) => input.error("status", "This field may not be null."),
        Some(value) => match IntakeStatus::parse("status", value) {
            Ok(status) => change.status = Some(status),
            Err(error) => input.errors.push(error),
        },
    }
    change.snoozed_till = match input.string("snoozed_till", 64) {
        Field::Absent => None,
        Field::Null => Some(None),
        Field::Value(text) => match datetime(&text) {
            Some(at) => Some(Some(at)),
            None => {
                input.error("snoozed_till", "Datetime has wrong format. Use ISO 8601.");
                None
            }
        },
    };
    change.duplicate_to = input.uuid("duplicate_to").patch();
    match input.string("source", 255) {
        Field::Value(source) => change.source = Some(source),
        Field::Null => input.error("source", "This field may not be null."),
        Field::Absent => {}
    }
    change.source_email = match input.string("source_email", 255) {
        Field::Absent => None,
        Field::Null => Some(None),
        Field::Value(raw) => match Email::parse("source_email", &raw) {
            Ok(email) => Some(Some(email.as_str().to_owned())),
            Err(error) => {
                input.errors.push(error);
                None
            }
        },
    };
    match body.get("issue") {
        None | Some(Value::Null) => {}
        Some(Value::Object(map)) => change.issue = Some(map.clone()),
        Some(_) => input.error("issue", "Invalid data. Expected a dictionary."),
    }
    std::mem::take(&mut input.errors).into_result()?;
    Ok(change)
}

/// Edits an entry (Plane's PATCH `intake-issues/{work_item_id}/`). Project members edit the
/// request; guests only their own request's name and description; only project admins triage.
pub async fn update(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    work_item: WorkItemId,
    body: &Map<String, Value>,
) -> ServiceResult<Entries> {
    let change = read(body)?;
    apply(ctx, actor, slug, project_id, work_item, change).await
}

/// Decides on an entry (`intake-issues/{work_item_id}/status/`): `status` (required),
/// `snoozed_till`, `duplicate_to`; other keys are ignored. Project admins only.
pub async fn update_status(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    work_item: WorkItemId,
    body: &Map<String, Value>,
) -> ServiceResult<Entries> {
    let triage_only: Map<String, Value> = body
        .iter()
        .filter(|(key, _)| matches!(key.as_str(), "status" | "snoozed_till" | "duplicate_to"))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    let change = read(&triage_only)?;
    if change.status.is_none() && !body.contains_key("status") {
        return Err(
            glider_domain::ValidationError::new("status", "This field is required.").into(),
        );
    }
    apply(ctx, actor, slug, project_id, work_item, change).await
}

/// Plane's event and history wording for reaching `status`.
fn verb(status: IntakeStatus) -> (&'static str, &'static str) {
    match status {
        IntakeStatus::Accepted => ("tracker.intake.accepted", "accepted"),
        IntakeStatus::Rejected => ("tracker.intake.rejected", "declined"),
        IntakeStatus::Snoozed => ("tracker.intake.snoozed", "snoozed"),
        IntakeStatus::Duplicate => ("tracker.intake.duplicate", "marked as duplicate"),
        IntakeStatus::Pending => ("tracker.intake.reopened", "reopened"),
    }
}

async fn apply(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    work_item: WorkItemId,
    change: Change,
) -> ServiceResult<Entries> {
    let found = scope(ctx, actor, slug, project_id).await?;
    let (entry, before_item) = entry_for_writing(ctx, &found, work_item).await?;
    let role = found.access.effective_role();
    if role < Some(ProjectRole::Member) && entry.created_by != Some(actor.user.id) {
        return Err(ServiceError::rule(
            "intake_not_editable",
            "You cannot edit intake work items",
        ));
    }
    if change.triages() && role != Some(ProjectRole::Admin) {
        return Err(ServiceError::Refused {
            code: "intake_triage_admin_only",
            message: "Only project admins can triage intake work items".to_owned(),
        });
    }
    let mut item = before_item.clone();
    if let Some(mut fields) = change.issue.clone() {
        fields.retain(|key, _| matches!(key.as_str(), "name" | "description_html" | "priority"));
        if role < Some(ProjectRole::Member) {
            fields.remove("priority");
        }
        let patch = work_items::input::parse(&fields, false)?;
        work_items::input::apply(ctx, &found, &mut item, patch, false).await?;
    }
    let mut after = entry.clone();
    let new_state = decide(
        ctx,
        &found,
        &change,
        &entry,
        &mut after,
        &mut item,
        actor.user.id,
    )
    .await?;
    let item_changed = item != before_item;
    if !item_changed && after == entry {
        return with_work_items(ctx, found, 1, vec![entry]).await;
    }
    let now = ctx.now();
    after.updated_by = Some(actor.user.id);
    after.updated_at = now;
    // The history entry of the decision is about this work item.
    let subject = before_item.clone();
    let pending = match item_changed {
        true => Some(work_items::prepare_save(ctx, actor.user.id, before_item, item).await?),
        false => None,
    };
    let status_changed = after.status != entry.status;
    let (kind, verb) = if status_changed {
        verb(after.status)
    } else {
        ("tracker.intake.updated", "updated")
    };
    let payload = json!({
        "work_item": entry.work_item_id,
        "status": { "old": entry.status.code(), "new": after.status.code() },
        "snoozed_till": after.snoozed_till,
        "duplicate_to": after.duplicate_to,
        "work_item_changes": pending.as_ref().map_or(json!({}), |p| p.payload.clone()),
    });
    let tx = ctx.db.begin_write().await?;
    if let Some(state) = &new_state {
        state_repo::insert_states(&tx, std::slice::from_ref(state)).await?;
    }
    repo::save_item(&tx, &after).await?;
    let changed = event(
        ctx,
        kind,
        Some(actor.user.id),
        Some(found.workspace.id),
        Some(project_id),
        entry.id.0,
        payload,
    );
    if let Some(pending) = &pending {
        work_items::save_in(&tx, pending, changed.id).await?;
    }
    if status_changed {
        let mut history = blank_activity(&subject, Some(actor.user.id), now);
        history.verb = "updated".to_owned();
        history.field = Some("intake".to_owned());
        history.old_value = Some(entry.status.as_str().to_owned());
        history.new_value = Some(after.status.as_str().to_owned());
        history.comment = format!("{verb} the intake work item");
        glider_db::repo::activities::insert_many(&tx, &[history], changed.id.0).await?;
    }
    glider_db::repo::events::append(&tx, changed).await?;
    glider_db::commit(tx).await?;
    with_work_items(ctx, found, 1, vec![after]).await
}

/// Applies the triage fields to `after` and moves the work item to the state a new status asks
/// for. Returns a triage state to create with the change, when the project has none.
async fn decide(
    ctx: &Ctx,
    found: &InProject,
    change: &Change,
    before: &IntakeItem,
    after: &mut IntakeItem,
    item: &mut WorkItem,
    actor: UserId,
) -> ServiceResult<Option<State>> {
    let next = change.status.unwrap_or(before.status);
    if !before.status.can_become(next) {
        return Err(ServiceError::rule(
            "intake_already_accepted",
            "An accepted intake work item cannot change its status",
        ));
    }
    let now = ctx.now();
    let mut errors = FieldErrors::new();
    if next == IntakeStatus::Snoozed {
        match change.snoozed_till.unwrap_or(before.snoozed_till) {
            Some(till) if till > now => after.snoozed_till = Some(till),
            _ => errors.add(
                "snoozed_till",
                "Snoozing needs a snoozed_till in the future.",
            ),
        }
    } else {
        if matches!(change.snoozed_till, Some(Some(_))) {
            errors.add(
                "snoozed_till",
                "Only a snoozed intake work item (status 0) has a snoozed_till.",
            );
        }
        after.snoozed_till = None;
    }
    if next == IntakeStatus::Duplicate {
        match change
            .duplicate_to
            .unwrap_or(before.duplicate_to.map(|id| id.0))
        {
            None => errors.add(
                "duplicate_to",
                "Marking a duplicate needs duplicate_to: the work item it repeats.",
            ),
            Some(id) if id == item.id.0 => errors.add(
                "duplicate_to",
                "A work item cannot be a duplicate of itself.",
            ),
            Some(id) => {
                match item_repo::find(ctx.db.conn(), found.project.id, WorkItemId(id)).await {
                    Ok(original) => after.duplicate_to = Some(original.id),
                    Err(_) => errors.add(
                        "duplicate_to",
                        format!("Invalid pk \"{id}\" - object does not exist."),
                    ),
                }
            }
        }
    } else {
        if matches!(change.duplicate_to, Some(Some(_))) {
            errors.add(
                "duplicate_to",
                "Only a duplicate (status 2) points at another work item.",
            );
        }
        after.duplicate_to = None;
    }
    if let Some(source) = &change.source {
        after.source = source.clone();
    }
    if let Some(email) = &change.source_email {
        after.source_email = email.clone();
    }
    after.status = next;
    let mut new_state = None;
    if next != before.status {
        let states = state_repo::list_states(ctx.db.conn(), found.project.id, true).await?;
        let target = match next {
            IntakeStatus::Accepted => {
                let default = states
                    .iter()
                    .find(|s| s.is_default && s.group != StateGroup::Triage);
                if default.is_none() {
                    errors.add(
                        "status",
                        "Cannot accept intake issue: No default state found for the project",
                    );
                }
                default.map(|s| s.id)
            }
            IntakeStatus::Rejected | IntakeStatus::Duplicate => states
                .iter()
                .find(|s| s.group == StateGroup::Cancelled)
                .map(|s| s.id),
            IntakeStatus::Pending | IntakeStatus::Snoozed => {
                let (triage, created) = triage_state(found, &states, actor, now);
                new_state = created;
                Some(triage)
            }
        };
        if let Some(state) = target {
            item.state_id = Some(state);
            // None of these states is in the completed group, so the item is not completed.
            item.completed_at = None;
        }
    }
    errors.into_result()?;
    Ok(new_state)
}
