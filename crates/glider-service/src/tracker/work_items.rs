//! Work items: create, read, update, delete, archive; per-project numbers; history.

mod activity;
pub mod children;
pub mod expand;
pub mod input;
pub mod list;
mod list_counts;
pub mod relations;

use glider_db::{DbError, repo::work_items as repo};
use glider_domain::{
    ProjectId, ProjectRole, WorkItemId,
    model::work_items::{Priority, WorkItem},
};
use serde_json::{Map, Value};

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self, InProject, refuse},
    accounts::Actor,
    events::event,
};

pub use activity::blank as blank_activity;
pub use list_counts::ListCounts;

/// A work item with the project it lives in (views need the identifier).
#[derive(Clone, Debug)]
pub struct Located {
    pub found: InProject,
    pub item: WorkItem,
}

fn conflict(error: DbError, existing: Option<uuid::Uuid>) -> ServiceError {
    match error {
        DbError::Conflict { field } if field == "external_id" => ServiceError::Conflict {
            field: "external_id".to_owned(),
            message: "Issue with the same external id and external source already exists"
                .to_owned(),
            existing_id: existing,
        },
        other => other.into(),
    }
}

async fn existing_external(ctx: &Ctx, project: ProjectId, item: &WorkItem) -> Option<uuid::Uuid> {
    let (Some(source), Some(id)) = (&item.external_source, &item.external_id) else {
        return None;
    };
    repo::find_by_external(ctx.db.conn(), project, source, id)
        .await
        .ok()
        .map(|i| i.id.0)
}

/// Creates a work item with the project's next number (project members).
pub async fn create(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    body: &Map<String, Value>,
) -> ServiceResult<Located> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    found.access.contributor().map_err(refuse("project"))?;
    if found.project.archived_at.is_some() {
        return Err(ServiceError::rule(
            "project_archived",
            "Archived project cannot be updated",
        ));
    }
    let patch = input::parse(body, true)?;
    let explicit_sort = patch.sort_order;
    let now = ctx.now();
    let mut item = WorkItem {
        id: WorkItemId::new(),
        workspace_id: found.workspace.id,
        project_id,
        sequence_id: 0,
        name: String::new(),
        description_html: "<p></p>".to_owned(),
        description_stripped: String::new(),
        priority: Priority::None,
        state_id: None,
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
    input::apply(ctx, &found, &mut item, patch, true).await?;
    let existing = existing_external(ctx, project_id, &item).await;
    if existing.is_some() {
        return Err(conflict(
            DbError::Conflict {
                field: "external_id".to_owned(),
            },
            existing,
        ));
    }
    let (activities, payload) = activity::record(ctx, None, &item, Some(actor.user.id)).await?;
    let tx = ctx.db.begin_write().await?;
    // Plane: a new item goes below the others in its state.
    if let Some(max) = repo::max_sort_order(&tx, project_id, item.state_id).await? {
        item.sort_order = max + 10000.0;
    } else if let Some(order) = explicit_sort {
        item.sort_order = order;
    }
    item.sequence_id = repo::next_sequence(&tx, project_id).await?;
    repo::insert(&tx, &item)
        .await
        .map_err(|e| conflict(e, None))?;
    repo::set_assignees(&tx, &item, now).await?;
    repo::set_labels(&tx, &item, now).await?;
    let created = event(
        ctx,
        "tracker.work_item.created",
        Some(actor.user.id),
        Some(item.workspace_id),
        Some(project_id),
        item.id.0,
        payload,
    );
    crate::events::commit_with_history(tx, created, &activities).await?;
    Ok(Located { found, item })
}

/// A work item visible in the project (not archived, not a draft).
pub async fn get(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: WorkItemId,
) -> ServiceResult<Located> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    let item = visible(ctx, &found, id).await?;
    Ok(Located { found, item })
}

