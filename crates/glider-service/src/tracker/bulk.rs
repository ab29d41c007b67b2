//! Bulk update and delete of a project's work items (Glider extension). Every entry is checked
//! first, with the same rules as one PATCH or DELETE; the entries that pass are written in ONE
//! transaction (one event and history per item), and each failure is reported with its entry.

use std::collections::{HashMap, HashSet};

use glider_db::repo::work_items as repo;
use glider_domain::{
    ProjectId, ProjectRole, ValidationError, WorkItemId, model::work_items::WorkItem,
};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self, InProject, refuse},
    accounts::Actor,
    events::event,
    tracker::work_items::{self, PendingSave, blank_activity, input, visible},
};

/// The most entries one request may carry.
pub const MAX_ENTRIES: usize = 250;

/// What happened to one entry, in request order. `id` is the id as sent (or `null`).
#[derive(Debug)]
pub struct Outcome {
    pub id: Value,
    /// Why the entry was refused; `None` when it was written (or needed no change).
    pub error: Option<ServiceError>,
}

fn invalid(field: &str, message: &str) -> ServiceError {
    ValidationError::new(field, message).into()
}

fn check_size(field: &str, count: usize) -> ServiceResult<()> {
    if count == 0 {
        return Err(invalid(field, "Send at least one work item."));
    }
    if count > MAX_ENTRIES {
        return Err(invalid(
            field,
            &format!("Send at most {MAX_ENTRIES} work items at once."),
        ));
    }
    Ok(())
}

/// Reads an entry's id; a second mention of the same id is refused.
fn entry_id(raw: &Value, seen: &mut HashSet<Uuid>) -> Result<WorkItemId, ServiceError> {
    let id = raw
        .as_str()
        .and_then(|s| Uuid::parse_str(s).ok())
        .ok_or_else(|| invalid("id", "Must be a valid UUID."))?;
    if !seen.insert(id) {
        return Err(invalid("id", "This work item is listed more than once."));
    }
    Ok(WorkItemId(id))
}

async fn contributor_scope(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
) -> ServiceResult<InProject> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    found.access.contributor().map_err(refuse("project"))?;
    Ok(found)
}

/// Whether giving `item` the parent `parent` closes a loop, with the parents this request sets.
async fn makes_loop(
    ctx: &Ctx,
    project: ProjectId,
    item: WorkItemId,
    parent: Option<WorkItemId>,
    batch: &HashMap<WorkItemId, Option<WorkItemId>>,
) -> ServiceResult<bool> {
    let mut current = parent;
    for _ in 0..1000 {
        let Some(step) = current else {
            return Ok(false);
        };
        if step == item {
            return Ok(true);
        }
        current = match batch.get(&step) {
            Some(new_parent) => *new_parent,
            None => repo::find(ctx.db.conn(), project, step)
                .await
                .ok()
                .and_then(|found| found.parent_id),
        };
    }
    Ok(true)
}

/// Checks one update entry: `{"id": …, <WorkItemWrite fields>}`.
async fn check_update(
    ctx: &Ctx,
    found: &InProject,
    raw: &Value,
    seen: &mut HashSet<Uuid>,
) -> ServiceResult<Option<(WorkItem, WorkItem)>> {
    let Some(fields) = raw.as_object() else {
        return Err(invalid(
            "non_field_errors",
            "Each entry must be an object with an id.",
        ));
    };
    let id = entry_id(fields.get("id").unwrap_or(&Value::Null), seen)?;
    let before = visible(ctx, found, id).await?;
    let mut changes: Map<String, Value> = fields.clone();
    changes.remove("id");
    let patch = input::parse(&changes, false)?;
    let mut after = before.clone();
    input::apply(ctx, found, &mut after, patch, false).await?;
    work_items::check_external(ctx, &before, &after).await?;
    Ok((after != before).then_some((before, after)))
}

