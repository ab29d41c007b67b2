//! `expand=` on work items: the references of a page of items, loaded through the shared
//! [`crate::tracker::expand`].

use glider_domain::model::{catalog::EstimatePointId, work_items::WorkItem};

pub use crate::tracker::expand::{Expansions, ParentLite, References};
use crate::{Ctx, ServiceResult, tracker::expand};

/// The ids that `wanted` names in `items` (unknown names are ignored, as in Plane). The
/// project is not among them: every caller already holds it.
pub fn references(items: &[WorkItem], wanted: &[&str]) -> References {
    let wants = |name: &str| wanted.contains(&name);
    let mut refs = References {
        workspace: wants("workspace"),
        ..References::default()
    };
    for item in items {
        if wants("assignees") {
            refs.users.extend(item.assignees.iter().copied());
        }
        if wants("created_by") {
            refs.users.extend(item.created_by);
        }
        if wants("updated_by") {
            refs.users.extend(item.updated_by);
        }
        if wants("state") {
            refs.states.extend(item.state_id);
        }
        if wants("labels") {
            refs.labels.extend(item.labels.iter().copied());
        }
        if wants("parent") {
            refs.work_items.extend(item.parent_id);
        }
        if wants("estimate_point") {
            refs.estimate_points
                .extend(item.estimate_point_id.map(EstimatePointId));
        }
    }
    refs
}

/// Loads what `wanted` names for `items` (all of one workspace, as every list is).
pub async fn load(ctx: &Ctx, items: &[WorkItem], wanted: &[&str]) -> ServiceResult<Expansions> {
    let Some(first) = items.first() else {
        return Ok(Expansions::default());
    };
    expand::load(ctx, first.workspace_id, &references(items, wanted)).await
}
