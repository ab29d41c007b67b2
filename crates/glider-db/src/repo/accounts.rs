//! Users, sessions, refresh tokens and API tokens.

use chrono::{DateTime, Utc};
use glider_domain::{
    ApiTokenId, SessionId, UserId,
    model::accounts::{ApiToken, RefreshToken, Session, SessionKind, User, UserCredentials},
    values::Email,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    sea_query::Expr,
};

use crate::{
    DbError,
    entities::{api_token, refresh_token, session, user},
    repo::found,
};

pub(crate) fn to_user(row: user::Model) -> User {
    User {
        id: UserId(row.id),
        email: Email::from_trusted(row.email),
        first_name: row.first_name,
        last_name: row.last_name,
        display_name: row.display_name,
        avatar: row.avatar,
        timezone: row.timezone,
        is_active: row.is_active,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

pub struct NewUser<'a> {
    pub id: UserId,
    pub email: &'a Email,
    pub password_hash: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub display_name: &'a str,
    pub now: DateTime<Utc>,
}

pub async fn insert_user(conn: &impl ConnectionTrait, new: NewUser<'_>) -> Result<User, DbError> {
    let row = user::ActiveModel {
        id: Set(new.id.0),
        email: Set(new.email.as_str().to_owned()),
        password_hash: Set(new.password_hash.to_owned()),
        first_name: Set(new.first_name.to_owned()),
        last_name: Set(new.last_name.to_owned()),
        display_name: Set(new.display_name.to_owned()),
        avatar: Set(String::new()),
        timezone: Set("UTC".to_owned()),
        is_active: Set(true),
        failed_logins: Set(0),
        locked_until: Set(None),
        last_login_at: Set(None),
        created_at: Set(new.now),
        updated_at: Set(new.now),
    };
    Ok(to_user(row.insert(conn).await?))
}

pub async fn find_user(conn: &impl ConnectionTrait, id: UserId) -> Result<User, DbError> {
    found(user::Entity::find_by_id(id.0).one(conn).await?).map(to_user)
}

pub async fn find_user_by_email(
    conn: &impl ConnectionTrait,
    email: &Email,
) -> Result<User, DbError> {
    found(
        user::Entity::find()
            .filter(user::Column::Email.eq(email.as_str()))
            .one(conn)
            .await?,
    )
    .map(to_user)
}

pub async fn find_credentials(
    conn: &impl ConnectionTrait,
    email: &Email,
) -> Result<UserCredentials, DbError> {
    let row = found(
        user::Entity::find()
            .filter(user::Column::Email.eq(email.as_str()))
            .one(conn)
            .await?,
    )?;
    Ok(credentials(row))
}

pub async fn find_credentials_by_id(
    conn: &impl ConnectionTrait,
    id: UserId,
) -> Result<UserCredentials, DbError> {
    found(user::Entity::find_by_id(id.0).one(conn).await?).map(credentials)
}

fn credentials(row: user::Model) -> UserCredentials {
    UserCredentials {
        password_hash: row.password_hash.clone(),
        failed_logins: row.failed_logins,
        locked_until: row.locked_until,
        user: to_user(row),
    }
}

/// Records a failed sign-in; returns the new count of consecutive failures.
pub async fn record_login_failure(
    conn: &impl ConnectionTrait,
    id: UserId,
    locked_until: Option<DateTime<Utc>>,
    failed_logins: i32,
) -> Result<(), DbError> {
    user::Entity::update_many()
        .col_expr(user::Column::FailedLogins, Expr::value(failed_logins))
        .col_expr(user::Column::LockedUntil, Expr::value(locked_until))
        .filter(user::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    Ok(())
}

pub async fn record_login_success(
    conn: &impl ConnectionTrait,
    id: UserId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    user::Entity::update_many()
        .col_expr(user::Column::FailedLogins, Expr::value(0))
        .col_expr(
            user::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(user::Column::LastLoginAt, Expr::value(Some(now)))
        .filter(user::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    Ok(())
}

pub async fn set_password_hash(
    conn: &impl ConnectionTrait,
    id: UserId,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(hash))
        .col_expr(user::Column::UpdatedAt, Expr::value(now))
        .filter(user::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    Ok(())
}

/// Writes the editable profile fields of `user`.
pub async fn update_profile(conn: &impl ConnectionTrait, user: &User) -> Result<(), DbError> {
    user::Entity::update_many()
        .col_expr(
            user::Column::FirstName,
            Expr::value(user.first_name.clone()),
        )
        .col_expr(user::Column::LastName, Expr::value(user.last_name.clone()))
        .col_expr(
            user::Column::DisplayName,
            Expr::value(user.display_name.clone()),
        )
        .col_expr(user::Column::Timezone, Expr::value(user.timezone.clone()))
        .col_expr(user::Column::UpdatedAt, Expr::value(user.updated_at))
        .filter(user::Column::Id.eq(user.id.0))
        .exec(conn)
        .await?;
    Ok(())
}

fn to_session(row: session::Model) -> Session {
    Session {
        id: SessionId(row.id),
        user_id: UserId(row.user_id),
        kind: SessionKind::from_stored(&row.kind),
        csrf_token: row.csrf_token,
        created_at: row.created_at,
        expires_at: row.expires_at,
        revoked_at: row.revoked_at,
    }
}

pub struct NewSession<'a> {
    pub id: SessionId,
    pub user_id: UserId,
    pub kind: SessionKind,
    pub secret_hash: Option<&'a str>,
    pub csrf_token: Option<&'a str>,
    pub user_agent: Option<&'a str>,
    pub ip: Option<&'a str>,
    pub now: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert_session(
    conn: &impl ConnectionTrait,
    new: NewSession<'_>,
) -> Result<Session, DbError> {
    let row = session::ActiveModel {
        id: Set(new.id.0),
        user_id: Set(new.user_id.0),
        kind: Set(new.kind.as_str().to_owned()),
        secret_hash: Set(new.secret_hash.map(str::to_owned)),
        csrf_token: Set(new.csrf_token.map(str::to_owned)),
        user_agent: Set(new.user_agent.map(|ua| ua.chars().take(512).collect())),
        ip: Set(new.ip.map(str::to_owned)),
        created_at: Set(new.now),
        last_seen_at: Set(new.now),
        expires_at: Set(new.expires_at),
        revoked_at: Set(None),
        revoked_reason: Set(None),
    };
    Ok(to_session(row.insert(conn).await?))
}

pub async fn find_session(conn: &impl ConnectionTrait, id: SessionId) -> Result<Session, DbError> {
    found(session::Entity::find_by_id(id.0).one(conn).await?).map(to_session)
}

pub async fn find_session_by_secret(
    conn: &impl ConnectionTrait,
    secret_hash: &str,
) -> Result<Session, DbError> {
    found(
        session::Entity::find()
            .filter(session::Column::SecretHash.eq(secret_hash))
            .one(conn)
            .await?,
    )
    .map(to_session)
}

pub async fn revoke_session(
    conn: &impl ConnectionTrait,
    id: SessionId,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(Some(now)))
        .col_expr(
            session::Column::RevokedReason,
            Expr::value(Some(reason.to_owned())),
        )
        .filter(session::Column::Id.eq(id.0))
        .filter(session::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// Revokes every live session of a user except `keep` (after a password change).
pub async fn revoke_user_sessions(
    conn: &impl ConnectionTrait,
    user_id: UserId,
    keep: Option<SessionId>,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let mut update = session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(Some(now)))
        .col_expr(
            session::Column::RevokedReason,
            Expr::value(Some(reason.to_owned())),
        )
        .filter(session::Column::UserId.eq(user_id.0))
        .filter(session::Column::RevokedAt.is_null());
    if let Some(keep) = keep {
        update = update.filter(session::Column::Id.ne(keep.0));
    }
    update.exec(conn).await?;
    Ok(())
}

pub async fn insert_refresh_token(
    conn: &impl ConnectionTrait,
    session_id: SessionId,
    token_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), DbError> {
    let row = refresh_token::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        session_id: Set(session_id.0),
        token_hash: Set(token_hash.to_owned()),
        created_at: Set(now),
        expires_at: Set(expires_at),
        rotated_at: Set(None),
    };
    refresh_token::Entity::insert(row)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

pub async fn find_refresh_token(
    conn: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<RefreshToken, DbError> {
    let row = found(
        refresh_token::Entity::find()
            .filter(refresh_token::Column::TokenHash.eq(token_hash))
            .one(conn)
            .await?,
    )?;
    Ok(RefreshToken {
        session_id: SessionId(row.session_id),
        expires_at: row.expires_at,
        rotated_at: row.rotated_at,
    })
}

/// Marks a refresh token used. Returns false if another request rotated it first, so two
/// concurrent refreshes with one token cannot both succeed.
pub async fn mark_refresh_token_rotated(
    conn: &impl ConnectionTrait,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let result = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RotatedAt, Expr::value(Some(now)))
        .filter(refresh_token::Column::TokenHash.eq(token_hash))
        .filter(refresh_token::Column::RotatedAt.is_null())
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

fn to_api_token(row: api_token::Model) -> ApiToken {
    ApiToken {
        id: ApiTokenId(row.id),
        user_id: UserId(row.user_id),
        name: row.name,
        hint: row.token_hint,
        created_at: row.created_at,
        expires_at: row.expires_at,
        last_used_at: row.last_used_at,
        revoked_at: row.revoked_at,
    }
}

pub struct NewApiToken<'a> {
    pub id: ApiTokenId,
    pub user_id: UserId,
    pub name: &'a str,
    pub token_hash: &'a str,
    pub hint: &'a str,
    pub now: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
}

pub async fn insert_api_token(
    conn: &impl ConnectionTrait,
    new: NewApiToken<'_>,
) -> Result<ApiToken, DbError> {
    let row = api_token::ActiveModel {
        id: Set(new.id.0),
        user_id: Set(new.user_id.0),
        name: Set(new.name.to_owned()),
        token_hash: Set(new.token_hash.to_owned()),
        token_hint: Set(new.hint.to_owned()),
        created_at: Set(new.now),
        expires_at: Set(new.expires_at),
        last_used_at: Set(None),
        revoked_at: Set(None),
    };
    Ok(to_api_token(row.insert(conn).await?))
}

pub async fn find_api_token_by_hash(
    conn: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<ApiToken, DbError> {
    found(
        api_token::Entity::find()
            .filter(api_token::Column::TokenHash.eq(token_hash))
            .one(conn)
            .await?,
    )
    .map(to_api_token)
}

pub async fn list_api_tokens(
    conn: &impl ConnectionTrait,
    user_id: UserId,
) -> Result<Vec<ApiToken>, DbError> {
    Ok(api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(user_id.0))
        .filter(api_token::Column::RevokedAt.is_null())
        .order_by_desc(api_token::Column::CreatedAt)
        .all(conn)
        .await?
        .into_iter()
        .map(to_api_token)
        .collect())
}

pub async fn touch_api_token(
    conn: &impl ConnectionTrait,
    id: ApiTokenId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    api_token::Entity::update_many()
        .col_expr(api_token::Column::LastUsedAt, Expr::value(Some(now)))
        .filter(api_token::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    Ok(())
}

/// Revokes a token of `user_id`; `NotFound` if the user has no such live token.
pub async fn revoke_api_token(
    conn: &impl ConnectionTrait,
    user_id: UserId,
    id: ApiTokenId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let result = api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Expr::value(Some(now)))
        .filter(api_token::Column::Id.eq(id.0))
        .filter(api_token::Column::UserId.eq(user_id.0))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    if result.rows_affected == 0 {
        Err(DbError::NotFound)
    } else {
        Ok(())
    }
}

/// Users by id, in one query (for `expand`).
pub async fn find_users(
    conn: &impl ConnectionTrait,
    ids: &[UserId],
) -> Result<std::collections::HashMap<uuid::Uuid, User>, DbError> {
    crate::repo::workspaces::users_by_id(conn, ids.iter().map(|id| id.0).collect()).await
}
