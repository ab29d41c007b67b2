//! `fields` and `expand` for cycles, modules and the rows that hold their work items; and the
//! rows' own shape (Plane's `CycleIssue` and `ModuleIssue`).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use glider_domain::{
    UserId,
    model::{accounts::User, cycles::Membership, tracker::Project, workspaces::Workspace},
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::{
    AppState,
    error::ApiResult,
    pagination::select_fields,
    views::{UserLite, to_value},
};

/// Fields that hold one user's id, and the one that holds several.
const USER_FIELDS: [&str; 4] = ["owned_by", "created_by", "updated_by", "lead"];
const USER_LISTS: [&str; 1] = ["members"];

/// `fields` and `expand` of reads.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ShapeParams {
    /// Comma-separated fields to keep.
    pub fields: Option<String>,
    /// Comma-separated references to replace by objects: owned_by, lead, members, created_by,
    /// updated_by, project, workspace.
    pub expand: Option<String>,
}

impl ShapeParams {
    pub fn expand_list(&self) -> Vec<&str> {
        crate::routes::tracker::expand::names(self.expand.as_deref())
    }
}

/// What expanded references point at.
pub struct Related<'a> {
    pub users: HashMap<Uuid, User>,
    pub project: &'a Project,
    pub workspace: &'a Workspace,
}

fn id_of(value: &Value) -> Option<Uuid> {
    value.as_str().and_then(|s| s.parse().ok())
}

/// Shapes rendered objects: `fields` first, then `expand` of the fields that remain. Users
/// are loaded once for the whole list.
pub async fn shape_all(
    state: &AppState,
    values: Vec<Value>,
    params: &ShapeParams,
    project: &Project,
    workspace: &Workspace,
) -> ApiResult<Vec<Value>> {
    let values: Vec<Value> = values
        .into_iter()
        .map(|value| select_fields(value, params.fields.as_deref()))
        .collect();
    let expand = params.expand_list();
    if expand.is_empty() {
        return Ok(values);
    }
    let mut ids: Vec<UserId> = Vec::new();
    for value in &values {
        for name in expand.iter().filter(|n| USER_FIELDS.contains(n)) {
            ids.extend(value.get(*name).and_then(id_of).map(UserId));
        }
        for name in expand.iter().filter(|n| USER_LISTS.contains(n)) {
            if let Some(list) = value.get(*name).and_then(Value::as_array) {
                ids.extend(list.iter().filter_map(id_of).map(UserId));
            }
        }
    }
    let users = glider_service::tracker::cycles::people(&state.ctx, &ids).await?;
    let related = Related {
        users,
        project,
        workspace,
    };
    Ok(values
        .into_iter()
        .map(|value| expand_one(value, &expand, &related))
        .collect())
}

/// One object, shaped like [`shape_all`].
pub async fn shape_one(
    state: &AppState,
    value: Value,
    params: &ShapeParams,
    project: &Project,
    workspace: &Workspace,
) -> ApiResult<Value> {
    Ok(shape_all(state, vec![value], params, project, workspace)
        .await?
        .pop()
        .unwrap_or_default())
}

fn expand_one(mut value: Value, expand: &[&str], related: &Related<'_>) -> Value {
    let Value::Object(map) = &mut value else {
        return value;
    };
    let user = |id: &Value| {
        id_of(id)
            .and_then(|id| related.users.get(&id))
            .map_or(json!({}), |user| to_value(&UserLite::from(user)))
    };
    for name in expand {
        let Some(current) = map.get(*name) else {
            continue;
        };
        let expanded = match *name {
            n if USER_FIELDS.contains(&n) => user(current),
            n if USER_LISTS.contains(&n) => Value::Array(
                current
                    .as_array()
                    .map(|ids| ids.iter().map(user).collect())
                    .unwrap_or_default(),
            ),
            "project" => {
                let (p, s) = (related.project, &related.project.settings);
                json!({ "id": p.id, "identifier": p.identifier, "name": p.name, "cover_image": s.cover_image,
                        "icon_prop": s.icon_prop, "emoji": s.emoji, "description": s.description,
                        "cover_image_url": s.cover_image })
            }
            "workspace" => {
                let w = related.workspace;
                json!({ "id": w.id, "name": w.name, "slug": w.slug })
            }
            _ => continue,
        };
        map.insert((*name).to_owned(), expanded);
    }
    value
}

/// Plane's `CycleIssue`: a work item's place in a cycle.
#[derive(Debug, Serialize, ToSchema)]
pub struct CycleWorkItemResponse {
    pub id: Uuid,
    /// Live sub-items of the work item.
    pub sub_issues_count: u64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    pub project: Uuid,
    pub workspace: Uuid,
    pub issue: Uuid,
    pub cycle: Uuid,
}

impl From<&Membership> for CycleWorkItemResponse {
    fn from(m: &Membership) -> Self {
        Self {
            id: m.id,
            sub_issues_count: m.sub_issues_count,
            created_at: m.created_at,
            updated_at: m.updated_at,
            deleted_at: None,
            created_by: m.created_by.map(|u| u.0),
            updated_by: m.updated_by.map(|u| u.0),
            project: m.project_id.0,
            workspace: m.workspace_id.0,
            issue: m.work_item_id.0,
            cycle: m.container,
        }
    }
}

/// Plane's `ModuleIssue`: a work item's place in a module.
#[derive(Debug, Serialize, ToSchema)]
pub struct ModuleWorkItemResponse {
    pub id: Uuid,
    /// Live sub-items of the work item.
    pub sub_issues_count: u64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    pub project: Uuid,
    pub workspace: Uuid,
    pub module: Uuid,
    pub issue: Uuid,
}

impl From<&Membership> for ModuleWorkItemResponse {
    fn from(m: &Membership) -> Self {
        Self {
            id: m.id,
            sub_issues_count: m.sub_issues_count,
            created_at: m.created_at,
            updated_at: m.updated_at,
            deleted_at: None,
            created_by: m.created_by.map(|u| u.0),
            updated_by: m.updated_by.map(|u| u.0),
            project: m.project_id.0,
            workspace: m.workspace_id.0,
            module: m.container,
            issue: m.work_item_id.0,
        }
    }
}
