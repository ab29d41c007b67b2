//! Plane's `fields` and `expand` (REFERENCE 2.5) for projects, states, labels and work items.
//!
//! `fields` reduces each object first; then every name in `expand` that is still an output
//! field and is a reference Plane expands is replaced by the object it points at (a null or
//! vanished reference becomes `{}`). Any other name is left as it is, so a reference Plane does
//! not expand (`estimate`, `default_state`, `type`) keeps its id.

use glider_domain::{
    LabelId, ProjectId, StateId, UserId, WorkItemId, WorkspaceId,
    model::{catalog::EstimatePointId, tracker::Project},
};
use glider_service::tracker::expand::{self, Expansions, References};
use serde::Deserialize;
use serde_json::{Map, Value, json};
use utoipa::IntoParams;
use uuid::Uuid;

use crate::{
    AppState,
    error::ApiResult,
    pagination::select_fields,
    routes::tracker::{estimates::EstimatePointResponse, labels::LabelResponse},
    views::{UserLite, to_value},
};

/// `fields` and `expand` of a read.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ShapeQuery {
    /// Comma-separated fields to keep.
    pub fields: Option<String>,
    /// Comma-separated references to replace by objects: created_by, updated_by, workspace,
    /// project, and per resource project_lead, default_assignee, state, parent,
    /// estimate_point, assignees, labels.
    pub expand: Option<String>,
}

/// `expand` alone, for lists whose `fields` travels with the pagination parameters.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExpandQuery {
    /// Comma-separated references to replace by objects: created_by, updated_by, workspace,
    /// project, and per resource project_lead, default_assignee, parent.
    pub expand: Option<String>,
}

/// Splits a comma-separated list, dropping blanks and repeats.
pub fn names(raw: Option<&str>) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for name in raw.unwrap_or_default().split(',').map(str::trim) {
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

impl ShapeQuery {
    pub fn expand_list(&self) -> Vec<&str> {
        names(self.expand.as_deref())
    }
}

/// The kind of object being shaped; a few names expand differently per kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Project,
    State,
    Label,
    WorkItem,
}

/// What a name expands into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    User,
    Users,
    Workspace,
    Project,
    State,
    /// A work item's parent: `{id, sequence_id, project_id}`.
    ItemParent,
    /// A label's parent through the same serializer: `{id, project_id}`.
    LabelParent,
    EstimatePoint,
    Labels,
}

fn kind(subject: Subject, name: &str) -> Option<Kind> {
    Some(match name {
        "created_by" | "updated_by" | "owned_by" | "project_lead" | "default_assignee"
        | "actor" | "user" => Kind::User,
        "members" => Kind::Users,
        "workspace" => Kind::Workspace,
        "project" => Kind::Project,
        "state" => Kind::State,
        "parent" if subject == Subject::Label => Kind::LabelParent,
        "parent" => Kind::ItemParent,
        "estimate_point" => Kind::EstimatePoint,
        "assignees" if subject == Subject::WorkItem => Kind::Users,
        "labels" if subject == Subject::WorkItem => Kind::Labels,
        _ => return None,
    })
}

fn id_of(value: &Value) -> Option<Uuid> {
    value.as_str().and_then(|s| s.parse().ok())
}

fn ids_of(value: &Value) -> impl Iterator<Item = Uuid> + '_ {
    value.as_array().into_iter().flatten().filter_map(id_of)
}

/// The ids that `names` point at in already reduced objects.
pub fn references(subject: Subject, values: &[Value], names: &[&str]) -> References {
    let mut refs = References::default();
    for value in values {
        for name in names {
            let (Some(kind), Some(current)) = (kind(subject, name), value.get(*name)) else {
                continue;
            };
            let one = id_of(current);
            match kind {
                Kind::User => refs.users.extend(one.map(UserId)),
                Kind::Users => refs.users.extend(ids_of(current).map(UserId)),
                Kind::Workspace => refs.workspace = true,
                Kind::Project => refs.projects.extend(one.map(ProjectId)),
                Kind::State => refs.states.extend(one.map(StateId)),
                Kind::ItemParent => refs.work_items.extend(one.map(WorkItemId)),
                Kind::LabelParent => refs.labels.extend(one.map(LabelId)),
                Kind::EstimatePoint => refs.estimate_points.extend(one.map(EstimatePointId)),
                Kind::Labels => refs.labels.extend(ids_of(current).map(LabelId)),
            }
        }
    }
    refs
}

