//! A project's estimate (at most one) and the points on its scale.

use glider_db::{DbError, repo::estimates as repo};
use glider_domain::{
    FieldErrors, ProjectId,
    model::catalog::{Estimate, EstimateId, EstimatePoint, EstimatePointId, EstimateType},
};
use serde_json::{Map, Value, json};

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self, InProject, refuse},
    accounts::Actor,
    events::{changes, event},
    input::JsonInput,
    tracker::states::{name_field, taken},
};

const ALREADY_EXISTS: &str = "An estimate already exists for this project";

fn snapshot(e: &Estimate) -> Value {
    json!({
        "name": e.name, "description": e.description, "type": e.estimate_type.as_str(),
        "last_used": e.last_used,
    })
}

fn point_snapshot(p: &EstimatePoint) -> Value {
    json!({ "id": p.id, "key": p.key, "value": p.value, "description": p.description })
}

/// The project, for a caller who may change its content (project members and admins).
async fn contributor_scope(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
) -> ServiceResult<InProject> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    found.access.contributor().map_err(refuse("project"))?;
    Ok(found)
}

async fn estimate_of(ctx: &Ctx, found: &InProject, id: EstimateId) -> ServiceResult<Estimate> {
    repo::find_estimate(ctx.db.conn(), found.project.id, id)
        .await
        .map_err(ServiceError::db("estimate"))
}

/// Creates the project's estimate (project members and admins); a second one is a 409.
pub async fn create(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    body: &Map<String, Value>,
) -> ServiceResult<Estimate> {
    let found = contributor_scope(ctx, actor, slug, project_id).await?;
    let tx = ctx.db.begin_write().await?;
    if let Some(existing) = repo::find_for_project(&tx, found.project.id).await? {
        return Err(taken("estimate", ALREADY_EXISTS, existing.id.0));
    }
    let mut input = JsonInput::new(body);
    let name = name_field(&mut input, "name", true);
    let description = input.string("description", 100_000).value();
    let estimate_type = input
        .string("type", 255)
        .value()
        .and_then(|raw| input.errors.check(EstimateType::parse("type", &raw)));
    let last_used = input.bool("last_used");
    input.errors.into_result()?;
    let now = ctx.now();
    let estimate = Estimate {
        id: EstimateId::new(),
        workspace_id: found.workspace.id,
        project_id: found.project.id,
        name: name.unwrap_or_default(),
        description: description.unwrap_or_default(),
        estimate_type: estimate_type.unwrap_or(EstimateType::Categories),
        last_used: last_used.unwrap_or(false),
        created_by: Some(actor.user.id),
        updated_by: None,
        created_at: now,
        updated_at: now,
    };
    if let Err(error) = repo::insert_estimate(&tx, &estimate).await {
        drop(tx);
        // Another request created the estimate meanwhile: answer as if it had come first.
        return Err(match error {
            DbError::Conflict { .. } => {
                match repo::find_for_project(ctx.db.conn(), estimate.project_id).await? {
                    Some(existing) => taken("estimate", ALREADY_EXISTS, existing.id.0),
                    None => ServiceError::conflict("estimate", ALREADY_EXISTS),
                }
            }
            other => other.into(),
        });
    }
    let created = event(
        ctx,
        "tracker.estimate.created",
        Some(actor.user.id),
        Some(estimate.workspace_id),
        Some(estimate.project_id),
        estimate.id.0,
        snapshot(&estimate),
    );
    glider_db::repo::events::append(&tx, created).await?;
    glider_db::commit(tx).await?;
    Ok(estimate)
}

/// The project's estimate.
pub async fn get(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
) -> ServiceResult<Estimate> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    repo::find_for_project(ctx.db.conn(), found.project.id)
        .await?
        .ok_or(ServiceError::not_found("estimate"))
}

