//! Reading a project's states. (Creating and editing them arrives with the Tracker issue.)

use glider_db::repo::states as repo;
use glider_domain::{ProjectId, StateId, model::tracker::State};

use crate::{Ctx, ServiceError, ServiceResult, access, accounts::Actor};

/// States by sequence, without triage states, and none for an archived project (as Plane).
pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
) -> ServiceResult<Vec<State>> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    if found.project.archived_at.is_some() {
        return Ok(Vec::new());
    }
    Ok(repo::list_states(ctx.db.conn(), found.project.id, false).await?)
}

pub async fn get(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: StateId,
) -> ServiceResult<State> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    if found.project.archived_at.is_some() {
        return Err(ServiceError::not_found("state"));
    }
    repo::find_state(ctx.db.conn(), found.project.id, id)
        .await
        .map_err(ServiceError::db("state"))
}
