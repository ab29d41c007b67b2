//! Work items: rows, their assignee and label sets, the sequence counter, and list queries.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use glider_domain::{
    LabelId, ProjectId, StateId, UserId, WorkItemId, WorkspaceId,
    model::work_items::{Priority, WorkItem},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect, Set,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use crate::{
    DbError,
    entities::{project, work_item, work_item_assignee, work_item_label},
    repo::found,
};

pub(crate) fn to_work_item(row: work_item::Model) -> WorkItem {
    WorkItem {
        id: WorkItemId(row.id),
        workspace_id: WorkspaceId(row.workspace_id),
        project_id: ProjectId(row.project_id),
        sequence_id: row.sequence_id,
        name: row.name,
        description_html: row.description_html,
        description_stripped: row.description_stripped,
        priority: Priority::parse("priority", &row.priority).unwrap_or(Priority::None),
        state_id: row.state_id.map(StateId),
        parent_id: row.parent_id.map(WorkItemId),
        estimate_point_id: row.estimate_point_id,
        type_id: row.type_id,
        point: row.point,
        start_date: row.start_date,
        target_date: row.target_date,
        sort_order: row.sort_order,
        completed_at: row.completed_at,
        archived_at: row.archived_at,
        is_draft: row.is_draft,
        estimate_time: row.estimate_time,
        external_source: row.external_source,
        external_id: row.external_id,
        created_by: row.created_by.map(UserId),
        updated_by: row.updated_by.map(UserId),
        created_at: row.created_at,
        updated_at: row.updated_at,
        assignees: Vec::new(),
        labels: Vec::new(),
    }
}

fn write_fields(active: &mut work_item::ActiveModel, item: &WorkItem) {
    active.sequence_id = Set(item.sequence_id);
    active.name = Set(item.name.clone());
    active.description_html = Set(item.description_html.clone());
    active.description_stripped = Set(item.description_stripped.clone());
    active.priority = Set(item.priority.as_str().to_owned());
    active.state_id = Set(item.state_id.map(|id| id.0));
    active.parent_id = Set(item.parent_id.map(|id| id.0));
    active.estimate_point_id = Set(item.estimate_point_id);
    active.type_id = Set(item.type_id);
    active.point = Set(item.point);
    active.start_date = Set(item.start_date);
    active.target_date = Set(item.target_date);
    active.sort_order = Set(item.sort_order);
    active.completed_at = Set(item.completed_at);
    active.archived_at = Set(item.archived_at);
    active.is_draft = Set(item.is_draft);
    active.estimate_time = Set(item.estimate_time);
    active.external_source = Set(item.external_source.clone());
    active.external_id = Set(item.external_id.clone());
    active.updated_by = Set(item.updated_by.map(|id| id.0));
    active.updated_at = Set(item.updated_at);
}

/// Issues the project's next work-item number. The row update locks the project row until
/// the transaction ends (PostgreSQL), and SQLite writers are serialised, so concurrent creates
/// never share a number.
pub async fn next_sequence(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
) -> Result<i32, DbError> {
    project::Entity::update_many()
        .col_expr(
            project::Column::WorkItemSequence,
            Expr::col(project::Column::WorkItemSequence).add(1),
        )
        .filter(project::Column::Id.eq(project_id.0))
        .exec(conn)
        .await?;
    let value: Option<i32> = project::Entity::find_by_id(project_id.0)
        .select_only()
        .column(project::Column::WorkItemSequence)
        .into_tuple()
        .one(conn)
        .await?;
    found(value)
}

/// The row of a new work item (not its assignee and label sets).
pub(crate) fn new_row(item: &WorkItem) -> work_item::ActiveModel {
    let mut active = work_item::ActiveModel {
        id: Set(item.id.0),
        workspace_id: Set(item.workspace_id.0),
        project_id: Set(item.project_id.0),
        description_binary: Set(None),
        created_by: Set(item.created_by.map(|id| id.0)),
        created_at: Set(item.created_at),
        deleted_at: Set(None),
        ..Default::default()
    };
    write_fields(&mut active, item);
    active
}

