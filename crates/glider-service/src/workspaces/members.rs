//! Workspace members: listing, roles, removal, leaving, ownership transfer.

use glider_db::repo::{projects as project_repo, workspaces as repo};
use glider_domain::{
    UserId, ValidationError, WorkspaceRole,
    model::{accounts::User, workspaces::WorkspaceMember},
    policy::WorkspaceAdmin,
};
use serde_json::json;

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self, refuse},
    accounts::Actor,
    events::event,
};

/// The filters Plane's SDK sends with member lists (Plane ignores them; Glider applies them):
/// text filters match case-insensitively anywhere, `role_slug` and the booleans exactly.
#[derive(Clone, Debug, Default)]
pub struct MemberFilter {
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub display_name: Option<String>,
    /// owner, admin, member or guest (on project lists: admin, member or guest).
    pub role_slug: Option<String>,
    pub is_active: Option<bool>,
    /// Glider has no bot accounts: `true` matches nobody.
    pub is_bot: Option<bool>,
}

fn contains(haystack: &str, needle: Option<&String>) -> bool {
    needle.is_none_or(|needle| haystack.to_lowercase().contains(&needle.to_lowercase()))
}

impl MemberFilter {
    /// The text and flag filters, for a person whose membership is `is_active`.
    pub(crate) fn matches_person(&self, user: &User, is_active: bool) -> bool {
        contains(user.email.as_str(), self.email.as_ref())
            && contains(&user.first_name, self.first_name.as_ref())
            && contains(&user.last_name, self.last_name.as_ref())
            && contains(&user.display_name, self.display_name.as_ref())
            && self.is_active.is_none_or(|active| active == is_active)
            && self.is_bot.is_none_or(|bot| !bot)
    }

    fn workspace_role(&self) -> Result<Option<WorkspaceRole>, ValidationError> {
        self.role_slug
            .as_deref()
            .map(|raw| {
                WorkspaceRole::from_stored(raw).ok_or_else(|| {
                    ValidationError::new("role_slug", format!("\"{raw}\" is not a valid choice."))
                })
            })
            .transpose()
    }
}

/// Every member row matching `filter`, newest first. Guests may not list members (as in
/// Plane).
pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    filter: &MemberFilter,
) -> ServiceResult<Vec<WorkspaceMember>> {
    let found = access::workspace(ctx, actor, slug).await?;
    let viewer = found.access.contributor().map_err(refuse("workspace"))?;
    let role = filter.workspace_role()?;
    let members = repo::list_members(ctx.db.conn(), viewer.access().workspace_id).await?;
    Ok(members
        .into_iter()
        .filter(|m| filter.matches_person(&m.user, m.is_active))
        .filter(|m| role.is_none_or(|role| m.role == role))
        .collect())
}

async fn active_member(
    ctx: &Ctx,
    admin_workspace: glider_domain::WorkspaceId,
    user_id: UserId,
) -> ServiceResult<WorkspaceRole> {
    match repo::find_membership(ctx.db.conn(), admin_workspace, user_id).await? {
        Some((_, role, true)) => Ok(role),
        _ => Err(ServiceError::not_found("member")),
    }
}

/// Adds an existing user (the admin CLI; people join through invitations). Adding with the
/// owner role transfers ownership.
pub async fn add(
    ctx: &Ctx,
    admin: &WorkspaceAdmin,
    user_id: UserId,
    role: WorkspaceRole,
) -> ServiceResult<()> {
    let workspace_id = admin.access().workspace_id;
    let now = ctx.now();
    let tx = ctx.db.begin_write().await?;
    let stored_role = if role == WorkspaceRole::Owner {
        WorkspaceRole::Admin
    } else {
        role
    };
    repo::upsert_member(&tx, workspace_id, user_id, stored_role, now).await?;
    let payload = json!({ "user": user_id, "role": stored_role });
    glider_db::repo::events::append(
        &tx,
        event(
            ctx,
            "workspaces.member.added",
            Some(admin.access().user_id),
            Some(workspace_id),
            None,
            user_id.0,
            payload,
        ),
    )
    .await?;
    glider_db::commit(tx).await?;
    if role == WorkspaceRole::Owner {
        let owner = admin.access().owner().map_err(refuse("workspace"))?;
        transfer(ctx, owner.access().user_id, workspace_id, user_id).await?;
    }
    Ok(())
}

/// Changes a member's role (admins). The owner's role changes only through a transfer.
pub async fn change_role(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    user_id: UserId,
    role: WorkspaceRole,
) -> ServiceResult<WorkspaceMember> {
    let found = access::workspace(ctx, actor, slug).await?;
    let admin = found.access.admin().map_err(refuse("workspace"))?;
    let workspace_id = admin.access().workspace_id;
    let current = active_member(ctx, workspace_id, user_id).await?;
    if role == WorkspaceRole::Owner {
        return Err(ServiceError::rule(
            "use_transfer_ownership",
            "Use transfer-ownership to make someone the owner.",
        ));
    }
    if current == WorkspaceRole::Owner {
        return Err(ServiceError::rule(
            "owner_role_fixed",
            "The owner's role changes only by transferring ownership.",
        ));
    }
    let now = ctx.now();
    let tx = ctx.db.begin_write().await?;
    repo::set_member_role(&tx, workspace_id, user_id, role, now).await?;
    let payload = json!({ "role": { "old": current, "new": role } });
    glider_db::repo::events::append(
        &tx,
        event(
            ctx,
            "workspaces.member.role_changed",
            Some(actor.user.id),
            Some(workspace_id),
            None,
            user_id.0,
            payload,
        ),
    )
    .await?;
    glider_db::commit(tx).await?;
    member(ctx, workspace_id, user_id).await
}

