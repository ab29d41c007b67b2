//! Feature switches the SDK reads and sets: a project's (stored as the project's own flags) and
//! a workspace's (stored in their own row).

use glider_db::repo::features as repo;
use glider_domain::{
    ProjectId,
    model::catalog::{PROJECT_FEATURE_FLAGS, ProjectFeatures, WorkspaceFeatures},
};
use serde_json::{Map, Value, json};

use crate::{
    Ctx, ServiceResult,
    access::{self, refuse},
    accounts::Actor,
    events::{changes, event},
    input::JsonInput,
    tracker::projects,
};

/// The project's features; anyone who sees the project may read them.
pub async fn project_features(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
) -> ServiceResult<ProjectFeatures> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    Ok(ProjectFeatures::of(&found.project.settings))
}

/// Turns project features on or off (project admins, as any project setting). Any subset of
/// the keys may be sent; the change is one project update with its event.
pub async fn update_project_features(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    body: &Map<String, Value>,
) -> ServiceResult<ProjectFeatures> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    found.access.admin().map_err(refuse("project"))?;
    let mut input = JsonInput::new(body);
    let mut flags = Map::new();
    for (feature, flag) in PROJECT_FEATURE_FLAGS {
        if let Some(on) = input.bool(feature) {
            flags.insert(flag.to_owned(), Value::Bool(on));
        }
    }
    if input.bool("epics") == Some(true) {
        input.error("epics", "Epics are not available in Glider.");
    }
    input.errors.into_result()?;
    if flags.is_empty() {
        return Ok(ProjectFeatures::of(&found.project.settings));
    }
    let view = projects::update(ctx, actor, slug, project_id, &flags).await?;
    Ok(ProjectFeatures::of(&view.project.settings))
}

fn snapshot(features: &WorkspaceFeatures) -> Value {
    json!({
        "project_grouping": features.project_grouping, "initiatives": features.initiatives,
        "teams": features.teams, "customers": features.customers, "wiki": features.wiki,
        "pi": features.pi,
    })
}

/// The workspace's features; every active member may read them.
pub async fn workspace_features(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
) -> ServiceResult<WorkspaceFeatures> {
    let found = access::workspace(ctx, actor, slug).await?;
    Ok(repo::workspace_features(ctx.db.conn(), found.workspace.id).await?)
}

/// Turns workspace features on or off (workspace admins); any subset of the keys.
pub async fn update_workspace_features(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    body: &Map<String, Value>,
) -> ServiceResult<WorkspaceFeatures> {
    let found = access::workspace(ctx, actor, slug).await?;
    let admin = found.access.admin().map_err(refuse("workspace"))?;
    let workspace_id = admin.access().workspace_id;
    let tx = ctx.db.begin_write().await?;
    let before = repo::workspace_features(&tx, workspace_id).await?;
    let mut after = before;
    let mut input = JsonInput::new(body);
    for (field, switch) in after.fields_mut() {
        if let Some(on) = input.bool(field) {
            *switch = on;
        }
    }
    input.errors.into_result()?;
    if after == before {
        return Ok(before);
    }
    repo::save_workspace_features(&tx, workspace_id, after, actor.user.id, ctx.now()).await?;
    let updated = event(
        ctx,
        "workspaces.features.updated",
        Some(actor.user.id),
        Some(workspace_id),
        None,
        workspace_id.0,
        changes(&snapshot(&before), &snapshot(&after)),
    );
    glider_db::repo::events::append(&tx, updated).await?;
    glider_db::commit(tx).await?;
    Ok(after)
}
