//! The outbox. Appended to inside the transaction of the change it describes.

use glider_domain::model::events::NewEvent;
use sea_orm::{ActiveValue::NotSet, ConnectionTrait, EntityTrait, Set};

use crate::{DbError, entities::event};

pub async fn append(conn: &impl ConnectionTrait, event: NewEvent) -> Result<(), DbError> {
    let row = event::ActiveModel {
        seq: NotSet,
        id: Set(event.id.0),
        workspace_id: Set(event.workspace_id.map(|id| id.0)),
        project_id: Set(event.project_id.map(|id| id.0)),
        actor_id: Set(event.actor_id.map(|id| id.0)),
        kind: Set(event.kind.to_owned()),
        subject_id: Set(event.subject_id),
        payload: Set(event.payload),
        at: Set(event.at),
    };
    event::Entity::insert(row)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Event kinds recorded for one subject, oldest first (used by tests and the activity feed).
pub async fn kinds_for_subject(
    conn: &impl ConnectionTrait,
    subject_id: uuid::Uuid,
) -> Result<Vec<String>, DbError> {
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
    Ok(event::Entity::find()
        .filter(event::Column::SubjectId.eq(subject_id))
        .order_by_asc(event::Column::Seq)
        .all(conn)
        .await?
        .into_iter()
        .map(|row| row.kind)
        .collect())
}
