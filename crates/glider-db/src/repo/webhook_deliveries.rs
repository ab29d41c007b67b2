//! Webhook deliveries: the queue the sender drains, kept afterwards as the delivery log.

use chrono::{DateTime, Utc};
use glider_domain::{
    EventId, WorkspaceId,
    model::webhooks::{AttemptOutcome, Delivery, DeliveryStatus, WebhookDeliveryId, WebhookId},
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Set,
    sea_query::{Expr, LockBehavior, LockType, OnConflict},
};

use crate::{DbError, entities::webhook_delivery as delivery, repo::found};

fn to_delivery(row: delivery::Model) -> Delivery {
    Delivery {
        id: WebhookDeliveryId(row.id),
        webhook_id: WebhookId(row.webhook_id),
        workspace_id: WorkspaceId(row.workspace_id),
        event_id: EventId(row.event_id),
        event_kind: row.event_kind,
        body: row.payload,
        status: DeliveryStatus::parse(&row.status).unwrap_or(DeliveryStatus::Failed),
        attempts: row.attempts,
        next_attempt_at: row.next_attempt_at,
        response_status: row.response_status,
        response_body: row.response_body,
        latency_ms: row.latency_ms,
        last_error: row.last_error,
        last_attempt_at: row.last_attempt_at,
        history: serde_json::from_value(row.history).unwrap_or_default(),
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

fn history_json(history: &[AttemptOutcome]) -> serde_json::Value {
    serde_json::to_value(history).unwrap_or_else(|_| serde_json::Value::Array(Vec::new()))
}

/// Queues a delivery unless this webhook already has one for this event (a replayed event).
pub async fn insert_if_absent(conn: &impl ConnectionTrait, new: &Delivery) -> Result<(), DbError> {
    let row = delivery::ActiveModel {
        id: Set(new.id.0),
        webhook_id: Set(new.webhook_id.0),
        workspace_id: Set(new.workspace_id.0),
        event_id: Set(new.event_id.0),
        event_kind: Set(new.event_kind.clone()),
        payload: Set(new.body.clone()),
        status: Set(new.status.as_str().to_owned()),
        attempts: Set(new.attempts),
        next_attempt_at: Set(new.next_attempt_at),
        locked_until: Set(None),
        locked_by: Set(None),
        response_status: Set(None),
        response_body: Set(None),
        latency_ms: Set(None),
        last_error: Set(None),
        last_attempt_at: Set(None),
        history: Set(history_json(&new.history)),
        created_at: Set(new.created_at),
        updated_at: Set(new.updated_at),
    };
    delivery::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([delivery::Column::WebhookId, delivery::Column::EventId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Pending, due, and not held by a live lease (a sender that died mid-send loses its lease
/// when it runs out; sending again is the at-least-once price).
fn claimable(now: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(delivery::Column::Status.eq(DeliveryStatus::Pending.as_str()))
        .add(delivery::Column::NextAttemptAt.lte(now))
        .add(
            Condition::any()
                .add(delivery::Column::LockedUntil.is_null())
                .add(delivery::Column::LockedUntil.lt(now)),
        )
}

/// Takes up to `limit` due deliveries under the lease `claim` until `lease_until`. One
/// statement: on PostgreSQL the candidates are locked with SKIP LOCKED and the condition is
/// checked again on the locked row, so two replicas never take the same delivery.
pub async fn claim_due(
    conn: &impl ConnectionTrait,
    claim: &str,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<Delivery>, DbError> {
    // A read first, so an idle sender does not take SQLite's write lock on every wake.
    let due: Option<uuid::Uuid> = delivery::Entity::find()
        .select_only()
        .column(delivery::Column::Id)
        .filter(claimable(now))
        .limit(1)
        .into_tuple()
        .one(conn)
        .await?;
    if due.is_none() {
        return Ok(Vec::new());
    }
    let candidates = delivery::Entity::find()
        .select_only()
        .column(delivery::Column::Id)
        .filter(claimable(now))
        .order_by_asc(delivery::Column::NextAttemptAt)
        .order_by_asc(delivery::Column::Id)
        .limit(limit)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .into_query();
    let rows = delivery::Entity::update_many()
        .col_expr(
            delivery::Column::LockedUntil,
            Expr::value(Some(lease_until)),
        )
        .col_expr(
            delivery::Column::LockedBy,
            Expr::value(Some(claim.to_owned())),
        )
        .filter(delivery::Column::Id.in_subquery(candidates))
        .filter(claimable(now))
        .exec_with_returning(conn)
        .await?;
    let mut claimed: Vec<Delivery> = rows.into_iter().map(to_delivery).collect();
    claimed.sort_by_key(|d| (d.next_attempt_at, d.id));
    Ok(claimed)
}

/// What to do with a delivery after an attempt.
#[derive(Clone, Debug)]
pub enum AfterAttempt {
    Succeeded,
    Retry { at: DateTime<Utc> },
    Failed,
}

/// One attempt's result, written only while `claim` still holds the delivery. False when the
/// lease was lost (another sender took it over and its result counts).
pub async fn record_attempt(
    conn: &impl ConnectionTrait,
    delivery: &Delivery,
    claim: &str,
    outcome: &AttemptOutcome,
    response_body: Option<String>,
    after: AfterAttempt,
    history_limit: usize,
) -> Result<bool, DbError> {
    let mut history = delivery.history.clone();
    history.push(outcome.clone());
    let excess = history.len().saturating_sub(history_limit);
    history.drain(..excess);
    let status = match after {
        AfterAttempt::Succeeded => DeliveryStatus::Succeeded,
        AfterAttempt::Retry { .. } => DeliveryStatus::Pending,
        AfterAttempt::Failed => DeliveryStatus::Failed,
    };
    let mut update = delivery::Entity::update_many()
        .col_expr(delivery::Column::Status, Expr::value(status.as_str()))
        .col_expr(
            delivery::Column::Attempts,
            Expr::value(delivery.attempts + 1),
        )
        .col_expr(
            delivery::Column::LockedUntil,
            Expr::value(None::<DateTime<Utc>>),
        )
        .col_expr(delivery::Column::LockedBy, Expr::value(None::<String>))
        .col_expr(
            delivery::Column::ResponseStatus,
            Expr::value(outcome.response_status),
        )
        .col_expr(delivery::Column::ResponseBody, Expr::value(response_body))
        .col_expr(
            delivery::Column::LatencyMs,
            Expr::value(Some(outcome.latency_ms)),
        )
        .col_expr(
            delivery::Column::LastError,
            Expr::value(outcome.error.clone()),
        )
        .col_expr(
            delivery::Column::LastAttemptAt,
            Expr::value(Some(outcome.at)),
        )
        .col_expr(
            delivery::Column::History,
            Expr::value(history_json(&history)),
        )
        .col_expr(delivery::Column::UpdatedAt, Expr::value(outcome.at));
    if let AfterAttempt::Retry { at } = after {
        update = update.col_expr(delivery::Column::NextAttemptAt, Expr::value(at));
    }
    let written = update
        .filter(delivery::Column::Id.eq(delivery.id.0))
        .filter(delivery::Column::LockedBy.eq(claim))
        .exec(conn)
        .await?;
    Ok(written.rows_affected > 0)
}

/// Ends a delivery without sending it (its webhook was deleted or switched off).
pub async fn abandon(
    conn: &impl ConnectionTrait,
    delivery: &Delivery,
    claim: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    delivery::Entity::update_many()
        .col_expr(
            delivery::Column::Status,
            Expr::value(DeliveryStatus::Failed.as_str()),
        )
        .col_expr(
            delivery::Column::LockedUntil,
            Expr::value(None::<DateTime<Utc>>),
        )
        .col_expr(delivery::Column::LockedBy, Expr::value(None::<String>))
        .col_expr(delivery::Column::LastError, Expr::value(Some(reason)))
        .col_expr(delivery::Column::UpdatedAt, Expr::value(now))
        .filter(delivery::Column::Id.eq(delivery.id.0))
        .filter(delivery::Column::LockedBy.eq(claim))
        .exec(conn)
        .await?;
    Ok(())
}

fn of_webhook(
    workspace_id: WorkspaceId,
    webhook_id: WebhookId,
    status: Option<DeliveryStatus>,
) -> sea_orm::Select<delivery::Entity> {
    let mut query = delivery::Entity::find()
        .filter(delivery::Column::WorkspaceId.eq(workspace_id.0))
        .filter(delivery::Column::WebhookId.eq(webhook_id.0));
    if let Some(status) = status {
        query = query.filter(delivery::Column::Status.eq(status.as_str()));
    }
    query
}

/// One page of a webhook's deliveries, newest first, and how many there are in all.
pub async fn page(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    webhook_id: WebhookId,
    status: Option<DeliveryStatus>,
    offset: u64,
    limit: u64,
) -> Result<(Vec<Delivery>, u64), DbError> {
    let total = of_webhook(workspace_id, webhook_id, status)
        .count(conn)
        .await?;
    let rows = of_webhook(workspace_id, webhook_id, status)
        .order_by_desc(delivery::Column::CreatedAt)
        .order_by_desc(delivery::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(conn)
        .await?;
    Ok((rows.into_iter().map(to_delivery).collect(), total))
}

pub async fn find(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    webhook_id: WebhookId,
    id: WebhookDeliveryId,
) -> Result<Delivery, DbError> {
    found(
        of_webhook(workspace_id, webhook_id, None)
            .filter(delivery::Column::Id.eq(id.0))
            .one(conn)
            .await?,
    )
    .map(to_delivery)
}

/// Makes a delivery due now with a fresh count of attempts (its history stays). False while a
/// sender holds it: that attempt is under way.
pub async fn resend(
    conn: &impl ConnectionTrait,
    delivery: &Delivery,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let written = delivery::Entity::update_many()
        .col_expr(
            delivery::Column::Status,
            Expr::value(DeliveryStatus::Pending.as_str()),
        )
        .col_expr(delivery::Column::Attempts, Expr::value(0))
        .col_expr(delivery::Column::NextAttemptAt, Expr::value(now))
        .col_expr(delivery::Column::UpdatedAt, Expr::value(now))
        .filter(delivery::Column::Id.eq(delivery.id.0))
        .filter(delivery::Column::WorkspaceId.eq(delivery.workspace_id.0))
        .filter(
            Condition::any()
                .add(delivery::Column::LockedUntil.is_null())
                .add(delivery::Column::LockedUntil.lt(now)),
        )
        .exec(conn)
        .await?;
    Ok(written.rows_affected > 0)
}
