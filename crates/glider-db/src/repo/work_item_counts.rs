//! Counting the items of a list by one or two dimensions (the workspace count's `group_by` and
//! `sub_group_by`), in the database: one `GROUP BY` query per level.

use chrono::NaiveDate;
use glider_domain::model::work_item_counts::{CountDimension, GroupCount};
use sea_orm::{
    ConnectionTrait, QueryResult, QuerySelect, QueryTrait,
    sea_query::{Alias, Expr, ExprTrait, JoinType, SelectStatement, SimpleExpr},
};
use uuid::Uuid;

use crate::{
    DbError,
    entities::work_item,
    repo::work_item_queries::{ListQuery, base},
};

/// How a dimension's values come back from the database.
#[derive(Clone, Copy)]
enum Decode {
    Uuid,
    Text,
    Date,
}

/// `LEFT JOIN <table> AS <prefix>_<table> ON <alias>.work_item_id = work_items.id` (live link
/// rows only where links are soft-deleted); returns `<alias>.<value>`.
fn join_links(
    select: &mut SelectStatement,
    prefix: &str,
    table: &str,
    soft_deleted: bool,
    value: &str,
) -> SimpleExpr {
    let alias = Alias::new(format!("{prefix}_{table}"));
    let mut on = Expr::col((alias.clone(), Alias::new("work_item_id")))
        .equals((work_item::Entity, work_item::Column::Id));
    if soft_deleted {
        on = on.and(Expr::col((alias.clone(), Alias::new("deleted_at"))).is_null());
    }
    select.join_as(JoinType::LeftJoin, Alias::new(table), alias.clone(), on);
    Expr::col((alias, Alias::new(value)))
}

/// Adds what `dimension` needs to `select` (a join for the many-valued ones) and returns the
/// expression to group by, or `None` for a dimension Glider does not have (every item is in
/// its "no value" group).
fn column(
    select: &mut SelectStatement,
    dimension: CountDimension,
    prefix: &str,
) -> Option<(SimpleExpr, Decode)> {
    use work_item::Column as C;
    let item = |column: C| Expr::col((work_item::Entity, column));
    Some(match dimension {
        CountDimension::State => (item(C::StateId), Decode::Uuid),
        CountDimension::StateGroup => {
            let alias = Alias::new(format!("{prefix}_states"));
            let on = Expr::col((alias.clone(), Alias::new("id")))
                .equals((work_item::Entity, C::StateId));
            select.join_as(JoinType::LeftJoin, Alias::new("states"), alias.clone(), on);
            (Expr::col((alias, Alias::new("state_group"))), Decode::Text)
        }
        CountDimension::Priority => (item(C::Priority), Decode::Text),
        CountDimension::Project => (item(C::ProjectId), Decode::Uuid),
        CountDimension::Type => (item(C::TypeId), Decode::Uuid),
        CountDimension::CreatedBy => (item(C::CreatedBy), Decode::Uuid),
        CountDimension::TargetDate => (item(C::TargetDate), Decode::Date),
        CountDimension::StartDate => (item(C::StartDate), Decode::Date),
        CountDimension::Label => (
            join_links(select, prefix, "work_item_labels", false, "label_id"),
            Decode::Uuid,
        ),
        CountDimension::Assignee => (
            join_links(select, prefix, "work_item_assignees", false, "user_id"),
            Decode::Uuid,
        ),
        CountDimension::Module => (
            join_links(select, prefix, "module_work_items", true, "module_id"),
            Decode::Uuid,
        ),
        CountDimension::Cycle => (
            join_links(select, prefix, "cycle_work_items", true, "cycle_id"),
            Decode::Uuid,
        ),
        CountDimension::Release | CountDimension::Milestone => return None,
    })
}

fn key(row: &QueryResult, name: &str, decode: Decode) -> Result<Option<String>, DbError> {
    Ok(match decode {
        Decode::Uuid => row
            .try_get::<Option<Uuid>>("", name)?
            .map(|id| id.to_string()),
        Decode::Text => row.try_get::<Option<String>>("", name)?,
        Decode::Date => row
            .try_get::<Option<NaiveDate>>("", name)?
            .map(|date| date.format("%Y-%m-%d").to_string()),
    })
}

/// Distinct items of the list per value of `group` (and of `sub_group` inside it, when
/// given). An item with several labels (assignees, modules, cycles) counts once in each.
pub async fn grouped(
    conn: &impl ConnectionTrait,
    query: &ListQuery<'_>,
    group: CountDimension,
    sub_group: Option<CountDimension>,
) -> Result<Vec<GroupCount>, DbError> {
    if query.projects.is_empty() {
        return Ok(Vec::new());
    }
    let mut select = base(query).select_only().into_query();
    let mut decoders = Vec::new();
    for (dimension, name) in [(Some(group), "g"), (sub_group, "s")] {
        let Some(dimension) = dimension else { continue };
        if let Some((expr, decode)) = column(&mut select, dimension, name) {
            select.expr_as(expr.clone(), Alias::new(name));
            select.add_group_by([expr]);
            decoders.push((name, decode));
        }
    }
    select.expr_as(
        Expr::col((work_item::Entity, work_item::Column::Id)).count_distinct(),
        Alias::new("n"),
    );
    let mut out = Vec::new();
    for row in conn.query_all(&select).await? {
        let count: i64 = row.try_get("", "n")?;
        let mut counted = GroupCount {
            key: None,
            sub_key: None,
            count: u64::try_from(count).unwrap_or(0),
        };
        for (name, decode) in &decoders {
            let value = key(&row, name, *decode)?;
            if *name == "g" {
                counted.key = value;
            } else {
                counted.sub_key = value;
            }
        }
        if counted.count > 0 {
            out.push(counted);
        }
    }
    Ok(out)
}
