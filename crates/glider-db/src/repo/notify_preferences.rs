//! Notification preferences: one row per person per kind they changed.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use glider_domain::{
    UserId,
    model::notify::{EmailMode, KindPreference, NotificationKind},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, sea_query::OnConflict};

use crate::{DbError, entities::notification_preference};

/// The kinds the person changed, with their choice (the rest take the defaults).
pub async fn chosen(
    conn: &impl ConnectionTrait,
    user: UserId,
) -> Result<HashMap<NotificationKind, KindPreference>, DbError> {
    let rows = notification_preference::Entity::find()
        .filter(notification_preference::Column::UserId.eq(user.0))
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let kind = NotificationKind::parse("kind", &row.kind).ok()?;
            let email = EmailMode::parse("email", &row.email).ok()?;
            Some((
                kind,
                KindPreference {
                    in_app: row.in_app,
                    email,
                },
            ))
        })
        .collect())
}

/// Stores the person's choice for one kind, replacing an earlier one.
pub async fn save(
    conn: &impl ConnectionTrait,
    user: UserId,
    kind: NotificationKind,
    preference: KindPreference,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let row = notification_preference::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        user_id: Set(user.0),
        kind: Set(kind.as_str().to_owned()),
        in_app: Set(preference.in_app),
        email: Set(preference.email.as_str().to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let replace = OnConflict::columns([
        notification_preference::Column::UserId,
        notification_preference::Column::Kind,
    ])
    .update_columns([
        notification_preference::Column::InApp,
        notification_preference::Column::Email,
        notification_preference::Column::UpdatedAt,
    ])
    .to_owned();
    notification_preference::Entity::insert(row)
        .on_conflict(replace)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}
