//! A cycle or a module as a collection of work items. Both keep their work items in link
//! tables of one shape and read, remove and delete them alike; [`Collection`] names the few
//! things that differ (table, history field, event kinds, filter). Adding differs in its rules
//! (a work item is in one cycle at most, in several modules) and stays with each.

use std::future::Future;

use chrono::{DateTime, Utc};
use glider_db::{
    DatabaseTransaction, DbError,
    repo::{
        cycles as cycle_repo,
        item_links::{self, CYCLES, LinkTable, MODULES},
        modules as module_repo,
        work_item_queries::{self as queries, ListQuery, Visibility},
        work_items as item_repo,
    },
};
use glider_domain::{
    CycleId, ModuleId, ProjectId, UserId, WorkItemId, WorkspaceId,
    filters::{Filter, Lookup},
    model::{
        cycles::{Cycle, Membership, Module},
        work_items::{Activity, WorkItem},
    },
};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self, InProject, refuse},
    accounts::Actor,
    events::{commit_with_history, event},
    tracker::{
        cycles, modules,
        work_items::{
            blank_activity,
            list::{ItemPage, ListRequest},
        },
    },
};

/// What sets a cycle and a module apart as holders of work items.
pub trait Collection: Sized + Send + Sync {
    type Id: From<Uuid> + Copy + Send + Sync;
    /// The table linking it to its work items.
    const LINKS: LinkTable;
    /// `cycle` or `module`: the work item history's wording.
    const NOUN: &'static str;
    /// The history field of a work item: `cycles` or `modules`.
    const FIELD: &'static str;
    /// The resource of a work item that is not in it.
    const LINK_NOT_FOUND: &'static str;
    /// Event kinds: work items added, one removed, the collection deleted.
    const ADDED: &'static str;
    const REMOVED: &'static str;
    const DELETED: &'static str;
    /// The work-item filter that keeps the work items of these ones.
    const LOOKUP: fn(Vec<Uuid>) -> Lookup;

    /// A live one of the project, archived or not.
    fn load(
        ctx: &Ctx,
        found: &InProject,
        id: Self::Id,
    ) -> impl Future<Output = ServiceResult<Self>> + Send;
    /// Soft-deletes its own row, inside the deletion's transaction.
    fn soft_delete(
        &self,
        tx: &DatabaseTransaction,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<(), DbError>> + Send;
    fn uuid(&self) -> Uuid;
    fn name(&self) -> &str;
    fn workspace(&self) -> WorkspaceId;
    fn project(&self) -> ProjectId;
}

impl Collection for Cycle {
    type Id = CycleId;
    const LINKS: LinkTable = CYCLES;
    const NOUN: &'static str = "cycle";
    const FIELD: &'static str = "cycles";
    const LINK_NOT_FOUND: &'static str = "cycle_work_item";
    const ADDED: &'static str = "tracker.cycle.work_items_added";
    const REMOVED: &'static str = "tracker.cycle.work_item_removed";
    const DELETED: &'static str = "tracker.cycle.deleted";
    const LOOKUP: fn(Vec<Uuid>) -> Lookup = Lookup::Cycle;

    async fn load(ctx: &Ctx, found: &InProject, id: CycleId) -> ServiceResult<Self> {
        cycles::load(ctx, found, id).await
    }
    async fn soft_delete(
        &self,
        tx: &DatabaseTransaction,
        now: DateTime<Utc>,
    ) -> Result<(), DbError> {
        cycle_repo::soft_delete(tx, self.id, now).await
    }
    fn uuid(&self) -> Uuid {
        self.id.0
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn workspace(&self) -> WorkspaceId {
        self.workspace_id
    }
    fn project(&self) -> ProjectId {
        self.project_id
    }
}

impl Collection for Module {
    type Id = ModuleId;
    const LINKS: LinkTable = MODULES;
    const NOUN: &'static str = "module";
    const FIELD: &'static str = "modules";
    const LINK_NOT_FOUND: &'static str = "module_work_item";
    const ADDED: &'static str = "tracker.module.work_items_added";
    const REMOVED: &'static str = "tracker.module.work_item_removed";
    const DELETED: &'static str = "tracker.module.deleted";
    const LOOKUP: fn(Vec<Uuid>) -> Lookup = Lookup::Module;