pub async fn insert(conn: &impl ConnectionTrait, item: &WorkItem) -> Result<(), DbError> {
    work_item::Entity::insert(new_row(item))
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Writes every column of `item` (not its assignee and label sets).
pub async fn save(conn: &impl ConnectionTrait, item: &WorkItem) -> Result<(), DbError> {
    let row = found(work_item::Entity::find_by_id(item.id.0).one(conn).await?)?;
    let mut active = row.into_active_model();
    write_fields(&mut active, item);
    active.update(conn).await?;
    Ok(())
}

pub async fn soft_delete(
    conn: &impl ConnectionTrait,
    id: WorkItemId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    work_item::Entity::update_many()
        .col_expr(work_item::Column::DeletedAt, Expr::value(Some(now)))
        .filter(work_item::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    Ok(())
}

pub(crate) fn assignee_row(
    item: &WorkItem,
    user: UserId,
    id: Uuid,
    at: DateTime<Utc>,
) -> work_item_assignee::ActiveModel {
    work_item_assignee::ActiveModel {
        id: Set(id),
        workspace_id: Set(item.workspace_id.0),
        project_id: Set(item.project_id.0),
        work_item_id: Set(item.id.0),
        user_id: Set(user.0),
        created_at: Set(at),
    }
}

pub(crate) fn label_row(
    item: &WorkItem,
    label: LabelId,
    id: Uuid,
    at: DateTime<Utc>,
) -> work_item_label::ActiveModel {
    work_item_label::ActiveModel {
        id: Set(id),
        workspace_id: Set(item.workspace_id.0),
        project_id: Set(item.project_id.0),
        work_item_id: Set(item.id.0),
        label_id: Set(label.0),
        created_at: Set(at),
    }
}

/// Replaces the assignee set.
pub async fn set_assignees(
    conn: &impl ConnectionTrait,
    item: &WorkItem,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    work_item_assignee::Entity::delete_many()
        .filter(work_item_assignee::Column::WorkItemId.eq(item.id.0))
        .exec(conn)
        .await?;
    if item.assignees.is_empty() {
        return Ok(());
    }
    let rows = item
        .assignees
        .iter()
        .map(|user| assignee_row(item, *user, Uuid::now_v7(), now));
    work_item_assignee::Entity::insert_many(rows)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Replaces the label set.
pub async fn set_labels(
    conn: &impl ConnectionTrait,
    item: &WorkItem,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    work_item_label::Entity::delete_many()
        .filter(work_item_label::Column::WorkItemId.eq(item.id.0))
        .exec(conn)
        .await?;
    if item.labels.is_empty() {
        return Ok(());
    }
    let rows = item
        .labels
        .iter()
        .map(|label| label_row(item, *label, Uuid::now_v7(), now));
    work_item_label::Entity::insert_many(rows)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Fills in the assignee and label sets of `items` with two queries.
pub async fn load_sets(conn: &impl ConnectionTrait, items: &mut [WorkItem]) -> Result<(), DbError> {
    if items.is_empty() {
        return Ok(());
    }
    let ids: Vec<Uuid> = items.iter().map(|item| item.id.0).collect();
    let mut assignees: HashMap<Uuid, Vec<UserId>> = HashMap::new();
    for row in work_item_assignee::Entity::find()
        .filter(work_item_assignee::Column::WorkItemId.is_in(ids.clone()))
        .order_by_asc(work_item_assignee::Column::CreatedAt)
        .order_by_asc(work_item_assignee::Column::Id)
        .all(conn)
        .await?
    {
        assignees
            .entry(row.work_item_id)
            .or_default()
            .push(UserId(row.user_id));
    }
    let mut labels: HashMap<Uuid, Vec<LabelId>> = HashMap::new();
    for row in work_item_label::Entity::find()
        .filter(work_item_label::Column::WorkItemId.is_in(ids))
        .order_by_asc(work_item_label::Column::CreatedAt)
        .order_by_asc(work_item_label::Column::Id)
        .all(conn)
        .await?
    {
        labels
            .entry(row.work_item_id)
            .or_default()
            .push(LabelId(row.label_id));
    }
    for item in items.iter_mut() {
        item.assignees = assignees.remove(&item.id.0).unwrap_or_default();
        item.labels = labels.remove(&item.id.0).unwrap_or_default();
    }
    Ok(())
}

async fn one_with_sets(
    conn: &impl ConnectionTrait,
    row: Option<work_item::Model>,
) -> Result<WorkItem, DbError> {
    let mut items = vec![to_work_item(found(row)?)];
    load_sets(conn, &mut items).await?;
    found(items.pop())
}

/// A live (not deleted) work item of the project, archived and drafts included.
pub async fn find(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
    id: WorkItemId,
) -> Result<WorkItem, DbError> {
    let row = work_item::Entity::find_by_id(id.0)
        .filter(work_item::Column::ProjectId.eq(project_id.0))
        .filter(work_item::Column::DeletedAt.is_null())
        .one(conn)
        .await?;
    one_with_sets(conn, row).await
}

/// The live row inside a write transaction, locked against concurrent updates until commit
/// (`FOR UPDATE` on PostgreSQL; SQLite's write transaction already excludes other writers).
pub async fn find_for_update(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
    id: WorkItemId,
) -> Result<WorkItem, DbError> {
    let row = work_item::Entity::find_by_id(id.0)
        .filter(work_item::Column::ProjectId.eq(project_id.0))
        .filter(work_item::Column::DeletedAt.is_null())
        .lock_exclusive()
        .one(conn)
        .await?;
    one_with_sets(conn, row).await
}

pub async fn find_by_sequence(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
    sequence_id: i32,
) -> Result<WorkItem, DbError> {
    let row = work_item::Entity::find()
        .filter(work_item::Column::ProjectId.eq(project_id.0))
        .filter(work_item::Column::SequenceId.eq(sequence_id))
        .filter(work_item::Column::DeletedAt.is_null())
        .one(conn)
        .await?;
    one_with_sets(conn, row).await
}

pub async fn find_by_external(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
    source: &str,
    external_id: &str,
) -> Result<WorkItem, DbError> {
    let row = work_item::Entity::find()
        .filter(work_item::Column::ProjectId.eq(project_id.0))
        .filter(work_item::Column::ExternalSource.eq(source))
        .filter(work_item::Column::ExternalId.eq(external_id))
        .filter(work_item::Column::DeletedAt.is_null())
        .one(conn)
        .await?;
    one_with_sets(conn, row).await
}

/// The largest sort order among live items in a state, if any.
pub async fn max_sort_order(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
    state_id: Option<StateId>,
) -> Result<Option<f64>, DbError> {
    // The first row of `ix_work_items__state_order` read backwards, rather than MAX(), which
    // PostgreSQL and SQLite answer by reading every item of the state.
    let mut query = work_item::Entity::find()
        .select_only()
        .column(work_item::Column::SortOrder)
        .filter(work_item::Column::ProjectId.eq(project_id.0))
        .filter(work_item::Column::DeletedAt.is_null());
    query = match state_id {
        Some(state) => query.filter(work_item::Column::StateId.eq(state.0)),
        None => query.filter(work_item::Column::StateId.is_null()),
    };
    let last: Option<f64> = query
        .order_by_desc(work_item::Column::SortOrder)
        .limit(1)
        .into_tuple()
        .one(conn)
        .await?;
    Ok(last)
}

/// The parent chain of `id`, nearest first, bounded (to refuse parent loops).
pub async fn ancestors(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
    id: WorkItemId,
) -> Result<Vec<WorkItemId>, DbError> {
    let mut chain = Vec::new();
    let mut current = Some(id);
    while let Some(item) = current {
        if chain.len() > 1000 {
            break;
        }
        let parent: Option<Option<Uuid>> = work_item::Entity::find_by_id(item.0)
            .select_only()
            .column(work_item::Column::ParentId)
            .filter(work_item::Column::ProjectId.eq(project_id.0))
            .into_tuple()
            .one(conn)
            .await?;
        current = parent.flatten().map(WorkItemId);
        if let Some(parent) = current {
            chain.push(parent);
        }
    }
    Ok(chain)
}

/// Live, non-draft items that have `parent` as parent (sub-items).
pub async fn count_children(
    conn: &impl ConnectionTrait,
    parent: WorkItemId,
) -> Result<u64, DbError> {
    use sea_orm::PaginatorTrait;
    Ok(work_item::Entity::find()
        .filter(work_item::Column::ParentId.eq(parent.0))
        .filter(work_item::Column::DeletedAt.is_null())
        .count(conn)
        .await?)
}

/// The ids among `ids` that are live rows of `table` in the project (labels, estimate points).
pub async fn live_ids_in_project(
    conn: &impl ConnectionTrait,
    table: &str,
    project_id: ProjectId,
    ids: &[Uuid],
) -> Result<Vec<Uuid>, DbError> {
    use sea_orm::sea_query::{Alias, Query};
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let select = Query::select()
        .column(Alias::new("id"))
        .from(Alias::new(table))
        .and_where(Expr::col(Alias::new("project_id")).eq(project_id.0))
        .and_where(Expr::col(Alias::new("deleted_at")).is_null())
        .and_where(Expr::col(Alias::new("id")).is_in(ids.iter().copied()))
        .to_owned();
    let rows = conn.query_all(&select).await?;
    let found: Vec<Uuid> = rows
        .iter()
        .filter_map(|row| row.try_get::<Uuid>("", "id").ok())
        .collect();
    // Keep the caller's order, drop duplicates.
    let mut out: Vec<Uuid> = Vec::new();
    for id in ids {
        if found.contains(id) && !out.contains(id) {
            out.push(*id);
        }
    }
    Ok(out)
}

/// `id → name` for rows of `table` (labels' names, states' names) or users' display names.
pub async fn names(
    conn: &impl ConnectionTrait,
    table: &str,
    column: &str,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, String>, DbError> {
    use sea_orm::sea_query::{Alias, Query};
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let select = Query::select()
        .column(Alias::new("id"))
        .expr_as(Expr::col(Alias::new(column)), Alias::new("name"))
        .from(Alias::new(table))
        .and_where(Expr::col(Alias::new("id")).is_in(ids.iter().copied()))
        .to_owned();
    let rows = conn.query_all(&select).await?;
    Ok(rows
        .iter()
        .filter_map(|row| {
            Some((
                row.try_get::<Uuid>("", "id").ok()?,
                row.try_get::<String>("", "name").ok()?,
            ))
        })
        .collect())
}

/// Users among `ids` who are active members of the project with at least the member role
/// (Plane silently drops other assignees).
pub async fn assignable(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
    ids: &[Uuid],
) -> Result<Vec<UserId>, DbError> {
    use crate::entities::project_member;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let members: Vec<Uuid> = project_member::Entity::find()
        .select_only()
        .column(project_member::Column::UserId)
        .filter(project_member::Column::ProjectId.eq(project_id.0))
        .filter(project_member::Column::IsActive.eq(true))
        .filter(project_member::Column::Role.gte(15))
        .filter(project_member::Column::UserId.is_in(ids.iter().copied()))
        .into_tuple()
        .all(conn)
        .await?;
    let mut out = Vec::new();
    for id in ids {
        if members.contains(id) && !out.contains(&UserId(*id)) {
            out.push(UserId(*id));
        }
    }
    Ok(out)
}

/// Live work items among `ids` that belong to one of `projects`, in one query (without their
/// assignee and label sets).
pub async fn find_in_projects(
    conn: &impl ConnectionTrait,
    projects: &[ProjectId],
    ids: &[Uuid],
) -> Result<Vec<WorkItem>, DbError> {
    if projects.is_empty() || ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(work_item::Entity::find()
        .filter(work_item::Column::ProjectId.is_in(projects.iter().map(|p| p.0)))
        .filter(work_item::Column::Id.is_in(ids.iter().copied()))
        .filter(work_item::Column::DeletedAt.is_null())
        .all(conn)
        .await?
        .into_iter()
        .map(to_work_item)
        .collect())
}
