//! Intake: a project's triage queue. Anyone in the project may submit a request; it becomes a
//! work item in the triage state (hidden from work-item lists) with an entry in the queue.
//! Project admins triage entries: accept, reject, snooze or mark as duplicate ([`triage`]).
//!
//! The queue is on when the project has `intake_view`; its intake row is created with the
//! project change that turns the flag on ([`ensure_intake`]) or at the first submission. While the flag is off (or the
//! project is archived) reads find nothing and writes are refused.

mod submit;
mod triage;

use std::collections::HashMap;

use glider_db::{
    DatabaseTransaction,
    repo::{intake as repo, states as state_repo, work_items as item_repo},
};
use glider_domain::{
    ProjectId, StateId, UserId, WorkItemId,
    model::{
        accounts::User,
        intake::{Intake, IntakeItem, IntakeStatus},
        tracker::{Project, State, StateGroup},
        work_items::WorkItem,
    },
    policy::ProjectAdmin,
};
use serde_json::json;

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self, InProject},
    accounts::Actor,
    events::event,
    tracker::work_items::blank_activity,
};

pub use submit::create;
pub use triage::{update, update_status};

/// Plane's message when the queue is off.
pub const DISABLED: &str =
    "Intake is not enabled for this project enable it through the project's api";

/// Entries with their work items, and what rendering them needs.
#[derive(Clone, Debug)]
pub struct Entries {
    pub found: InProject,
    /// Every matching entry (all pages).
    pub total: u64,
    pub entries: Vec<(IntakeItem, WorkItem)>,
    /// The project's states, triage included (for `issue_detail.state`).
    pub states: Vec<State>,
}

fn not_found() -> ServiceError {
    ServiceError::not_found("intake_work_item")
}

/// The caller's scope: any active member of the project, guests included.
async fn scope(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
) -> ServiceResult<InProject> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    if found.access.effective_role().is_none() {
        return Err(ServiceError::Forbidden);
    }
    Ok(found)
}

/// The queue for reading: `None` while it is off.
async fn readable_intake(ctx: &Ctx, found: &InProject) -> ServiceResult<Option<Intake>> {
    if !found.project.settings.intake_view || found.project.archived_at.is_some() {
        return Ok(None);
    }
    Ok(repo::find_intake(ctx.db.conn(), found.project.id).await?)
}

/// Refuses writes to an archived project or a queue that is off.
fn check_writable(found: &InProject) -> ServiceResult<()> {
    if found.project.archived_at.is_some() {
        return Err(ServiceError::rule(
            "project_archived",
            "Archived project cannot be updated",
        ));
    }
    if !found.project.settings.intake_view {
        return Err(ServiceError::rule("intake_disabled", DISABLED));
    }
    Ok(())
}

/// The entry of `work_item` for a write, with the work item.
async fn entry_for_writing(
    ctx: &Ctx,
    found: &InProject,
    work_item: WorkItemId,
) -> ServiceResult<(IntakeItem, WorkItem)> {
    check_writable(found)?;
    let conn = ctx.db.conn();
    let intake = repo::find_intake(conn, found.project.id)
        .await?
        .ok_or_else(not_found)?;
    let entry = repo::find_item(conn, found.project.id, intake.id, work_item)
        .await
        .map_err(ServiceError::db("intake_work_item"))?;
    let item = item_repo::find(conn, found.project.id, work_item)
        .await
        .map_err(ServiceError::db("intake_work_item"))?;
    Ok((entry, item))
}

async fn with_work_items(
    ctx: &Ctx,
    found: InProject,
    total: u64,
    items: Vec<IntakeItem>,
) -> ServiceResult<Entries> {
    let conn = ctx.db.conn();
    let ids: Vec<uuid::Uuid> = items.iter().map(|i| i.work_item_id.0).collect();
    let mut work_items = glider_db::repo::worklogs::work_items(conn, &ids).await?;
    item_repo::load_sets(conn, &mut work_items).await?;
    let mut by_id: HashMap<WorkItemId, WorkItem> =
        work_items.into_iter().map(|w| (w.id, w)).collect();
    let entries = items
        .into_iter()
        .filter_map(|entry| {
            let work_item = by_id.remove(&entry.work_item_id)?;
            Some((entry, work_item))
        })
        .collect();
    let states = state_repo::list_states(conn, found.project.id, true).await?;
    Ok(Entries {
        found,
        total,
        entries,
        states,
    })
}

/// A page of the queue, newest first; `statuses` narrows it (Glider), empty for all.
pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    statuses: &[IntakeStatus],
    offset: u64,
    limit: u64,
) -> ServiceResult<Entries> {
    let found = scope(ctx, actor, slug, project_id).await?;
    let Some(intake) = readable_intake(ctx, &found).await? else {
        return with_work_items(ctx, found, 0, Vec::new()).await;
    };
    let query = repo::ItemQuery {
        project_id,
        intake_id: intake.id,
        now: ctx.now(),
        statuses,
        offset,
        limit,
    };
    let (total, items) = repo::list_items(ctx.db.conn(), &query).await?;
    with_work_items(ctx, found, total, items).await
}

