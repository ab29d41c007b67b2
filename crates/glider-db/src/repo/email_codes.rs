//! One-time codes sent by e-mail (magic-link sign-in, password reset). Only digests are
//! stored; every use is a conditional update so a code is spent at most once.

use chrono::{DateTime, Utc};
use glider_domain::{
    UserId,
    model::email::{CodePurpose, OneTimeCode},
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use crate::{DbError, entities::one_time_code};

fn purpose(value: &str) -> CodePurpose {
    match value {
        "magic_link" => CodePurpose::MagicLink,
        _ => CodePurpose::PasswordReset,
    }
}

fn to_code(row: one_time_code::Model) -> OneTimeCode {
    OneTimeCode {
        id: row.id,
        user_id: UserId(row.user_id),
        purpose: purpose(&row.purpose),
        code_hash: row.code_hash,
        token_hash: row.token_hash,
        expires_at: row.expires_at,
        used_at: row.used_at,
        attempts: row.attempts,
        created_at: row.created_at,
    }
}

pub async fn insert(conn: &impl ConnectionTrait, code: &OneTimeCode) -> Result<(), DbError> {
    let row = one_time_code::ActiveModel {
        id: Set(code.id),
        user_id: Set(code.user_id.0),
        purpose: Set(code.purpose.as_str().to_owned()),
        code_hash: Set(code.code_hash.clone()),
        token_hash: Set(code.token_hash.clone()),
        expires_at: Set(code.expires_at),
        used_at: Set(code.used_at),
        attempts: Set(code.attempts),
        created_at: Set(code.created_at),
    };
    one_time_code::Entity::insert(row)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Retires every live code of `user` for `purpose` (a new one replaces them; a spent one
/// takes its siblings with it).
pub async fn retire_all(
    conn: &impl ConnectionTrait,
    user: UserId,
    purpose: CodePurpose,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    one_time_code::Entity::update_many()
        .col_expr(one_time_code::Column::UsedAt, Expr::value(Some(now)))
        .filter(one_time_code::Column::UserId.eq(user.0))
        .filter(one_time_code::Column::Purpose.eq(purpose.as_str()))
        .filter(one_time_code::Column::UsedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// The newest unspent, unexpired code of `user` for `purpose`.
pub async fn latest_live(
    conn: &impl ConnectionTrait,
    user: UserId,
    purpose: CodePurpose,
    now: DateTime<Utc>,
) -> Result<Option<OneTimeCode>, DbError> {
    Ok(one_time_code::Entity::find()
        .filter(one_time_code::Column::UserId.eq(user.0))
        .filter(one_time_code::Column::Purpose.eq(purpose.as_str()))
        .filter(one_time_code::Column::UsedAt.is_null())
        .filter(one_time_code::Column::ExpiresAt.gt(now))
        .order_by_desc(one_time_code::Column::CreatedAt)
        .order_by_desc(one_time_code::Column::Id)
        .one(conn)
        .await?
        .map(to_code))
}

/// The code whose link token has this digest, spent or not.
pub async fn find_by_token_hash(
    conn: &impl ConnectionTrait,
    purpose: CodePurpose,
    token_hash: &str,
) -> Result<Option<OneTimeCode>, DbError> {
    Ok(one_time_code::Entity::find()
        .filter(one_time_code::Column::TokenHash.eq(token_hash))
        .filter(one_time_code::Column::Purpose.eq(purpose.as_str()))
        .one(conn)
        .await?
        .map(to_code))
}

/// Counts a wrong code against `id`.
pub async fn count_wrong_attempt(conn: &impl ConnectionTrait, id: Uuid) -> Result<(), DbError> {
    one_time_code::Entity::update_many()
        .col_expr(
            one_time_code::Column::Attempts,
            Expr::col(one_time_code::Column::Attempts).add(1),
        )
        .filter(one_time_code::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Spends the code if it is still unspent and unexpired. True when this call spent it: of two
/// concurrent uses exactly one wins.
pub async fn spend(
    conn: &impl ConnectionTrait,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let result = one_time_code::Entity::update_many()
        .col_expr(one_time_code::Column::UsedAt, Expr::value(Some(now)))
        .filter(one_time_code::Column::Id.eq(id))
        .filter(one_time_code::Column::UsedAt.is_null())
        .filter(one_time_code::Column::ExpiresAt.gt(now))
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}
