//! Archiving, restoring and deleting a project.

use glider_db::repo::projects as repo;
use glider_domain::ProjectId;
use serde_json::json;

use super::{admin_scope, save};
use crate::{Ctx, ServiceResult, accounts::Actor, events::event};

/// Archives the project, or restores it (project admins).
pub async fn set_archived(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    id: ProjectId,
    archived: bool,
) -> ServiceResult<()> {
    let (found, admin) = admin_scope(ctx, actor, slug, id).await?;
    let mut project = found.project.clone();
    project.archived_at = if archived {
        Some(found.project.archived_at.unwrap_or_else(|| ctx.now()))
    } else {
        None
    };
    let kind = if archived {
        "tracker.project.archived"
    } else {
        "tracker.project.unarchived"
    };
    save(ctx, &admin, &found.project, project, kind).await
}

/// Soft-deletes the project; its name and identifier are free again at once.
pub async fn delete(ctx: &Ctx, actor: &Actor, slug: &str, id: ProjectId) -> ServiceResult<()> {
    let (found, _admin) = admin_scope(ctx, actor, slug, id).await?;
    let tx = ctx.db.begin_write().await?;
    repo::soft_delete_project(&tx, id, ctx.now()).await?;
    let deleted = event(
        ctx,
        "tracker.project.deleted",
        Some(actor.user.id),
        Some(found.workspace.id),
        Some(id),
        id.0,
        json!({}),
    );
    glider_db::repo::events::append(&tx, deleted).await?;
    glider_db::commit(tx).await?;
    Ok(())
}
