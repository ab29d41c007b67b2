//! A project's progress (Glider extension): its work items by state group.

use glider_domain::{ProjectId, model::progress::ProjectProgress};

use crate::{Ctx, ServiceResult, access, accounts::Actor};

/// Counts and shares of the project's live, non-draft, non-archived work items per state group
/// (intake items in triage are not counted); anyone who sees the project. An archived
/// project's items are hidden, so it reports nothing.
pub async fn project_progress(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
) -> ServiceResult<ProjectProgress> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    if found.project.archived_at.is_some() {
        return Ok(ProjectProgress::from_counts(&[]));
    }
    let counts =
        glider_db::repo::progress::counts_by_group(ctx.db.conn(), found.project.id).await?;
    Ok(ProjectProgress::from_counts(&counts))
}
