//! Listing work items: visibility, the `filters` language, ordering, pages; and search.

use glider_domain::{
    ProjectId,
    filters::{Comparison, DateField, Filter, Lookup, NullableField},
    model::{
        tracker::StateGroup,
        work_items::{OrderField, WorkItem, WorkItemOrder},
    },
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
    sea_query::{Alias, Expr, ExprTrait, Func, Query, SimpleExpr},
};
use uuid::Uuid;

use crate::{
    DbError,
    entities::{state, work_item, work_item_assignee, work_item_label},
    repo::work_items::{load_sets, to_work_item},
};

/// Which items a list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Visibility {
    /// Live, not archived, not drafts, not in triage (Plane's list).
    Active,
    /// Live and archived.
    Archived,
}

/// A list request.
#[derive(Clone, Debug)]
pub struct ListQuery<'a> {
    pub projects: &'a [ProjectId],
    pub visibility: Visibility,
    pub filter: Option<&'a Filter>,
    pub order: WorkItemOrder,
    pub offset: u64,
    pub limit: u64,
}

/// The triage states of the listed projects only: the list is built once per query and
/// probed per row, and a short list keeps that probe cheap (on SQLite, a project of 278,000
/// items counted in 90 ms against all projects' triage states, 35 ms against its own).
fn triage_states(projects: &[ProjectId]) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(state::Column::Id)
        .from(state::Entity)
        .and_where(state::Column::ProjectId.is_in(projects.iter().map(|p| p.0)))
        .and_where(state::Column::StateGroup.eq(StateGroup::Triage.as_str()))
        .to_owned()
}

fn item_ids_where(
    table: impl sea_orm::sea_query::IntoTableRef,
    column: impl sea_orm::sea_query::IntoColumnRef,
    values: &[Uuid],
) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(Alias::new("work_item_id"))
        .from(table)
        .and_where(Expr::col(column).is_in(values.iter().copied()))
        .to_owned()
}

fn any_row(table: impl sea_orm::sea_query::IntoTableRef) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(Alias::new("work_item_id"))
        .from(table)
        .to_owned()
}

/// Items with a live row in a cycle or module link table, optionally only for these owners.
fn linked(
    table: &str,
    owner: &str,
    owners: Option<&[Uuid]>,
) -> sea_orm::sea_query::SelectStatement {
    let mut select = Query::select();
    select
        .column(Alias::new("work_item_id"))
        .from(Alias::new(table))
        .and_where(Expr::col(Alias::new("deleted_at")).is_null());
    if let Some(owners) = owners {
        select.and_where(Expr::col(Alias::new(owner)).is_in(owners.iter().copied()));
    }
    select.to_owned()
}

fn compare(column: work_item::Column, comparison: Comparison, value: SimpleExpr) -> SimpleExpr {
    let column = Expr::col(column);
    match comparison {
        Comparison::Eq => column.eq(value),
        Comparison::Gt => column.gt(value),
        Comparison::Gte => column.gte(value),
        Comparison::Lt => column.lt(value),
        Comparison::Lte => column.lte(value),
    }
}

