//! The write scenarios: create, update_state and comment, each in one write transaction on
//! the writer pool (see `Ctx::writer`).

use chrono::Utc;
use sea_orm::sqlx::{self, AssertSqlSafe, Row, types::Json};
use serde_json::json;
use uuid::Uuid;

use crate::{Ctx, reads::ITEM_COLUMNS};

const INSERT_ACTIVITY: &str = "INSERT INTO work_item_activities (id, workspace_id, project_id, \
    work_item_id, verb, field, old_value, new_value, old_identifier, new_identifier, comment, \
    comment_id, actor_id, event_id, created_at, updated_at) \
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)";
const INSERT_EVENT: &str = "INSERT INTO events (id, workspace_id, project_id, actor_id, kind, \
    subject_id, payload, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

/// One history row: (verb, field, old value, new value, old id, new id, comment, comment id).
type Activity<'a> = (
    &'a str,
    Option<&'a str>,
    Option<String>,
    Option<String>,
    Option<Uuid>,
    Option<Uuid>,
    &'a str,
    Option<Uuid>,
);

/// Writes a history row and the event, as `commit_with_history` does before its commit.
macro_rules! write_history {
    ($tx:ident, $ctx:expr, $item:expr, $activity:expr, $event:expr, $kind:expr, $subject:expr, $payload:expr, $now:expr) => {{
        let (verb, field, old_value, new_value, old_id, new_id, comment, comment_id) = $activity;
        sqlx::query(INSERT_ACTIVITY)
            .bind(Uuid::now_v7())
            .bind($ctx.workspace)
            .bind($ctx.args.project)
            .bind($item)
            .bind(verb)
            .bind(field)
            .bind(old_value)
            .bind(new_value)
            .bind(old_id)
            .bind(new_id)
            .bind(comment)
            .bind(comment_id)
            .bind($ctx.actor)
            .bind($event)
            .bind($now)
            .execute(&mut *$tx)
            .await?;
        sqlx::query(INSERT_EVENT)
            .bind($event)
            .bind($ctx.workspace)
            .bind($ctx.args.project)
            .bind($ctx.actor)
            .bind($kind)
            .bind($subject)
            .bind(Json($payload))
            .bind($now)
            .execute(&mut *$tx)
            .await?;
    }};
}

pub async fn create(ctx: &Ctx, _n: usize) -> anyhow::Result<()> {
    let (project, workspace, actor, state) = (
        ctx.args.project,
        ctx.workspace,
        ctx.actor,
        ctx.default_state,
    );
    let (id, event, now) = (Uuid::now_v7(), Uuid::now_v7(), Utc::now());
    let name = "raw-sql item";
    on_backend!(ctx.writer, |pool, begin| {
        let mut tx = pool.begin_with(begin).await?;
        let last = sqlx::query(
            "SELECT sort_order FROM work_items WHERE project_id = $1 AND deleted_at IS NULL AND state_id = $2 \
             ORDER BY sort_order DESC LIMIT 1",
        )
        .bind(project)
        .bind(state)
        .fetch_optional(&mut *tx)
        .await?;
        let sort_order = match last {
            Some(row) => row.try_get::<f64, _>(0)?,
            None => 0.0,
        } + 10000.0;
        sqlx::query(
            "UPDATE projects SET work_item_sequence = work_item_sequence + $1 WHERE id = $2",
        )
        .bind(1_i32)
        .bind(project)
        .execute(&mut *tx)
        .await?;
        let sequence: i32 =
            sqlx::query("SELECT work_item_sequence FROM projects WHERE id = $1 LIMIT 1")
                .bind(project)
                .fetch_one(&mut *tx)
                .await?
                .try_get(0)?;
        sqlx::query(
            "INSERT INTO work_items (id, workspace_id, project_id, sequence_id, name, description_html, \
             description_stripped, priority, state_id, sort_order, is_draft, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)",
        )
        .bind(id)
        .bind(workspace)
        .bind(project)
        .bind(sequence)
        .bind(name)
        .bind("")
        .bind("")
        .bind("none")
        .bind(state)
        .bind(sort_order)
        .bind(false)
        .bind(actor)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let activity: Activity<'_> = (
            "created",
            None,
            None,
            None,
            None,
            None,
            "created the issue",
            None,
        );
        let payload = json!({ "name": name, "priority": "none", "sequence_id": 0, "state": state });
        write_history!(
            tx,
            ctx,
            id,
            activity,
            event,
            "tracker.work_item.created",
            id,
            payload,
            now
        );
        tx.commit().await?;
        Ok(())
    })
}

