//! Modules of a project and their members. The work items in them are rows of
//! [`item_links::MODULES`].

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use glider_domain::{
    ModuleId, ProjectId, UserId, WorkspaceId,
    model::cycles::{ItemCounts, Module, ModuleStatus},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect, Set, sea_query::Expr,
};
use uuid::Uuid;

use crate::{
    DbError,
    entities::{module, module_member, module_work_item, project_member},
    repo::{found, item_links},
};

fn to_module(row: module::Model) -> Module {
    Module {
        id: ModuleId(row.id),
        workspace_id: WorkspaceId(row.workspace_id),
        project_id: ProjectId(row.project_id),
        name: row.name,
        description: row.description,
        description_text: row.description_text,
        description_html: row.description_html,
        start_date: row.start_date,
        target_date: row.target_date,
        status: ModuleStatus::parse("status", &row.status).unwrap_or(ModuleStatus::Planned),
        view_props: row.view_props,
        sort_order: row.sort_order,
        external_source: row.external_source,
        external_id: row.external_id,
        archived_at: row.archived_at,
        logo_props: row.logo_props,
        lead: row.lead_id.map(UserId),
        members: Vec::new(),
        created_by: row.created_by.map(UserId),
        updated_by: row.updated_by.map(UserId),
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

fn write_fields(active: &mut module::ActiveModel, m: &Module) {
    active.name = Set(m.name.clone());
    active.description = Set(m.description.clone());
    active.description_text = Set(m.description_text.clone());
    active.description_html = Set(m.description_html.clone());
    active.start_date = Set(m.start_date);
    active.target_date = Set(m.target_date);
    active.status = Set(m.status.as_str().to_owned());
    active.view_props = Set(m.view_props.clone());
    active.sort_order = Set(m.sort_order);
    active.external_source = Set(m.external_source.clone());
    active.external_id = Set(m.external_id.clone());
    active.archived_at = Set(m.archived_at);
    active.logo_props = Set(m.logo_props.clone());
    active.lead_id = Set(m.lead.map(|id| id.0));
    active.updated_by = Set(m.updated_by.map(|id| id.0));
    active.updated_at = Set(m.updated_at);
}

pub async fn insert(conn: &impl ConnectionTrait, m: &Module) -> Result<(), DbError> {
    let mut active = module::ActiveModel {
        id: Set(m.id.0),
        workspace_id: Set(m.workspace_id.0),
        project_id: Set(m.project_id.0),
        created_by: Set(m.created_by.map(|id| id.0)),
        created_at: Set(m.created_at),
        deleted_at: Set(None),
        ..Default::default()
    };
    write_fields(&mut active, m);
    module::Entity::insert(active)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Writes every column of `m` (not its members).
pub async fn save(conn: &impl ConnectionTrait, m: &Module) -> Result<(), DbError> {
    let row = found(module::Entity::find_by_id(m.id.0).one(conn).await?)?;
    let mut active = row.into_active_model();
    write_fields(&mut active, m);
    active.update(conn).await?;
    Ok(())
}

/// Replaces the member set.
pub async fn set_members(
    conn: &impl ConnectionTrait,
    m: &Module,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    module_member::Entity::delete_many()
        .filter(module_member::Column::ModuleId.eq(m.id.0))
        .exec(conn)
        .await?;
    if m.members.is_empty() {
        return Ok(());
    }
    let rows = m.members.iter().map(|user| module_member::ActiveModel {
        id: Set(Uuid::now_v7()),
        workspace_id: Set(m.workspace_id.0),
        project_id: Set(m.project_id.0),
        module_id: Set(m.id.0),
        user_id: Set(user.0),
        created_at: Set(now),
    });
    module_member::Entity::insert_many(rows)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

async fn with_members(
    conn: &impl ConnectionTrait,
    rows: Vec<module::Model>,
) -> Result<Vec<Module>, DbError> {
    let mut modules: Vec<Module> = rows.into_iter().map(to_module).collect();
    if modules.is_empty() {
        return Ok(modules);
    }
    let ids: Vec<Uuid> = modules.iter().map(|m| m.id.0).collect();
    let mut members: HashMap<Uuid, Vec<UserId>> = HashMap::new();
    for row in module_member::Entity::find()
        .filter(module_member::Column::ModuleId.is_in(ids))
        .order_by_asc(module_member::Column::CreatedAt)
        .order_by_asc(module_member::Column::Id)
        .all(conn)
        .await?
    {
        members
            .entry(row.module_id)
            .or_default()
            .push(UserId(row.user_id));
    }
    for m in &mut modules {
        m.members = members.remove(&m.id.0).unwrap_or_default();
    }
    Ok(modules)
}

fn live(project: ProjectId) -> sea_orm::Select<module::Entity> {
    module::Entity::find()
        .filter(module::Column::ProjectId.eq(project.0))
        .filter(module::Column::DeletedAt.is_null())
}

async fn one(conn: &impl ConnectionTrait, row: Option<module::Model>) -> Result<Module, DbError> {
    found(with_members(conn, vec![found(row)?]).await?.pop())
}

/// A live module of the project, archived or not.
pub async fn find(
    conn: &impl ConnectionTrait,
    project: ProjectId,
    id: ModuleId,
) -> Result<Module, DbError> {
    let row = live(project)
        .filter(module::Column::Id.eq(id.0))
        .one(conn)
        .await?;
    one(conn, row).await
}

/// The live module of the project with this exact name, if any.
pub async fn find_by_name(
    conn: &impl ConnectionTrait,
    project: ProjectId,
    name: &str,
) -> Result<Option<Module>, DbError> {
    let row = live(project)
        .filter(module::Column::Name.eq(name))
        .one(conn)
        .await?;
    Ok(row.map(to_module))
}

/// The live module with an importer's external pair, if any.
pub async fn find_by_external(
    conn: &impl ConnectionTrait,
    project: ProjectId,
    source: &str,
    external_id: &str,
) -> Result<Option<Module>, DbError> {
    let row = live(project)
        .filter(module::Column::ExternalSource.eq(source))
        .filter(module::Column::ExternalId.eq(external_id))
        .one(conn)
        .await?;
    Ok(row.map(to_module))
}

/// The project's live modules, archived ones or the others, newest first.
pub async fn list(
    conn: &impl ConnectionTrait,
    project: ProjectId,
    archived: bool,
) -> Result<Vec<Module>, DbError> {
    let select = live(project);
    let select = if archived {
        select.filter(module::Column::ArchivedAt.is_not_null())
    } else {
        select.filter(module::Column::ArchivedAt.is_null())
    };
    let rows = select
        .order_by_desc(module::Column::CreatedAt)
        .order_by_desc(module::Column::Id)
        .all(conn)
        .await?;
    with_members(conn, rows).await
}

/// The smallest sort order among the project's live modules.
pub async fn min_sort_order(
    conn: &impl ConnectionTrait,
    project: ProjectId,
) -> Result<Option<f64>, DbError> {
    let min: Option<Option<f64>> = live(project)
        .select_only()
        .column_as(module::Column::SortOrder.min(), "min")
        .into_tuple()
        .one(conn)
        .await?;
    Ok(min.flatten())
}

/// Soft-deletes the module and takes its work items out of it.
pub async fn soft_delete(
    conn: &impl ConnectionTrait,
    id: ModuleId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    module::Entity::update_many()
        .col_expr(module::Column::DeletedAt, Expr::value(Some(now)))
        .filter(module::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    module_work_item::Entity::update_many()
        .col_expr(module_work_item::Column::DeletedAt, Expr::value(Some(now)))
        .filter(module_work_item::Column::ModuleId.eq(id.0))
        .filter(module_work_item::Column::DeletedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// Item counts by state group of each module.
pub async fn counts(
    conn: &impl ConnectionTrait,
    ids: &[ModuleId],
) -> Result<HashMap<ModuleId, ItemCounts>, DbError> {
    let owners: Vec<Uuid> = ids.iter().map(|id| id.0).collect();
    let stats = item_links::stats(conn, item_links::MODULES, &owners).await?;
    Ok(stats
        .into_iter()
        .map(|(id, (counts, _))| (ModuleId(id), counts))
        .collect())
}

/// Live modules per project of the workspace.
pub async fn count_by_project(
    conn: &impl ConnectionTrait,
    workspace: WorkspaceId,
) -> Result<HashMap<ProjectId, u64>, DbError> {
    let rows: Vec<(Uuid, i64)> = module::Entity::find()
        .select_only()
        .column(module::Column::ProjectId)
        .column_as(module::Column::Id.count(), "count")
        .filter(module::Column::WorkspaceId.eq(workspace.0))
        .filter(module::Column::DeletedAt.is_null())
        .group_by(module::Column::ProjectId)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, n)| (ProjectId(id), u64::try_from(n).unwrap_or(0)))
        .collect())
}

/// Users among `ids` who are active members of the project (any role), in the caller's order
/// without duplicates.
pub async fn project_members_among(
    conn: &impl ConnectionTrait,
    project: ProjectId,
    ids: &[Uuid],
) -> Result<Vec<UserId>, DbError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let members: Vec<Uuid> = project_member::Entity::find()
        .select_only()
        .column(project_member::Column::UserId)
        .filter(project_member::Column::ProjectId.eq(project.0))
        .filter(project_member::Column::IsActive.eq(true))
        .filter(project_member::Column::UserId.is_in(ids.iter().copied()))
        .into_tuple()
        .all(conn)
        .await?;
    let mut out: Vec<UserId> = Vec::new();
    for id in ids {
        if members.contains(id) && !out.contains(&UserId(*id)) {
            out.push(UserId(*id));
        }
    }
    Ok(out)
}
