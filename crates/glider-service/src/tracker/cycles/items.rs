//! The work items of a cycle: adding them (a work item is in one cycle at most, so adding
//! moves it from its former cycle), removing, reading and listing them.

use std::collections::HashMap;

use glider_db::{
    DbError,
    repo::{
        cycles as repo,
        item_links::{self, CYCLES},
        work_item_queries::{self as queries, ListQuery, Visibility},
        work_items as item_repo,
    },
};
use glider_domain::{
    CycleId, ProjectId, UserId, WorkItemId,
    filters::{Filter, Lookup},
    model::{
        cycles::{Cycle, Membership},
        work_items::{Activity, WorkItem},
    },
};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self, InProject, refuse},
    accounts::Actor,
    events::event,
    tracker::{
        cycles::load,
        states::payload_not_valid,
        work_items::{
            blank_activity,
            list::{ItemPage, ListRequest},
        },
    },
};

/// Plane's answer to a malformed id in a list of work items.
pub(crate) fn invalid_detail() -> ServiceError {
    ServiceError::rule("invalid_detail", "Please provide valid detail")
}

/// The `issues` list of a body, without duplicates; `missing` when absent or empty.
pub(crate) fn work_item_ids(
    body: &Map<String, Value>,
    missing: impl Fn() -> ServiceError,
) -> ServiceResult<Vec<Uuid>> {
    let items = match body.get("issues") {
        None | Some(Value::Null) => return Err(missing()),
        Some(Value::String(text)) if text.is_empty() => return Err(missing()),
        Some(Value::Array(items)) if items.is_empty() => return Err(missing()),
        Some(Value::Array(items)) => items,
        Some(_) => return Err(invalid_detail()),
    };
    let mut ids: Vec<Uuid> = Vec::with_capacity(items.len());
    for item in items {
        let id = item
            .as_str()
            .and_then(|s| Uuid::parse_str(s).ok())
            .ok_or_else(invalid_detail)?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// A history entry of a work item about its cycles or modules (`field`).
pub(crate) fn link_activity(
    item: &WorkItem,
    actor: UserId,
    now: chrono::DateTime<chrono::Utc>,
    field: &str,
    (verb, comment): (&str, String),
    old: Option<(Uuid, &str)>,
    new: Option<(Uuid, &str)>,
) -> Activity {
    let mut entry = blank_activity(item, Some(actor), now);
    entry.verb = verb.to_owned();
    entry.field = Some(field.to_owned());
    entry.comment = comment;
    entry.old_identifier = old.map(|(id, _)| id);
    entry.old_value = old.map(|(_, name)| name.to_owned());
    entry.new_identifier = new.map(|(id, _)| id);
    entry.new_value = new.map(|(_, name)| name.to_owned());
    entry
}

/// The live work items of the project with these ids; `None` if any id names none.
pub(crate) async fn items_of_project(
    ctx: &Ctx,
    project: ProjectId,
    ids: &[Uuid],
) -> ServiceResult<Vec<Option<WorkItem>>> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        match item_repo::find(ctx.db.conn(), project, WorkItemId(*id)).await {
            Ok(item) => out.push(Some(item)),
            Err(DbError::NotFound) => out.push(None),
            Err(other) => return Err(other.into()),
        }
    }
    Ok(out)
}

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
    let found = access::project(ctx, actor, slug, project_id).await?;
    found.access.contributor().map_err(refuse("project"))?;
    let cycle = load(ctx, &found, cycle_id).await?;
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
                inserts.push(Membership {
                    id: Uuid::now_v7(),
                    workspace_id: cycle.workspace_id,
                    project_id,
                    container: cycle.id.0,
                    work_item_id: item.id,
                    sub_issues_count: 0,
                    created_by: Some(user),
                    updated_by: None,
                    created_at: now,
                    updated_at: now,
                });
                added.push(item.id);
                let comment = format!("added cycle {}", cycle.name);
                activities.push(link_activity(
                    item,
                    user,
                    now,
                    "cycles",
                    ("created", comment),
                    None,
                    Some((cycle.id.0, &cycle.name)),
                ));
            }
        }
    }
    let tx = ctx.db.begin_write().await?;
    item_links::insert(&tx, CYCLES, &inserts)
        .await
        .map_err(|_| payload_not_valid())?;
    item_links::reassign(&tx, CYCLES, &moves, cycle.id.0, user, now).await?;
    let payload = json!({ "added": added, "moved": moved });
    let record = event(
        ctx,
        "tracker.cycle.work_items_added",
        Some(user),
        Some(cycle.workspace_id),
        Some(project_id),
        cycle.id.0,
        payload,
    );
    crate::events::commit_with_history(tx, record, &activities).await?;
    Ok(item_links::of_owner(ctx.db.conn(), CYCLES, cycle.id.0).await?)
}

