//! Webhooks of a workspace, and their failure state.

use chrono::{DateTime, Utc};
use glider_domain::{
    UserId, WorkspaceId,
    model::webhooks::{EventKindPattern, FailureState, Webhook, WebhookEvents, WebhookId},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set,
    sea_query::{Expr, ExprTrait},
};
use serde_json::Value;

use crate::{DbError, entities::webhook, repo::found};

fn to_webhook(row: webhook::Model) -> Webhook {
    let kinds = match &row.event_kinds {
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .filter_map(|kind| EventKindPattern::parse("event_kinds", kind).ok())
            .collect(),
        _ => Vec::new(),
    };
    Webhook {
        id: WebhookId(row.id),
        workspace_id: WorkspaceId(row.workspace_id),
        url: row.url,
        secret: row.secret,
        events: WebhookEvents {
            project: row.project,
            issue: row.issue,
            module: row.module,
            cycle: row.cycle,
            issue_comment: row.issue_comment,
            kinds,
        },
        is_active: row.is_active,
        failure: FailureState {
            is_failing: row.is_failing,
            consecutive_failures: row.consecutive_failures,
            failing_since: row.failing_since,
        },
        created_by: row.created_by.map(UserId),
        updated_by: row.updated_by.map(UserId),
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

fn kinds_json(events: &WebhookEvents) -> Value {
    Value::Array(
        events
            .kinds
            .iter()
            .map(|kind| Value::String(kind.as_str().to_owned()))
            .collect(),
    )
}

/// The fields an update may change.
fn write_fields(active: &mut webhook::ActiveModel, hook: &Webhook) {
    active.url = Set(hook.url.clone());
    active.project = Set(hook.events.project);
    active.issue = Set(hook.events.issue);
    active.module = Set(hook.events.module);
    active.cycle = Set(hook.events.cycle);
    active.issue_comment = Set(hook.events.issue_comment);
    active.event_kinds = Set(kinds_json(&hook.events));
    active.is_active = Set(hook.is_active);
    active.updated_by = Set(hook.updated_by.map(|id| id.0));
    active.updated_at = Set(hook.updated_at);
}

pub async fn insert(conn: &impl ConnectionTrait, hook: &Webhook) -> Result<(), DbError> {
    let mut active = webhook::ActiveModel {
        id: Set(hook.id.0),
        workspace_id: Set(hook.workspace_id.0),
        secret: Set(hook.secret.clone()),
        is_failing: Set(hook.failure.is_failing),
        consecutive_failures: Set(hook.failure.consecutive_failures),
        failing_since: Set(hook.failure.failing_since),
        created_by: Set(hook.created_by.map(|id| id.0)),
        created_at: Set(hook.created_at),
        deleted_at: Set(None),
        ..Default::default()
    };
    write_fields(&mut active, hook);
    webhook::Entity::insert(active)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

fn live(workspace_id: WorkspaceId, id: WebhookId) -> sea_orm::Select<webhook::Entity> {
    webhook::Entity::find_by_id(id.0)
        .filter(webhook::Column::WorkspaceId.eq(workspace_id.0))
        .filter(webhook::Column::DeletedAt.is_null())
}

/// Writes the URL, the event filter, the active flag and who changed them.
pub async fn update(conn: &impl ConnectionTrait, hook: &Webhook) -> Result<(), DbError> {
    let row = found(live(hook.workspace_id, hook.id).one(conn).await?)?;
    let mut active = row.into_active_model();
    write_fields(&mut active, hook);
    active.update(conn).await?;
    Ok(())
}

pub async fn set_secret(
    conn: &impl ConnectionTrait,
    hook: &Webhook,
    secret: &str,
) -> Result<(), DbError> {
    let row = found(live(hook.workspace_id, hook.id).one(conn).await?)?;
    let mut active = row.into_active_model();
    active.secret = Set(secret.to_owned());
    active.updated_by = Set(hook.updated_by.map(|id| id.0));
    active.updated_at = Set(hook.updated_at);
    active.update(conn).await?;
    Ok(())
}

/// A live webhook of the workspace.
pub async fn find(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    id: WebhookId,
) -> Result<Webhook, DbError> {
    found(live(workspace_id, id).one(conn).await?).map(to_webhook)
}

/// A webhook that is not deleted, whatever its workspace (the sender follows a delivery's
/// webhook id, which it wrote itself).
pub async fn find_live(
    conn: &impl ConnectionTrait,
    id: WebhookId,
) -> Result<Option<Webhook>, DbError> {
    Ok(webhook::Entity::find_by_id(id.0)
        .filter(webhook::Column::DeletedAt.is_null())
        .one(conn)
        .await?
        .map(to_webhook))
}

/// The workspace's live webhooks, newest first.
pub async fn list(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
) -> Result<Vec<Webhook>, DbError> {
    Ok(webhook::Entity::find()
        .filter(webhook::Column::WorkspaceId.eq(workspace_id.0))
        .filter(webhook::Column::DeletedAt.is_null())
        .order_by_desc(webhook::Column::CreatedAt)
        .order_by_desc(webhook::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_webhook)
        .collect())
}

/// The workspace's webhooks that receive events now.
pub async fn active(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
) -> Result<Vec<Webhook>, DbError> {
    Ok(webhook::Entity::find()
        .filter(webhook::Column::WorkspaceId.eq(workspace_id.0))
        .filter(webhook::Column::DeletedAt.is_null())
        .filter(webhook::Column::IsActive.eq(true))
        .order_by_asc(webhook::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_webhook)
        .collect())
}

pub async fn soft_delete(
    conn: &impl ConnectionTrait,
    hook: &Webhook,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    webhook::Entity::update_many()
        .col_expr(webhook::Column::DeletedAt, Expr::value(Some(now)))
        .filter(webhook::Column::Id.eq(hook.id.0))
        .filter(webhook::Column::WorkspaceId.eq(hook.workspace_id.0))
        .exec(conn)
        .await?;
    Ok(())
}

/// How a finished delivery changed the webhook's failure state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureTransition {
    Unchanged,
    /// `consecutive failures` reached the threshold just now.
    BecameFailing {
        consecutive_failures: i32,
    },
    /// A delivery succeeded while the webhook was failing.
    Recovered,
}

/// Counts a delivery that ended (succeeded, or failed after its last attempt). Each step is
/// one conditional UPDATE, so two senders finishing at once count both and only one of them
/// sees the transition.
pub async fn record_delivery_end(
    conn: &impl ConnectionTrait,
    id: WebhookId,
    succeeded: bool,
    failing_after: i32,
    now: DateTime<Utc>,
) -> Result<FailureTransition, DbError> {
    if succeeded {
        let recovered = webhook::Entity::update_many()
            .col_expr(webhook::Column::IsFailing, Expr::value(false))
            .col_expr(
                webhook::Column::FailingSince,
                Expr::value(None::<DateTime<Utc>>),
            )
            .filter(webhook::Column::Id.eq(id.0))
            .filter(webhook::Column::IsFailing.eq(true))
            .exec(conn)
            .await?
            .rows_affected
            > 0;
        webhook::Entity::update_many()
            .col_expr(webhook::Column::ConsecutiveFailures, Expr::value(0))
            .filter(webhook::Column::Id.eq(id.0))
            .filter(webhook::Column::ConsecutiveFailures.ne(0))
            .exec(conn)
            .await?;
        return Ok(if recovered {
            FailureTransition::Recovered
        } else {
            FailureTransition::Unchanged
        });
    }
    let counted = webhook::Entity::update_many()
        .col_expr(
            webhook::Column::ConsecutiveFailures,
            Expr::col(webhook::Column::ConsecutiveFailures).add(1),
        )
        .filter(webhook::Column::Id.eq(id.0))
        .exec_with_returning(conn)
        .await?;
    let Some(failures) = counted.first().map(|row| row.consecutive_failures) else {
        return Ok(FailureTransition::Unchanged);
    };
    if failures < failing_after {
        return Ok(FailureTransition::Unchanged);
    }
    let marked = webhook::Entity::update_many()
        .col_expr(webhook::Column::IsFailing, Expr::value(true))
        .col_expr(webhook::Column::FailingSince, Expr::value(Some(now)))
        .filter(webhook::Column::Id.eq(id.0))
        .filter(webhook::Column::IsFailing.eq(false))
        .exec(conn)
        .await?
        .rows_affected;
    Ok(if marked > 0 {
        FailureTransition::BecameFailing {
            consecutive_failures: failures,
        }
    } else {
        FailureTransition::Unchanged
    })
}
