//! Workspaces, members and invitations.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use glider_domain::{
    InvitationId, UserId, WorkspaceId, WorkspaceMemberId, WorkspaceRole,
    model::{
        accounts::User,
        workspaces::{Invitation, Workspace, WorkspaceMember},
    },
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set, sea_query::Expr,
};

use crate::{
    DbError,
    entities::{user, workspace, workspace_invitation, workspace_member},
    repo::{accounts::to_user, found},
};

fn to_workspace(row: workspace::Model) -> Workspace {
    Workspace {
        id: WorkspaceId(row.id),
        slug: row.slug,
        name: row.name,
        owner_id: UserId(row.owner_id),
        timezone: row.timezone,
        created_by: UserId(row.created_by),
        updated_by: row.updated_by.map(UserId),
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

pub async fn insert_workspace(conn: &impl ConnectionTrait, new: &Workspace) -> Result<(), DbError> {
    let row = workspace::ActiveModel {
        id: Set(new.id.0),
        slug: Set(new.slug.clone()),
        name: Set(new.name.clone()),
        owner_id: Set(new.owner_id.0),
        timezone: Set(new.timezone.clone()),
        created_by: Set(new.created_by.0),
        updated_by: Set(new.updated_by.map(|id| id.0)),
        deleted_at: Set(None),
        created_at: Set(new.created_at),
        updated_at: Set(new.updated_at),
    };
    workspace::Entity::insert(row)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// A live (not deleted) workspace by slug.
pub async fn find_by_slug(conn: &impl ConnectionTrait, slug: &str) -> Result<Workspace, DbError> {
    found(
        workspace::Entity::find()
            .filter(workspace::Column::Slug.eq(slug))
            .filter(workspace::Column::DeletedAt.is_null())
            .one(conn)
            .await?,
    )
    .map(to_workspace)
}

/// True if any workspace, live or deleted, holds the slug.
pub async fn slug_taken(conn: &impl ConnectionTrait, slug: &str) -> Result<bool, DbError> {
    Ok(workspace::Entity::find()
        .filter(workspace::Column::Slug.eq(slug))
        .one(conn)
        .await?
        .is_some())
}

/// Live workspaces where `user_id` is an active member, with the member's role.
pub async fn list_for_user(
    conn: &impl ConnectionTrait,
    user_id: UserId,
) -> Result<Vec<(Workspace, WorkspaceRole)>, DbError> {
    let memberships = workspace_member::Entity::find()
        .filter(workspace_member::Column::UserId.eq(user_id.0))
        .filter(workspace_member::Column::IsActive.eq(true))
        .all(conn)
        .await?;
    let roles: HashMap<_, _> = memberships
        .iter()
        .map(|m| (m.workspace_id, m.role.clone()))
        .collect();
    let rows = workspace::Entity::find()
        .filter(workspace::Column::Id.is_in(roles.keys().copied().collect::<Vec<_>>()))
        .filter(workspace::Column::DeletedAt.is_null())
        .order_by_asc(workspace::Column::Name)
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let role = roles
                .get(&row.id)
                .and_then(|r| WorkspaceRole::from_stored(r))?;
            Some((to_workspace(row), role))
        })
        .collect())
}

pub async fn update_workspace(conn: &impl ConnectionTrait, ws: &Workspace) -> Result<(), DbError> {
    let row = found(workspace::Entity::find_by_id(ws.id.0).one(conn).await?)?;
    let mut active = row.into_active_model();
    active.name = Set(ws.name.clone());
    active.timezone = Set(ws.timezone.clone());
    active.owner_id = Set(ws.owner_id.0);
    active.updated_by = Set(ws.updated_by.map(|id| id.0));
    active.updated_at = Set(ws.updated_at);
    active.update(conn).await?;
    Ok(())
}

