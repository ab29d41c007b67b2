//! The read scenarios: list (plain and filtered) and retrieve.

use anyhow::Context;
use sea_orm::sqlx::{self, AssertSqlSafe, Row};
use serde_json::Value;
use uuid::Uuid;

use crate::{Args, Ctx};

pub const ITEM_COLUMNS: &str = "id, workspace_id, project_id, sequence_id, name, description_html, \
    description_stripped, description_binary, priority, state_id, parent_id, estimate_point_id, \
    type_id, point, start_date, target_date, sort_order, completed_at, archived_at, is_draft, \
    estimate_time, external_source, external_id, created_by, updated_by, deleted_at, created_at, \
    updated_at";
const USER_COLUMNS: &str = "id, email, password_hash, first_name, last_name, display_name, avatar, \
    timezone, is_active, failed_logins, locked_until, last_login_at, created_at, updated_at";
const STATE_COLUMNS: &str = "id, workspace_id, project_id, name, description, color, slug, \
    sequence, state_group, is_triage, is_default, external_source, external_id, deleted_at, \
    created_by, updated_by, created_at, updated_at";
const LABEL_COLUMNS: &str = "id, workspace_id, project_id, name, description, color, sort_order, \
    parent_id, external_source, external_id, created_by, updated_by, deleted_at, created_at, \
    updated_at";

/// A bound value of a list query.
#[derive(Clone, Debug)]
pub enum Bind {
    Uuid(Uuid),
    Text(String),
    Bool(bool),
}

