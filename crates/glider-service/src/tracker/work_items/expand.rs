//! What `expand=` needs: the users, states, projects and parents that work items point at,
//! fetched once per page.

use std::collections::HashMap;

use glider_db::repo::{accounts, states as state_repo, work_items as repo};
use glider_domain::{
    UserId,
    model::{accounts::User, catalog::Label, tracker::State, work_items::WorkItem},
};
use uuid::Uuid;

use crate::{Ctx, ServiceResult};

/// Related records by id.
#[derive(Clone, Debug, Default)]
pub struct Expansions {
    pub users: HashMap<Uuid, User>,
    pub states: HashMap<Uuid, State>,
    /// Parent id → (sequence id, project id).
    pub parents: HashMap<Uuid, (i32, Uuid)>,
    pub labels: HashMap<Uuid, Label>,
}

/// Loads what `wanted` names for `items` (unknown names are ignored, as in Plane).
pub async fn load(ctx: &Ctx, items: &[WorkItem], wanted: &[&str]) -> ServiceResult<Expansions> {
    let conn = ctx.db.conn();
    let mut out = Expansions::default();
    let wants = |name: &str| wanted.contains(&name);
    if wants("assignees") || wants("created_by") || wants("updated_by") {
        let mut ids: Vec<UserId> = Vec::new();
        for item in items {
            if wants("assignees") {
                ids.extend(item.assignees.iter().copied());
            }
            if wants("created_by") {
                ids.extend(item.created_by);
            }
            if wants("updated_by") {
                ids.extend(item.updated_by);
            }
        }
        ids.sort();
        ids.dedup();
        out.users = accounts::find_users(conn, &ids).await?;
    }
    let mut projects: Vec<_> = items.iter().map(|i| i.project_id).collect();
    projects.sort();
    projects.dedup();
    if wants("state") {
        for project in &projects {
            for state in state_repo::list_states(conn, *project, true).await? {
                out.states.insert(state.id.0, state);
            }
        }
    }
    if wants("labels") {
        for project in &projects {
            for label in glider_db::repo::labels::list_labels(conn, *project).await? {
                out.labels.insert(label.id.0, label);
            }
        }
    }
    if wants("parent") {
        for item in items {
            if let Some(parent) = item.parent_id
                && !out.parents.contains_key(&parent.0)
                && let Ok(found) = repo::find(conn, item.project_id, parent).await
            {
                out.parents
                    .insert(parent.0, (found.sequence_id, found.project_id.0));
            }
        }
    }
    Ok(out)
}