fn lookup_condition(lookup: &Lookup) -> Condition {
    use work_item::Column as C;
    let expr: SimpleExpr = match lookup {
        Lookup::State(ids) => C::StateId.is_in(ids.iter().copied()),
        Lookup::StateGroup(groups) => C::StateId.in_subquery(
            Query::select()
                .column(state::Column::Id)
                .from(state::Entity)
                .and_where(state::Column::StateGroup.is_in(groups.iter().map(|g| g.as_str())))
                .to_owned(),
        ),
        Lookup::Priority(priorities) => C::Priority.is_in(priorities.iter().map(|p| p.as_str())),
        Lookup::Assignee(users) => C::Id.in_subquery(item_ids_where(
            work_item_assignee::Entity,
            work_item_assignee::Column::UserId,
            users,
        )),
        Lookup::Label(labels) => C::Id.in_subquery(item_ids_where(
            work_item_label::Entity,
            work_item_label::Column::LabelId,
            labels,
        )),
        Lookup::CreatedBy(users) => C::CreatedBy.is_in(users.iter().copied()),
        Lookup::Parent(items) => C::ParentId.is_in(items.iter().copied()),
        Lookup::Cycle(cycles) => {
            C::Id.in_subquery(linked("cycle_work_items", "cycle_id", Some(cycles)))
        }
        Lookup::Module(modules) => {
            C::Id.in_subquery(linked("module_work_items", "module_id", Some(modules)))
        }
        Lookup::Null(field, is_null) => {
            let (present, absent) = match field {
                NullableField::State => (C::StateId.is_not_null(), C::StateId.is_null()),
                NullableField::Parent => (C::ParentId.is_not_null(), C::ParentId.is_null()),
                NullableField::StartDate => (C::StartDate.is_not_null(), C::StartDate.is_null()),
                NullableField::TargetDate => (C::TargetDate.is_not_null(), C::TargetDate.is_null()),
                NullableField::CompletedAt => {
                    (C::CompletedAt.is_not_null(), C::CompletedAt.is_null())
                }
                NullableField::Assignee => (
                    C::Id.in_subquery(any_row(work_item_assignee::Entity)),
                    C::Id.not_in_subquery(any_row(work_item_assignee::Entity)),
                ),
                NullableField::Label => (
                    C::Id.in_subquery(any_row(work_item_label::Entity)),
                    C::Id.not_in_subquery(any_row(work_item_label::Entity)),
                ),
                NullableField::Cycle => (
                    C::Id.in_subquery(linked("cycle_work_items", "cycle_id", None)),
                    C::Id.not_in_subquery(linked("cycle_work_items", "cycle_id", None)),
                ),
                NullableField::Module => (
                    C::Id.in_subquery(linked("module_work_items", "module_id", None)),
                    C::Id.not_in_subquery(linked("module_work_items", "module_id", None)),
                ),
            };
            if *is_null { absent } else { present }
        }
        Lookup::Date(field, comparison, date) => match field {
            DateField::StartDate => compare(C::StartDate, *comparison, Expr::value(*date)),
            DateField::TargetDate => compare(C::TargetDate, *comparison, Expr::value(*date)),
            DateField::CreatedAt | DateField::UpdatedAt | DateField::CompletedAt => {
                let column = match field {
                    DateField::CreatedAt => C::CreatedAt,
                    DateField::UpdatedAt => C::UpdatedAt,
                    _ => C::CompletedAt,
                };
                // A day compares against timestamps as the span [day 00:00, next day 00:00).
                let start = date.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
                let next = date
                    .succ_opt()
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
                    .map(|t| t.and_utc());
                let (Some(start), Some(next)) = (start, next) else {
                    return Condition::all().add(Expr::value(false));
                };
                match comparison {
                    Comparison::Eq => Expr::col(column).gte(start).and(Expr::col(column).lt(next)),
                    Comparison::Gt | Comparison::Gte => {
                        let bound = if *comparison == Comparison::Gt {
                            next
                        } else {
                            start
                        };
                        Expr::col(column).gte(bound)
                    }
                    Comparison::Lt | Comparison::Lte => {
                        let bound = if *comparison == Comparison::Lt {
                            start
                        } else {
                            next
                        };
                        Expr::col(column).lt(bound)
                    }
                }
            }
        },
        Lookup::SequenceId(comparison, value) => {
            compare(C::SequenceId, *comparison, Expr::value(*value))
        }
        Lookup::SequenceIds(values) => C::SequenceId.is_in(values.iter().copied()),
        Lookup::NameContains(text) => Expr::expr(Func::lower(Expr::col(C::Name)))
            .like(format!("%{}%", escape_like(&text.to_lowercase()))),
    };
    Condition::all().add(expr)
}

/// Escapes `%` and `_` so user text matches literally (backslash is LIKE's default escape in
/// PostgreSQL; SQLite needs `ESCAPE`, so those characters are simply dropped there instead).
fn escape_like(text: &str) -> String {
    text.chars()
        .filter(|c| *c != '%' && *c != '_' && *c != '\\')
        .collect()
}

pub fn filter_condition(filter: &Filter) -> Condition {
    match filter {
        Filter::All(parts) => parts
            .iter()
            .fold(Condition::all(), |c, part| c.add(filter_condition(part))),
        Filter::Any(parts) => parts
            .iter()
            .fold(Condition::any(), |c, part| c.add(filter_condition(part))),
        Filter::Not(inner) => filter_condition(inner).not(),
        Filter::Is(lookup) => lookup_condition(lookup),
    }
}

/// The list's rows before ordering and paging (also the base of grouped counts).
pub(crate) fn base(query: &ListQuery<'_>) -> sea_orm::Select<work_item::Entity> {
    use work_item::Column as C;
    let mut select = work_item::Entity::find()
        .filter(C::ProjectId.is_in(query.projects.iter().map(|p| p.0)))
        .filter(C::DeletedAt.is_null())
        .filter(C::IsDraft.eq(false))
        .filter(
            Condition::any()
                .add(C::StateId.is_null())
                .add(C::StateId.not_in_subquery(triage_states(query.projects))),
        );
    select = match query.visibility {
        Visibility::Active => select.filter(C::ArchivedAt.is_null()),
        Visibility::Archived => select.filter(C::ArchivedAt.is_not_null()),
    };
    if let Some(filter) = query.filter {
        select = select.filter(filter_condition(filter));
    }
    select
}