/// Applies a list of partial updates (project members and admins).
pub async fn update(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    entries: &[Value],
) -> ServiceResult<Vec<Outcome>> {
    let found = contributor_scope(ctx, actor, slug, project_id).await?;
    if found.project.archived_at.is_some() {
        return Err(ServiceError::rule(
            "project_archived",
            "Archived project cannot be updated",
        ));
    }
    check_size("items", entries.len())?;
    let mut seen = HashSet::new();
    let mut outcomes = Vec::with_capacity(entries.len());
    let mut changes: Vec<(usize, WorkItem, WorkItem)> = Vec::new();
    for (index, raw) in entries.iter().enumerate() {
        let id = raw.get("id").cloned().unwrap_or(Value::Null);
        match check_update(ctx, &found, raw, &mut seen).await {
            Ok(Some((before, after))) => changes.push((index, before, after)),
            Ok(None) => {}
            Err(error) => {
                outcomes.push(Outcome {
                    id,
                    error: Some(error),
                });
                continue;
            }
        }
        outcomes.push(Outcome { id, error: None });
    }
    // Parents are checked one by one above; two entries may still form a loop together.
    let batch: HashMap<WorkItemId, Option<WorkItemId>> = changes
        .iter()
        .filter(|(_, b, a)| b.parent_id != a.parent_id)
        .map(|(_, _, a)| (a.id, a.parent_id))
        .collect();
    let mut pending: Vec<PendingSave> = Vec::with_capacity(changes.len());
    for (index, before, after) in changes {
        if batch.contains_key(&after.id)
            && makes_loop(ctx, project_id, after.id, after.parent_id, &batch).await?
        {
            let message = "This parent would make a loop: it is a sub-item of this work item.";
            outcomes[index].error = Some(invalid("parent", message));
            continue;
        }
        pending.push(work_items::prepare_save(ctx, actor.user.id, before, after).await?);
    }
    if pending.is_empty() {
        return Ok(outcomes);
    }
    let tx = ctx.db.begin_write().await?;
    for change in &pending {
        let item = &change.after;
        let updated = event(
            ctx,
            "tracker.work_item.updated",
            Some(actor.user.id),
            Some(item.workspace_id),
            Some(project_id),
            item.id.0,
            change.payload.clone(),
        );
        work_items::save_in(&tx, change, updated.id).await?;
        glider_db::repo::events::append(&tx, updated).await?;
    }
    glider_db::commit(tx).await?;
    Ok(outcomes)
}

/// Deletes a list of work items (each: its creator or a project admin; soft delete).
pub async fn delete(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    ids: &[Value],
) -> ServiceResult<Vec<Outcome>> {
    let found = contributor_scope(ctx, actor, slug, project_id).await?;
    check_size("ids", ids.len())?;
    let is_admin = found.access.effective_role() == Some(ProjectRole::Admin);
    let mut seen = HashSet::new();
    let mut outcomes = Vec::with_capacity(ids.len());
    let mut doomed: Vec<WorkItem> = Vec::new();
    for raw in ids {
        let checked = match entry_id(raw, &mut seen) {
            Ok(id) => repo::find(ctx.db.conn(), project_id, id)
                .await
                .map_err(ServiceError::db("work_item")),
            Err(error) => Err(error),
        };
        let error = match checked {
            Ok(item) if is_admin || item.created_by == Some(actor.user.id) => {
                doomed.push(item);
                None
            }
            Ok(_) => Some(ServiceError::Refused {
                code: "only_admin_or_creator",
                message: "Only admin or creator can delete the work item".to_owned(),
            }),
            Err(error) => Some(error),
        };
        outcomes.push(Outcome {
            id: raw.clone(),
            error,
        });
    }
    if doomed.is_empty() {
        return Ok(outcomes);
    }
    let now = ctx.now();
    let tx = ctx.db.begin_write().await?;
    for item in &doomed {
        repo::soft_delete(&tx, item.id, now).await?;
        let deleted = event(
            ctx,
            "tracker.work_item.deleted",
            Some(actor.user.id),
            Some(item.workspace_id),
            Some(project_id),
            item.id.0,
            json!({ "name": item.name }),
        );
        let mut history = blank_activity(item, Some(actor.user.id), now);
        history.verb = "deleted".to_owned();
        history.field = Some("issue".to_owned());
        history.comment = "deleted the issue".to_owned();
        glider_db::repo::activities::insert_many(&tx, &[history], deleted.id.0).await?;
        glider_db::repo::events::append(&tx, deleted).await?;
    }
    glider_db::commit(tx).await?;
    Ok(outcomes)
}
