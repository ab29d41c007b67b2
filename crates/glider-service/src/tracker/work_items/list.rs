//! Reading many work items: project lists, archived lists, the workspace list and count,
//! lookup by `IDENT-123`, and search.

use glider_db::repo::{
    projects as project_repo, work_item_counts as counts,
    work_item_queries::{self as queries, ListQuery, Visibility},
    work_items as repo,
};
use glider_domain::{
    ProjectId,
    filters::Filter,
    model::{
        tracker::Project,
        work_item_counts::{CountGrouping, GroupCount},
        work_items::{WorkItem, WorkItemOrder},
    },
    policy::ProjectAccess,
};

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self, InProject, InWorkspace},
    accounts::Actor,
};

/// What a list asks for.
#[derive(Clone, Debug)]
pub struct ListRequest {
    pub filter: Option<Filter>,
    pub order: WorkItemOrder,
    pub offset: u64,
    pub limit: u64,
}

/// A page and the total.
#[derive(Clone, Debug)]
pub struct ItemPage {
    pub total: u64,
    pub items: Vec<WorkItem>,
}

async fn page(
    ctx: &Ctx,
    projects: &[ProjectId],
    visibility: Visibility,
    request: &ListRequest,
) -> ServiceResult<ItemPage> {
    let query = ListQuery {
        projects,
        visibility,
        filter: request.filter.as_ref(),
        order: request.order,
        offset: request.offset,
        limit: request.limit,
    };
    let total = match projects {
        [project] => ctx.list_counts.total(ctx, *project, &query).await?,
        _ => queries::count(ctx.db.conn(), &query).await?,
    };
    let items = queries::page(ctx.db.conn(), &query).await?;
    Ok(ItemPage { total, items })
}

/// The project's visible items; nothing for an archived project.
pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    request: &ListRequest,
) -> ServiceResult<(InProject, ItemPage)> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    if found.project.archived_at.is_some() {
        return Ok((
            found,
            ItemPage {
                total: 0,
                items: Vec::new(),
            },
        ));
    }
    let page = page(ctx, &[project_id], Visibility::Active, request).await?;
    Ok((found, page))
}

/// The project's archived items.
pub async fn list_archived(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    request: &ListRequest,
) -> ServiceResult<(InProject, ItemPage)> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    let page = page(ctx, &[project_id], Visibility::Archived, request).await?;
    Ok((found, page))
}

/// The single item with an importer's external pair (`external_source` + `external_id`).
pub async fn by_external(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    source: &str,
    external_id: &str,
) -> ServiceResult<WorkItem> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    let item = repo::find_by_external(ctx.db.conn(), project_id, source, external_id)
        .await
        .map_err(ServiceError::db("work_item"))?;
    if found.project.archived_at.is_some() || item.archived_at.is_some() || item.is_draft {
        return Err(ServiceError::not_found("work_item"));
    }
    Ok(item)
}

/// The live, unarchived projects of the workspace the actor can read.
pub async fn readable_projects(ctx: &Ctx, scope: &InWorkspace) -> ServiceResult<Vec<Project>> {
    let memberships =
        project_repo::memberships_of_user(ctx.db.conn(), scope.workspace.id, scope.access.user_id)
            .await?;
    let projects = project_repo::list_projects(ctx.db.conn(), scope.workspace.id).await?;
    Ok(projects
        .into_iter()
        .filter(|project| project.archived_at.is_none())
        .filter(|project| {
            ProjectAccess {
                workspace: scope.access,
                project_id: project.id,
                network: project.network,
                project_role: memberships.get(&project.id).map(|(role, _)| *role),
            }
            .viewer()
            .is_ok()
        })
        .collect())
}

/// Items across every project the actor can read (Plane's paid `work-items/`).
pub async fn list_workspace(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    request: &ListRequest,
) -> ServiceResult<(Vec<Project>, ItemPage)> {
    let scope = access::workspace(ctx, actor, slug).await?;
    let projects = readable_projects(ctx, &scope).await?;
    let ids: Vec<ProjectId> = projects.iter().map(|p| p.id).collect();
    let page = page(ctx, &ids, Visibility::Active, request).await?;
    Ok((projects, page))
}

/// The workspace count: the total, and per group when grouped.
#[derive(Clone, Debug)]
pub struct WorkItemCounts {
    pub total: u64,
    pub grouping: Option<CountGrouping>,
    pub groups: Vec<GroupCount>,
    /// Per (group, sub-group) when sub-grouped.
    pub sub_groups: Vec<GroupCount>,
}