    async fn load(ctx: &Ctx, found: &InProject, id: ModuleId) -> ServiceResult<Self> {
        modules::load(ctx, found, id).await
    }
    async fn soft_delete(
        &self,
        tx: &DatabaseTransaction,
        now: DateTime<Utc>,
    ) -> Result<(), DbError> {
        module_repo::soft_delete(tx, self.id, now).await
    }
    fn uuid(&self) -> Uuid {
        self.id.0
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn workspace(&self) -> WorkspaceId {
        self.workspace_id
    }
    fn project(&self) -> ProjectId {
        self.project_id
    }
}

/// The caller's project and the collection; `writing` asks for a project member.
pub(crate) async fn open<C: Collection>(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: C::Id,
    writing: bool,
) -> ServiceResult<(InProject, C)> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    if writing {
        found.access.contributor().map_err(refuse("project"))?;
    }
    let collection = C::load(ctx, &found, id).await?;
    Ok((found, collection))
}

/// Plane's answer to a malformed id in a list of work items.
pub(crate) fn invalid_detail() -> ServiceError {
    ServiceError::rule("invalid_detail", "Please provide valid detail")
}

/// The `issues` list of a body, without duplicates; `missing` when absent or empty.
pub(crate) fn work_item_ids(
    body: &Map<String, Value>,
    missing: impl Fn() -> ServiceError,
) -> ServiceResult<Vec<Uuid>> {
    let items = match body.get("issues") {
        None | Some(Value::Null) => return Err(missing()),
        Some(Value::String(text)) if text.is_empty() => return Err(missing()),
        Some(Value::Array(items)) if items.is_empty() => return Err(missing()),
        Some(Value::Array(items)) => items,
        Some(_) => return Err(invalid_detail()),
    };
    let mut ids: Vec<Uuid> = Vec::with_capacity(items.len());
    for item in items {
        let id = item
            .as_str()
            .and_then(|s| Uuid::parse_str(s).ok())
            .ok_or_else(invalid_detail)?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// The live work items of the project with these ids; `None` if any id names none.
pub(crate) async fn items_of_project(
    ctx: &Ctx,
    project: ProjectId,
    ids: &[Uuid],
) -> ServiceResult<Vec<Option<WorkItem>>> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        match item_repo::find(ctx.db.conn(), project, WorkItemId(*id)).await {
            Ok(item) => out.push(Some(item)),
            Err(DbError::NotFound) => out.push(None),
            Err(other) => return Err(other.into()),
        }
    }
    Ok(out)
}

/// A history entry of a work item about its cycles or modules (`field`).
pub(crate) fn link_activity(
    item: &WorkItem,
    actor: UserId,
    now: DateTime<Utc>,
    field: &str,
    (verb, comment): (&str, String),
    old: Option<(Uuid, &str)>,
    new: Option<(Uuid, &str)>,
) -> Activity {
    let mut entry = blank_activity(item, Some(actor), now);
    entry.verb = verb.to_owned();
    entry.field = Some(field.to_owned());
    entry.comment = comment;
    entry.old_identifier = old.map(|(id, _)| id);
    entry.old_value = old.map(|(_, name)| name.to_owned());
    entry.new_identifier = new.map(|(id, _)| id);
    entry.new_value = new.map(|(_, name)| name.to_owned());
    entry
}

/// The new row putting `item` in the collection, and its history entry.
pub(crate) fn join<C: Collection>(
    collection: &C,
    item: &WorkItem,
    actor: UserId,
    now: DateTime<Utc>,
) -> (Membership, Activity) {
    let row = Membership {
        id: Uuid::now_v7(),
        workspace_id: collection.workspace(),
        project_id: collection.project(),
        container: collection.uuid(),
        work_item_id: item.id,
        sub_issues_count: 0,
        created_by: Some(actor),
        updated_by: None,
        created_at: now,
        updated_at: now,
    };
    let comment = format!("added {} {}", C::NOUN, collection.name());
    let entry = link_activity(
        item,
        actor,
        now,
        C::FIELD,
        ("created", comment),
        None,
        Some((collection.uuid(), collection.name())),
    );
    (row, entry)
}

/// The history entries of work items leaving the collection; ids that name no live work
/// item of its project get none.
async fn leaving<C: Collection>(
    ctx: &Ctx,
    collection: &C,
    actor: UserId,
    now: DateTime<Utc>,
    ids: &[Uuid],
) -> ServiceResult<Vec<Activity>> {
    Ok(items_of_project(ctx, collection.project(), ids)
        .await?
        .into_iter()
        .flatten()
        .map(|item| {
            let comment = format!("removed this issue from {}", collection.name());
            link_activity(
                &item,
                actor,
                now,
                C::FIELD,
                ("deleted", comment),
                Some((collection.uuid(), collection.name())),
                None,
            )
        })
        .collect())
}

/// Ends an addition begun in `tx`: the event and history, then every work item of the
/// collection.
pub(crate) async fn commit_added<C: Collection>(
    ctx: &Ctx,
    tx: DatabaseTransaction,
    collection: &C,
    actor: UserId,
    payload: Value,
    history: &[Activity],
) -> ServiceResult<Vec<Membership>> {
    let record = event(
        ctx,
        C::ADDED,
        Some(actor),
        Some(collection.workspace()),
        Some(collection.project()),
        collection.uuid(),
        payload,
    );
    commit_with_history(tx, record, history).await?;
    Ok(item_links::of_owner(ctx.db.conn(), C::LINKS, collection.uuid()).await?)
}

/// One work item's place in the cycle or module, with the caller's project.
pub async fn get<C: Collection>(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: C::Id,
    item: WorkItemId,
) -> ServiceResult<(InProject, Membership)> {
    let (found, collection) = open::<C>(ctx, actor, slug, project_id, id, false).await?;
    let link = item_links::find(ctx.db.conn(), C::LINKS, collection.uuid(), item)
        .await?
        .ok_or(ServiceError::not_found(C::LINK_NOT_FOUND))?;
    Ok((found, link))
}

/// Takes a work item out of the cycle or module (project members).
pub async fn remove<C: Collection>(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: C::Id,
    item: WorkItemId,
) -> ServiceResult<()> {
    let (_, collection) = open::<C>(ctx, actor, slug, project_id, id, true).await?;
    let link = item_links::find(ctx.db.conn(), C::LINKS, collection.uuid(), item)
        .await?
        .ok_or(ServiceError::not_found(C::LINK_NOT_FOUND))?;
    let now = ctx.now();
    let history = leaving(ctx, &collection, actor.user.id, now, &[item.0]).await?;
    let tx = ctx.db.begin_write().await?;
    item_links::remove(&tx, C::LINKS, &[link.id], now).await?;
    let record = event(
        ctx,
        C::REMOVED,
        Some(actor.user.id),
        Some(collection.workspace()),
        Some(collection.project()),
        collection.uuid(),
        json!({ "work_item": item }),
    );
    commit_with_history(tx, record, &history).await
}

/// Soft-deletes a cycle or module; its work items leave it, each with a history entry.
pub(crate) async fn delete_with_items<C: Collection>(
    ctx: &Ctx,
    actor: &Actor,
    collection: &C,
) -> ServiceResult<()> {
    let now = ctx.now();
    let links = item_links::of_owner(ctx.db.conn(), C::LINKS, collection.uuid()).await?;
    let ids: Vec<Uuid> = links.iter().map(|l| l.work_item_id.0).collect();
    let history = leaving(ctx, collection, actor.user.id, now, &ids).await?;
    let tx = ctx.db.begin_write().await?;
    collection.soft_delete(&tx, now).await?;
    let record = event(
        ctx,
        C::DELETED,
        Some(actor.user.id),
        Some(collection.workspace()),
        Some(collection.project()),
        collection.uuid(),
        json!({ "name": collection.name(), "work_items": ids }),
    );
    commit_with_history(tx, record, &history).await
}

/// The visible work items of the cycle or module (Plane's work-item shape), with the list's
/// own filters; nothing in an archived project.
pub async fn list<C: Collection>(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: C::Id,
    request: &ListRequest,
) -> ServiceResult<(InProject, ItemPage)> {
    let (found, collection) = open::<C>(ctx, actor, slug, project_id, id, false).await?;
    if found.project.archived_at.is_some() {
        return Ok((
            found,
            ItemPage {
                total: 0,
                items: Vec::new(),
            },
        ));
    }
    let scope = Filter::Is((C::LOOKUP)(vec![collection.uuid()]));
    let filter = match &request.filter {
        Some(own) => Filter::All(vec![scope, own.clone()]),
        None => scope,
    };
    let projects = [found.project.id];
    let query = ListQuery {
        projects: &projects,
        visibility: Visibility::Active,
        filter: Some(&filter),
        order: request.order,
        offset: request.offset,
        limit: request.limit,
    };
    let (total, items) = queries::list(ctx.db.conn(), &query).await?;
    Ok((found, ItemPage { total, items }))
}
