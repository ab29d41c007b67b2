//! A project's work-item labels: unique names, nesting under a parent of the same project
//! without loops, and Plane's sort order.

use glider_db::{DbError, repo::labels as repo};
use glider_domain::{
    LabelId, ProjectId, ValidationError,
    model::catalog::{Label, label_cycle, label_descendants},
};
use serde_json::{Map, Value, json};

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self, InProject, refuse},
    accounts::Actor,
    events::{changes, event},
    input::JsonInput,
    tracker::states::{name_field, number, payload_not_valid, taken},
};

const EXTERNAL_TAKEN: &str = "Label with the same external id and external source already exists";
const NAME_TAKEN: &str = "Label with the same name already exists in the project";

fn snapshot(l: &Label) -> Value {
    json!({
        "name": l.name, "description": l.description, "color": l.color, "sort_order": l.sort_order,
        "parent": l.parent_id, "external_source": l.external_source, "external_id": l.external_id,
    })
}

/// Applies the fields present in `body`; `name` is required on create. `sort_order` is only
/// taken on update (a new label goes after the last one).
fn apply(label: &mut Label, body: &Map<String, Value>, creating: bool) -> ServiceResult<()> {
    let mut input = JsonInput::new(body);
    if let Some(name) = name_field(&mut input, "name", creating) {
        label.name = name;
    }
    if let Some(color) = input.string("color", 255).patch() {
        label.color = color.unwrap_or_default();
    }
    if let Some(description) = input.string("description", 100_000).patch() {
        label.description = description.unwrap_or_default();
    }
    if let Some(parent) = input.uuid("parent").patch() {
        label.parent_id = parent.map(LabelId);
    }
    if let Some(sort_order) = number(&mut input, body, "sort_order")
        && !creating
    {
        label.sort_order = sort_order;
    }
    if let Some(source) = input.string("external_source", 255).patch() {
        label.external_source = source;
    }
    if let Some(id) = input.string("external_id", 255).patch() {
        label.external_id = id;
    }
    Ok(input.errors.into_result()?)
}

/// The parent must be a live label of the same project, and not the label or one below it.
async fn check_parent(conn: &impl glider_db::ConnectionTrait, label: &Label) -> ServiceResult<()> {
    let Some(parent) = label.parent_id else {
        return Ok(());
    };
    let parents = repo::parents(conn, label.project_id).await?;
    if !parents.contains_key(&parent) {
        return Err(ValidationError::new(
            "parent",
            format!("Invalid pk \"{parent}\" - object does not exist."),
        )
        .into());
    }
    if label_cycle(&parents, label.id, parent) {
        return Err(ValidationError::new("parent", "A label cannot be its own ancestor.").into());
    }
    Ok(())
}

async fn external_taken(
    conn: &impl glider_db::ConnectionTrait,
    label: &Label,
) -> ServiceResult<Option<LabelId>> {
    let (Some(source), Some(external_id)) = (&label.external_source, &label.external_id) else {
        return Ok(None);
    };
    Ok(
        repo::find_by_external(conn, label.project_id, Some(source), external_id)
            .await?
            .filter(|other| other.id != label.id)
            .map(|other| other.id),
    )
}

/// Labels newest first; none for an archived project.
pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
) -> ServiceResult<Vec<Label>> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    if found.project.archived_at.is_some() {
        return Ok(Vec::new());
    }
    Ok(repo::list_labels(ctx.db.conn(), found.project.id).await?)
}

async fn visible(ctx: &Ctx, found: &InProject, id: LabelId) -> ServiceResult<Label> {
    if found.project.archived_at.is_some() {
        return Err(ServiceError::not_found("label"));
    }
    repo::find_label(ctx.db.conn(), found.project.id, id)
        .await
        .map_err(ServiceError::db("label"))
}

pub async fn get(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: LabelId,
) -> ServiceResult<Label> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    visible(ctx, &found, id).await
}

