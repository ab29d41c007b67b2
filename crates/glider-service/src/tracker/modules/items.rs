//! Adding work items to a module: a work item may be in several modules, once in each.
//! Reading, removing and listing them is shared with cycles
//! ([`crate::tracker::cycles::collection`]).

use glider_db::repo::item_links::{self, MODULES};
use glider_domain::{
    ModuleId, ProjectId, WorkItemId,
    model::{
        cycles::{Membership, Module},
        work_items::WorkItem,
    },
};
use serde_json::{Map, Value, json};

use crate::{
    Ctx, ServiceError, ServiceResult,
    accounts::Actor,
    tracker::cycles::collection::{commit_added, items_of_project, join, open, work_item_ids},
};

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
    let (_, module) = open::<Module>(ctx, actor, slug, project_id, module_id, true).await?;
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
    let (rows, activities): (Vec<_>, Vec<_>) = items
        .iter()
        .filter(|item| !already.contains(&item.id))
        .map(|item| join(&module, item, user, now))
        .unzip();
    let added: Vec<WorkItemId> = rows.iter().map(|row| row.work_item_id).collect();
    let tx = ctx.db.begin_write().await?;
    item_links::insert(&tx, MODULES, &rows).await?;
    commit_added(
        ctx,
        tx,
        &module,
        user,
        json!({ "added": added }),
        &activities,
    )
    .await
}
