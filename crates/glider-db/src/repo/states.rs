//! Work-item states of a project.

use chrono::{DateTime, Utc};
use glider_domain::{
    ProjectId, StateId, UserId, WorkspaceId,
    model::tracker::{State, StateGroup},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect, Set,
    sea_query::{Alias, Asterisk, Expr, ExprTrait, Query},
};

use crate::{DbError, entities::state, repo::found};

fn to_state(row: state::Model) -> State {
    State {
        id: StateId(row.id),
        workspace_id: WorkspaceId(row.workspace_id),
        project_id: ProjectId(row.project_id),
        name: row.name,
        description: row.description,
        color: row.color,
        slug: row.slug,
        sequence: row.sequence,
        group: StateGroup::from_stored(&row.state_group).unwrap_or(StateGroup::Backlog),
        is_triage: row.is_triage,
        is_default: row.is_default,
        external_source: row.external_source,
        external_id: row.external_id,
        created_by: row.created_by.map(UserId),
        updated_by: row.updated_by.map(UserId),
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

pub async fn insert_states(conn: &impl ConnectionTrait, states: &[State]) -> Result<(), DbError> {
    let rows = states.iter().map(|s| state::ActiveModel {
        id: Set(s.id.0),
        workspace_id: Set(s.workspace_id.0),
        project_id: Set(s.project_id.0),
        name: Set(s.name.clone()),
        description: Set(s.description.clone()),
        color: Set(s.color.clone()),
        slug: Set(s.slug.clone()),
        sequence: Set(s.sequence),
        state_group: Set(s.group.as_str().to_owned()),
        is_triage: Set(s.is_triage),
        is_default: Set(s.is_default),
        external_source: Set(s.external_source.clone()),
        external_id: Set(s.external_id.clone()),
        deleted_at: Set(None),
        created_by: Set(s.created_by.map(|id| id.0)),
        updated_by: Set(s.updated_by.map(|id| id.0)),
        created_at: Set(s.created_at),
        updated_at: Set(s.updated_at),
    });
    state::Entity::insert_many(rows)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Live states of a project by sequence; triage states only when asked.
pub async fn list_states(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
    include_triage: bool,
) -> Result<Vec<State>, DbError> {
    let mut query = state::Entity::find()
        .filter(state::Column::ProjectId.eq(project_id.0))
        .filter(state::Column::DeletedAt.is_null());
    if !include_triage {
        query = query
            .filter(state::Column::StateGroup.ne(StateGroup::Triage.as_str()))
            .filter(state::Column::IsTriage.eq(false));
    }
    Ok(query
        .order_by_asc(state::Column::Sequence)
        .order_by_asc(state::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_state)
        .collect())
}

pub async fn find_state(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
    id: StateId,
) -> Result<State, DbError> {
    found(
        state::Entity::find_by_id(id.0)
            .filter(state::Column::ProjectId.eq(project_id.0))
            .filter(state::Column::DeletedAt.is_null())
            .one(conn)
            .await?,
    )
    .map(to_state)
}

/// Live states of the workspace among `ids`, triage ones included, in one query (for `expand`).
pub async fn find_many(
    conn: &impl ConnectionTrait,
    workspace_id: WorkspaceId,
    ids: &[StateId],
) -> Result<Vec<State>, DbError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(state::Entity::find()
        .filter(state::Column::WorkspaceId.eq(workspace_id.0))
        .filter(state::Column::Id.is_in(ids.iter().map(|id| id.0)))
        .filter(state::Column::DeletedAt.is_null())
        .all(conn)
        .await?
        .into_iter()
        .map(to_state)
        .collect())
}

/// A live state of the project with exactly this name.
pub async fn find_by_name(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
    name: &str,
) -> Result<Option<State>, DbError> {
    Ok(state::Entity::find()
        .filter(state::Column::ProjectId.eq(project_id.0))
        .filter(state::Column::Name.eq(name))
        .filter(state::Column::DeletedAt.is_null())
        .one(conn)
        .await?
        .map(to_state))
}

/// A live state of the project imported from this external source and id.
pub async fn find_by_external(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
    source: Option<&str>,
    external_id: &str,
) -> Result<Option<State>, DbError> {
    let mut query = state::Entity::find()
        .filter(state::Column::ProjectId.eq(project_id.0))
        .filter(state::Column::ExternalId.eq(external_id))
        .filter(state::Column::DeletedAt.is_null());
    query = match source {
        Some(source) => query.filter(state::Column::ExternalSource.eq(source)),
        None => query.filter(state::Column::ExternalSource.is_null()),
    };
    Ok(query.one(conn).await?.map(to_state))
}

/// The highest sequence among the project's live, non-triage states (Plane places a new state
/// after it).
pub async fn max_sequence(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
) -> Result<Option<f64>, DbError> {
    let max: Option<Option<f64>> = state::Entity::find()
        .select_only()
        .column_as(state::Column::Sequence.max(), "max_sequence")
        .filter(state::Column::ProjectId.eq(project_id.0))
        .filter(state::Column::DeletedAt.is_null())
        .filter(state::Column::StateGroup.ne(StateGroup::Triage.as_str()))
        .filter(state::Column::IsTriage.eq(false))
        .into_tuple()
        .one(conn)
        .await?;
    Ok(max.flatten())
}

/// Writes every editable field of a state.
pub async fn update_state(conn: &impl ConnectionTrait, s: &State) -> Result<(), DbError> {
    let row = found(
        state::Entity::find_by_id(s.id.0)
            .filter(state::Column::ProjectId.eq(s.project_id.0))
            .one(conn)
            .await?,
    )?;
    let mut active = row.into_active_model();
    active.name = Set(s.name.clone());
    active.description = Set(s.description.clone());
    active.color = Set(s.color.clone());
    active.slug = Set(s.slug.clone());
    active.sequence = Set(s.sequence);
    active.state_group = Set(s.group.as_str().to_owned());
    active.is_triage = Set(s.is_triage);
    active.is_default = Set(s.is_default);
    active.external_source = Set(s.external_source.clone());
    active.external_id = Set(s.external_id.clone());
    active.updated_by = Set(s.updated_by.map(|id| id.0));
    active.updated_at = Set(s.updated_at);
    active.update(conn).await?;
    Ok(())
}

/// Makes every other state of the project non-default (a project has one default state).
pub async fn unset_other_defaults(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
    keep: StateId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    state::Entity::update_many()
        .col_expr(state::Column::IsDefault, Expr::value(false))
        .col_expr(state::Column::UpdatedAt, Expr::value(now))
        .filter(state::Column::ProjectId.eq(project_id.0))
        .filter(state::Column::IsDefault.eq(true))
        .filter(state::Column::Id.ne(keep.0))
        .exec(conn)
        .await?;
    Ok(())
}

pub async fn soft_delete_state(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
    id: StateId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    state::Entity::update_many()
        .col_expr(state::Column::DeletedAt, Expr::value(Some(now)))
        .filter(state::Column::ProjectId.eq(project_id.0))
        .filter(state::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    Ok(())
}

/// Live work items of the project in this state (a state in use cannot be deleted).
pub async fn count_work_items(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
    id: StateId,
) -> Result<i64, DbError> {
    let query = Query::select()
        .expr_as(Expr::col(Asterisk).count(), Alias::new("total"))
        .from(Alias::new("work_items"))
        .and_where(Expr::col(Alias::new("project_id")).eq(project_id.0))
        .and_where(Expr::col(Alias::new("state_id")).eq(id.0))
        .and_where(Expr::col(Alias::new("deleted_at")).is_null())
        .take();
    let row = conn.query_one(&query).await?;
    Ok(match row {
        Some(row) => row.try_get::<i64>("", "total")?,
        None => 0,
    })
}