/// `$from, $from+1, …` (`count` placeholders); sqlx reads `$N` on SQLite too.
fn params(from: usize, count: usize) -> String {
    (from..from + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The list's statements, built once, and the project's newest event when the list was last
/// counted: as the server does, the total is counted again only when the project changed.
pub struct ListSql {
    count: String,
    page: String,
    binds: Vec<Bind>,
    counted_at: std::sync::Mutex<Option<i64>>,
}

/// The project's newest event, the version of its list totals (see the server's list_counts).
const PROJECT_HEAD: &str = "SELECT seq FROM events WHERE project_id = $1 ORDER BY seq DESC LIMIT 1";

pub fn list_sql(args: &Args) -> anyhow::Result<ListSql> {
    let mut binds = vec![
        Bind::Uuid(args.project),
        Bind::Bool(false),
        Bind::Text("triage".to_owned()),
    ];
    let mut filter = String::new();
    if let Some(raw) = &args.filters {
        let parsed: Value = serde_json::from_str(raw).context("--filters is JSON")?;
        let parts = parsed["and"]
            .as_array()
            .cloned()
            .unwrap_or_else(|| vec![parsed.clone()]);
        for part in parts {
            let Some((key, values)) = part.as_object().and_then(|o| o.iter().next()) else {
                continue;
            };
            let values: Vec<String> = values
                .as_array()
                .context("filters: each lookup takes a list")?
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect();
            let placeholders = params(binds.len() + 1, values.len());
            let clause = match key.as_str() {
                "state_group__in" => {
                    format!(
                        " AND state_id IN (SELECT id FROM states WHERE state_group IN ({placeholders}))"
                    )
                }
                "priority__in" => format!(" AND priority IN ({placeholders})"),
                "assignees__in" => format!(
                    " AND id IN (SELECT work_item_id FROM work_item_assignees WHERE user_id IN ({placeholders}))"
                ),
                "labels__in" => format!(
                    " AND id IN (SELECT work_item_id FROM work_item_labels WHERE label_id IN ({placeholders}))"
                ),
                other => anyhow::bail!("filters: {other} is not one raw-sql knows"),
            };
            filter.push_str(&clause);
            for value in values {
                binds.push(match key.as_str() {
                    "state_group__in" | "priority__in" => Bind::Text(value),
                    _ => Bind::Uuid(value.parse().context("filters: a uuid")?),
                });
            }
        }
    }
    let base = format!(
        "FROM work_items WHERE project_id IN ($1) AND deleted_at IS NULL AND is_draft = $2 AND \
         (state_id IS NULL OR state_id NOT IN (SELECT id FROM states WHERE project_id IN ($1) AND state_group = $3)) \
         AND archived_at IS NULL{filter}"
    );
    let order = match args.order_by.as_str() {
        "-created_at" => "created_at DESC, id DESC",
        "priority" => {
            "CASE work_items.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 \
             WHEN 'low' THEN 3 ELSE 4 END ASC, id ASC"
        }
        other => anyhow::bail!("--order-by {other}: only -created_at and priority"),
    };
    let n = binds.len();
    Ok(ListSql {
        count: format!(
            "SELECT COUNT(*) AS num_items FROM (SELECT {ITEM_COLUMNS} {base}) AS sub_query"
        ),
        page: format!(
            "SELECT {ITEM_COLUMNS} {base} ORDER BY {order} LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        ),
        binds,
        counted_at: std::sync::Mutex::new(None),
    })
}

pub async fn list(ctx: &Ctx, n: usize) -> anyhow::Result<()> {
    let sql = ctx.list.as_ref().context("list statements")?;
    let page = u64::try_from(n)? % ctx.args.pages.max(1);
    let (limit, offset) = (
        i64::try_from(ctx.args.per_page)?,
        i64::try_from(page * ctx.args.per_page)?,
    );
    on_backend!(ctx.db, |pool, _begin| {
        let head: Option<i64> = sqlx::query_scalar(PROJECT_HEAD)
            .bind(ctx.args.project)
            .fetch_optional(pool)
            .await?;
        let head = head.unwrap_or(0);
        let counted = *sql
            .counted_at
            .lock()
            .map_err(|_| anyhow::anyhow!("poisoned"))?;
        if counted != Some(head) {
            let count = bind_all!(sqlx::query(AssertSqlSafe(sql.count.as_str())), &sql.binds)
                .fetch_one(pool)
                .await?;
            let _: i64 = count.try_get(0)?;
            *sql.counted_at
                .lock()
                .map_err(|_| anyhow::anyhow!("poisoned"))? = Some(head);
        }
        let rows = bind_all!(sqlx::query(AssertSqlSafe(sql.page.as_str())), &sql.binds)
            .bind(limit)
            .bind(offset)
            .fetch_all(pool)
            .await?;
        let ids = rows
            .iter()
            .map(|row| row.try_get::<Uuid, _>("id"))
            .collect::<Result<Vec<_>, _>>()?;
        if !ids.is_empty() {
            for table in ["work_item_assignees", "work_item_labels"] {
                let other = if table == "work_item_labels" {
                    "label_id"
                } else {
                    "user_id"
                };
                let statement = format!(
                    "SELECT id, workspace_id, project_id, work_item_id, {other}, created_at FROM {table} \
                     WHERE work_item_id IN ({}) ORDER BY created_at ASC, id ASC",
                    params(1, ids.len())
                );
                let mut query = sqlx::query(AssertSqlSafe(statement));
                for id in &ids {
                    query = query.bind(*id);
                }
                query.fetch_all(pool).await?;
            }
        }
        Ok(())
    })
}

pub async fn retrieve(ctx: &Ctx, n: usize) -> anyhow::Result<()> {
    let id = ctx.item(n)?;
    on_backend!(ctx.db, |pool, _begin| {
        let item = sqlx::query(AssertSqlSafe(format!(
            "SELECT {ITEM_COLUMNS} FROM work_items WHERE id = $1 AND project_id = $2 AND deleted_at IS NULL LIMIT 1"
        )))
        .bind(id)
        .bind(ctx.args.project)
        .fetch_one(pool)
        .await?;
        let state: Option<Uuid> = item.try_get("state_id")?;
        let mut linked = Vec::new();
        for (table, other) in [
            ("work_item_assignees", "user_id"),
            ("work_item_labels", "label_id"),
        ] {
            let rows = sqlx::query(AssertSqlSafe(format!(
                "SELECT id, workspace_id, project_id, work_item_id, {other}, created_at FROM {table} \
                 WHERE work_item_id IN ($1) ORDER BY created_at ASC, id ASC"
            )))
            .bind(id)
            .fetch_all(pool)
            .await?;
            linked.push(
                rows.iter()
                    .map(|row| row.try_get::<Uuid, _>(other))
                    .collect::<Result<Vec<_>, _>>()?,
            );
        }
        let (users, labels) = (&linked[0], &linked[1]);
        if !users.is_empty() {
            let statement = format!(
                "SELECT {USER_COLUMNS} FROM users WHERE id IN ({})",
                params(1, users.len())
            );
            let mut query = sqlx::query(AssertSqlSafe(statement));
            for user in users {
                query = query.bind(*user);
            }
            query.fetch_all(pool).await?;
        }
        if let Some(state) = state {
            sqlx::query(AssertSqlSafe(format!(
                "SELECT {STATE_COLUMNS} FROM states WHERE workspace_id = $1 AND id IN ($2) AND deleted_at IS NULL"
            )))
            .bind(ctx.workspace)
            .bind(state)
            .fetch_all(pool)
            .await?;
        }
        if !labels.is_empty() {
            let statement = format!(
                "SELECT {LABEL_COLUMNS} FROM labels WHERE workspace_id = $1 AND id IN ({}) AND deleted_at IS NULL",
                params(2, labels.len())
            );
            let mut query = sqlx::query(AssertSqlSafe(statement)).bind(ctx.workspace);
            for label in labels {
                query = query.bind(*label);
            }
            query.fetch_all(pool).await?;
        }
        Ok(())
    })
}