pub async fn update_state(ctx: &Ctx, n: usize) -> anyhow::Result<()> {
    let id = ctx.item(n)?;
    anyhow::ensure!(!ctx.args.alts.is_empty(), "--alts is required");
    let new = ctx.args.alts[(n / ctx.args.ids.len().max(1)) % ctx.args.alts.len()];
    let (event, now) = (Uuid::now_v7(), Utc::now());
    on_backend!(ctx.writer, |pool, begin| {
        let lock = if begin == "BEGIN" { " FOR UPDATE" } else { "" };
        let mut tx = pool.begin_with(begin).await?;
        let item = sqlx::query(AssertSqlSafe(format!(
            "SELECT {ITEM_COLUMNS} FROM work_items WHERE id = $1 AND project_id = $2 AND deleted_at IS NULL LIMIT 1{lock}"
        )))
        .bind(id)
        .bind(ctx.args.project)
        .fetch_one(&mut *tx)
        .await?;
        let old: Option<Uuid> = item.try_get("state_id")?;
        let names = sqlx::query("SELECT id, name AS name FROM states WHERE id IN ($1, $2)")
            .bind(old)
            .bind(new)
            .fetch_all(&mut *tx)
            .await?;
        let name_of = |state: Option<Uuid>| -> anyhow::Result<Option<String>> {
            for row in &names {
                if Some(row.try_get::<Uuid, _>("id")?) == state {
                    return Ok(Some(row.try_get("name")?));
                }
            }
            Ok(None)
        };
        let (old_name, new_name) = (name_of(old)?, name_of(Some(new))?);
        sqlx::query(
            "UPDATE work_items SET state_id = $1, updated_by = $2, updated_at = $3 WHERE id = $4",
        )
        .bind(new)
        .bind(ctx.actor)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let activity: Activity<'_> = (
            "updated",
            Some("state"),
            old_name,
            new_name,
            old,
            Some(new),
            "updated the state to",
            None,
        );
        let payload = json!({ "state": { "old": old, "new": new } });
        write_history!(
            tx,
            ctx,
            id,
            activity,
            event,
            "tracker.work_item.updated",
            id,
            payload,
            now
        );
        tx.commit().await?;
        Ok(())
    })
}

pub async fn comment(ctx: &Ctx, n: usize) -> anyhow::Result<()> {
    let item = ctx.item(n)?;
    let (id, event, now) = (Uuid::now_v7(), Uuid::now_v7(), Utc::now());
    let (html, text) = ("<p>raw-sql comment</p>", "raw-sql comment");
    on_backend!(ctx.db, |pool, _begin| {
        sqlx::query(AssertSqlSafe(format!(
            "SELECT {ITEM_COLUMNS} FROM work_items WHERE id = $1 AND project_id = $2 AND deleted_at IS NULL LIMIT 1"
        )))
        .bind(item)
        .bind(ctx.args.project)
        .fetch_one(pool)
        .await?;
    });
    on_backend!(ctx.writer, |pool, begin| {
        let mut tx = pool.begin_with(begin).await?;
        sqlx::query(
            "INSERT INTO work_item_comments (id, workspace_id, project_id, work_item_id, comment_html, \
             comment_stripped, access, actor_id, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $9)",
        )
        .bind(id)
        .bind(ctx.workspace)
        .bind(ctx.args.project)
        .bind(item)
        .bind(html)
        .bind(text)
        .bind("INTERNAL")
        .bind(ctx.actor)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let activity: Activity<'_> = (
            "created",
            Some("comment"),
            None,
            Some(text.to_owned()),
            None,
            None,
            "created a comment",
            Some(id),
        );
        let payload = json!({ "access": "INTERNAL", "comment_html": html, "work_item": item });
        write_history!(
            tx,
            ctx,
            item,
            activity,
            event,
            "tracker.comment.created",
            id,
            payload,
            now
        );
        tx.commit().await?;
        Ok(())
    })
}
