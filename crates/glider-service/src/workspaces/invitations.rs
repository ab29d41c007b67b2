//! Invitations: an admin invites an e-mail address; the person accepts with the token link.
//! The invitation e-mail is queued in the same transaction; the admin also gets the link in
//! the response.

use glider_db::{DbError, repo::workspaces as repo};
use glider_domain::{
    InvitationId, WorkspaceRole,
    model::workspaces::{Invitation, Workspace},
    values::Email,
};
use serde_json::{Map, Value, json};

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self, InWorkspace, refuse},
    accounts::{Actor, tokens},
    events::event,
    input::JsonInput,
};

/// An invitation as created: the token link is shown to the admin once.
#[derive(Debug)]
pub struct CreatedInvitation {
    pub invitation: Invitation,
    pub token: String,
    pub link: String,
}

fn parse_role(input: &mut JsonInput<'_>, body: &Map<String, Value>) -> Option<WorkspaceRole> {
    let value = body.get("role")?;
    match WorkspaceRole::parse("role", value) {
        Ok(WorkspaceRole::Owner) => {
            input.error("role", "An invitation cannot make someone the owner.");
            None
        }
        Ok(role) => Some(role),
        Err(error) => {
            input.errors.push(error);
            None
        }
    }
}

async fn admin_scope(ctx: &Ctx, actor: &Actor, slug: &str) -> ServiceResult<InWorkspace> {
    let found = access::workspace(ctx, actor, slug).await?;
    found.access.admin().map_err(refuse("workspace"))?;
    Ok(found)
}

pub async fn create(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    body: &Map<String, Value>,
) -> ServiceResult<CreatedInvitation> {
    let found = admin_scope(ctx, actor, slug).await?;
    let mut input = JsonInput::new(body);
    let email = input.required_string("email", 254);
    let role = parse_role(&mut input, body).unwrap_or(WorkspaceRole::Guest);
    let mut errors = std::mem::take(&mut input.errors);
    let email = email.and_then(|raw| errors.check(Email::parse("email", &raw)));
    errors.into_result()?;
    let Some(email) = email else {
        return Err(anyhow::anyhow!("validated e-mail missing").into());
    };
    if let Ok(user) = glider_db::repo::accounts::find_user_by_email(ctx.db.conn(), &email).await
        && let Some((_, _, true)) =
            repo::find_membership(ctx.db.conn(), found.workspace.id, user.id).await?
    {
        return Err(ServiceError::conflict(
            "email",
            "This person is already a member of the workspace.",
        ));
    }
    let now = ctx.now();
    let token = tokens::random_secret(32);
    let invitation = Invitation {
        id: InvitationId::new(),
        workspace_id: found.workspace.id,
        email: email.as_str().to_owned(),
        role,
        invited_by: actor.user.id,
        expires_at: now + ctx.settings.invitation_ttl,
        responded_at: None,
        accepted: false,
        created_at: now,
        updated_at: now,
    };
    let tx = ctx.db.begin_write().await?;
    repo::insert_invitation(&tx, &invitation, &tokens::digest(&token))
        .await
        .map_err(|error| match error {
            DbError::Conflict { .. } => ServiceError::conflict("email", "Email already invited"),
            other => other.into(),
        })?;
    let payload = json!({ "email": invitation.email, "role": role });
    glider_db::repo::events::append(
        &tx,
        event(
            ctx,
            "workspaces.invitation.created",
            Some(actor.user.id),
            Some(found.workspace.id),
            None,
            invitation.id.0,
            payload,
        ),
    )
    .await?;
    let link = format!(
        "{}/invitations/{token}",
        ctx.settings.public_url.trim_end_matches('/')
    );
    // Queued with the invitation: it is sent exactly when the invitation exists.
    let message = crate::email::templates::invitation(
        &invitation.email,
        &actor.user.display_name,
        &found.workspace.name,
        &link,
    );
    crate::email::queue_in_workspace(ctx, &tx, found.workspace.id, message).await?;
    glider_db::commit(tx).await?;
    Ok(CreatedInvitation {
        invitation,
        token,
        link,
    })
}

pub async fn list(ctx: &Ctx, actor: &Actor, slug: &str) -> ServiceResult<Vec<Invitation>> {
    let found = admin_scope(ctx, actor, slug).await?;
    Ok(repo::list_invitations(ctx.db.conn(), found.workspace.id).await?)
}

pub async fn get(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    id: InvitationId,
) -> ServiceResult<Invitation> {
    let found = admin_scope(ctx, actor, slug).await?;
    repo::find_invitation(ctx.db.conn(), found.workspace.id, id)
        .await
        .map_err(ServiceError::db("invitation"))
}