/// Creates a label after the project's last one (project members and admins).
pub async fn create(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    body: &Map<String, Value>,
) -> ServiceResult<Label> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    let contributor = found.access.contributor().map_err(refuse("project"))?;
    let now = ctx.now();
    let mut label = Label {
        id: LabelId::new(),
        workspace_id: found.workspace.id,
        project_id: contributor.access().project_id,
        name: String::new(),
        description: String::new(),
        color: String::new(),
        sort_order: 65535.0,
        parent_id: None,
        external_source: None,
        external_id: None,
        created_by: Some(actor.user.id),
        updated_by: None,
        created_at: now,
        updated_at: now,
    };
    apply(&mut label, body, true)?;
    let tx = ctx.db.begin_write().await?;
    check_parent(&tx, &label).await?;
    if let Some(existing) = external_taken(&tx, &label).await? {
        return Err(taken("external_id", EXTERNAL_TAKEN, existing.0));
    }
    if let Some(existing) = repo::find_by_name(&tx, label.project_id, &label.name).await? {
        return Err(taken("name", NAME_TAKEN, existing.id.0));
    }
    if let Some(max) = repo::max_sort_order(&tx, label.project_id).await? {
        label.sort_order = max + 10000.0;
    }
    repo::insert_label(&tx, &label).await?;
    let created = event(
        ctx,
        "tracker.label.created",
        Some(actor.user.id),
        Some(label.workspace_id),
        Some(label.project_id),
        label.id.0,
        snapshot(&label),
    );
    glider_db::repo::events::append(&tx, created).await?;
    glider_db::commit(tx).await?;
    Ok(label)
}

/// Changes a label (project members and admins).
pub async fn update(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: LabelId,
    body: &Map<String, Value>,
) -> ServiceResult<Label> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    found.access.contributor().map_err(refuse("project"))?;
    let before = visible(ctx, &found, id).await?;
    let mut label = before.clone();
    apply(&mut label, body, false)?;
    label.updated_by = Some(actor.user.id);
    label.updated_at = ctx.now();
    let tx = ctx.db.begin_write().await?;
    check_parent(&tx, &label).await?;
    if let Some(existing) = external_taken(&tx, &label).await? {
        return Err(taken("external_id", EXTERNAL_TAKEN, existing.0));
    }
    let duplicate = repo::find_by_name(&tx, label.project_id, &label.name).await?;
    if duplicate.is_some_and(|other| other.id != label.id) {
        return Err(payload_not_valid());
    }
    repo::update_label(&tx, &label)
        .await
        .map_err(|error| match error {
            DbError::Conflict { .. } => payload_not_valid(),
            other => other.into(),
        })?;
    let updated = event(
        ctx,
        "tracker.label.updated",
        Some(actor.user.id),
        Some(label.workspace_id),
        Some(label.project_id),
        label.id.0,
        changes(&snapshot(&before), &snapshot(&label)),
    );
    glider_db::repo::events::append(&tx, updated).await?;
    glider_db::commit(tx).await?;
    Ok(label)
}

/// Deletes a label with the labels nested below it (soft delete, as Plane cascades) and takes
/// them off every work item.
pub async fn delete(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: LabelId,
) -> ServiceResult<()> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    found.access.contributor().map_err(refuse("project"))?;
    let label = visible(ctx, &found, id).await?;
    let tx = ctx.db.begin_write().await?;
    let below = label_descendants(&repo::parents(&tx, label.project_id).await?, label.id);
    let mut removed = vec![label.id];
    removed.extend(below.iter().copied());
    repo::soft_delete_labels(&tx, label.project_id, &removed, ctx.now()).await?;
    let deleted = event(
        ctx,
        "tracker.label.deleted",
        Some(actor.user.id),
        Some(label.workspace_id),
        Some(label.project_id),
        label.id.0,
        json!({ "name": label.name, "nested": below }),
    );
    glider_db::repo::events::append(&tx, deleted).await?;
    glider_db::commit(tx).await?;
    Ok(())
}