async fn member(
    ctx: &Ctx,
    workspace_id: glider_domain::WorkspaceId,
    user_id: UserId,
) -> ServiceResult<WorkspaceMember> {
    repo::list_members(ctx.db.conn(), workspace_id)
        .await?
        .into_iter()
        .find(|member| member.user.id == user_id)
        .ok_or(ServiceError::not_found("member"))
}

/// Removes a member (admins); they lose their project memberships too.
pub async fn remove(ctx: &Ctx, actor: &Actor, slug: &str, user_id: UserId) -> ServiceResult<()> {
    let found = access::workspace(ctx, actor, slug).await?;
    let admin = found.access.admin().map_err(refuse("workspace"))?;
    let workspace_id = admin.access().workspace_id;
    if active_member(ctx, workspace_id, user_id).await? == WorkspaceRole::Owner {
        return Err(ServiceError::rule(
            "owner_cannot_be_removed",
            "The owner cannot be removed; transfer ownership first.",
        ));
    }
    deactivate(
        ctx,
        actor.user.id,
        workspace_id,
        user_id,
        "workspaces.member.removed",
    )
    .await
}

/// Leaves a workspace. The owner must transfer ownership first, so there is always one.
pub async fn leave(ctx: &Ctx, actor: &Actor, slug: &str) -> ServiceResult<()> {
    let found = access::workspace(ctx, actor, slug).await?;
    if found.access.role == WorkspaceRole::Owner {
        return Err(ServiceError::rule(
            "owner_cannot_leave",
            "The owner cannot leave; transfer ownership first.",
        ));
    }
    deactivate(
        ctx,
        actor.user.id,
        found.workspace.id,
        actor.user.id,
        "workspaces.member.left",
    )
    .await
}

async fn deactivate(
    ctx: &Ctx,
    actor: UserId,
    workspace_id: glider_domain::WorkspaceId,
    user_id: UserId,
    kind: &'static str,
) -> ServiceResult<()> {
    let now = ctx.now();
    let tx = ctx.db.begin_write().await?;
    repo::deactivate_member(&tx, workspace_id, user_id, now)
        .await
        .map_err(ServiceError::db("member"))?;
    project_repo::deactivate_user_in_workspace(&tx, workspace_id, user_id, now).await?;
    glider_db::repo::events::append(
        &tx,
        event(
            ctx,
            kind,
            Some(actor),
            Some(workspace_id),
            None,
            user_id.0,
            json!({}),
        ),
    )
    .await?;
    glider_db::commit(tx).await?;
    Ok(())
}

/// Hands ownership to another active member (owner only). The former owner stays an admin.
pub async fn transfer_ownership(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    new_owner: UserId,
) -> ServiceResult<()> {
    let found = access::workspace(ctx, actor, slug).await?;
    let owner = found.access.owner().map_err(refuse("workspace"))?;
    transfer(
        ctx,
        owner.access().user_id,
        owner.access().workspace_id,
        new_owner,
    )
    .await
}

async fn transfer(
    ctx: &Ctx,
    from: UserId,
    workspace_id: glider_domain::WorkspaceId,
    to: UserId,
) -> ServiceResult<()> {
    if from == to {
        return Ok(());
    }
    active_member(ctx, workspace_id, to).await.map_err(|_| {
        ServiceError::Validation(
            glider_domain::ValidationError::new(
                "user_id",
                "The new owner must be an active member of the workspace.",
            )
            .into(),
        )
    })?;
    let now = ctx.now();
    let tx = ctx.db.begin_write().await?;
    let mut workspace = repo::find_by_id(&tx, workspace_id)
        .await
        .map_err(ServiceError::db("workspace"))?;
    repo::set_member_role(&tx, workspace_id, from, WorkspaceRole::Admin, now).await?;
    repo::set_member_role(&tx, workspace_id, to, WorkspaceRole::Owner, now).await?;
    workspace.owner_id = to;
    workspace.updated_by = Some(from);
    workspace.updated_at = now;
    repo::update_workspace(&tx, &workspace).await?;
    let payload = json!({ "owner": { "old": from, "new": to } });
    glider_db::repo::events::append(
        &tx,
        event(
            ctx,
            "workspaces.ownership.transferred",
            Some(from),
            Some(workspace_id),
            None,
            workspace_id.0,
            payload,
        ),
    )
    .await?;
    glider_db::commit(tx).await?;
    tracing::info!(workspace_id = %workspace_id, from = %from, to = %to, "ownership transferred");
    Ok(())
}
