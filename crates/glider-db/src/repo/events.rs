//! The event log (transactional outbox) and the offsets of its durable consumers.

use chrono::{DateTime, Utc};
use glider_domain::{
    EventId, ProjectId, UserId, WorkspaceId,
    model::events::{NewEvent, StoredEvent},
};
use sea_orm::{
    ActiveValue::NotSet, ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, sea_query::Expr,
};

use crate::{
    DbError,
    entities::{event, event_offset},
};

/// The channel PostgreSQL notifies (at commit) when events were appended.
pub const NOTIFY_CHANNEL: &str = "glider_events";

/// Appends inside the transaction of the change. On PostgreSQL the append first takes a
/// transaction-scoped lock, so `seq` order is commit order and a consumer that has read up to
/// `seq` never later finds a smaller one (SQLite's single writer gives the same), and queues
/// a NOTIFY that PostgreSQL delivers to every replica only if the transaction commits.
pub async fn append(conn: &impl ConnectionTrait, event: NewEvent) -> Result<(), DbError> {
    if conn.get_database_backend() == DatabaseBackend::Postgres {
        conn.execute_unprepared(&format!(
            "SELECT pg_advisory_xact_lock(7272740), pg_notify('{NOTIFY_CHANNEL}', '')"
        ))
        .await?;
    }
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

fn stored(row: event::Model) -> StoredEvent {
    StoredEvent {
        seq: row.seq,
        id: EventId(row.id),
        workspace_id: row.workspace_id.map(WorkspaceId),
        project_id: row.project_id.map(ProjectId),
        actor_id: row.actor_id.map(UserId),
        kind: row.kind,
        subject_id: row.subject_id,
        payload: row.payload,
        at: row.at,
    }
}

/// Up to `limit` events after `seq`, in log order.
pub async fn after(
    conn: &impl ConnectionTrait,
    seq: i64,
    limit: u64,
) -> Result<Vec<StoredEvent>, DbError> {
    Ok(event::Entity::find()
        .filter(event::Column::Seq.gt(seq))
        .order_by_asc(event::Column::Seq)
        .limit(limit)
        .all(conn)
        .await?
        .into_iter()
        .map(stored)
        .collect())
}

/// The newest position in the log (0 when it is empty).
pub async fn head(conn: &impl ConnectionTrait) -> Result<i64, DbError> {
    newest_seq(conn, Condition::all()).await
}

/// The position of the project's newest event (0 when it has none): it changes whenever
/// anything of the project does, in the transaction of the change.
pub async fn project_head(conn: &impl ConnectionTrait, project: ProjectId) -> Result<i64, DbError> {
    newest_seq(
        conn,
        Condition::all().add(event::Column::ProjectId.eq(project.0)),
    )
    .await
}

async fn newest_seq(conn: &impl ConnectionTrait, filter: Condition) -> Result<i64, DbError> {
    let newest: Option<i64> = event::Entity::find()
        .select_only()
        .column(event::Column::Seq)
        .filter(filter)
        .order_by_desc(event::Column::Seq)
        .limit(1)
        .into_tuple()
        .one(conn)
        .await?;
    Ok(newest.unwrap_or(0))
}

/// The position of one event, if it is in the log.
pub async fn seq_of(conn: &impl ConnectionTrait, id: EventId) -> Result<Option<i64>, DbError> {
    Ok(event::Entity::find()
        .filter(event::Column::Id.eq(id.0))
        .one(conn)
        .await?
        .map(|row| row.seq))
}

/// Event kinds recorded for one subject, oldest first (used by tests and the activity feed).
pub async fn kinds_for_subject(
    conn: &impl ConnectionTrait,
    subject_id: uuid::Uuid,
) -> Result<Vec<String>, DbError> {
    Ok(event::Entity::find()
        .filter(event::Column::SubjectId.eq(subject_id))
        .order_by_asc(event::Column::Seq)
        .all(conn)
        .await?
        .into_iter()
        .map(|row| row.kind)
        .collect())
}

/// Creates the consumer's offset at `start` unless it exists (a new consumer does not replay
/// history it was not there for).
pub async fn register_consumer(
    conn: &impl ConnectionTrait,
    consumer: &str,
    start: i64,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let row = event_offset::ActiveModel {
        consumer: Set(consumer.to_owned()),
        last_seq: Set(start),
        lease_owner: Set(None),
        lease_until: Set(None),
        updated_at: Set(now),
    };
    event_offset::Entity::insert(row)
        .on_conflict_do_nothing_on([event_offset::Column::Consumer])
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Takes or renews the consumer's lease for `owner` and returns its offset; `None` while
/// another live owner holds it. On PostgreSQL the row lock makes a second claimant wait for
/// the first transaction and then see its lease.
pub async fn claim(
    conn: &impl ConnectionTrait,
    consumer: &str,
    owner: &str,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Option<i64>, DbError> {
    let rows = event_offset::Entity::update_many()
        .col_expr(event_offset::Column::LeaseOwner, Expr::value(owner))
        .col_expr(event_offset::Column::LeaseUntil, Expr::value(until))
        .filter(event_offset::Column::Consumer.eq(consumer))
        .filter(
            Condition::any()
                .add(event_offset::Column::LeaseOwner.eq(owner))
                .add(event_offset::Column::LeaseOwner.is_null())
                .add(event_offset::Column::LeaseUntil.lt(now)),
        )
        .exec_with_returning(conn)
        .await?;
    Ok(rows.first().map(|row| row.last_seq))
}

/// Records that the consumer's effects up to `seq` are committed (in the same transaction).
pub async fn advance(
    conn: &impl ConnectionTrait,
    consumer: &str,
    seq: i64,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    event_offset::Entity::update_many()
        .col_expr(event_offset::Column::LastSeq, Expr::value(seq))
        .col_expr(event_offset::Column::UpdatedAt, Expr::value(now))
        .filter(event_offset::Column::Consumer.eq(consumer))
        .exec(conn)
        .await?;
    Ok(())
}
