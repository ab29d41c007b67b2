//! Submitting a request to the queue.

use glider_db::repo::{intake as repo, states as state_repo, work_items as item_repo};
use glider_domain::{
    IntakeId, ProjectId, WorkItemId, html,
    model::{
        intake::{IntakeItem, IntakeStatus},
        work_items::{Priority, WorkItem},
    },
};
use serde_json::{Map, Value, json};

use super::{Entries, check_writable, new_intake, scope, triage_state, with_work_items};
use crate::{
    Ctx, ServiceError, ServiceResult,
    accounts::Actor,
    events::event,
    input::{Field, JsonInput},
    tracker::work_items::blank_activity,
};

/// The submitted work item's fields: Plane's `{"issue": {name, description_html, priority}}`.
fn read_submission(body: &Map<String, Value>) -> ServiceResult<(String, String, Priority)> {
    let empty = Map::new();
    let issue = body
        .get("issue")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let mut input = JsonInput::new(issue);
    let name = input
        .string("name", 255)
        .value()
        .map(|n| n.trim().to_owned())
        .unwrap_or_default();
    let description = match input.string("description_html", 5_000_000) {
        Field::Value(html) if !html.trim().is_empty() => html::sanitize(&html),
        _ => "<p></p>".to_owned(),
    };
    std::mem::take(&mut input.errors).into_result()?;
    if name.is_empty() {
        return Err(ServiceError::rule(
            "intake_name_required",
            "Name is required",
        ));
    }
    let priority = match issue.get("priority") {
        None => Priority::None,
        Some(value) => value
            .as_str()
            .and_then(|p| Priority::parse("priority", p).ok())
            .ok_or_else(|| ServiceError::rule("intake_invalid_priority", "Invalid priority"))?,
    };
    Ok((name, description, priority))
}

/// Submits a request: a work item in the triage state and a pending entry (project members,
/// guests included).
pub async fn create(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    body: &Map<String, Value>,
) -> ServiceResult<Entries> {
    let found = scope(ctx, actor, slug, project_id).await?;
    check_writable(&found)?;
    let (name, description_html, priority) = read_submission(body)?;
    let conn = ctx.db.conn();
    let now = ctx.now();
    let existing = repo::find_intake(conn, project_id).await?;
    let states = state_repo::list_states(conn, project_id, true).await?;
    let (state_id, new_state) = triage_state(&found, &states, actor.user.id, now);
    let mut item = WorkItem {
        id: WorkItemId::new(),
        workspace_id: found.workspace.id,
        project_id,
        sequence_id: 0,
        name,
        description_stripped: html::strip(&description_html),
        description_html,
        priority,
        state_id: Some(state_id),
        parent_id: None,
        estimate_point_id: None,
        type_id: None,
        point: None,
        start_date: None,
        target_date: None,
        sort_order: 65535.0,
        completed_at: None,
        archived_at: None,
        is_draft: false,
        estimate_time: None,
        external_source: None,
        external_id: None,
        created_by: Some(actor.user.id),
        updated_by: None,
        created_at: now,
        updated_at: now,
        assignees: Vec::new(),
        labels: Vec::new(),
    };
    let intake = existing
        .clone()
        .unwrap_or_else(|| new_intake(&found.project, actor.user.id, now));
    let entry = IntakeItem {
        id: IntakeId::new(),
        workspace_id: found.workspace.id,
        project_id,
        intake_id: intake.id,
        work_item_id: item.id,
        status: IntakeStatus::Pending,
        snoozed_till: None,
        duplicate_to: None,
        source: "IN_APP".to_owned(),
        source_email: None,
        external_source: None,
        external_id: None,
        extra: json!({}),
        created_by: Some(actor.user.id),
        updated_by: None,
        created_at: now,
        updated_at: now,
    };
    let tx = ctx.db.begin_write().await?;
    if existing.is_none() {
        repo::insert_intake(&tx, &intake).await?;
    }
    if let Some(state) = &new_state {
        state_repo::insert_states(&tx, std::slice::from_ref(state)).await?;
    }
    if let Some(max) = item_repo::max_sort_order(&tx, project_id, item.state_id).await? {
        item.sort_order = max + 10000.0;
    }
    item.sequence_id = item_repo::next_sequence(&tx, project_id).await?;
    item_repo::insert(&tx, &item).await?;
    repo::insert_item(&tx, &entry).await?;
    let payload = json!({ "work_item": item.id, "name": item.name, "sequence_id": item.sequence_id, "status": entry.status.code() });
    let created = event(
        ctx,
        "tracker.intake.created",
        Some(actor.user.id),
        Some(found.workspace.id),
        Some(project_id),
        entry.id.0,
        payload,
    );
    let mut history = blank_activity(&item, Some(actor.user.id), now);
    history.verb = "created".to_owned();
    history.comment = "created the issue via intake".to_owned();
    crate::events::commit_with_history(tx, created, &[history]).await?;
    with_work_items(ctx, found, 1, vec![entry]).await
}
