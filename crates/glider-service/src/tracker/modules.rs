//! Modules: create, read, update, delete, archive, lists. Names are unique in a project. The
//! work items are added to a module in [`items`]; reading, removing and listing them is
//! shared with cycles ([`crate::tracker::cycles::collection`]).

pub mod input;
pub mod items;

use std::cmp::Ordering;

use glider_db::{DbError, repo::modules as repo};
use glider_domain::{
    ModuleId, ProjectId, ProjectRole,
    model::cycles::{ItemCounts, Module, ModuleStatus},
};
use serde_json::{Map, Value, json};

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self, InProject, refuse},
    accounts::Actor,
    events::{changes, event},
    tracker::{cycles::sort, states::taken},
};

const EXTERNAL_TAKEN: &str = "Module with the same external id and external source already exists";
/// Plane's message for a duplicate name (a 400 with the existing module's id on create).
pub const NAME_TAKEN: &str = "Module with this name already exists";

/// A module with the item counts a read shows (`None` where the response leaves them out).
#[derive(Clone, Debug)]
pub struct ModuleView {
    pub module: Module,
    pub counts: Option<ItemCounts>,
}

/// What a module list asks for.
#[derive(Clone, Debug, Default)]
pub struct ModuleQuery {
    /// Archived modules instead of the others.
    pub archived: bool,
    /// A field, `-` for descending; newest first when absent.
    pub order_by: Option<String>,
    /// Add item counts by state group.
    pub counts: bool,
    pub offset: u64,
    pub limit: u64,
}

/// A page of modules and the total.
#[derive(Clone, Debug)]
pub struct ModulePage {
    pub total: u64,
    pub modules: Vec<ModuleView>,
}

fn snapshot(m: &Module) -> Value {
    json!({
        "name": m.name, "description": m.description, "start_date": m.start_date, "target_date": m.target_date,
        "status": m.status.as_str(), "lead": m.lead, "members": m.members, "sort_order": m.sort_order,
        "archived_at": m.archived_at, "external_source": m.external_source, "external_id": m.external_id,
    })
}

fn module_order(field: &str) -> Option<fn(&Module, &Module) -> Ordering> {
    Some(match field {
        "created_at" => |a, b| a.created_at.cmp(&b.created_at),
        "updated_at" => |a, b| a.updated_at.cmp(&b.updated_at),
        "name" => |a, b| a.name.cmp(&b.name),
        "sort_order" => |a, b| a.sort_order.total_cmp(&b.sort_order),
        "start_date" => |a, b| a.start_date.cmp(&b.start_date),
        "target_date" => |a, b| a.target_date.cmp(&b.target_date),
        "status" => |a, b| a.status.as_str().cmp(b.status.as_str()),
        _ => return None,
    })
}

/// A live module of the project, archived or not.
pub(crate) async fn load(ctx: &Ctx, found: &InProject, id: ModuleId) -> ServiceResult<Module> {
    repo::find(ctx.db.conn(), found.project.id, id)
        .await
        .map_err(ServiceError::db("module"))
}

/// The name and the external pair must be free in the project. A taken name is a conflict
/// on `name` carrying the other module's id.
async fn check_unique(ctx: &Ctx, module: &Module, updating: bool) -> ServiceResult<()> {
    let conn = ctx.db.conn();
    if let Some(other) = repo::find_by_name(conn, module.project_id, &module.name).await?
        && other.id != module.id
    {
        return Err(taken("name", NAME_TAKEN, other.id.0));
    }
    if let (Some(source), Some(external)) = (&module.external_source, &module.external_id)
        && let Some(other) =
            repo::find_by_external(conn, module.project_id, source, external).await?
        && other.id != module.id
    {
        let id = if updating { module.id.0 } else { other.id.0 };
        return Err(taken("external_id", EXTERNAL_TAKEN, id));
    }
    Ok(())
}

async fn write(
    ctx: &Ctx,
    actor: &Actor,
    module: &Module,
    creating: bool,
    members_changed: bool,
    kind: &'static str,
    payload: Value,
) -> ServiceResult<()> {
    let tx = ctx.db.begin_write().await?;
    let saved = if creating {
        repo::insert(&tx, module).await
    } else {
        repo::save(&tx, module).await
    };
    saved.map_err(|error| match error {
        DbError::Conflict { field } if field == "name" => taken("name", NAME_TAKEN, module.id.0),
        DbError::Conflict { field } if field == "external_id" => {
            taken("external_id", EXTERNAL_TAKEN, module.id.0)
        }
        other => other.into(),
    })?;
    if members_changed {
        repo::set_members(&tx, module, module.updated_at).await?;
    }
    let record = event(
        ctx,
        kind,
        Some(actor.user.id),
        Some(module.workspace_id),
        Some(module.project_id),
        module.id.0,
        payload,
    );
    glider_db::repo::events::append(&tx, record).await?;
    glider_db::commit(tx).await?;
    Ok(())
}

/// Creates a module (project members; the project must have modules turned on).
pub async fn create(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    body: &Map<String, Value>,
) -> ServiceResult<Module> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    found.access.contributor().map_err(refuse("project"))?;
    let patch = input::parse(body, true)?;
    input::check_enabled(&found)?;
    let now = ctx.now();
    let sort_order = repo::min_sort_order(ctx.db.conn(), project_id)
        .await?
        .map_or(65535.0, |min| min - 10000.0);
    let mut module = Module {
        id: ModuleId::new(),
        workspace_id: found.workspace.id,
        project_id,
        name: String::new(),
        description: String::new(),
        description_text: None,
        description_html: None,
        start_date: None,
        target_date: None,
        status: ModuleStatus::Planned,
        view_props: json!({}),
        sort_order,
        external_source: None,
        external_id: None,
        archived_at: None,
        logo_props: json!({}),
        lead: None,
        members: Vec::new(),
        created_by: Some(actor.user.id),
        updated_by: None,
        created_at: now,
        updated_at: now,
    };
    input::apply(ctx, &found, &mut module, patch).await?;
    module.sort_order = sort_order;
    check_unique(ctx, &module, false).await?;
    write(
        ctx,
        actor,
        &module,
        true,
        true,
        "tracker.module.created",
        snapshot(&module),
    )
    .await?;
    Ok(module)
}