/// Renames or re-describes the estimate; other keys are ignored, as in Plane.
pub async fn update(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    body: &Map<String, Value>,
) -> ServiceResult<Estimate> {
    let found = contributor_scope(ctx, actor, slug, project_id).await?;
    let before = repo::find_for_project(ctx.db.conn(), found.project.id)
        .await?
        .ok_or(ServiceError::not_found("estimate"))?;
    if !body.contains_key("name") && !body.contains_key("description") {
        return Ok(before);
    }
    let mut estimate = before.clone();
    let mut input = JsonInput::new(body);
    if let Some(name) = name_field(&mut input, "name", false) {
        estimate.name = name;
    }
    if let Some(description) = input.string("description", 100_000).patch() {
        estimate.description = description.unwrap_or_default();
    }
    input.errors.into_result()?;
    estimate.updated_by = Some(actor.user.id);
    estimate.updated_at = ctx.now();
    let tx = ctx.db.begin_write().await?;
    repo::update_estimate(&tx, &estimate)
        .await
        .map_err(ServiceError::db("estimate"))?;
    let updated = event(
        ctx,
        "tracker.estimate.updated",
        Some(actor.user.id),
        Some(estimate.workspace_id),
        Some(estimate.project_id),
        estimate.id.0,
        changes(&snapshot(&before), &snapshot(&estimate)),
    );
    glider_db::repo::events::append(&tx, updated).await?;
    glider_db::commit(tx).await?;
    Ok(estimate)
}

/// Deletes the estimate with its points; the project and its work items drop their links.
pub async fn delete(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
) -> ServiceResult<()> {
    let found = contributor_scope(ctx, actor, slug, project_id).await?;
    let tx = ctx.db.begin_write().await?;
    let estimate = repo::find_for_project(&tx, found.project.id)
        .await?
        .ok_or(ServiceError::not_found("estimate"))?;
    repo::soft_delete_estimate(&tx, &estimate, ctx.now()).await?;
    let deleted = event(
        ctx,
        "tracker.estimate.deleted",
        Some(actor.user.id),
        Some(estimate.workspace_id),
        Some(estimate.project_id),
        estimate.id.0,
        json!({ "name": estimate.name }),
    );
    glider_db::repo::events::append(&tx, deleted).await?;
    glider_db::commit(tx).await?;
    Ok(())
}

/// The estimate's points by value (a bare list, as in Plane).
pub async fn list_points(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    estimate_id: EstimateId,
) -> ServiceResult<Vec<EstimatePoint>> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    let estimate = estimate_of(ctx, &found, estimate_id).await?;
    Ok(repo::list_points(ctx.db.conn(), estimate.id).await?)
}

/// Applies `key`, `value` and `description` from one point's body.
fn apply_point(
    point: &mut EstimatePoint,
    body: &Map<String, Value>,
    creating: bool,
) -> FieldErrors {
    let mut input = JsonInput::new(body);
    let value = if creating {
        input.required_string("value", usize::MAX)
    } else {
        input.string("value", usize::MAX).value()
    };
    if let Some(value) = value {
        if value.trim().is_empty() {
            input.error("value", "This field may not be blank.");
        } else if value.chars().count() > EstimatePoint::MAX_VALUE_LEN {
            input.error("non_field_errors", "Value can't be more than 20 characters");
        } else {
            point.value = value;
        }
    }
    if let Some(key) = input.integer("key", 0, i64::from(i32::MAX)) {
        point.key = i32::try_from(key).unwrap_or_default();
    }
    if let Some(description) = input.string("description", 100_000).patch() {
        point.description = description.unwrap_or_default();
    }
    input.errors
}

