//! Project members with roles (Plane's `project-members`).

use glider_db::repo::{projects as repo, workspaces as workspace_repo};
use glider_domain::{
    ProjectId, ProjectMemberId, ProjectRole, UserId, WorkspaceRole, model::tracker::ProjectMember,
};
use serde_json::{Map, Value, json};

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self, InProject, refuse},
    accounts::Actor,
    events::event,
    input::JsonInput,
};

/// Every membership row of the project, active or not (as Plane lists them).
pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
) -> ServiceResult<Vec<ProjectMember>> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    Ok(repo::list_project_members(ctx.db.conn(), found.project.id).await?)
}

pub async fn get(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: ProjectMemberId,
) -> ServiceResult<ProjectMember> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    repo::find_project_member(ctx.db.conn(), found.project.id, id)
        .await
        .map_err(ServiceError::db("project_member"))
}

fn parse_role(input: &mut JsonInput<'_>, body: &Map<String, Value>) -> Option<ProjectRole> {
    let value = body.get("role")?;
    match ProjectRole::parse("role", value) {
        Ok(role) => Some(role),
        Err(error) => {
            input.errors.push(error);
            None
        }
    }
}

/// The new member must be an active workspace member; a workspace guest stays a guest.
async fn check_member(
    ctx: &Ctx,
    found: &InProject,
    user_id: UserId,
    role: ProjectRole,
) -> ServiceResult<()> {
    let invalid = |message: &str| {
        ServiceError::Validation(glider_domain::ValidationError::new("member", message).into())
    };
    match workspace_repo::find_membership(ctx.db.conn(), found.workspace.id, user_id).await? {
        Some((_, workspace_role, true)) => {
            if workspace_role == WorkspaceRole::Guest && role > ProjectRole::Guest {
                return Err(ServiceError::Validation(
                    glider_domain::ValidationError::new(
                        "role",
                        "A workspace guest can only be a project guest.",
                    )
                    .into(),
                ));
            }
            Ok(())
        }
        _ => Err(invalid("Member not found in workspace")),
    }
}

pub async fn add(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    body: &Map<String, Value>,
) -> ServiceResult<ProjectMember> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    found.access.admin().map_err(refuse("project"))?;
    let mut input = JsonInput::new(body);
    let member = match input.uuid("member").value() {
        Some(id) => Some(UserId(id)),
        None => {
            if !input.has("member") || body.get("member").is_some_and(Value::is_null) {
                input.error("member", "This field is required.");
            }
            None
        }
    };
    let role = parse_role(&mut input, body).unwrap_or(ProjectRole::Guest);
    std::mem::take(&mut input.errors).into_result()?;
    let Some(member) = member else {
        return Err(anyhow::anyhow!("validated member missing").into());
    };
    check_member(ctx, &found, member, role).await?;
    if repo::has_member_row(ctx.db.conn(), found.project.id, member).await? {
        return Err(ServiceError::conflict(
            "member",
            "This person is already a member of the project.",
        ));
    }
    let now = ctx.now();
    let tx = ctx.db.begin_write().await?;
    let id = repo::upsert_project_member(&tx, &found.project, member, role, now).await?;
    let added = event(
        ctx,
        "tracker.project_member.added",
        Some(actor.user.id),
        Some(found.workspace.id),
        Some(found.project.id),
        id.0,
        json!({ "member": member, "role": role.plane_code() }),
    );
    glider_db::repo::events::append(&tx, added).await?;
    glider_db::commit(tx).await?;
    repo::find_project_member(ctx.db.conn(), found.project.id, id)
        .await
        .map_err(ServiceError::db("project_member"))
}

/// Changes a member's role (project admins). The last active admin cannot step down.
pub async fn update(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: ProjectMemberId,
    body: &Map<String, Value>,
) -> ServiceResult<ProjectMember> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    found.access.admin().map_err(refuse("project"))?;
    let mut member = repo::find_project_member(ctx.db.conn(), found.project.id, id)
        .await
        .map_err(ServiceError::db("project_member"))?;
    let mut input = JsonInput::new(body);
    let role = parse_role(&mut input, body);
    std::mem::take(&mut input.errors).into_result()?;
    let before = member.role;
    if let Some(role) = role {
        check_member(ctx, &found, member.user.id, role).await?;
        if before == ProjectRole::Admin && role != ProjectRole::Admin {
            ensure_other_admin(ctx, &found, member.user.id).await?;
        }
        member.role = role;
    }
    save(
        ctx,
        actor,
        &found,
        &member,
        json!({ "role": { "old": before.plane_code(), "new": member.role.plane_code() } }),
        "tracker.project_member.updated",
    )
    .await?;
    Ok(member)
}

async fn ensure_other_admin(ctx: &Ctx, found: &InProject, leaving: UserId) -> ServiceResult<()> {
    let members = repo::list_project_members(ctx.db.conn(), found.project.id).await?;
    let others = members
        .iter()
        .any(|m| m.is_active && m.role == ProjectRole::Admin && m.user.id != leaving);
    if others {
        Ok(())
    } else {
        Err(ServiceError::rule(
            "last_project_admin",
            "A project needs at least one admin.",
        ))
    }
}

async fn save(
    ctx: &Ctx,
    actor: &Actor,
    found: &InProject,
    member: &ProjectMember,
    payload: Value,
    kind: &'static str,
) -> ServiceResult<()> {
    let tx = ctx.db.begin_write().await?;
    repo::update_project_member(&tx, member, ctx.now()).await?;
    glider_db::repo::events::append(
        &tx,
        event(
            ctx,
            kind,
            Some(actor.user.id),
            Some(found.workspace.id),
            Some(found.project.id),
            member.id.0,
            payload,
        ),
    )
    .await?;
    glider_db::commit(tx).await?;
    Ok(())
}

/// Deactivates a membership (Plane keeps the row).
pub async fn remove(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: ProjectMemberId,
) -> ServiceResult<()> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    found.access.admin().map_err(refuse("project"))?;
    let mut member = repo::find_project_member(ctx.db.conn(), found.project.id, id)
        .await
        .map_err(ServiceError::db("project_member"))?;
    if member.role == ProjectRole::Admin && member.is_active {
        ensure_other_admin(ctx, &found, member.user.id).await?;
    }
    member.is_active = false;
    save(
        ctx,
        actor,
        &found,
        &member,
        json!({ "is_active": { "old": true, "new": false } }),
        "tracker.project_member.removed",
    )
    .await
}