async fn with_counts(
    ctx: &Ctx,
    modules: Vec<Module>,
    counts: bool,
) -> ServiceResult<Vec<ModuleView>> {
    if !counts {
        return Ok(modules
            .into_iter()
            .map(|module| ModuleView {
                module,
                counts: None,
            })
            .collect());
    }
    let ids: Vec<ModuleId> = modules.iter().map(|m| m.id).collect();
    let all = repo::counts(ctx.db.conn(), &ids).await?;
    Ok(modules
        .into_iter()
        .map(|module| {
            let counts = all.get(&module.id).copied().unwrap_or_default();
            ModuleView {
                module,
                counts: Some(counts),
            }
        })
        .collect())
}

/// One module with its item counts; archived modules are not found.
pub async fn get(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: ModuleId,
) -> ServiceResult<(InProject, ModuleView)> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    let module = load(ctx, &found, id).await?;
    if module.archived_at.is_some() {
        return Err(ServiceError::not_found("module"));
    }
    let view = with_counts(ctx, vec![module], true)
        .await?
        .pop()
        .ok_or(ServiceError::not_found("module"))?;
    Ok((found, view))
}

/// The project's modules (or its archived ones), newest first unless `order_by` says otherwise.
pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    query: &ModuleQuery,
) -> ServiceResult<(InProject, ModulePage)> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    let mut modules = repo::list(ctx.db.conn(), project_id, query.archived).await?;
    sort(&mut modules, query.order_by.as_deref(), module_order)?;
    let total = modules.len() as u64;
    let offset = usize::try_from(query.offset).unwrap_or(usize::MAX);
    let limit = usize::try_from(query.limit).unwrap_or(usize::MAX);
    let page: Vec<Module> = modules.into_iter().skip(offset).take(limit).collect();
    let modules = with_counts(ctx, page, query.counts).await?;
    Ok((found, ModulePage { total, modules }))
}

/// Plane answers a duplicate name on update with a plain 400 (no id).
fn name_taken_on_update(error: ServiceError) -> ServiceError {
    match error {
        ServiceError::Conflict { field, .. } if field == "name" => {
            ServiceError::rule("module_name_taken", NAME_TAKEN)
        }
        other => other,
    }
}

/// Changes a module (project members); archived modules cannot be edited. Answers the whole
/// module with its counts.
pub async fn update(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: ModuleId,
    body: &Map<String, Value>,
) -> ServiceResult<ModuleView> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    found.access.contributor().map_err(refuse("project"))?;
    let before = load(ctx, &found, id).await?;
    if before.archived_at.is_some() {
        return Err(ServiceError::rule(
            "module_archived",
            "Archived module cannot be edited",
        ));
    }
    let patch = input::parse(body, false)?;
    input::check_enabled(&found)?;
    let mut after = before.clone();
    input::apply(ctx, &found, &mut after, patch).await?;
    check_unique(ctx, &after, true)
        .await
        .map_err(name_taken_on_update)?;
    after.updated_by = Some(actor.user.id);
    after.updated_at = ctx.now();
    let change = changes(&snapshot(&before), &snapshot(&after));
    write(
        ctx,
        actor,
        &after,
        false,
        before.members != after.members,
        "tracker.module.updated",
        change,
    )
    .await
    .map_err(name_taken_on_update)?;
    let view = with_counts(ctx, vec![after], true)
        .await?
        .pop()
        .ok_or(ServiceError::not_found("module"))?;
    Ok(view)
}

/// Deletes a module (its creator or a project admin); its work items leave it.
pub async fn delete(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: ModuleId,
) -> ServiceResult<()> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    found.access.contributor().map_err(refuse("project"))?;
    let module = load(ctx, &found, id).await?;
    let is_admin = found.access.effective_role() == Some(ProjectRole::Admin);
    if !is_admin && module.created_by != Some(actor.user.id) {
        return Err(ServiceError::Refused {
            code: "only_admin_or_creator",
            message: "Only admin or creator can delete the module".to_owned(),
        });
    }
    crate::tracker::cycles::collection::delete_with_items(ctx, actor, &module).await
}

/// Archives a completed or cancelled module, or restores an archived one (project members).
pub async fn set_archived(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: ModuleId,
    archived: bool,
) -> ServiceResult<()> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    found.access.contributor().map_err(refuse("project"))?;
    let before = load(ctx, &found, id).await?;
    if archived && !before.status.is_closed() {
        return Err(ServiceError::rule(
            "module_not_closed",
            "Only completed or cancelled modules can be archived",
        ));
    }
    let now = ctx.now();
    let mut after = before.clone();
    after.archived_at = if archived {
        Some(before.archived_at.unwrap_or(now))
    } else {
        None
    };
    after.updated_by = Some(actor.user.id);
    after.updated_at = now;
    let kind = if archived {
        "tracker.module.archived"
    } else {
        "tracker.module.unarchived"
    };
    write(
        ctx,
        actor,
        &after,
        false,
        false,
        kind,
        changes(&snapshot(&before), &snapshot(&after)),
    )
    .await
}
