//! A project's work-item states under Plane's rules: one default state, no new triage states,
//! unique names, and only unused states may go.

use glider_db::{DbError, repo::states as repo};
use glider_domain::{
    ProjectId, StateId,
    model::{
        catalog::slugify,
        tracker::{State, StateGroup},
    },
    values::Name,
};
use serde_json::{Map, Value, json};

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self, InProject, refuse},
    accounts::Actor,
    events::{changes, event},
    input::JsonInput,
};

/// Reads an optional float (Plane's `FloatField`: a number or a numeric string).
pub(crate) fn number(
    input: &mut JsonInput<'_>,
    body: &Map<String, Value>,
    field: &str,
) -> Option<f64> {
    let value = body.get(field)?;
    let parsed = match value {
        Value::Null => {
            input.error(field, "This field may not be null.");
            return None;
        }
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    match parsed.filter(|n| n.is_finite()) {
        Some(n) => Some(n),
        None => {
            input.error(field, "A valid number is required.");
            None
        }
    }
}

/// A required (on create) or optional (on update) name of at most 255 characters.
pub(crate) fn name_field(input: &mut JsonInput<'_>, field: &str, creating: bool) -> Option<String> {
    let raw = if creating {
        input.required_string(field, 255)
    } else {
        match input.string(field, 255) {
            crate::input::Field::Null => {
                input.error(field, "This field may not be null.");
                None
            }
            other => other.value(),
        }
    };
    let parsed = Name::parse(field, &raw?, 255);
    input.errors.check(parsed).map(Name::into_string)
}

/// A 409 that names the record already holding the value, in Plane's shape.
pub(crate) fn taken(field: &str, message: &str, existing: uuid::Uuid) -> ServiceError {
    ServiceError::Conflict {
        field: field.to_owned(),
        message: message.to_owned(),
        existing_id: Some(existing),
    }
}

/// Plane's answer to a duplicate on update.
pub(crate) fn payload_not_valid() -> ServiceError {
    ServiceError::rule("payload_not_valid", "The payload is not valid")
}

fn snapshot(s: &State) -> Value {
    json!({
        "name": s.name, "description": s.description, "color": s.color, "slug": s.slug,
        "sequence": s.sequence, "group": s.group.as_str(), "is_triage": s.is_triage,
        "default": s.is_default, "external_source": s.external_source, "external_id": s.external_id,
    })
}

/// Applies the fields present in `body`; on create `name` and `color` are required.
fn apply(state: &mut State, body: &Map<String, Value>, creating: bool) -> ServiceResult<()> {
    let mut input = JsonInput::new(body);
    if let Some(name) = name_field(&mut input, "name", creating) {
        state.slug = slugify(&name);
        state.name = name;
    }
    if let Some(color) = name_field(&mut input, "color", creating) {
        state.color = color;
    }
    if let Some(description) = input.string("description", 100_000).patch() {
        state.description = description.unwrap_or_default();
    }
    if let Some(sequence) = number(&mut input, body, "sequence") {
        state.sequence = sequence;
    }
    if let Some(group) = input.string("group", 255).value() {
        match StateGroup::from_stored(&group) {
            Some(StateGroup::Triage) => {
                input.error("non_field_errors", "Cannot create triage state")
            }
            Some(group) => state.group = group,
            None => input.error("group", format!("\"{group}\" is not a valid choice.")),
        }
    }
    if let Some(is_triage) = input.bool("is_triage") {
        state.is_triage = is_triage;
    }
    if let Some(is_default) = input.bool("default") {
        state.is_default = is_default;
    }
    if let Some(source) = input.string("external_source", 255).patch() {
        state.external_source = source;
    }
    if let Some(id) = input.string("external_id", 255).patch() {
        state.external_id = id;
    }
    Ok(input.errors.into_result()?)
}

/// Another live state of the project already imported from the same external pair.
async fn external_taken(
    conn: &impl glider_db::ConnectionTrait,
    state: &State,
) -> ServiceResult<Option<StateId>> {
    let (Some(source), Some(external_id)) = (&state.external_source, &state.external_id) else {
        return Ok(None);
    };
    Ok(
        repo::find_by_external(conn, state.project_id, Some(source), external_id)
            .await?
            .filter(|other| other.id != state.id)
            .map(|other| other.id),
    )
}

const EXTERNAL_TAKEN: &str = "State with the same external id and external source already exists";
const NAME_TAKEN: &str = "State with the same name already exists in the project";

/// States by sequence, without triage states, and none for an archived project (as Plane).
pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
) -> ServiceResult<Vec<State>> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    if found.project.archived_at.is_some() {
        return Ok(Vec::new());
    }
    Ok(repo::list_states(ctx.db.conn(), found.project.id, false).await?)
}