/// Adds points to the estimate: a JSON array, or `{"estimate_points": [...]}`.
pub async fn create_points(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    estimate_id: EstimateId,
    body: &Value,
) -> ServiceResult<Vec<EstimatePoint>> {
    let found = contributor_scope(ctx, actor, slug, project_id).await?;
    let estimate = estimate_of(ctx, &found, estimate_id).await?;
    let items = match body {
        Value::Array(items) => items.as_slice(),
        Value::Object(map) => map
            .get("estimate_points")
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice),
        _ => &[],
    };
    if items.is_empty() {
        return Err(ServiceError::rule(
            "estimate_points_required",
            "Estimate points are required",
        ));
    }
    let now = ctx.now();
    let mut errors = FieldErrors::new();
    let mut points = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let mut point = EstimatePoint {
            id: EstimatePointId::new(),
            workspace_id: estimate.workspace_id,
            project_id: estimate.project_id,
            estimate_id: estimate.id,
            key: 0,
            value: String::new(),
            description: String::new(),
            created_by: Some(actor.user.id),
            updated_by: None,
            created_at: now,
            updated_at: now,
        };
        let item_errors = match item {
            Value::Object(map) => apply_point(&mut point, map, true),
            _ => FieldErrors::from(glider_domain::ValidationError::new(
                "non_field_errors",
                "Invalid data. Expected a dictionary.",
            )),
        };
        for (field, messages) in item_errors.0 {
            for message in messages {
                let text = if field == "non_field_errors" {
                    message
                } else {
                    format!("{field}: {message}")
                };
                errors.add(index.to_string(), text);
            }
        }
        points.push(point);
    }
    errors.into_result()?;
    let tx = ctx.db.begin_write().await?;
    repo::insert_points(&tx, &points).await?;
    let created = event(
        ctx,
        "tracker.estimate_point.created",
        Some(actor.user.id),
        Some(estimate.workspace_id),
        Some(estimate.project_id),
        estimate.id.0,
        json!({ "points": points.iter().map(point_snapshot).collect::<Vec<_>>() }),
    );
    glider_db::repo::events::append(&tx, created).await?;
    glider_db::commit(tx).await?;
    Ok(points)
}

/// Changes one point's `key`, `value` or `description`; other keys are ignored.
pub async fn update_point(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    estimate_id: EstimateId,
    id: EstimatePointId,
    body: &Map<String, Value>,
) -> ServiceResult<EstimatePoint> {
    let found = contributor_scope(ctx, actor, slug, project_id).await?;
    let estimate = estimate_of(ctx, &found, estimate_id).await?;
    let before = repo::find_point(ctx.db.conn(), estimate.id, id)
        .await
        .map_err(ServiceError::db("estimate_point"))?;
    if !["key", "value", "description"]
        .iter()
        .any(|field| body.contains_key(*field))
    {
        return Ok(before);
    }
    let mut point = before.clone();
    apply_point(&mut point, body, false).into_result()?;
    point.updated_by = Some(actor.user.id);
    point.updated_at = ctx.now();
    let tx = ctx.db.begin_write().await?;
    repo::update_point(&tx, &point)
        .await
        .map_err(ServiceError::db("estimate_point"))?;
    let updated = event(
        ctx,
        "tracker.estimate_point.updated",
        Some(actor.user.id),
        Some(point.workspace_id),
        Some(point.project_id),
        point.id.0,
        changes(&point_snapshot(&before), &point_snapshot(&point)),
    );
    glider_db::repo::events::append(&tx, updated).await?;
    glider_db::commit(tx).await?;
    Ok(point)
}

/// Deletes one point; work items that used it lose their estimate.
pub async fn delete_point(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    estimate_id: EstimateId,
    id: EstimatePointId,
) -> ServiceResult<()> {
    let found = contributor_scope(ctx, actor, slug, project_id).await?;
    let estimate = estimate_of(ctx, &found, estimate_id).await?;
    let point = repo::find_point(ctx.db.conn(), estimate.id, id)
        .await
        .map_err(ServiceError::db("estimate_point"))?;
    let tx = ctx.db.begin_write().await?;
    repo::soft_delete_point(&tx, &point, ctx.now()).await?;
    let deleted = event(
        ctx,
        "tracker.estimate_point.deleted",
        Some(actor.user.id),
        Some(point.workspace_id),
        Some(point.project_id),
        point.id.0,
        point_snapshot(&point),
    );
    glider_db::repo::events::append(&tx, deleted).await?;
    glider_db::commit(tx).await?;
    Ok(())
}