/// Plane's `ProjectLite`.
pub fn project_lite(p: &Project) -> Value {
    let s = &p.settings;
    json!({ "id": p.id, "identifier": p.identifier, "name": p.name, "cover_image": s.cover_image,
            "icon_prop": s.icon_prop, "emoji": s.emoji, "description": s.description,
            "cover_image_url": s.cover_image })
}

fn expanded(kind: Kind, current: &Value, found: &Expansions) -> Value {
    let one = id_of(current);
    let user = |id: Uuid| found.users.get(&id).map(|u| to_value(&UserLite::from(u)));
    let object = match kind {
        Kind::User => one.and_then(user),
        Kind::Users => return Value::Array(ids_of(current).filter_map(user).collect()),
        Kind::Labels => {
            return Value::Array(
                ids_of(current)
                    .filter_map(|id| found.labels.get(&id))
                    .map(|l| to_value(&LabelResponse::from(l)))
                    .collect(),
            );
        }
        Kind::Workspace => found
            .workspace
            .as_ref()
            .filter(|w| Some(w.id.0) == one)
            .map(|w| json!({ "id": w.id, "name": w.name, "slug": w.slug })),
        Kind::Project => one.and_then(|id| found.projects.get(&id)).map(project_lite),
        Kind::State => one
            .and_then(|id| found.states.get(&id))
            .map(|s| json!({ "id": s.id, "name": s.name, "color": s.color, "group": s.group })),
        Kind::ItemParent => one.and_then(|id| found.parents.get(&id)).map(
            |p| json!({ "id": p.id, "sequence_id": p.sequence_id, "project_id": p.project_id }),
        ),
        Kind::LabelParent => one
            .and_then(|id| found.labels.get(&id))
            .map(|l| json!({ "id": l.id, "project_id": l.project_id })),
        Kind::EstimatePoint => one
            .and_then(|id| found.estimate_points.get(&id))
            .map(|p| to_value(&EstimatePointResponse::from(p))),
    };
    object.unwrap_or_else(|| json!({}))
}

/// Replaces the named references of one reduced object by what they point at.
pub fn apply(subject: Subject, map: &mut Map<String, Value>, names: &[&str], found: &Expansions) {
    for name in names {
        let (Some(kind), Some(current)) = (kind(subject, name), map.get(*name)) else {
            continue;
        };
        let object = expanded(kind, current, found);
        map.insert((*name).to_owned(), object);
    }
}

/// `fields`, then `expand`, over a page of rendered objects of one workspace: one query per
/// kind of reference named.
pub async fn shape(
    state: &AppState,
    subject: Subject,
    workspace_id: WorkspaceId,
    values: Vec<Value>,
    fields: Option<&str>,
    expand: Option<&str>,
) -> ApiResult<Vec<Value>> {
    let mut values: Vec<Value> = values
        .into_iter()
        .map(|value| select_fields(value, fields))
        .collect();
    let names = names(expand);
    if names.is_empty() {
        return Ok(values);
    }
    let refs = references(subject, &values, &names);
    // Null references need no query but still become `{}`.
    let found = if refs.is_empty() {
        Expansions::default()
    } else {
        expand::load(&state.ctx, workspace_id, &refs).await?
    };
    for value in &mut values {
        if let Value::Object(map) = value {
            apply(subject, map, &names, &found);
        }
    }
    Ok(values)
}

/// [`shape`] for one object.
pub async fn shape_one(
    state: &AppState,
    subject: Subject,
    workspace_id: WorkspaceId,
    value: Value,
    fields: Option<&str>,
    expand: Option<&str>,
) -> ApiResult<Value> {
    let mut shaped = shape(state, subject, workspace_id, vec![value], fields, expand).await?;
    Ok(shaped.pop().unwrap_or_default())
}
