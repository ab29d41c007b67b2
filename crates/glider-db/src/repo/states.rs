//! Work-item states of a project.

use glider_domain::{
    ProjectId, StateId, UserId, WorkspaceId,
    model::tracker::{State, StateGroup},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

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