/// One work item's place in the cycle.
pub async fn get(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    cycle_id: CycleId,
    item: WorkItemId,
) -> ServiceResult<Membership> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    let cycle = load(ctx, &found, cycle_id).await?;
    item_links::find(ctx.db.conn(), CYCLES, cycle.id.0, item)
        .await?
        .ok_or(ServiceError::not_found("cycle_work_item"))
}

/// Takes a work item out of the cycle (project members).
pub async fn remove(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    cycle_id: CycleId,
    item: WorkItemId,
) -> ServiceResult<()> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    found.access.contributor().map_err(refuse("project"))?;
    let cycle = load(ctx, &found, cycle_id).await?;
    let link = item_links::find(ctx.db.conn(), CYCLES, cycle.id.0, item)
        .await?
        .ok_or(ServiceError::not_found("cycle_work_item"))?;
    let now = ctx.now();
    let activities: Vec<Activity> = items_of_project(ctx, project_id, &[item.0])
        .await?
        .into_iter()
        .flatten()
        .map(|work_item| {
            let comment = format!("removed this issue from {}", cycle.name);
            link_activity(
                &work_item,
                actor.user.id,
                now,
                "cycles",
                ("deleted", comment),
                Some((cycle.id.0, &cycle.name)),
                None,
            )
        })
        .collect();
    let tx = ctx.db.begin_write().await?;
    item_links::remove(&tx, CYCLES, &[link.id], now).await?;
    let payload = json!({ "work_item": item });
    let record = event(
        ctx,
        "tracker.cycle.work_item_removed",
        Some(actor.user.id),
        Some(cycle.workspace_id),
        Some(project_id),
        cycle.id.0,
        payload,
    );
    crate::events::commit_with_history(tx, record, &activities).await?;
    Ok(())
}

/// Soft-deletes a cycle; its work items leave it, each with a history entry.
pub(crate) async fn delete_with_items(
    ctx: &Ctx,
    actor: &Actor,
    cycle: &Cycle,
) -> ServiceResult<()> {
    let now = ctx.now();
    let links = item_links::of_owner(ctx.db.conn(), CYCLES, cycle.id.0).await?;
    let ids: Vec<Uuid> = links.iter().map(|l| l.work_item_id.0).collect();
    let activities: Vec<Activity> = items_of_project(ctx, cycle.project_id, &ids)
        .await?
        .into_iter()
        .flatten()
        .map(|item| {
            let comment = format!("removed this issue from {}", cycle.name);
            link_activity(
                &item,
                actor.user.id,
                now,
                "cycles",
                ("deleted", comment),
                Some((cycle.id.0, &cycle.name)),
                None,
            )
        })
        .collect();
    let tx = ctx.db.begin_write().await?;
    repo::soft_delete(&tx, cycle.id, now).await?;
    let payload = json!({ "name": cycle.name, "work_items": ids });
    let record = event(
        ctx,
        "tracker.cycle.deleted",
        Some(actor.user.id),
        Some(cycle.workspace_id),
        Some(cycle.project_id),
        cycle.id.0,
        payload,
    );
    crate::events::commit_with_history(tx, record, &activities).await?;
    Ok(())
}

/// A page of the visible work items of a cycle or module (`lookup`), with the request's
/// own filters; nothing in an archived project.
pub(crate) async fn page_of(
    ctx: &Ctx,
    found: &InProject,
    lookup: Lookup,
    request: &ListRequest,
) -> ServiceResult<ItemPage> {
    if found.project.archived_at.is_some() {
        return Ok(ItemPage {
            total: 0,
            items: Vec::new(),
        });
    }
    let scope = Filter::Is(lookup);
    let filter = match &request.filter {
        Some(own) => Filter::All(vec![scope, own.clone()]),
        None => scope,
    };
    let projects = [found.project.id];
    let query = ListQuery {
        projects: &projects,
        visibility: Visibility::Active,
        filter: Some(&filter),
        order: request.order,
        offset: request.offset,
        limit: request.limit,
    };
    let (total, items) = queries::list(ctx.db.conn(), &query).await?;
    Ok(ItemPage { total, items })
}

/// The cycle's visible work items (Plane's work-item shape), with the list's filters.
pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    cycle_id: CycleId,
    request: &ListRequest,
) -> ServiceResult<(InProject, ItemPage)> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    let cycle = load(ctx, &found, cycle_id).await?;
    let page = page_of(ctx, &found, Lookup::Cycle(vec![cycle.id.0]), request).await?;
    Ok((found, page))
}
