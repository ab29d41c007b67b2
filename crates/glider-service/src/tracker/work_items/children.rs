//! Comments, links and history of a work item.

use glider_db::repo::activities as activity_repo;
use glider_domain::{
    ActivityId, ProjectId, ProjectRole, UserId, WorkItemId,
    model::work_items::{Activity, WorkItem},
};
use serde_json::Value;

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self, InProject},
    accounts::Actor,
    events::event,
    tracker::work_items::{activity::blank, visible},
};

/// The item, for a reader.
pub(super) async fn item_for_reading(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
) -> ServiceResult<(InProject, WorkItem)> {
    let found = access::project(ctx, actor, slug, project).await?;
    let item = visible(ctx, &found, id).await?;
    Ok((found, item))
}

/// The item, for someone adding to it: any project member, guests included (as in Plane).
pub(super) async fn item_for_writing(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
) -> ServiceResult<(InProject, WorkItem)> {
    let (found, item) = item_for_reading(ctx, actor, slug, project, id).await?;
    if found.access.effective_role().is_none() {
        return Err(ServiceError::Forbidden);
    }
    Ok((found, item))
}

pub(super) fn is_admin(found: &InProject) -> bool {
    found.access.effective_role() == Some(ProjectRole::Admin)
}

/// What a change to a comment or link records: its event and, maybe, a history entry.
pub(super) struct Change {
    pub(super) kind: &'static str,
    pub(super) subject: uuid::Uuid,
    pub(super) payload: Value,
    pub(super) entry: Option<Activity>,
}

pub(super) async fn commit_with(
    ctx: &Ctx,
    tx: glider_db::DatabaseTransaction,
    item: &WorkItem,
    actor: UserId,
    change: Change,
) -> ServiceResult<()> {
    let Change {
        kind,
        subject,
        payload,
        entry,
    } = change;
    let record = event(
        ctx,
        kind,
        Some(actor),
        Some(item.workspace_id),
        Some(item.project_id),
        subject,
        payload,
    );
    crate::events::commit_with_history(tx, record, entry.as_slice()).await
}

pub(super) fn entry(
    item: &WorkItem,
    actor: UserId,
    ctx: &Ctx,
    field: &str,
    verb: &str,
    comment: &str,
) -> Activity {
    let mut activity = blank(item, Some(actor), ctx.now());
    activity.verb = verb.to_owned();
    activity.field = Some(field.to_owned());
    activity.comment = comment.to_owned();
    activity
}

mod comments;
mod links;

pub use comments::*;
pub use links::*;

/// A page of history: `(newest_first, offset, limit)`.
pub type ActivityPage = (bool, u64, u64);

pub async fn list_activities(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
    page: ActivityPage,
) -> ServiceResult<(u64, Vec<Activity>)> {
    let (_, item) = item_for_reading(ctx, actor, slug, project, id).await?;
    let (newest_first, offset, limit) = page;
    Ok(activity_repo::list(ctx.db.conn(), item.id, newest_first, offset, limit).await?)
}

pub async fn get_activity(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
    activity: ActivityId,
) -> ServiceResult<Activity> {
    let (_, item) = item_for_reading(ctx, actor, slug, project, id).await?;
    activity_repo::find(ctx.db.conn(), item.id, activity)
        .await
        .map_err(ServiceError::db("activity"))
}
