//! Workspaces: the tenant, its members with roles, and invitations.

pub mod favorites;
pub mod invitations;
pub mod members;
pub mod project_roles;
pub mod stickies;

use glider_db::{DbError, repo::workspaces as repo};
use glider_domain::{
    UserId, WorkspaceId, WorkspaceRole,
    model::workspaces::Workspace,
    policy::{WorkspaceAdmin, WorkspaceOwner},
    values::{Name, Slug, timezone},
};
use serde_json::{Map, json};

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self, InWorkspace, refuse},
    accounts::Actor,
    events::{changes, event},
    input::JsonInput,
};

fn snapshot(ws: &Workspace) -> serde_json::Value {
    json!({ "name": ws.name, "slug": ws.slug, "timezone": ws.timezone, "owner": ws.owner_id })
}

/// Creates a workspace owned by `owner`. Any signed-in user may create one.
pub async fn create(
    ctx: &Ctx,
    owner: UserId,
    body: &Map<String, serde_json::Value>,
) -> ServiceResult<Workspace> {
    let mut input = JsonInput::new(body);
    let slug = input.required_string("slug", 255);
    let name = input.string("name", 255).value();
    let zone = input.string("timezone", 64).value();
    let mut errors = std::mem::take(&mut input.errors);
    let slug = slug.and_then(|raw| errors.check(Slug::parse("slug", &raw)));
    let name = match name {
        Some(raw) => errors
            .check(Name::parse("name", &raw, 80))
            .map(Name::into_string),
        None => slug.as_ref().map(|s| s.as_str().to_owned()),
    };
    let zone = match zone {
        Some(raw) => errors.check(timezone("timezone", &raw)),
        None => Some("UTC".to_owned()),
    };
    errors.into_result()?;
    let (Some(slug), Some(name), Some(zone)) = (slug, name, zone) else {
        return Err(anyhow::anyhow!("validated fields missing").into());
    };
    let taken = || ServiceError::conflict("slug", "This workspace URL is already taken.");
    if repo::slug_taken(ctx.db.conn(), slug.as_str()).await? {
        return Err(taken());
    }
    let now = ctx.now();
    let workspace = Workspace {
        id: WorkspaceId::new(),
        slug: slug.as_str().to_owned(),
        name,
        owner_id: owner,
        timezone: zone,
        created_by: owner,
        updated_by: None,
        created_at: now,
        updated_at: now,
    };
    let tx = ctx.db.begin_write().await?;
    repo::insert_workspace(&tx, &workspace)
        .await
        .map_err(|error| match error {
            DbError::Conflict { .. } => taken(),
            other => other.into(),
        })?;
    repo::upsert_member(&tx, workspace.id, owner, WorkspaceRole::Owner, now).await?;
    let created = event(
        ctx,
        "workspaces.workspace.created",
        Some(owner),
        Some(workspace.id),
        None,
        workspace.id.0,
        snapshot(&workspace),
    );
    glider_db::repo::events::append(&tx, created).await?;
    glider_db::commit(tx).await?;
    tracing::info!(workspace = %workspace.slug, owner = %owner, "workspace created");
    Ok(workspace)
}

/// The workspaces the actor belongs to, with their role in each.
pub async fn list_mine(ctx: &Ctx, actor: &Actor) -> ServiceResult<Vec<(Workspace, WorkspaceRole)>> {
    Ok(repo::list_for_user(ctx.db.conn(), actor.user.id).await?)
}

pub async fn get(ctx: &Ctx, actor: &Actor, slug: &str) -> ServiceResult<InWorkspace> {
    access::workspace(ctx, actor, slug).await
}

/// Renames or changes the time zone (admins).
pub async fn update(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    body: &Map<String, serde_json::Value>,
) -> ServiceResult<InWorkspace> {
    let found = access::workspace(ctx, actor, slug).await?;
    let admin = found.access.admin().map_err(refuse("workspace"))?;
    let mut input = JsonInput::new(body);
    let name = input.string("name", 255).value();
    let zone = input.string("timezone", 64).value();
    if input.has("slug") {
        input.error("slug", "The workspace URL cannot be changed.");
    }
    let mut errors = std::mem::take(&mut input.errors);
    let mut workspace = found.workspace.clone();
    if let Some(name) = name.and_then(|raw| errors.check(Name::parse("name", &raw, 80))) {
        workspace.name = name.into_string();
    }
    if let Some(zone) = zone.and_then(|raw| errors.check(timezone("timezone", &raw))) {
        workspace.timezone = zone;
    }
    errors.into_result()?;
    save(
        ctx,
        &admin,
        &found.workspace,
        workspace.clone(),
        "workspaces.workspace.updated",
    )
    .await?;
    Ok(InWorkspace { workspace, ..found })
}

async fn save(
    ctx: &Ctx,
    admin: &WorkspaceAdmin,
    before: &Workspace,
    mut after: Workspace,
    kind: &'static str,
) -> ServiceResult<()> {
    let actor = admin.access().user_id;
    after.updated_by = Some(actor);
    after.updated_at = ctx.now();
    let tx = ctx.db.begin_write().await?;
    repo::update_workspace(&tx, &after).await?;
    let change = changes(&snapshot(before), &snapshot(&after));
    glider_db::repo::events::append(
        &tx,
        event(
            ctx,
            kind,
            Some(actor),
            Some(after.id),
            None,
            after.id.0,
            change,
        ),
    )
    .await?;
    glider_db::commit(tx).await?;
    Ok(())
}

/// Soft-deletes the workspace (owner only). Its slug stays reserved.
pub async fn delete(ctx: &Ctx, actor: &Actor, slug: &str) -> ServiceResult<()> {
    let found = access::workspace(ctx, actor, slug).await?;
    let owner: WorkspaceOwner = found.access.owner().map_err(refuse("workspace"))?;
    let id = owner.access().workspace_id;
    let tx = ctx.db.begin_write().await?;
    repo::soft_delete_workspace(&tx, id, ctx.now()).await?;
    glider_db::repo::events::append(
        &tx,
        event(
            ctx,
            "workspaces.workspace.deleted",
            Some(actor.user.id),
            Some(id),
            None,
            id.0,
            json!({}),
        ),
    )
    .await?;
    glider_db::commit(tx).await?;
    tracing::info!(workspace = %found.workspace.slug, "workspace deleted");
    Ok(())
}

/// The owner's access to a workspace, for operators acting through the admin CLI on the
/// owner's behalf.
pub async fn as_owner(ctx: &Ctx, slug: &str) -> ServiceResult<InWorkspace> {
    let workspace = repo::find_by_slug(ctx.db.conn(), slug)
        .await
        .map_err(ServiceError::db("workspace"))?;
    access::workspace_of(ctx, workspace.owner_id, slug).await
}