/// Changes the role of a pending invitation. The e-mail cannot change.
pub async fn update(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    id: InvitationId,
    body: &Map<String, Value>,
) -> ServiceResult<Invitation> {
    let found = admin_scope(ctx, actor, slug).await?;
    let mut invitation = repo::find_invitation(ctx.db.conn(), found.workspace.id, id)
        .await
        .map_err(ServiceError::db("invitation"))?;
    let mut input = JsonInput::new(body);
    if input.has("email") {
        input.error("email", "Email cannot be updated after invite is created.");
    }
    let role = parse_role(&mut input, body);
    std::mem::take(&mut input.errors).into_result()?;
    if invitation.responded_at.is_some() {
        return Err(ServiceError::rule(
            "invitation_already_responded",
            "Invite already responded",
        ));
    }
    let before = invitation.role;
    if let Some(role) = role {
        invitation.role = role;
    }
    invitation.updated_at = ctx.now();
    let tx = ctx.db.begin_write().await?;
    repo::save_invitation(&tx, &invitation).await?;
    let payload = json!({ "role": { "old": before, "new": invitation.role } });
    glider_db::repo::events::append(
        &tx,
        event(
            ctx,
            "workspaces.invitation.updated",
            Some(actor.user.id),
            Some(found.workspace.id),
            None,
            id.0,
            payload,
        ),
    )
    .await?;
    glider_db::commit(tx).await?;
    Ok(invitation)
}

/// Revokes a pending invitation; its link stops working.
pub async fn revoke(ctx: &Ctx, actor: &Actor, slug: &str, id: InvitationId) -> ServiceResult<()> {
    let found = admin_scope(ctx, actor, slug).await?;
    let invitation = repo::find_invitation(ctx.db.conn(), found.workspace.id, id)
        .await
        .map_err(ServiceError::db("invitation"))?;
    if invitation.accepted {
        return Err(ServiceError::rule(
            "invitation_already_accepted",
            "Invite already accepted",
        ));
    }
    if invitation.responded_at.is_some() {
        return Err(ServiceError::rule(
            "invitation_already_responded",
            "Invite already responded",
        ));
    }
    let tx = ctx.db.begin_write().await?;
    repo::delete_invitation(&tx, id, ctx.now()).await?;
    glider_db::repo::events::append(
        &tx,
        event(
            ctx,
            "workspaces.invitation.revoked",
            Some(actor.user.id),
            Some(found.workspace.id),
            None,
            id.0,
            json!({}),
        ),
    )
    .await?;
    glider_db::commit(tx).await?;
    Ok(())
}

/// Pending invitations addressed to the actor.
pub async fn list_mine(ctx: &Ctx, actor: &Actor) -> ServiceResult<Vec<(Invitation, Workspace)>> {
    let invitations =
        repo::list_invitations_for_email(ctx.db.conn(), actor.user.email.as_str()).await?;
    let mut out = Vec::with_capacity(invitations.len());
    for invitation in invitations {
        if invitation.expires_at <= ctx.now() {
            continue;
        }
        if let Some(workspace) = workspace_by_id(ctx, invitation.workspace_id).await? {
            out.push((invitation, workspace));
        }
    }
    Ok(out)
}

async fn workspace_by_id(
    ctx: &Ctx,
    id: glider_domain::WorkspaceId,
) -> ServiceResult<Option<Workspace>> {
    Ok(glider_db::repo::workspaces::find_by_id(ctx.db.conn(), id)
        .await
        .ok())
}

/// Accepts (or declines) an invitation by its token. Only the invited address may answer.
pub async fn respond(
    ctx: &Ctx,
    actor: &Actor,
    token: &str,
    accept: bool,
) -> ServiceResult<Workspace> {
    let not_found = || ServiceError::not_found("invitation");
    let mut invitation = repo::find_invitation_by_token(ctx.db.conn(), &tokens::digest(token))
        .await
        .map_err(|_| not_found())?;
    let now = ctx.now();
    if invitation.responded_at.is_some() {
        return Err(ServiceError::rule(
            "invitation_already_responded",
            "This invitation was already answered.",
        ));
    }
    if invitation.expires_at <= now {
        return Err(ServiceError::rule(
            "invitation_expired",
            "This invitation has expired; ask for a new one.",
        ));
    }
    if invitation.email != actor.user.email.as_str() {
        return Err(ServiceError::rule(
            "invitation_for_other_email",
            "This invitation was sent to another e-mail address.",
        ));
    }
    let workspace = workspace_by_id(ctx, invitation.workspace_id)
        .await?
        .ok_or_else(not_found)?;
    invitation.responded_at = Some(now);
    invitation.accepted = accept;
    invitation.updated_at = now;
    let tx = ctx.db.begin_write().await?;
    repo::save_invitation(&tx, &invitation).await?;
    if accept {
        repo::upsert_member(&tx, workspace.id, actor.user.id, invitation.role, now).await?;
    }
    let kind = if accept {
        "workspaces.invitation.accepted"
    } else {
        "workspaces.invitation.declined"
    };
    let payload = json!({ "email": invitation.email, "role": invitation.role });
    glider_db::repo::events::append(
        &tx,
        event(
            ctx,
            kind,
            Some(actor.user.id),
            Some(workspace.id),
            None,
            invitation.id.0,
            payload,
        ),
    )
    .await?;
    glider_db::commit(tx).await?;
    Ok(workspace)
}
