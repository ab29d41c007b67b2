//! Adding work items to a cycle: a work item is in one cycle at most, so adding moves it from
//! its former cycle. Reading, removing and listing them is shared with modules
//! ([`super::collection`]).

use std::collections::HashMap;

use glider_db::repo::{
    cycles as repo,
    item_links::{self, CYCLES},
};
use glider_domain::{
    CycleId, ProjectId, WorkItemId,
    model::{
        cycles::{Cycle, Membership},
        work_items::WorkItem,
    },
};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::collection::{commit_added, items_of_project, join, link_activity, open, work_item_ids};
use crate::{
    Ctx, ServiceError, ServiceResult, accounts::Actor, tracker::states::payload_not_valid,
};

/// Adds work items to a cycle that has not ended (project members), moving those in another
/// cycle. Answers every work item of the cycle.
pub async fn add(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    cycle_id: CycleId,
    body: &Map<String, Value>,
) -> ServiceResult<Vec<Membership>> {
    let (_, cycle) = open::<Cycle>(ctx, actor, slug, project_id, cycle_id, true).await?;
    let ids = work_item_ids(body, || {
        ServiceError::rule("MISSING_WORK_ITEMS", "Work items are required")
    })?;
    let now = ctx.now();
    if cycle.is_completed(now) {
        return Err(ServiceError::rule(
            "CYCLE_COMPLETED",
            "The Cycle has already been completed so no new issues can be added",
        ));
    }
    let items: Vec<WorkItem> = items_of_project(ctx, project_id, &ids)
        .await?
        .into_iter()
        .collect::<Option<_>>()
        .ok_or_else(payload_not_valid)?;
    let item_ids: Vec<WorkItemId> = items.iter().map(|i| i.id).collect();
    let current: HashMap<WorkItemId, Membership> =
        item_links::of_items(ctx.db.conn(), CYCLES, project_id, &item_ids)
            .await?
            .into_iter()
            .map(|link| (link.work_item_id, link))
            .collect();
    let old_cycles: Vec<Uuid> = current.values().map(|link| link.container).collect();
    let names = repo::names(ctx.db.conn(), &old_cycles).await?;
    let user = actor.user.id;
    let (mut inserts, mut moves, mut activities, mut added, mut moved) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for item in &items {
        match current.get(&item.id) {
            Some(link) if link.container == cycle.id.0 => {}
            Some(link) => {
                let old_name = names.get(&link.container).map_or("", String::as_str);
                moves.push(link.id);
                moved.push(json!({ "work_item": item.id, "from": link.container }));
                let comment = format!("updated cycle from {old_name} to {}", cycle.name);
                activities.push(link_activity(
                    item,
                    user,
                    now,
                    "cycles",
                    ("updated", comment),
                    Some((link.container, old_name)),
                    Some((cycle.id.0, &cycle.name)),
                ));
            }
            None => {
                let (row, entry) = join(&cycle, item, user, now);
                inserts.push(row);
                added.push(item.id);
                activities.push(entry);
            }
        }
    }
    let tx = ctx.db.begin_write().await?;
    item_links::insert(&tx, CYCLES, &inserts)
        .await
        .map_err(|_| payload_not_valid())?;
    item_links::reassign(&tx, CYCLES, &moves, cycle.id.0, user, now).await?;
    let payload = json!({ "added": added, "moved": moved });
    commit_added(ctx, tx, &cycle, user, payload, &activities).await
}