pub async fn soft_delete_workspace(
    conn: &impl ConnectionTrait,
    id: WorkspaceId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    workspace::Entity::update_many()
        .col_expr(workspace::Column::DeletedAt, Expr::value(Some(now)))
        .filter(workspace::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    Ok(())
}

/// The membership row of a user in a workspace, active or not.
pub async fn find_membership(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    user_id: UserId,
) -> Result<Option<(WorkspaceMemberId, WorkspaceRole, bool)>, DbError> {
    let row = workspace_member::Entity::find()
        .filter(workspace_member::Column::WorkspaceId.eq(workspace_id.0))
        .filter(workspace_member::Column::UserId.eq(user_id.0))
        .one(conn)
        .await?;
    Ok(row.and_then(|row| {
        let role = WorkspaceRole::from_stored(&row.role)?;
        Some((WorkspaceMemberId(row.id), role, row.is_active))
    }))
}

/// Adds a member, or reactivates a former one with the new role.
pub async fn upsert_member(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    user_id: UserId,
    role: WorkspaceRole,
    now: DateTime<Utc>,
) -> Result<WorkspaceMemberId, DbError> {
    if let Some((id, _, _)) = find_membership(conn, workspace_id, user_id).await? {
        workspace_member::Entity::update_many()
            .col_expr(workspace_member::Column::Role, Expr::value(role.as_str()))
            .col_expr(workspace_member::Column::IsActive, Expr::value(true))
            .col_expr(workspace_member::Column::UpdatedAt, Expr::value(now))
            .filter(workspace_member::Column::Id.eq(id.0))
            .exec(conn)
            .await?;
        return Ok(id);
    }
    let id = WorkspaceMemberId::new();
    let row = workspace_member::ActiveModel {
        id: Set(id.0),
        workspace_id: Set(workspace_id.0),
        user_id: Set(user_id.0),
        role: Set(role.as_str().to_owned()),
        is_active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
    };
    workspace_member::Entity::insert(row)
        .exec_without_returning(conn)
        .await?;
    Ok(id)
}

pub async fn set_member_role(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    user_id: UserId,
    role: WorkspaceRole,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let result = workspace_member::Entity::update_many()
        .col_expr(workspace_member::Column::Role, Expr::value(role.as_str()))
        .col_expr(workspace_member::Column::UpdatedAt, Expr::value(now))
        .filter(workspace_member::Column::WorkspaceId.eq(workspace_id.0))
        .filter(workspace_member::Column::UserId.eq(user_id.0))
        .filter(workspace_member::Column::IsActive.eq(true))
        .exec(conn)
        .await?;
    if result.rows_affected == 0 {
        Err(DbError::NotFound)
    } else {
        Ok(())
    }
}

pub async fn deactivate_member(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    user_id: UserId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let result = workspace_member::Entity::update_many()
        .col_expr(workspace_member::Column::IsActive, Expr::value(false))
        .col_expr(workspace_member::Column::UpdatedAt, Expr::value(now))
        .filter(workspace_member::Column::WorkspaceId.eq(workspace_id.0))
        .filter(workspace_member::Column::UserId.eq(user_id.0))
        .filter(workspace_member::Column::IsActive.eq(true))
        .exec(conn)
        .await?;
    if result.rows_affected == 0 {
        Err(DbError::NotFound)
    } else {
        Ok(())
    }
}

/// Every membership row of the workspace, newest first (Plane's order), with its user.
pub async fn list_members(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
) -> Result<Vec<WorkspaceMember>, DbError> {
    let rows = workspace_member::Entity::find()
        .filter(workspace_member::Column::WorkspaceId.eq(workspace_id.0))
        .order_by_desc(workspace_member::Column::CreatedAt)
        .order_by_desc(workspace_member::Column::Id)
        .all(conn)
        .await?;
    let users = users_by_id(conn, rows.iter().map(|row| row.user_id).collect()).await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(WorkspaceMember {
                id: WorkspaceMemberId(row.id),
                workspace_id,
                user: users.get(&row.user_id)?.clone(),
                role: WorkspaceRole::from_stored(&row.role)?,
                is_active: row.is_active,
                created_at: row.created_at,
            })
        })
        .collect())
}

pub(crate) async fn users_by_id(
    conn: &impl ConnectionTrait,
    ids: Vec<uuid::Uuid>,
) -> Result<HashMap<uuid::Uuid, User>, DbError> {
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|row| (row.id, to_user(row)))
        .collect())
}