/// A state the caller may see: not a triage state, not in an archived project.
async fn visible(ctx: &Ctx, found: &InProject, id: StateId) -> ServiceResult<State> {
    if found.project.archived_at.is_some() {
        return Err(ServiceError::not_found("state"));
    }
    let state = repo::find_state(ctx.db.conn(), found.project.id, id)
        .await
        .map_err(ServiceError::db("state"))?;
    if state.is_triage || state.group == StateGroup::Triage {
        return Err(ServiceError::not_found("state"));
    }
    Ok(state)
}

pub async fn get(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: StateId,
) -> ServiceResult<State> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    visible(ctx, &found, id).await
}

/// Creates a state after the project's last one (project members and admins).
pub async fn create(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    body: &Map<String, Value>,
) -> ServiceResult<State> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    let contributor = found.access.contributor().map_err(refuse("project"))?;
    let now = ctx.now();
    let mut state = State {
        id: StateId::new(),
        workspace_id: found.workspace.id,
        project_id: contributor.access().project_id,
        name: String::new(),
        description: String::new(),
        color: String::new(),
        slug: String::new(),
        sequence: 65535.0,
        group: StateGroup::Backlog,
        is_triage: false,
        is_default: false,
        external_source: None,
        external_id: None,
        created_by: Some(actor.user.id),
        updated_by: None,
        created_at: now,
        updated_at: now,
    };
    apply(&mut state, body, true)?;
    let tx = ctx.db.begin_write().await?;
    if let Some(existing) = external_taken(&tx, &state).await? {
        return Err(taken("external_id", EXTERNAL_TAKEN, existing.0));
    }
    if let Some(existing) = repo::find_by_name(&tx, state.project_id, &state.name).await? {
        return Err(taken("name", NAME_TAKEN, existing.id.0));
    }
    if let Some(max) = repo::max_sequence(&tx, state.project_id).await? {
        state.sequence = max + 15000.0;
    }
    if state.is_default {
        repo::unset_other_defaults(&tx, state.project_id, state.id, now).await?;
    }
    repo::insert_states(&tx, std::slice::from_ref(&state)).await?;
    let created = event(
        ctx,
        "tracker.state.created",
        Some(actor.user.id),
        Some(state.workspace_id),
        Some(state.project_id),
        state.id.0,
        snapshot(&state),
    );
    glider_db::repo::events::append(&tx, created).await?;
    glider_db::commit(tx).await?;
    Ok(state)
}

/// Changes a state (project members and admins). Making it the default unsets the others.
pub async fn update(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: StateId,
    body: &Map<String, Value>,
) -> ServiceResult<State> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    found.access.contributor().map_err(refuse("project"))?;
    let before = visible(ctx, &found, id).await?;
    let mut state = before.clone();
    apply(&mut state, body, false)?;
    state.updated_by = Some(actor.user.id);
    state.updated_at = ctx.now();
    let tx = ctx.db.begin_write().await?;
    if let Some(existing) = external_taken(&tx, &state).await? {
        return Err(taken("external_id", EXTERNAL_TAKEN, existing.0));
    }
    let duplicate = repo::find_by_name(&tx, state.project_id, &state.name).await?;
    if duplicate.is_some_and(|other| other.id != state.id) {
        return Err(payload_not_valid());
    }
    if state.is_default && !before.is_default {
        repo::unset_other_defaults(&tx, state.project_id, state.id, state.updated_at).await?;
    }
    repo::update_state(&tx, &state)
        .await
        .map_err(|error| match error {
            DbError::Conflict { .. } => payload_not_valid(),
            other => other.into(),
        })?;
    let updated = event(
        ctx,
        "tracker.state.updated",
        Some(actor.user.id),
        Some(state.workspace_id),
        Some(state.project_id),
        state.id.0,
        changes(&snapshot(&before), &snapshot(&state)),
    );
    glider_db::repo::events::append(&tx, updated).await?;
    glider_db::commit(tx).await?;
    Ok(state)
}

/// Deletes a state (soft delete). The default state and states still holding work items stay.
pub async fn delete(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: StateId,
) -> ServiceResult<()> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    found.access.contributor().map_err(refuse("project"))?;
    let state = visible(ctx, &found, id).await?;
    if state.is_default {
        return Err(ServiceError::rule(
            "default_state",
            "Default state cannot be deleted",
        ));
    }
    let tx = ctx.db.begin_write().await?;
    if repo::count_work_items(&tx, state.project_id, state.id).await? > 0 {
        return Err(ServiceError::rule(
            "state_not_empty",
            "The state is not empty, only empty states can be deleted",
        ));
    }
    repo::soft_delete_state(&tx, state.project_id, state.id, ctx.now()).await?;
    let deleted = event(
        ctx,
        "tracker.state.deleted",
        Some(actor.user.id),
        Some(state.workspace_id),
        Some(state.project_id),
        state.id.0,
        json!({ "name": state.name }),
    );
    glider_db::repo::events::append(&tx, deleted).await?;
    glider_db::commit(tx).await?;
    Ok(())
}