/// The ordering expression for fields that need more than a column.
fn order_expr(field: OrderField) -> SimpleExpr {
    use work_item::Column as C;
    match field {
        OrderField::CreatedAt => Expr::col(C::CreatedAt),
        OrderField::UpdatedAt => Expr::col(C::UpdatedAt),
        OrderField::SequenceId => Expr::col(C::SequenceId),
        OrderField::Name => Expr::col(C::Name),
        OrderField::SortOrder => Expr::col(C::SortOrder),
        OrderField::StartDate => Expr::col(C::StartDate),
        OrderField::TargetDate => Expr::col(C::TargetDate),
        OrderField::CompletedAt => Expr::col(C::CompletedAt),
        OrderField::Priority => Expr::cust(
            "CASE work_items.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END",
        ),
        OrderField::StateName => {
            Expr::cust("(SELECT s.name FROM states s WHERE s.id = work_items.state_id)")
        }
        OrderField::StateGroup => Expr::cust(
            "(SELECT CASE s.state_group WHEN 'backlog' THEN 0 WHEN 'unstarted' THEN 1 WHEN 'started' THEN 2 \
             WHEN 'completed' THEN 3 WHEN 'cancelled' THEN 4 ELSE 5 END FROM states s WHERE s.id = work_items.state_id)",
        ),
        OrderField::LabelName => Expr::cust(
            "(SELECT MAX(l.name) FROM work_item_labels wl JOIN labels l ON l.id = wl.label_id \
             WHERE wl.work_item_id = work_items.id)",
        ),
        OrderField::AssigneeFirstName => Expr::cust(
            "(SELECT MAX(u.first_name) FROM work_item_assignees wa JOIN users u ON u.id = wa.user_id \
             WHERE wa.work_item_id = work_items.id)",
        ),
    }
}

/// A page of items and the total count. Ties break on the id, so pages are stable.
pub async fn list(
    conn: &impl ConnectionTrait,
    query: &ListQuery<'_>,
) -> Result<(u64, Vec<WorkItem>), DbError> {
    Ok((count(conn, query).await?, page(conn, query).await?))
}

/// A page of items without the total.
pub async fn page(
    conn: &impl ConnectionTrait,
    query: &ListQuery<'_>,
) -> Result<Vec<WorkItem>, DbError> {
    if query.projects.is_empty() {
        return Ok(Vec::new());
    }
    let direction = if query.order.descending {
        Order::Desc
    } else {
        Order::Asc
    };
    let rows = base(query)
        .order_by(order_expr(query.order.field), direction.clone())
        .order_by(work_item::Column::Id, direction)
        .offset(query.offset)
        .limit(query.limit)
        .all(conn)
        .await?;
    let mut items: Vec<WorkItem> = rows.into_iter().map(to_work_item).collect();
    load_sets(conn, &mut items).await?;
    Ok(items)
}

/// How many items the list has (for the workspace count endpoint).
pub async fn count(conn: &impl ConnectionTrait, query: &ListQuery<'_>) -> Result<u64, DbError> {
    if query.projects.is_empty() {
        return Ok(0);
    }
    Ok(base(query).count(conn).await?)
}

/// Search by name (case-insensitive substring) or number, in the given projects.
pub async fn search(
    conn: &impl ConnectionTrait,
    projects: &[ProjectId],
    text: &str,
    numbers: &[i32],
    limit: u64,
) -> Result<Vec<WorkItem>, DbError> {
    if projects.is_empty() {
        return Ok(Vec::new());
    }
    let query = ListQuery {
        projects,
        visibility: Visibility::Active,
        filter: None,
        order: WorkItemOrder::DEFAULT,
        offset: 0,
        limit,
    };
    let pattern = format!("%{}%", escape_like(&text.to_lowercase()));
    let mut matches = Condition::any()
        .add(Expr::expr(Func::lower(Expr::col(work_item::Column::Name))).like(pattern));
    if !numbers.is_empty() {
        matches = matches.add(work_item::Column::SequenceId.is_in(numbers.iter().copied()));
    }
    let rows = base(&query)
        .filter(matches)
        .order_by_desc(work_item::Column::CreatedAt)
        .limit(limit)
        .all(conn)
        .await?;
    Ok(rows.into_iter().map(to_work_item).collect())
}