fn to_invitation(row: workspace_invitation::Model) -> Option<Invitation> {
    Some(Invitation {
        id: InvitationId(row.id),
        workspace_id: WorkspaceId(row.workspace_id),
        email: row.email,
        role: WorkspaceRole::from_stored(&row.role)?,
        invited_by: UserId(row.invited_by),
        expires_at: row.expires_at,
        responded_at: row.responded_at,
        accepted: row.accepted,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

pub async fn insert_invitation(
    conn: &impl ConnectionTrait,
    new: &Invitation,
    token_hash: &str,
) -> Result<(), DbError> {
    let row = workspace_invitation::ActiveModel {
        id: Set(new.id.0),
        workspace_id: Set(new.workspace_id.0),
        email: Set(new.email.clone()),
        role: Set(new.role.as_str().to_owned()),
        token_hash: Set(token_hash.to_owned()),
        invited_by: Set(new.invited_by.0),
        expires_at: Set(new.expires_at),
        responded_at: Set(None),
        accepted: Set(false),
        deleted_at: Set(None),
        created_at: Set(new.created_at),
        updated_at: Set(new.updated_at),
    };
    workspace_invitation::Entity::insert(row)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

pub async fn list_invitations(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
) -> Result<Vec<Invitation>, DbError> {
    Ok(workspace_invitation::Entity::find()
        .filter(workspace_invitation::Column::WorkspaceId.eq(workspace_id.0))
        .filter(workspace_invitation::Column::DeletedAt.is_null())
        .order_by_desc(workspace_invitation::Column::CreatedAt)
        .all(conn)
        .await?
        .into_iter()
        .filter_map(to_invitation)
        .collect())
}

pub async fn find_invitation(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    id: InvitationId,
) -> Result<Invitation, DbError> {
    let row = workspace_invitation::Entity::find_by_id(id.0)
        .filter(workspace_invitation::Column::WorkspaceId.eq(workspace_id.0))
        .filter(workspace_invitation::Column::DeletedAt.is_null())
        .one(conn)
        .await?;
    found(row.and_then(to_invitation))
}

pub async fn find_invitation_by_token(
    conn: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Invitation, DbError> {
    let row = workspace_invitation::Entity::find()
        .filter(workspace_invitation::Column::TokenHash.eq(token_hash))
        .filter(workspace_invitation::Column::DeletedAt.is_null())
        .one(conn)
        .await?;
    found(row.and_then(to_invitation))
}

/// Pending invitations addressed to `email`, across workspaces.
pub async fn list_invitations_for_email(
    conn: &impl ConnectionTrait,
    email: &str,
) -> Result<Vec<Invitation>, DbError> {
    Ok(workspace_invitation::Entity::find()
        .filter(workspace_invitation::Column::Email.eq(email))
        .filter(workspace_invitation::Column::DeletedAt.is_null())
        .filter(workspace_invitation::Column::RespondedAt.is_null())
        .order_by_desc(workspace_invitation::Column::CreatedAt)
        .all(conn)
        .await?
        .into_iter()
        .filter_map(to_invitation)
        .collect())
}

pub async fn save_invitation(
    conn: &impl ConnectionTrait,
    invitation: &Invitation,
) -> Result<(), DbError> {
    workspace_invitation::Entity::update_many()
        .col_expr(
            workspace_invitation::Column::Role,
            Expr::value(invitation.role.as_str()),
        )
        .col_expr(
            workspace_invitation::Column::RespondedAt,
            Expr::value(invitation.responded_at),
        )
        .col_expr(
            workspace_invitation::Column::Accepted,
            Expr::value(invitation.accepted),
        )
        .col_expr(
            workspace_invitation::Column::UpdatedAt,
            Expr::value(invitation.updated_at),
        )
        .filter(workspace_invitation::Column::Id.eq(invitation.id.0))
        .exec(conn)
        .await?;
    Ok(())
}

pub async fn delete_invitation(
    conn: &impl ConnectionTrait,
    id: InvitationId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    workspace_invitation::Entity::update_many()
        .col_expr(
            workspace_invitation::Column::DeletedAt,
            Expr::value(Some(now)),
        )
        .filter(workspace_invitation::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    Ok(())
}

/// A live workspace by id.
pub async fn find_by_id(
    conn: &impl ConnectionTrait,
    id: WorkspaceId,
) -> Result<Workspace, DbError> {
    found(
        workspace::Entity::find_by_id(id.0)
            .filter(workspace::Column::DeletedAt.is_null())
            .one(conn)
            .await?,
    )
    .map(to_workspace)
}