/// Loads an item the reader may see: archived items and drafts are hidden, as in Plane.
pub(crate) async fn visible(
    ctx: &Ctx,
    found: &InProject,
    id: WorkItemId,
) -> ServiceResult<WorkItem> {
    let not_found = || ServiceError::not_found("work_item");
    if found.project.archived_at.is_some() {
        return Err(not_found());
    }
    let item = repo::find(ctx.db.conn(), found.project.id, id)
        .await
        .map_err(|_| not_found())?;
    if item.archived_at.is_some() || item.is_draft {
        return Err(not_found());
    }
    Ok(item)
}

/// Writes an updated item with its history and event, in one transaction.
pub(crate) async fn save(
    ctx: &Ctx,
    actor: &Actor,
    before: &WorkItem,
    mut after: WorkItem,
    kind: &'static str,
) -> ServiceResult<WorkItem> {
    after.updated_by = Some(actor.user.id);
    after.updated_at = ctx.now();
    let tx = ctx.db.begin_write().await?;
    // `before` was read outside this transaction. A change committed since must not be undone
    // by writing the whole row, nor left out of this change's history: rebase onto the row as
    // it is now, locked until commit.
    let current = repo::find_for_update(&tx, after.project_id, after.id)
        .await
        .map_err(ServiceError::db("work_item"))?;
    if current != *before {
        after = after.rebase(before, &current);
    }
    let before = &current;
    let (activities, payload) =
        activity::record_with(ctx, &tx, Some(before), &after, Some(actor.user.id)).await?;
    repo::save(&tx, &after)
        .await
        .map_err(|e| conflict(e, Some(before.id.0)))?;
    if before.assignees != after.assignees {
        repo::set_assignees(&tx, &after, after.updated_at).await?;
    }
    if before.labels != after.labels {
        repo::set_labels(&tx, &after, after.updated_at).await?;
    }
    let changed = event(
        ctx,
        kind,
        Some(actor.user.id),
        Some(after.workspace_id),
        Some(after.project_id),
        after.id.0,
        payload,
    );
    crate::events::commit_with_history(tx, changed, &activities).await?;
    Ok(after)
}

/// Applies a partial update (project members).
pub async fn update(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: WorkItemId,
    body: &Map<String, Value>,
) -> ServiceResult<Located> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    found.access.contributor().map_err(refuse("project"))?;
    let before = visible(ctx, &found, id).await?;
    let patch = input::parse(body, false)?;
    let mut after = before.clone();
    input::apply(ctx, &found, &mut after, patch, false).await?;
    if after.external_id != before.external_id || after.external_source != before.external_source {
        let existing = existing_external(ctx, project_id, &after).await;
        if existing.is_some_and(|other| other != before.id.0) {
            return Err(conflict(
                DbError::Conflict {
                    field: "external_id".to_owned(),
                },
                Some(before.id.0),
            ));
        }
    }
    let item = save(ctx, actor, &before, after, "tracker.work_item.updated").await?;
    Ok(Located { found, item })
}

/// Deletes a work item (its creator or a project admin; soft delete).
pub async fn delete(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: WorkItemId,
) -> ServiceResult<()> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    found.access.contributor().map_err(refuse("project"))?;
    let item = repo::find(ctx.db.conn(), project_id, id)
        .await
        .map_err(ServiceError::db("work_item"))?;
    let is_admin = found.access.effective_role() == Some(ProjectRole::Admin);
    if !is_admin && item.created_by != Some(actor.user.id) {
        return Err(ServiceError::Refused {
            code: "only_admin_or_creator",
            message: "Only admin or creator can delete the work item".to_owned(),
        });
    }
    let tx = ctx.db.begin_write().await?;
    repo::soft_delete(&tx, id, ctx.now()).await?;
    let deleted = event(
        ctx,
        "tracker.work_item.deleted",
        Some(actor.user.id),
        Some(item.workspace_id),
        Some(project_id),
        id.0,
        serde_json::json!({ "name": item.name }),
    );
    let mut entry = activity::blank(&item, Some(actor.user.id), ctx.now());
    entry.verb = "deleted".to_owned();
    entry.field = Some("issue".to_owned());
    entry.comment = "deleted the issue".to_owned();
    crate::events::commit_with_history(tx, deleted, &[entry]).await?;
    Ok(())
}

