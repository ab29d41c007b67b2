//! The outgoing e-mail queue. Senders on several replicas claim due rows under a lease
//! (`locked_until`), so one e-mail is in one sender's hands at a time.

use chrono::{DateTime, Utc};
use glider_domain::{
    WorkspaceId,
    model::email::{Email, EmailStatus, NewEmail},
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use crate::{DbError, entities::outgoing_email as email};

fn to_email(row: email::Model) -> Email {
    Email {
        id: row.id,
        workspace_id: row.workspace_id.map(WorkspaceId),
        to: row.to_address,
        subject: row.subject,
        html: row.html,
        text: row.text,
        kind: row.kind,
        // An unknown status can only come from a newer version; treat it as failed so nothing
        // sends it.
        status: EmailStatus::parse(&row.status).unwrap_or(EmailStatus::Failed),
        attempts: row.attempts,
        last_error: row.last_error,
        next_attempt_at: row.next_attempt_at,
        sent_at: row.sent_at,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

pub async fn insert(conn: &impl ConnectionTrait, new: NewEmail) -> Result<(), DbError> {
    let row = email::ActiveModel {
        id: Set(new.id),
        workspace_id: Set(new.workspace_id.map(|id| id.0)),
        to_address: Set(new.to),
        subject: Set(new.subject),
        html: Set(new.html),
        text: Set(new.text),
        kind: Set(new.kind),
        status: Set(new.status.as_str().to_owned()),
        attempts: Set(0),
        last_error: Set(new.last_error),
        next_attempt_at: Set(new.created_at),
        locked_until: Set(None),
        locked_by: Set(None),
        sent_at: Set(None),
        created_at: Set(new.created_at),
        updated_at: Set(new.created_at),
    };
    email::Entity::insert(row)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Rows a sender may take now: queued and due, or left `sending` by a sender whose lease ran
/// out (it died mid-send; sending again is the at-least-once price).
fn claimable(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(
            Condition::all()
                .add(email::Column::Status.eq(EmailStatus::Queued.as_str()))
                .add(email::Column::NextAttemptAt.lte(now)),
        )
        .add(
            Condition::all()
                .add(email::Column::Status.eq(EmailStatus::Sending.as_str()))
                .add(email::Column::LockedUntil.lt(now)),
        )
}

/// Claims up to `limit` due e-mails for `owner` until `lease_until`, counting the attempt.
/// Each row is taken by a conditional update, so of two replicas racing for one row exactly
/// one update matches it.
pub async fn claim_due(
    conn: &impl ConnectionTrait,
    owner: &str,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<Email>, DbError> {
    let candidates: Vec<Uuid> = email::Entity::find()
        .select_only()
        .column(email::Column::Id)
        .filter(claimable(now))
        .order_by_asc(email::Column::NextAttemptAt)
        .order_by_asc(email::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(conn)
        .await?;
    let mut claimed = Vec::with_capacity(candidates.len());
    for id in candidates {
        let result = email::Entity::update_many()
            .col_expr(
                email::Column::Status,
                Expr::value(EmailStatus::Sending.as_str()),
            )
            .col_expr(email::Column::LockedUntil, Expr::value(Some(lease_until)))
            .col_expr(email::Column::LockedBy, Expr::value(Some(owner.to_owned())))
            .col_expr(
                email::Column::Attempts,
                Expr::col(email::Column::Attempts).add(1),
            )
            .col_expr(email::Column::UpdatedAt, Expr::value(now))
            .filter(email::Column::Id.eq(id))
            .filter(claimable(now))
            .exec(conn)
            .await?;
        if result.rows_affected == 1
            && let Some(row) = email::Entity::find_by_id(id).one(conn).await?
        {
            claimed.push(to_email(row));
        }
    }
    Ok(claimed)
}

/// What became of one attempt.
#[derive(Clone, Debug)]
pub enum Outcome {
    Sent,
    /// Try again at the given time.
    Retry {
        error: String,
        at: DateTime<Utc>,
    },
    /// Give up.
    Failed {
        error: String,
    },
}

/// Records an attempt made under `owner`'s lease. Returns false when the lease was lost (the
/// row was taken over), in which case nothing is written.
pub async fn record_attempt(
    conn: &impl ConnectionTrait,
    id: Uuid,
    owner: &str,
    now: DateTime<Utc>,
    outcome: Outcome,
) -> Result<bool, DbError> {
    let mut update = email::Entity::update_many()
        .col_expr(
            email::Column::LockedUntil,
            Expr::value(None::<DateTime<Utc>>),
        )
        .col_expr(email::Column::LockedBy, Expr::value(None::<String>))
        .col_expr(email::Column::UpdatedAt, Expr::value(now));
    update = match outcome {
        Outcome::Sent => update
            .col_expr(
                email::Column::Status,
                Expr::value(EmailStatus::Sent.as_str()),
            )
            .col_expr(email::Column::SentAt, Expr::value(Some(now))),
        Outcome::Retry { error, at } => update
            .col_expr(
                email::Column::Status,
                Expr::value(EmailStatus::Queued.as_str()),
            )
            .col_expr(email::Column::LastError, Expr::value(Some(error)))
            .col_expr(email::Column::NextAttemptAt, Expr::value(at)),
        Outcome::Failed { error } => update
            .col_expr(
                email::Column::Status,
                Expr::value(EmailStatus::Failed.as_str()),
            )
            .col_expr(email::Column::LastError, Expr::value(Some(error))),
    };
    let result = update
        .filter(email::Column::Id.eq(id))
        .filter(email::Column::LockedBy.eq(owner))
        .filter(email::Column::Status.eq(EmailStatus::Sending.as_str()))
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

/// The newest e-mails first, optionally of one status.
pub async fn list(
    conn: &impl ConnectionTrait,
    status: Option<EmailStatus>,
    limit: u64,
) -> Result<Vec<Email>, DbError> {
    let mut query = email::Entity::find();
    if let Some(status) = status {
        query = query.filter(email::Column::Status.eq(status.as_str()));
    }
    Ok(query
        .order_by_desc(email::Column::CreatedAt)
        .order_by_desc(email::Column::Id)
        .limit(limit)
        .all(conn)
        .await?
        .into_iter()
        .map(to_email)
        .collect())
}

/// The soonest time a queued e-mail becomes due, so the sender can sleep until then.
pub async fn next_due(conn: &impl ConnectionTrait) -> Result<Option<DateTime<Utc>>, DbError> {
    Ok(email::Entity::find()
        .select_only()
        .column(email::Column::NextAttemptAt)
        .filter(email::Column::Status.eq(EmailStatus::Queued.as_str()))
        .order_by_asc(email::Column::NextAttemptAt)
        .limit(1)
        .into_tuple::<DateTime<Utc>>()
        .one(conn)
        .await?)
}
