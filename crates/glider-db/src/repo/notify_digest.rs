//! Digest e-mails: the notifications waiting for one, and the lease that lets one replica at a
//! time run the digest job.

use chrono::{DateTime, Utc};
use glider_domain::{UserId, model::notify::Notification};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
    sea_query::Expr,
};
use uuid::Uuid;

use crate::{
    DbError,
    entities::{notification, notification_digest_lease as lease},
    repo::notify::to_notification,
};

/// Up to `limit` people with a notification that has waited for a digest since `cutoff`.
pub async fn digest_receivers(
    conn: &impl ConnectionTrait,
    cutoff: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<UserId>, DbError> {
    let ids: Vec<Uuid> = notification::Entity::find()
        .select_only()
        .column(notification::Column::ReceiverId)
        .filter(notification::Column::DigestPending.eq(true))
        .filter(notification::Column::CreatedAt.lte(cutoff))
        .distinct()
        .limit(limit)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(ids.into_iter().map(UserId).collect())
}

/// Takes the receiver's notifications waiting for a digest (oldest first) and marks them
/// e-mailed. Only rows still pending are returned, so two runs never send one twice.
pub async fn take_digest(
    conn: &impl ConnectionTrait,
    receiver: UserId,
    now: DateTime<Utc>,
) -> Result<Vec<Notification>, DbError> {
    let mut rows = notification::Entity::update_many()
        .col_expr(notification::Column::DigestPending, Expr::value(false))
        .col_expr(notification::Column::EmailedAt, Expr::value(Some(now)))
        .filter(notification::Column::ReceiverId.eq(receiver.0))
        .filter(notification::Column::DigestPending.eq(true))
        .exec_with_returning(conn)
        .await?;
    rows.sort_by_key(|row| (row.created_at, row.id));
    Ok(rows.into_iter().map(to_notification).collect())
}

/// The one job the lease table holds.
const JOB: &str = "notification_digest";

/// The digest lease, held by the caller.
#[derive(Clone, Copy, Debug)]
pub struct DigestLease {
    /// When the job last finished a run (`None`: never).
    pub last_run_at: Option<DateTime<Utc>>,
}

/// Takes or renews the digest lease for `owner` until `until` if it is free, already
/// `owner`'s, or expired; `None` while another live owner holds it.
pub async fn claim_lease(
    conn: &impl ConnectionTrait,
    owner: &str,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Option<DigestLease>, DbError> {
    let row = lease::ActiveModel {
        name: Set(JOB.to_owned()),
        lease_owner: Set(None),
        lease_until: Set(None),
        last_run_at: Set(None),
    };
    lease::Entity::insert(row)
        .on_conflict_do_nothing_on([lease::Column::Name])
        .exec_without_returning(conn)
        .await?;
    let rows = lease::Entity::update_many()
        .col_expr(lease::Column::LeaseOwner, Expr::value(owner))
        .col_expr(lease::Column::LeaseUntil, Expr::value(until))
        .filter(lease::Column::Name.eq(JOB))
        .filter(
            Condition::any()
                .add(lease::Column::LeaseOwner.eq(owner))
                .add(lease::Column::LeaseOwner.is_null())
                .add(lease::Column::LeaseUntil.lt(now)),
        )
        .exec_with_returning(conn)
        .await?;
    Ok(rows.into_iter().next().map(|row| DigestLease {
        last_run_at: row.last_run_at,
    }))
}

/// Records a finished digest run.
pub async fn record_run(conn: &impl ConnectionTrait, at: DateTime<Utc>) -> Result<(), DbError> {
    lease::Entity::update_many()
        .col_expr(lease::Column::LastRunAt, Expr::value(Some(at)))
        .filter(lease::Column::Name.eq(JOB))
        .exec(conn)
        .await?;
    Ok(())
}