/// Archives (`archived`) or restores a work item (project members). Only completed or
/// cancelled items can be archived, as in Plane's app.
pub async fn set_archived(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: WorkItemId,
    archived: bool,
) -> ServiceResult<Located> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    found.access.contributor().map_err(refuse("project"))?;
    let before = repo::find(ctx.db.conn(), project_id, id)
        .await
        .map_err(ServiceError::db("work_item"))?;
    if archived {
        let states = glider_db::repo::states::list_states(ctx.db.conn(), project_id, true).await?;
        let group = before
            .state_id
            .and_then(|s| states.iter().find(|state| state.id == s))
            .map(|s| s.group);
        use glider_domain::model::tracker::StateGroup;
        if !matches!(group, Some(StateGroup::Completed | StateGroup::Cancelled)) {
            return Err(ServiceError::rule(
                "work_item_not_closed",
                "Only work items in a completed or cancelled state can be archived.",
            ));
        }
    }
    let mut after = before.clone();
    after.archived_at = if archived {
        Some(before.archived_at.unwrap_or_else(|| ctx.now().date_naive()))
    } else {
        None
    };
    let kind = if archived {
        "tracker.work_item.archived"
    } else {
        "tracker.work_item.unarchived"
    };
    let item = save(ctx, actor, &before, after, kind).await?;
    Ok(Located { found, item })
}

// ---- Saving inside a caller's transaction (intake triage, bulk update) ------------------------

/// An update ready to write: the new row with its history entries and event payload, computed
/// before the caller opens its transaction.
pub(crate) struct PendingSave {
    pub before: WorkItem,
    pub after: WorkItem,
    pub activities: Vec<glider_domain::model::work_items::Activity>,
    pub payload: Value,
}

/// Stamps `after` with the actor and the time, and records what changed.
pub(crate) async fn prepare_save(
    ctx: &Ctx,
    actor: glider_domain::UserId,
    before: WorkItem,
    mut after: WorkItem,
) -> ServiceResult<PendingSave> {
    after.updated_by = Some(actor);
    after.updated_at = ctx.now();
    let (activities, payload) = activity::record(ctx, Some(&before), &after, Some(actor)).await?;
    Ok(PendingSave {
        before,
        after,
        activities,
        payload,
    })
}

/// Refuses an external pair another item of the project already has (as [`update`] does).
pub(crate) async fn check_external(
    ctx: &Ctx,
    before: &WorkItem,
    after: &WorkItem,
) -> ServiceResult<()> {
    if after.external_id != before.external_id || after.external_source != before.external_source {
        let existing = existing_external(ctx, after.project_id, after).await;
        if existing.is_some_and(|other| other != before.id.0) {
            return Err(conflict(
                DbError::Conflict {
                    field: "external_id".to_owned(),
                },
                Some(before.id.0),
            ));
        }
    }
    Ok(())
}

/// Writes a prepared update in the caller's transaction; its history entries point at the
/// caller's event `event_id` (the caller appends that event).
pub(crate) async fn save_in(
    tx: &glider_db::DatabaseTransaction,
    pending: &PendingSave,
    event_id: glider_domain::EventId,
) -> ServiceResult<()> {
    let (before, after) = (&pending.before, &pending.after);
    repo::save(tx, after)
        .await
        .map_err(|e| conflict(e, Some(before.id.0)))?;
    if before.assignees != after.assignees {
        repo::set_assignees(tx, after, after.updated_at).await?;
    }
    if before.labels != after.labels {
        repo::set_labels(tx, after, after.updated_at).await?;
    }
    glider_db::repo::activities::insert_many(tx, &pending.activities, event_id.0).await?;
    Ok(())
}
