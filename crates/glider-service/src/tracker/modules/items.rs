//! The work items of a module: a work item may be in several modules, once in each.

use glider_db::repo::{
    item_links::{self, MODULES},
    modules as repo,
};
use glider_domain::{
    ModuleId, ProjectId, WorkItemId,
    filters::Lookup,
    model::{
        cycles::{Membership, Module},
        work_items::{Activity, WorkItem},
    },
};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self, InProject, refuse},
    accounts::Actor,
    events::event,
    tracker::{
        cycles::items::{items_of_project, link_activity, page_of, work_item_ids},
        modules::load,
        work_items::list::{ItemPage, ListRequest},
    },
};

fn removed(
    item: &WorkItem,
    actor: &Actor,
    now: chrono::DateTime<chrono::Utc>,
    module: &Module,
) -> Activity {
    let comment = format!("removed this issue from {}", module.name);
    link_activity(
        item,
        actor.user.id,
        now,
        "modules",
        ("deleted", comment),
        Some((module.id.0, &module.name)),
        None,
    )
}

/// Adds work items of the project to a module (project members); ids of other work items
/// are dropped, pairs already there are left alone. Answers every work item of the module.
pub async fn add(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    module_id: ModuleId,
    body: &Map<String, Value>,
) -> ServiceResult<Vec<Membership>> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    found.access.contributor().map_err(refuse("project"))?;
    let module = load(ctx, &found, module_id).await?;
    let ids = work_item_ids(body, || {
        ServiceError::rule("issues_required", "Issues are required")
    })?;
    let items: Vec<WorkItem> = items_of_project(ctx, project_id, &ids)
        .await?
        .into_iter()
        .flatten()
        .collect();
    let item_ids: Vec<WorkItemId> = items.iter().map(|i| i.id).collect();
    let already: Vec<WorkItemId> =
        item_links::of_items(ctx.db.conn(), MODULES, project_id, &item_ids)
            .await?
            .into_iter()
            .filter(|link| link.container == module.id.0)
            .map(|link| link.work_item_id)
            .collect();
    let now = ctx.now();
    let user = actor.user.id;
    let mut rows = Vec::new();
    let mut activities = Vec::new();
    for item in items.iter().filter(|item| !already.contains(&item.id)) {
        rows.push(Membership {
            id: Uuid::now_v7(),
            workspace_id: module.workspace_id,
            project_id,
            container: module.id.0,
            work_item_id: item.id,
            sub_issues_count: 0,
            created_by: Some(user),
            updated_by: None,
            created_at: now,
            updated_at: now,
        });
        let comment = format!("added module {}", module.name);
        activities.push(link_activity(
            item,
            user,
            now,
            "modules",
            ("created", comment),
            None,
            Some((module.id.0, &module.name)),
        ));
    }
    let added: Vec<WorkItemId> = rows.iter().map(|row| row.work_item_id).collect();
    let tx = ctx.db.begin_write().await?;
    item_links::insert(&tx, MODULES, &rows).await?;
    let payload = json!({ "added": added });
    let record = event(
        ctx,
        "tracker.module.work_items_added",
        Some(user),
        Some(module.workspace_id),
        Some(project_id),
        module.id.0,
        payload,
    );
    crate::events::commit_with_history(tx, record, &activities).await?;
    Ok(item_links::of_owner(ctx.db.conn(), MODULES, module.id.0).await?)
}

/// One work item's place in the module.
pub async fn get(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    module_id: ModuleId,
    item: WorkItemId,
) -> ServiceResult<Membership> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    let module = load(ctx, &found, module_id).await?;
    item_links::find(ctx.db.conn(), MODULES, module.id.0, item)
        .await?
        .ok_or(ServiceError::not_found("module_work_item"))
}

/// Takes a work item out of the module (project members).
pub async fn remove(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    module_id: ModuleId,
    item: WorkItemId,
) -> ServiceResult<()> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    found.access.contributor().map_err(refuse("project"))?;
    let module = load(ctx, &found, module_id).await?;
    let link = item_links::find(ctx.db.conn(), MODULES, module.id.0, item)
        .await?
        .ok_or(ServiceError::not_found("module_work_item"))?;
    let now = ctx.now();
    let activities: Vec<Activity> = items_of_project(ctx, project_id, &[item.0])
        .await?
        .into_iter()
        .flatten()
        .map(|work_item| removed(&work_item, actor, now, &module))
        .collect();
    let tx = ctx.db.begin_write().await?;
    item_links::remove(&tx, MODULES, &[link.id], now).await?;
    let payload = json!({ "work_item": item });
    let record = event(
        ctx,
        "tracker.module.work_item_removed",
        Some(actor.user.id),
        Some(module.workspace_id),
        Some(project_id),
        module.id.0,
        payload,
    );
    crate::events::commit_with_history(tx, record, &activities).await?;
    Ok(())
}

/// Soft-deletes a module; its work items leave it, each with a history entry.
pub(crate) async fn delete_with_items(
    ctx: &Ctx,
    actor: &Actor,
    module: &Module,
) -> ServiceResult<()> {
    let now = ctx.now();
    let links = item_links::of_owner(ctx.db.conn(), MODULES, module.id.0).await?;
    let ids: Vec<Uuid> = links.iter().map(|l| l.work_item_id.0).collect();
    let activities: Vec<Activity> = items_of_project(ctx, module.project_id, &ids)
        .await?
        .into_iter()
        .flatten()
        .map(|item| removed(&item, actor, now, module))
        .collect();
    let tx = ctx.db.begin_write().await?;
    repo::soft_delete(&tx, module.id, now).await?;
    let payload = json!({ "name": module.name, "work_items": ids });
    let record = event(
        ctx,
        "tracker.module.deleted",
        Some(actor.user.id),
        Some(module.workspace_id),
        Some(module.project_id),
        module.id.0,
        payload,
    );
    crate::events::commit_with_history(tx, record, &activities).await?;
    Ok(())
}

/// The module's visible work items (Plane's work-item shape), with the list's filters.
pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    module_id: ModuleId,
    request: &ListRequest,
) -> ServiceResult<(InProject, ItemPage)> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    let module = load(ctx, &found, module_id).await?;
    let page = page_of(ctx, &found, Lookup::Module(vec![module.id.0]), request).await?;
    Ok((found, page))
}
