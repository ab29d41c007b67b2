//! The rows that put work items in a cycle or a module (`cycle_work_items`,
//! `module_work_items`): one shape, two tables. Removal is a soft delete, so a work item's
//! history of cycles stays in the database.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use glider_domain::{
    ProjectId, UserId, WorkItemId, WorkspaceId,
    model::cycles::{EstimateTotals, ItemCounts, Membership},
};
use sea_orm::{
    ConnectionTrait, DbErr, QueryResult,
    sea_query::{Alias, Expr, ExprTrait, JoinType, Order, Query, SelectStatement},
};
use uuid::Uuid;

use crate::DbError;

/// Which link table: cycles' or modules'.
#[derive(Clone, Copy, Debug)]
pub struct LinkTable {
    table: &'static str,
    owner: &'static str,
}

/// Work items in cycles (a work item is in at most one live row).
pub const CYCLES: LinkTable = LinkTable {
    table: "cycle_work_items",
    owner: "cycle_id",
};

/// Work items in modules (one live row per module and work item).
pub const MODULES: LinkTable = LinkTable {
    table: "module_work_items",
    owner: "module_id",
};

const COLUMNS: [&str; 10] = [
    "id",
    "workspace_id",
    "project_id",
    "owner",
    "work_item_id",
    "created_by",
    "updated_by",
    "deleted_at",
    "created_at",
    "updated_at",
];

fn a(name: &str) -> Alias {
    Alias::new(name)
}

impl LinkTable {
    fn column(self, name: &str) -> Alias {
        if name == "owner" {
            a(self.owner)
        } else {
            a(name)
        }
    }

    fn live(self) -> SelectStatement {
        let mut select = Query::select();
        for name in COLUMNS {
            if name != "deleted_at" {
                select.expr_as(Expr::col((a("l"), self.column(name))), a(name));
            }
        }
        select
            .from_as(a(self.table), a("l"))
            .and_where(Expr::col((a("l"), a("deleted_at"))).is_null())
            .to_owned()
    }
}

fn other(error: impl std::fmt::Display) -> DbError {
    DbError::Other(DbErr::Custom(error.to_string()))
}

fn to_membership(row: &QueryResult) -> Result<Membership, DbError> {
    Ok(Membership {
        id: row.try_get("", "id")?,
        workspace_id: WorkspaceId(row.try_get("", "workspace_id")?),
        project_id: ProjectId(row.try_get("", "project_id")?),
        container: row.try_get("", "owner")?,
        work_item_id: WorkItemId(row.try_get("", "work_item_id")?),
        sub_issues_count: 0,
        created_by: row.try_get::<Option<Uuid>>("", "created_by")?.map(UserId),
        updated_by: row.try_get::<Option<Uuid>>("", "updated_by")?.map(UserId),
        created_at: row.try_get("", "created_at")?,
        updated_at: row.try_get("", "updated_at")?,
    })
}

/// Live sub-items (not drafts, not archived) per parent.
async fn sub_item_counts(
    conn: &impl ConnectionTrait,
    parents: &[Uuid],
) -> Result<HashMap<Uuid, u64>, DbError> {
    if parents.is_empty() {
        return Ok(HashMap::new());
    }
    let select = Query::select()
        .column(a("parent_id"))
        .expr_as(Expr::col(a("id")).count(), a("n"))
        .from(a("work_items"))
        .and_where(Expr::col(a("parent_id")).is_in(parents.iter().copied()))
        .and_where(Expr::col(a("deleted_at")).is_null())
        .and_where(Expr::col(a("archived_at")).is_null())
        .and_where(Expr::col(a("is_draft")).eq(false))
        .group_by_col(a("parent_id"))
        .to_owned();
    let mut out = HashMap::new();
    for row in conn.query_all(&select).await? {
        let parent: Uuid = row.try_get("", "parent_id")?;
        let n: i64 = row.try_get("", "n")?;
        out.insert(parent, u64::try_from(n).unwrap_or(0));
    }
    Ok(out)
}

async fn fetch(
    conn: &impl ConnectionTrait,
    select: &SelectStatement,
) -> Result<Vec<Membership>, DbError> {
    let rows = conn.query_all(select).await?;
    let mut out = rows
        .iter()
        .map(to_membership)
        .collect::<Result<Vec<_>, _>>()?;
    let items: Vec<Uuid> = out.iter().map(|m| m.work_item_id.0).collect();
    let subs = sub_item_counts(conn, &items).await?;
    for link in &mut out {
        link.sub_issues_count = subs.get(&link.work_item_id.0).copied().unwrap_or(0);
    }
    Ok(out)
}

/// The live rows of a cycle or module, newest first.
pub async fn of_owner(
    conn: &impl ConnectionTrait,
    table: LinkTable,
    owner: Uuid,
) -> Result<Vec<Membership>, DbError> {
    let select = table
        .live()
        .and_where(Expr::col((a("l"), a(table.owner))).eq(owner))
        .order_by((a("l"), a("created_at")), Order::Desc)
        .order_by((a("l"), a("id")), Order::Desc)
        .to_owned();
    fetch(conn, &select).await
}

/// The live row of `item` in the cycle or module.
pub async fn find(
    conn: &impl ConnectionTrait,
    table: LinkTable,
    owner: Uuid,
    item: WorkItemId,
) -> Result<Option<Membership>, DbError> {
    let select = table
        .live()
        .and_where(Expr::col((a("l"), a(table.owner))).eq(owner))
        .and_where(Expr::col((a("l"), a("work_item_id"))).eq(item.0))
        .to_owned();
    Ok(fetch(conn, &select).await?.pop())
}