/// How many items match across the workspace, optionally by `grouping`. Items are counted in
/// the projects the actor can read.
pub async fn count_workspace(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    filter: Option<&Filter>,
    grouping: Option<CountGrouping>,
) -> ServiceResult<WorkItemCounts> {
    let scope = access::workspace(ctx, actor, slug).await?;
    let ids: Vec<ProjectId> = readable_projects(ctx, &scope)
        .await?
        .iter()
        .map(|p| p.id)
        .collect();
    let query = ListQuery {
        projects: &ids,
        visibility: Visibility::Active,
        filter,
        order: WorkItemOrder::DEFAULT,
        offset: 0,
        limit: 1,
    };
    let conn = ctx.db.conn();
    let total = queries::count(conn, &query).await?;
    let mut counts = WorkItemCounts {
        total,
        grouping,
        groups: Vec::new(),
        sub_groups: Vec::new(),
    };
    if let Some(grouping) = grouping {
        counts.groups = counts::grouped(conn, &query, grouping.group, None).await?;
        if let Some(sub) = grouping.sub_group {
            counts.sub_groups = counts::grouped(conn, &query, grouping.group, Some(sub)).await?;
        }
    }
    Ok(counts)
}

/// `GET /workspaces/{slug}/work-items/PROJ-12/`.
pub async fn by_identifier(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    identifier: &str,
    sequence: i32,
) -> ServiceResult<(InProject, WorkItem)> {
    let scope = access::workspace(ctx, actor, slug).await?;
    let project = project_repo::list_projects(ctx.db.conn(), scope.workspace.id)
        .await?
        .into_iter()
        .find(|project| project.identifier == identifier)
        .ok_or(ServiceError::not_found("work_item"))?;
    let found = access::project(ctx, actor, slug, project.id)
        .await
        .map_err(|_| ServiceError::not_found("work_item"))?;
    if found.project.archived_at.is_some() {
        return Err(ServiceError::not_found("work_item"));
    }
    let item = repo::find_by_sequence(ctx.db.conn(), project.id, sequence)
        .await
        .map_err(ServiceError::db("work_item"))?;
    if item.archived_at.is_some() || item.is_draft {
        return Err(ServiceError::not_found("work_item"));
    }
    Ok((found, item))
}

/// A search hit with its project.
#[derive(Clone, Debug)]
pub struct SearchHit {
    pub item: WorkItem,
    pub project: Project,
}

/// Search by name, project identifier or number in the projects the actor is a member of
/// (or one project when `project` is given and `workspace_search` is off).
pub async fn search(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    text: &str,
    project: Option<ProjectId>,
    limit: u64,
) -> ServiceResult<Vec<SearchHit>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let scope = access::workspace(ctx, actor, slug).await?;
    let mut projects = readable_projects(ctx, &scope).await?;
    if let Some(only) = project {
        projects.retain(|p| p.id == only);
    }
    let numbers: Vec<i32> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|part| part.parse().ok())
        .collect();
    // A project identifier in the text matches all of that project's items by number.
    let lower = text.to_lowercase();
    let ids: Vec<ProjectId> = projects.iter().map(|p| p.id).collect();
    let mut hits = queries::search(ctx.db.conn(), &ids, text, &numbers, limit).await?;
    if hits.len() < usize::try_from(limit).unwrap_or(usize::MAX) {
        let by_identifier: Vec<ProjectId> = projects
            .iter()
            .filter(|p| lower.contains(&p.identifier.to_lowercase()))
            .map(|p| p.id)
            .collect();
        for item in queries::search(ctx.db.conn(), &by_identifier, "", &[], limit).await? {
            if !hits.iter().any(|hit| hit.id == item.id) {
                hits.push(item);
            }
        }
    }
    hits.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok(hits
        .into_iter()
        .filter_map(|item| {
            let project = projects.iter().find(|p| p.id == item.project_id)?.clone();
            Some(SearchHit { item, project })
        })
        .collect())
}

/// Text plus a structured filter (Plane's paid `advanced-search/`); no text lists by filter.
pub async fn advanced_search(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    text: &str,
    project: Option<ProjectId>,
    filter: Option<&Filter>,
    limit: u64,
) -> ServiceResult<Vec<SearchHit>> {
    let scope = access::workspace(ctx, actor, slug).await?;
    let mut projects = readable_projects(ctx, &scope).await?;
    if let Some(only) = project {
        projects.retain(|p| p.id == only);
    }
    let ids: Vec<ProjectId> = projects.iter().map(|p| p.id).collect();
    let mut combined = filter.cloned();
    if !text.is_empty() {
        let by_name = Filter::Is(glider_domain::filters::Lookup::NameContains(
            text.to_owned(),
        ));
        combined = Some(match combined {
            Some(filter) => Filter::All(vec![filter, by_name]),
            None => by_name,
        });
    }
    let query = ListQuery {
        projects: &ids,
        visibility: Visibility::Active,
        filter: combined.as_ref(),
        order: WorkItemOrder::DEFAULT,
        offset: 0,
        limit,
    };
    let (_, items) = queries::list(ctx.db.conn(), &query).await?;
    Ok(items
        .into_iter()
        .filter_map(|item| {
            let project = projects.iter().find(|p| p.id == item.project_id)?.clone();
            Some(SearchHit { item, project })
        })
        .collect())
}
