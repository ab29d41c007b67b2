//! Instance-wide settings (the token-signing key lives here so every replica shares it).

use sea_orm::{ConnectionTrait, EntityTrait, Set};

use crate::{DbError, entities::instance_setting};

pub async fn get(conn: &impl ConnectionTrait, key: &str) -> Result<Option<String>, DbError> {
    Ok(instance_setting::Entity::find_by_id(key.to_owned())
        .one(conn)
        .await?
        .map(|row| row.value))
}

/// Stores `value` unless the key exists, then returns whatever is stored: concurrent first
/// starts of several replicas agree on one value.
pub async fn get_or_insert(
    conn: &impl ConnectionTrait,
    key: &str,
    value: &str,
) -> Result<String, DbError> {
    let row = instance_setting::ActiveModel {
        key: Set(key.to_owned()),
        value: Set(value.to_owned()),
    };
    instance_setting::Entity::insert(row)
        .on_conflict_do_nothing_on([instance_setting::Column::Key])
        .exec(conn)
        .await?;
    crate::repo::found(get(conn, key).await?)
}

/// Stores `value` under `key`, replacing what was there.
pub async fn put(conn: &impl ConnectionTrait, key: &str, value: &str) -> Result<(), DbError> {
    let row = instance_setting::ActiveModel {
        key: Set(key.to_owned()),
        value: Set(value.to_owned()),
    };
    instance_setting::Entity::insert(row)
        .on_conflict(
            sea_orm::sea_query::OnConflict::column(instance_setting::Column::Key)
                .update_column(instance_setting::Column::Value)
                .to_owned(),
        )
        .exec(conn)
        .await?;
    Ok(())
}

pub async fn remove(conn: &impl ConnectionTrait, key: &str) -> Result<(), DbError> {
    instance_setting::Entity::delete_by_id(key.to_owned())
        .exec(conn)
        .await?;
    Ok(())
}
