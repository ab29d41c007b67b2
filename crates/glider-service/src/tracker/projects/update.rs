//! Changing a project's settings.

use glider_db::repo::{estimates as estimate_repo, states as state_repo};
use glider_domain::{EstimateId, ProjectId, ValidationError};
use serde_json::{Map, Value};

use super::{ProjectView, admin_scope, get, input, write};
use crate::{Ctx, ServiceError, ServiceResult, accounts::Actor, tracker::intake::ensure_intake};

/// Changes settings (project admins). An archived project must be restored first.
pub async fn update(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    id: ProjectId,
    body: &Map<String, Value>,
) -> ServiceResult<ProjectView> {
    let (found, admin) = admin_scope(ctx, actor, slug, id).await?;
    if found.project.archived_at.is_some() {
        return Err(ServiceError::rule(
            "project_archived",
            "Archived project cannot be updated",
        ));
    }
    let mut project = found.project.clone();
    input::apply(&mut project, body, false)?;
    input::check_people(ctx, project.workspace_id, &project).await?;
    if let Some(state) = project.settings.default_state_id
        && project.settings.default_state_id != found.project.settings.default_state_id
    {
        state_repo::find_state(ctx.db.conn(), id, state)
            .await
            .map_err(|_| {
                ServiceError::Validation(
                    ValidationError::new(
                        "default_state",
                        "The state does not belong to this project.",
                    )
                    .into(),
                )
            })?;
    }
    if let Some(estimate) = project.settings.estimate_id
        && project.settings.estimate_id != found.project.settings.estimate_id
    {
        estimate_repo::find_estimate(ctx.db.conn(), id, EstimateId(estimate))
            .await
            .map_err(|_| {
                ServiceError::from(ValidationError::new(
                    "estimate",
                    "The estimate does not belong to this project.",
                ))
            })?;
    }
    let tx = ctx.db.begin_write().await?;
    write(
        ctx,
        &tx,
        &admin,
        &found.project,
        &mut project,
        "tracker.project.updated",
    )
    .await?;
    // Turning intake on gives the project its intake queue (Plane does the same), with the
    // change itself.
    if body.get("intake_view") == Some(&Value::Bool(true)) {
        ensure_intake(ctx, &tx, &admin, &project).await?;
    }
    glider_db::commit(tx).await?;
    get(ctx, actor, slug, id).await
}
