//! Cycles: create, read, update, delete, archive, and the lists with Plane's status filter.
//! Adding work items to a cycle is [`items`]; reading, removing and listing them, shared with
//! modules, is [`collection`]; moving the open ones on is [`transfer`].

pub mod collection;
pub mod input;
pub mod items;
mod read;
mod snapshot;
pub mod transfer;

pub(crate) use read::sort;
pub use read::{CyclePage, CycleQuery, CycleView, get, list, people};

use glider_db::repo::cycles as repo;
use glider_domain::{CycleId, ProjectId, ProjectRole, model::cycles::Cycle};
use serde_json::{Map, Value, json};

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self, InProject, refuse},
    accounts::Actor,
    events::{changes, event},
    tracker::states::taken,
};

const EXTERNAL_TAKEN: &str = "Cycle with the same external id and external source already exists";

fn snapshot(c: &Cycle) -> Value {
    json!({
        "name": c.name, "description": c.description, "start_date": c.start_date, "end_date": c.end_date,
        "owned_by": c.owned_by, "timezone": c.timezone, "sort_order": c.sort_order, "archived_at": c.archived_at,
        "external_source": c.external_source, "external_id": c.external_id,
    })
}

/// A live cycle of the project, archived or not.
pub(crate) async fn load(ctx: &Ctx, found: &InProject, id: CycleId) -> ServiceResult<Cycle> {
    repo::find(ctx.db.conn(), found.project.id, id)
        .await
        .map_err(ServiceError::db("cycle"))
}

/// Another live cycle of the project with the same external pair is a 409. Plane names the
/// existing cycle on create and the edited one on update.
async fn external_conflict(ctx: &Ctx, cycle: &Cycle, updating: bool) -> ServiceResult<()> {
    if let (Some(source), Some(external)) = (&cycle.external_source, &cycle.external_id)
        && let Some(existing) =
            repo::find_by_external(ctx.db.conn(), cycle.project_id, source, external).await?
        && existing.id != cycle.id
    {
        let id = if updating { cycle.id.0 } else { existing.id.0 };
        return Err(taken("external_id", EXTERNAL_TAKEN, id));
    }
    Ok(())
}

async fn write(
    ctx: &Ctx,
    cycle: &Cycle,
    creating: bool,
    kind: &'static str,
    payload: Value,
    actor: &Actor,
) -> ServiceResult<()> {
    let tx = ctx.db.begin_write().await?;
    let result = if creating {
        repo::insert(&tx, cycle).await
    } else {
        repo::save(&tx, cycle).await
    };
    result.map_err(|error| match error {
        glider_db::DbError::Conflict { field } if field == "external_id" => {
            taken("external_id", EXTERNAL_TAKEN, cycle.id.0)
        }
        other => other.into(),
    })?;
    let record = event(
        ctx,
        kind,
        Some(actor.user.id),
        Some(cycle.workspace_id),
        Some(cycle.project_id),
        cycle.id.0,
        payload,
    );
    glider_db::repo::events::append(&tx, record).await?;
    glider_db::commit(tx).await?;
    Ok(())
}

/// Creates a cycle (project members; the project must have cycles turned on). A new cycle
/// goes above the others in the sort order.
pub async fn create(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    body: &Map<String, Value>,
) -> ServiceResult<Cycle> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    found.access.contributor().map_err(refuse("project"))?;
    let patch = input::parse(body, true)?;
    input::check_enabled(&found)?;
    let now = ctx.now();
    let sort_order = repo::min_sort_order(ctx.db.conn(), project_id)
        .await?
        .map_or(65535.0, |min| min - 10000.0);
    let mut cycle = Cycle {
        id: CycleId::new(),
        workspace_id: found.workspace.id,
        project_id,
        name: String::new(),
        description: String::new(),
        start_date: None,
        end_date: None,
        view_props: json!({}),
        sort_order,
        external_source: None,
        external_id: None,
        progress_snapshot: json!({}),
        archived_at: None,
        logo_props: json!({}),
        timezone: "UTC".to_owned(),
        version: 1,
        owned_by: actor.user.id,
        created_by: Some(actor.user.id),
        updated_by: None,
        created_at: now,
        updated_at: now,
    };
    input::apply(ctx, &found, actor.user.id, &mut cycle, patch).await?;
    cycle.sort_order = sort_order;
    external_conflict(ctx, &cycle, false).await?;
    write(
        ctx,
        &cycle,
        true,
        "tracker.cycle.created",
        snapshot(&cycle),
        actor,
    )
    .await?;
    Ok(cycle)
}

/// Changes a cycle (project members). Archived cycles cannot be edited; a completed cycle only
/// takes a new `sort_order`.
pub async fn update(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: CycleId,
    body: &Map<String, Value>,
) -> ServiceResult<Cycle> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    found.access.contributor().map_err(refuse("project"))?;
    let before = load(ctx, &found, id).await?;
    if before.archived_at.is_some() {
        return Err(ServiceError::rule(
            "cycle_archived",
            "Archived cycle cannot be edited",
        ));
    }
    let mut after = before.clone();
    if before.is_completed(ctx.now()) {
        let Some(order) = body.get("sort_order") else {
            return Err(ServiceError::rule(
                "cycle_completed",
                "The Cycle has already been completed so it cannot be edited",
            ));
        };
        let only_order: Map<String, Value> = [("sort_order".to_owned(), order.clone())]
            .into_iter()
            .collect();
        let patch = input::parse(&only_order, false)?;
        input::check_enabled(&found)?;
        after.sort_order = patch.sort_order.unwrap_or(before.sort_order);
    } else {
        let patch = input::parse(body, false)?;
        input::check_enabled(&found)?;
        input::apply(ctx, &found, actor.user.id, &mut after, patch).await?;
        external_conflict(ctx, &after, true).await?;
    }
    after.updated_by = Some(actor.user.id);
    after.updated_at = ctx.now();
    let change = changes(&snapshot(&before), &snapshot(&after));
    write(ctx, &after, false, "tracker.cycle.updated", change, actor).await?;
    Ok(after)
}

/// Deletes a cycle (its owner or a project admin); its work items leave it.
pub async fn delete(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: CycleId,
) -> ServiceResult<()> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    found.access.contributor().map_err(refuse("project"))?;
    let cycle = load(ctx, &found, id).await?;
    let is_admin = found.access.effective_role() == Some(ProjectRole::Admin);
    if !is_admin && cycle.owned_by != actor.user.id {
        return Err(ServiceError::Refused {
            code: "only_admin_or_creator",
            message: "Only admin or creator can delete the cycle".to_owned(),
        });
    }
    collection::delete_with_items(ctx, actor, &cycle).await
}

/// Archives a completed cycle, or restores an archived one (project members).
pub async fn set_archived(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: CycleId,
    archived: bool,
) -> ServiceResult<()> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    found.access.contributor().map_err(refuse("project"))?;
    let before = load(ctx, &found, id).await?;
    let now = ctx.now();
    if archived && !before.is_completed(now) {
        return Err(ServiceError::rule(
            "cycle_not_completed",
            "Only completed cycles can be archived",
        ));
    }
    let mut after = before.clone();
    after.archived_at = if archived {
        Some(before.archived_at.unwrap_or(now))
    } else {
        None
    };
    after.updated_by = Some(actor.user.id);
    after.updated_at = now;
    let kind = if archived {
        "tracker.cycle.archived"
    } else {
        "tracker.cycle.unarchived"
    };
    write(
        ctx,
        &after,
        false,
        kind,
        changes(&snapshot(&before), &snapshot(&after)),
        actor,
    )
    .await
}