/// The entry of a work item.
pub async fn get(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    work_item: WorkItemId,
) -> ServiceResult<Entries> {
    let found = scope(ctx, actor, slug, project_id).await?;
    let intake = readable_intake(ctx, &found).await?.ok_or_else(not_found)?;
    let entry = repo::find_item(ctx.db.conn(), project_id, intake.id, work_item)
        .await
        .map_err(ServiceError::db("intake_work_item"))?;
    with_work_items(ctx, found, 1, vec![entry]).await
}

/// Users by id, for `expand=created_by,updated_by`.
pub async fn users(ctx: &Ctx, ids: &[UserId]) -> ServiceResult<HashMap<uuid::Uuid, User>> {
    let mut out = HashMap::new();
    for id in ids {
        if !out.contains_key(&id.0)
            && let Ok(user) = glider_db::repo::accounts::find_user(ctx.db.conn(), *id).await
        {
            out.insert(id.0, user);
        }
    }
    Ok(out)
}

fn new_intake(project: &Project, actor: UserId, now: chrono::DateTime<chrono::Utc>) -> Intake {
    Intake {
        id: uuid::Uuid::now_v7(),
        workspace_id: project.workspace_id,
        project_id: project.id,
        name: format!("{} Intake", project.name),
        description: String::new(),
        is_default: true,
        created_by: Some(actor),
        created_at: now,
        updated_at: now,
    }
}

/// Gives a project with `intake_view` on its intake, in the transaction of the project change
/// that turns the flag on, so both land or neither does. An intake already there (or made
/// concurrently) is kept.
pub(crate) async fn ensure_intake(
    ctx: &Ctx,
    tx: &DatabaseTransaction,
    admin: &ProjectAdmin,
    project: &Project,
) -> ServiceResult<()> {
    if !project.settings.intake_view {
        return Ok(());
    }
    let actor = admin.access().workspace.user_id;
    let intake = new_intake(project, actor, ctx.now());
    if !repo::insert_intake_if_absent(tx, &intake).await? {
        return Ok(());
    }
    let enabled = event(
        ctx,
        "tracker.intake.enabled",
        Some(actor),
        Some(project.workspace_id),
        Some(project.id),
        intake.id,
        json!({ "name": intake.name }),
    );
    glider_db::repo::events::append(tx, enabled).await?;
    Ok(())
}

/// The project's triage state, or a new one (`Triage`, `#4E5355`) to insert with the change.
pub(crate) fn triage_state(
    found: &InProject,
    states: &[State],
    actor: UserId,
    now: chrono::DateTime<chrono::Utc>,
) -> (StateId, Option<State>) {
    if let Some(state) = states.iter().find(|s| s.group == StateGroup::Triage) {
        return (state.id, None);
    }
    let sequence = states.iter().map(|s| s.sequence).fold(0.0, f64::max) + 10000.0;
    let state = State {
        id: StateId::new(),
        workspace_id: found.workspace.id,
        project_id: found.project.id,
        name: "Triage".to_owned(),
        description: String::new(),
        color: "#4E5355".to_owned(),
        slug: "triage".to_owned(),
        sequence,
        group: StateGroup::Triage,
        is_triage: true,
        is_default: false,
        external_source: None,
        external_id: None,
        created_by: Some(actor),
        updated_by: None,
        created_at: now,
        updated_at: now,
    };
    (state.id, Some(state))
}

/// Removes an entry. A request not accepted goes with its work item (its submitter or a project
/// admin); an accepted one leaves its work item in the project (also project members).
pub async fn delete(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    work_item: WorkItemId,
) -> ServiceResult<()> {
    let found = scope(ctx, actor, slug, project_id).await?;
    let (entry, item) = entry_for_writing(ctx, &found, work_item).await?;
    let role = found.access.effective_role();
    let is_admin = role == Some(glider_domain::ProjectRole::Admin);
    let is_submitter = entry.created_by == Some(actor.user.id);
    let keeps_item = entry.status == IntakeStatus::Accepted;
    let allowed = is_admin
        || is_submitter
        || (keeps_item && role >= Some(glider_domain::ProjectRole::Member));
    if !allowed {
        return Err(ServiceError::Refused {
            code: "only_admin_or_creator",
            message: "Only admin or creator can delete the work item".to_owned(),
        });
    }
    let now = ctx.now();
    let tx = ctx.db.begin_write().await?;
    repo::soft_delete_item(&tx, entry.id, now).await?;
    let payload = json!({ "work_item": item.id, "status": entry.status.code(), "work_item_deleted": !keeps_item });
    let deleted = event(
        ctx,
        "tracker.intake.deleted",
        Some(actor.user.id),
        Some(found.workspace.id),
        Some(project_id),
        entry.id.0,
        payload,
    );
    if !keeps_item {
        item_repo::soft_delete(&tx, item.id, now).await?;
        let mut history = blank_activity(&item, Some(actor.user.id), now);
        history.verb = "deleted".to_owned();
        history.field = Some("issue".to_owned());
        history.comment = "deleted the issue".to_owned();
        glider_db::repo::activities::insert_many(&tx, &[history], deleted.id.0).await?;
    }
    glider_db::repo::events::append(&tx, deleted).await?;
    glider_db::commit(tx).await?;
    Ok(())
}
