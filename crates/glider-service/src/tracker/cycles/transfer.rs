//! Transferring a finished cycle's open work items (backlog, unstarted, started) to a cycle
//! that has not ended, after saving the source cycle's progress snapshot.

use glider_db::repo::{
    cycles as repo,
    item_links::{self, CYCLES},
    work_items as item_repo,
};
use glider_domain::{
    CycleId, ProjectId, ValidationError,
    model::{cycles::Cycle, tracker::StateGroup},
};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self, refuse},
    accounts::Actor,
    events::event,
    tracker::cycles::{collection::link_activity, load, snapshot},
};

fn target_id(body: &Map<String, Value>) -> ServiceResult<CycleId> {
    let required = || ServiceError::rule("new_cycle_required", "New Cycle Id is required");
    match body.get("new_cycle_id") {
        None | Some(Value::Null | Value::Bool(false)) => Err(required()),
        Some(Value::String(text)) if text.is_empty() => Err(required()),
        Some(value) => value
            .as_str()
            .and_then(|text| Uuid::parse_str(text).ok())
            .map(CycleId)
            .ok_or_else(|| ValidationError::new("new_cycle_id", "Must be a valid UUID.").into()),
    }
}

/// Moves the open work items of a cycle that has ended (or has no dates) to `new_cycle_id`
/// (project members).
pub async fn transfer(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    cycle_id: CycleId,
    body: &Map<String, Value>,
) -> ServiceResult<()> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    found.access.contributor().map_err(refuse("project"))?;
    let target_id = target_id(body)?;
    let source = load(ctx, &found, cycle_id).await?;
    let now = ctx.now();
    if source.end_date.is_some_and(|end| end > now) {
        return Err(ServiceError::rule(
            "cycle_not_completed",
            "The old cycle is not completed yet",
        ));
    }
    let target = load(ctx, &found, target_id).await?;
    if target.is_completed(now) {
        return Err(ServiceError::rule(
            "target_cycle_completed",
            "The cycle where the issues are transferred is already completed",
        ));
    }
    let conn = ctx.db.conn();
    let counts = repo::stats(conn, &[source.id])
        .await?
        .get(&source.id)
        .map(|(c, _)| *c)
        .unwrap_or_default();
    let progress = snapshot::build(ctx, &found.project, &source, counts).await?;
    let states = glider_db::repo::states::list_states(conn, project_id, true).await?;
    let open = |state: Option<glider_domain::StateId>| {
        state
            .and_then(|id| states.iter().find(|s| s.id == id))
            .is_some_and(|s| {
                matches!(
                    s.group,
                    StateGroup::Backlog | StateGroup::Unstarted | StateGroup::Started
                )
            })
    };
    let mut moved_links = Vec::new();
    let mut activities = Vec::new();
    let mut moved_items = Vec::new();
    for link in item_links::of_owner(conn, CYCLES, source.id.0).await? {
        let Ok(item) = item_repo::find(conn, project_id, link.work_item_id).await else {
            continue;
        };
        if item.archived_at.is_some()
            || item.is_draft
            || !open(item.state_id)
            || target.id == source.id
        {
            continue;
        }
        let comment = format!("updated cycle from {} to {}", source.name, target.name);
        activities.push(link_activity(
            &item,
            actor.user.id,
            now,
            "cycles",
            ("updated", comment),
            Some((source.id.0, &source.name)),
            Some((target.id.0, &target.name)),
        ));
        moved_links.push(link.id);
        moved_items.push(item.id);
    }
    let mut after: Cycle = source.clone();
    after.progress_snapshot = progress;
    after.updated_by = Some(actor.user.id);
    after.updated_at = now;
    let tx = ctx.db.begin_write().await?;
    repo::save(&tx, &after).await?;
    item_links::reassign(&tx, CYCLES, &moved_links, target.id.0, actor.user.id, now).await?;
    let payload = json!({ "to": target.id, "work_items": moved_items });
    let record = event(
        ctx,
        "tracker.cycle.transferred",
        Some(actor.user.id),
        Some(source.workspace_id),
        Some(project_id),
        source.id.0,
        payload,
    );
    crate::events::commit_with_history(tx, record, &activities).await?;
    Ok(())
}
