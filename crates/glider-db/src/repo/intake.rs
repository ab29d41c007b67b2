//! Intake: each project's queue and its entries. An entry is only visible while its work item
//! is live (deleting the work item removes it from the queue).

use chrono::{DateTime, Utc};
use glider_domain::{
    IntakeId, ProjectId, UserId, WorkItemId, WorkspaceId,
    model::intake::{Intake, IntakeItem, IntakeStatus},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    sea_query::{Expr, OnConflict, Query},
};

use crate::{
    DbError,
    entities::{intake_item, project_intake as intake, work_item},
    repo::found,
};

fn to_intake(row: intake::Model) -> Intake {
    Intake {
        id: row.id,
        workspace_id: WorkspaceId(row.workspace_id),
        project_id: ProjectId(row.project_id),
        name: row.name,
        description: row.description,
        is_default: row.is_default,
        created_by: row.created_by.map(UserId),
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

fn to_item(row: intake_item::Model) -> IntakeItem {
    IntakeItem {
        id: IntakeId(row.id),
        workspace_id: WorkspaceId(row.workspace_id),
        project_id: ProjectId(row.project_id),
        intake_id: row.intake_id,
        work_item_id: WorkItemId(row.work_item_id),
        status: IntakeStatus::from_code(i64::from(row.status)).unwrap_or(IntakeStatus::Pending),
        snoozed_till: row.snoozed_till,
        duplicate_to: row.duplicate_to.map(WorkItemId),
        source: row.source,
        source_email: row.source_email,
        external_source: row.external_source,
        external_id: row.external_id,
        extra: row.extra,
        created_by: row.created_by.map(UserId),
        updated_by: row.updated_by.map(UserId),
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

/// The project's live intake, if it has one.
pub async fn find_intake(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
) -> Result<Option<Intake>, DbError> {
    Ok(intake::Entity::find()
        .filter(intake::Column::ProjectId.eq(project_id.0))
        .filter(intake::Column::DeletedAt.is_null())
        .one(conn)
        .await?
        .map(to_intake))
}

fn intake_row(i: &Intake) -> intake::ActiveModel {
    intake::ActiveModel {
        id: Set(i.id),
        workspace_id: Set(i.workspace_id.0),
        project_id: Set(i.project_id.0),
        name: Set(i.name.clone()),
        description: Set(i.description.clone()),
        is_default: Set(i.is_default),
        created_by: Set(i.created_by.map(|id| id.0)),
        deleted_at: Set(None),
        created_at: Set(i.created_at),
        updated_at: Set(i.updated_at),
    }
}

/// Adds a project's intake; a second live one is `Conflict { field: "project" }`.
pub async fn insert_intake(conn: &impl ConnectionTrait, i: &Intake) -> Result<(), DbError> {
    intake::Entity::insert(intake_row(i))
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Adds a project's intake unless it has a live one; true if it did. A live one is skipped
/// rather than raised, so a larger transaction survives it (PostgreSQL aborts on an error).
pub async fn insert_intake_if_absent(
    conn: &impl ConnectionTrait,
    i: &Intake,
) -> Result<bool, DbError> {
    let skip = OnConflict::column(intake::Column::ProjectId)
        .target_and_where(intake::Column::DeletedAt.is_null())
        .do_nothing()
        .to_owned();
    let inserted = intake::Entity::insert(intake_row(i))
        .on_conflict(skip)
        .exec_without_returning(conn)
        .await?;
    Ok(inserted > 0)
}

fn item_fields(active: &mut intake_item::ActiveModel, i: &IntakeItem) {
    active.status = Set(i.status.code());
    active.snoozed_till = Set(i.snoozed_till);
    active.duplicate_to = Set(i.duplicate_to.map(|id| id.0));
    active.source = Set(i.source.clone());
    active.source_email = Set(i.source_email.clone());
    active.external_source = Set(i.external_source.clone());
    active.external_id = Set(i.external_id.clone());
    active.extra = Set(i.extra.clone());
    active.updated_by = Set(i.updated_by.map(|id| id.0));
    active.updated_at = Set(i.updated_at);
}

pub async fn insert_item(conn: &impl ConnectionTrait, i: &IntakeItem) -> Result<(), DbError> {
    let mut active = intake_item::ActiveModel {
        id: Set(i.id.0),
        workspace_id: Set(i.workspace_id.0),
        project_id: Set(i.project_id.0),
        intake_id: Set(i.intake_id),
        work_item_id: Set(i.work_item_id.0),
        created_by: Set(i.created_by.map(|id| id.0)),
        deleted_at: Set(None),
        created_at: Set(i.created_at),
        ..Default::default()
    };
    item_fields(&mut active, i);
    intake_item::Entity::insert(active)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Writes the triage fields of an entry.
pub async fn save_item(conn: &impl ConnectionTrait, i: &IntakeItem) -> Result<(), DbError> {
    let row = found(intake_item::Entity::find_by_id(i.id.0).one(conn).await?)?;
    let mut active = row.into_active_model();
    item_fields(&mut active, i);
    active.update(conn).await?;
    Ok(())
}

pub async fn soft_delete_item(
    conn: &impl ConnectionTrait,
    id: IntakeId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    intake_item::Entity::update_many()
        .col_expr(intake_item::Column::DeletedAt, Expr::value(Some(now)))
        .filter(intake_item::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    Ok(())
}

/// Live entries of a project's intake whose work item is live.
fn live(project_id: ProjectId, intake_id: uuid::Uuid) -> sea_orm::Select<intake_item::Entity> {
    let live_items = Query::select()
        .column(work_item::Column::Id)
        .from(work_item::Entity)
        .and_where(work_item::Column::ProjectId.eq(project_id.0))
        .and_where(work_item::Column::DeletedAt.is_null())
        .to_owned();
    intake_item::Entity::find()
        .filter(intake_item::Column::ProjectId.eq(project_id.0))
        .filter(intake_item::Column::IntakeId.eq(intake_id))
        .filter(intake_item::Column::DeletedAt.is_null())
        .filter(intake_item::Column::WorkItemId.in_subquery(live_items))
}

/// The live entry of `work_item` in the project's intake.
pub async fn find_item(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
    intake_id: uuid::Uuid,
    work_item: WorkItemId,
) -> Result<IntakeItem, DbError> {
    found(
        live(project_id, intake_id)
            .filter(intake_item::Column::WorkItemId.eq(work_item.0))
            .one(conn)
            .await?,
    )
    .map(to_item)
}

/// A list request. As in Plane, an entry shows while its `snoozed_till` is empty or not yet
/// past `now`; newest first.
#[derive(Clone, Debug)]
pub struct ItemQuery<'a> {
    pub project_id: ProjectId,
    pub intake_id: uuid::Uuid,
    pub now: DateTime<Utc>,
    /// Only these statuses (all when empty).
    pub statuses: &'a [IntakeStatus],
    pub offset: u64,
    pub limit: u64,
}

/// A page of entries and the total.
pub async fn list_items(
    conn: &impl ConnectionTrait,
    query: &ItemQuery<'_>,
) -> Result<(u64, Vec<IntakeItem>), DbError> {
    let mut select = live(query.project_id, query.intake_id).filter(
        Condition::any()
            .add(intake_item::Column::SnoozedTill.is_null())
            .add(intake_item::Column::SnoozedTill.gte(query.now)),
    );
    if !query.statuses.is_empty() {
        select = select
            .filter(intake_item::Column::Status.is_in(query.statuses.iter().map(|s| s.code())));
    }
    let total = select.clone().count(conn).await?;
    let rows = select
        .order_by_desc(intake_item::Column::CreatedAt)
        .order_by_desc(intake_item::Column::Id)
        .offset(query.offset)
        .limit(query.limit)
        .all(conn)
        .await?;
    Ok((total, rows.into_iter().map(to_item).collect()))
}
