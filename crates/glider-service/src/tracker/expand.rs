//! What Plane's `expand=` needs (REFERENCE 2.5): the records that a page of objects points at,
//! fetched once per page and per kind, inside one workspace.
//!
//! The caller names the ids (taken from objects it was already allowed to read); [`load`]
//! returns whatever of them still exists. Anything missing is rendered as `{}` by the caller,
//! as Plane renders a null reference.

use std::collections::HashMap;

use glider_db::repo::{
    accounts, estimates, labels, projects, states, work_items, workspaces as workspace_repo,
};
use glider_domain::{
    LabelId, ProjectId, StateId, UserId, WorkItemId, WorkspaceId,
    model::{
        accounts::User,
        catalog::{EstimatePoint, EstimatePointId, Label},
        tracker::{Project, State},
        workspaces::Workspace,
    },
};
use uuid::Uuid;

use crate::{Ctx, ServiceResult};

/// The ids a page of objects points at, by kind.
#[derive(Clone, Debug, Default)]
pub struct References {
    pub users: Vec<UserId>,
    /// The workspace itself (objects only ever point at their own).
    pub workspace: bool,
    pub projects: Vec<ProjectId>,
    pub states: Vec<StateId>,
    pub labels: Vec<LabelId>,
    /// Work items named as a `parent`.
    pub work_items: Vec<WorkItemId>,
    pub estimate_points: Vec<EstimatePointId>,
}

impl References {
    /// True when nothing is asked for (no query needed).
    pub fn is_empty(&self) -> bool {
        !self.workspace
            && self.users.is_empty()
            && self.projects.is_empty()
            && self.states.is_empty()
            && self.labels.is_empty()
            && self.work_items.is_empty()
            && self.estimate_points.is_empty()
    }
}

/// A work item as another object's `parent`: Plane's `IssueLite`.
#[derive(Clone, Copy, Debug)]
pub struct ParentLite {
    pub id: Uuid,
    pub sequence_id: i32,
    pub project_id: Uuid,
}

/// The records found, by id.
#[derive(Clone, Debug, Default)]
pub struct Expansions {
    pub users: HashMap<Uuid, User>,
    pub workspace: Option<Workspace>,
    pub projects: HashMap<Uuid, Project>,
    pub states: HashMap<Uuid, State>,
    pub labels: HashMap<Uuid, Label>,
    pub parents: HashMap<Uuid, ParentLite>,
    pub estimate_points: HashMap<Uuid, EstimatePoint>,
}

fn unique<T: Ord + Copy>(ids: &[T]) -> Vec<T> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Loads the referenced records of `workspace_id`: one query per kind asked for.
pub async fn load(
    ctx: &Ctx,
    workspace_id: WorkspaceId,
    refs: &References,
) -> ServiceResult<Expansions> {
    let conn = ctx.db.conn();
    let mut out = Expansions::default();
    if refs.is_empty() {
        return Ok(out);
    }
    if !refs.users.is_empty() {
        out.users = accounts::find_users(conn, &unique(&refs.users)).await?;
    }
    if refs.workspace {
        out.workspace = workspace_repo::find_by_id(conn, workspace_id).await.ok();
    }
    if !refs.projects.is_empty() || !refs.work_items.is_empty() {
        let all = projects::list_projects(conn, workspace_id).await?;
        if !refs.work_items.is_empty() {
            let in_workspace: Vec<ProjectId> = all.iter().map(|p| p.id).collect();
            let ids: Vec<Uuid> = unique(&refs.work_items).iter().map(|id| id.0).collect();
            for item in work_items::find_in_projects(conn, &in_workspace, &ids).await? {
                let lite = ParentLite {
                    id: item.id.0,
                    sequence_id: item.sequence_id,
                    project_id: item.project_id.0,
                };
                out.parents.insert(item.id.0, lite);
            }
        }
        out.projects = all
            .into_iter()
            .filter(|p| refs.projects.contains(&p.id))
            .map(|p| (p.id.0, p))
            .collect();
    }
    if !refs.states.is_empty() {
        let found = states::find_many(conn, workspace_id, &unique(&refs.states)).await?;
        out.states = found.into_iter().map(|s| (s.id.0, s)).collect();
    }
    if !refs.labels.is_empty() {
        let found = labels::find_many(conn, workspace_id, &unique(&refs.labels)).await?;
        out.labels = found.into_iter().map(|l| (l.id.0, l)).collect();
    }
    if !refs.estimate_points.is_empty() {
        let ids = unique(&refs.estimate_points);
        let found = estimates::find_points(conn, workspace_id, &ids).await?;
        out.estimate_points = found.into_iter().map(|p| (p.id.0, p)).collect();
    }
    Ok(out)
}
