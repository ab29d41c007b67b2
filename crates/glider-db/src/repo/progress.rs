//! Counting a project's work items by state group.

use std::collections::HashMap;

use glider_domain::{ProjectId, model::tracker::StateGroup};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use crate::{
    DbError,
    entities::{state, work_item},
};

/// `(group, count)` of the project's live, non-draft, non-archived work items; `None` is the
/// items without a state. Triage items are counted under their group; callers leave them out.
pub async fn counts_by_group(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
) -> Result<Vec<(Option<StateGroup>, u64)>, DbError> {
    let per_state: Vec<(Option<Uuid>, i64)> = work_item::Entity::find()
        .select_only()
        .column(work_item::Column::StateId)
        .column_as(work_item::Column::Id.count(), "items")
        .filter(work_item::Column::ProjectId.eq(project_id.0))
        .filter(work_item::Column::DeletedAt.is_null())
        .filter(work_item::Column::IsDraft.eq(false))
        .filter(work_item::Column::ArchivedAt.is_null())
        .group_by(work_item::Column::StateId)
        .into_tuple()
        .all(conn)
        .await?;
    let state_ids: Vec<Uuid> = per_state.iter().filter_map(|(id, _)| *id).collect();
    // Every state an item points at, deleted ones included: the item keeps its group.
    let groups: HashMap<Uuid, StateGroup> = if state_ids.is_empty() {
        HashMap::new()
    } else {
        let rows: Vec<(Uuid, String)> = state::Entity::find()
            .select_only()
            .column(state::Column::Id)
            .column(state::Column::StateGroup)
            .filter(state::Column::Id.is_in(state_ids))
            .filter(state::Column::ProjectId.eq(project_id.0))
            .into_tuple()
            .all(conn)
            .await?;
        rows.into_iter()
            .filter_map(|(id, group)| Some((id, StateGroup::from_stored(&group)?)))
            .collect()
    };
    Ok(per_state
        .into_iter()
        .map(|(state, count)| {
            (
                state.and_then(|id| groups.get(&id).copied()),
                u64::try_from(count).unwrap_or_default(),
            )
        })
        .collect())
}