/// The live rows of these work items, in any cycle or module of the project.
pub async fn of_items(
    conn: &impl ConnectionTrait,
    table: LinkTable,
    project: ProjectId,
    items: &[WorkItemId],
) -> Result<Vec<Membership>, DbError> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let select = table
        .live()
        .and_where(Expr::col((a("l"), a("project_id"))).eq(project.0))
        .and_where(Expr::col((a("l"), a("work_item_id"))).is_in(items.iter().map(|i| i.0)))
        .to_owned();
    let rows = conn.query_all(&select).await?;
    rows.iter().map(to_membership).collect()
}

pub async fn insert(
    conn: &impl ConnectionTrait,
    table: LinkTable,
    rows: &[Membership],
) -> Result<(), DbError> {
    if rows.is_empty() {
        return Ok(());
    }
    let mut insert = Query::insert();
    insert
        .into_table(a(table.table))
        .columns(COLUMNS.map(|name| table.column(name)));
    for row in rows {
        insert
            .values([
                row.id.into(),
                row.workspace_id.0.into(),
                row.project_id.0.into(),
                row.container.into(),
                row.work_item_id.0.into(),
                row.created_by.map(|u| u.0).into(),
                row.updated_by.map(|u| u.0).into(),
                Option::<DateTime<Utc>>::None.into(),
                row.created_at.into(),
                row.updated_at.into(),
            ])
            .map_err(other)?;
    }
    conn.execute(&insert).await?;
    Ok(())
}

/// Moves rows (by id) to another cycle.
pub async fn reassign(
    conn: &impl ConnectionTrait,
    table: LinkTable,
    ids: &[Uuid],
    owner: Uuid,
    actor: UserId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    if ids.is_empty() {
        return Ok(());
    }
    let update = Query::update()
        .table(a(table.table))
        .value(a(table.owner), owner)
        .value(a("updated_by"), actor.0)
        .value(a("updated_at"), now)
        .and_where(Expr::col(a("id")).is_in(ids.iter().copied()))
        .to_owned();
    conn.execute(&update).await?;
    Ok(())
}

/// Soft-deletes rows by id.
pub async fn remove(
    conn: &impl ConnectionTrait,
    table: LinkTable,
    ids: &[Uuid],
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    if ids.is_empty() {
        return Ok(());
    }
    let update = Query::update()
        .table(a(table.table))
        .value(a("deleted_at"), now)
        .and_where(Expr::col(a("id")).is_in(ids.iter().copied()))
        .to_owned();
    conn.execute(&update).await?;
    Ok(())
}

/// Work items of the cycles or modules by state group, and their estimate sums (archived
/// items, drafts and deleted items are not counted).
pub async fn stats(
    conn: &impl ConnectionTrait,
    table: LinkTable,
    owners: &[Uuid],
) -> Result<HashMap<Uuid, (ItemCounts, EstimateTotals)>, DbError> {
    let mut out: HashMap<Uuid, (ItemCounts, EstimateTotals)> =
        owners.iter().map(|o| (*o, Default::default())).collect();
    if owners.is_empty() {
        return Ok(out);
    }
    let select = Query::select()
        .expr_as(Expr::col((a("l"), a(table.owner))), a("owner"))
        .expr_as(Expr::col((a("s"), a("state_group"))), a("grp"))
        .expr_as(Expr::col((a("l"), a("id"))).count(), a("n"))
        .expr_as(Expr::col((a("p"), a("key"))).sum(), a("points"))
        .from_as(a(table.table), a("l"))
        .join_as(
            JoinType::InnerJoin,
            a("work_items"),
            a("w"),
            Expr::col((a("w"), a("id"))).equals((a("l"), a("work_item_id"))),
        )
        .join_as(
            JoinType::LeftJoin,
            a("states"),
            a("s"),
            Expr::col((a("s"), a("id"))).equals((a("w"), a("state_id"))),
        )
        .join_as(
            JoinType::LeftJoin,
            a("estimate_points"),
            a("p"),
            Expr::col((a("p"), a("id"))).equals((a("w"), a("estimate_point_id"))),
        )
        .and_where(Expr::col((a("l"), a(table.owner))).is_in(owners.iter().copied()))
        .and_where(Expr::col((a("l"), a("deleted_at"))).is_null())
        .and_where(Expr::col((a("w"), a("deleted_at"))).is_null())
        .and_where(Expr::col((a("w"), a("archived_at"))).is_null())
        .and_where(Expr::col((a("w"), a("is_draft"))).eq(false))
        .group_by_col((a("l"), a(table.owner)))
        .group_by_col((a("s"), a("state_group")))
        .to_owned();
    for row in conn.query_all(&select).await? {
        let owner: Uuid = row.try_get("", "owner")?;
        let group: Option<String> = row.try_get("", "grp")?;
        let n = u64::try_from(row.try_get::<i64>("", "n")?).unwrap_or(0);
        let points: Option<i64> = row.try_get("", "points")?;
        let (counts, estimates) = out.entry(owner).or_default();
        counts.total += n;
        let add = |slot: &mut Option<i64>| {
            if let Some(points) = points {
                *slot = Some(slot.unwrap_or(0) + points);
            }
        };
        add(&mut estimates.total);
        match group.as_deref() {
            Some("backlog") => counts.backlog += n,
            Some("unstarted") => counts.unstarted += n,
            Some("started") => {
                counts.started += n;
                add(&mut estimates.started);
            }
            Some("completed") => {
                counts.completed += n;
                add(&mut estimates.completed);
            }
            Some("cancelled") => counts.cancelled += n,
            _ => {}
        }
    }
    Ok(out)
}
