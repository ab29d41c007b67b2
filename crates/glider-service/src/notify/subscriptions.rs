//! Following a work item explicitly. Assignees and the creator follow it without asking; an
//! explicit unsubscribe silences them too (mentions still reach them).

use glider_db::repo::notify_subscribers as repo;
use glider_domain::{ProjectId, WorkItemId, model::work_items::WorkItem};
use serde_json::json;

use crate::{Ctx, ServiceResult, accounts::Actor, events::event, tracker::work_items};

/// Whether the caller hears about the work item: their explicit choice, else whether they are
/// an assignee or its creator.
pub async fn status(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
) -> ServiceResult<bool> {
    let item = work_items::get(ctx, actor, slug, project, id).await?.item;
    let user = actor.user.id;
    Ok(match repo::choice(ctx.db.conn(), item.id, user).await? {
        Some(choice) => choice,
        None => item.assignees.contains(&user) || item.created_by == Some(user),
    })
}

/// Starts (`true`) or stops (`false`) following the work item (anyone who can read it).
/// Returns the new status.
pub async fn set(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
    subscribed: bool,
) -> ServiceResult<bool> {
    let item: WorkItem = work_items::get(ctx, actor, slug, project, id).await?.item;
    let user = actor.user.id;
    let kind = if subscribed {
        "notify.subscription.created"
    } else {
        "notify.subscription.deleted"
    };
    let tx = ctx.db.begin_write().await?;
    repo::set_choice(&tx, &item, user, subscribed, ctx.now()).await?;
    // To the person only (`recipient`): who follows what is nobody else's business.
    let record = event(
        ctx,
        kind,
        Some(user),
        Some(item.workspace_id),
        None,
        item.id.0,
        json!({ "recipient": user, "work_item": item.id, "project": item.project_id, "subscribed": subscribed }),
    );
    glider_db::repo::events::append(&tx, record).await?;
    glider_db::commit(tx).await?;
    Ok(subscribed)
}
