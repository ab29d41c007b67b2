//! Sums of logged time: per work item (beside its `estimate_time`), per person and per project,
//! for one project or across the workspace. Minutes throughout.

use std::collections::HashMap;

use chrono::NaiveDate;
use glider_db::repo::worklogs::{self as repo, GroupBy};
use glider_domain::{
    ProjectId, UserId, ValidationError,
    model::{
        accounts::User,
        intake::{LoggedTotal, WorkLogFilter},
        tracker::Project,
        work_items::WorkItem,
    },
};
use uuid::Uuid;

use super::tracking_project;
use crate::{
    Ctx, ServiceResult, access, accounts::Actor, tracker::work_items::list::readable_projects,
};

/// Time logged on one work item.
#[derive(Clone, Debug)]
pub struct ItemTotal {
    /// The item (its `estimate_time` is the estimate in minutes).
    pub item: WorkItem,
    pub total: LoggedTotal,
}

/// Time logged by one person (`user` is `None` for an account that no longer exists).
#[derive(Clone, Debug)]
pub struct MemberTotal {
    pub user_id: UserId,
    pub user: Option<User>,
    pub total: LoggedTotal,
}

/// Time logged in one project.
#[derive(Clone, Debug)]
pub struct ProjectTotal {
    pub project: Project,
    pub total: LoggedTotal,
}

/// A summary over some projects and a filter; each list is largest first.
#[derive(Clone, Debug)]
pub struct Summary {
    pub filter: WorkLogFilter,
    pub minutes: i64,
    pub entries: i64,
    pub by_project: Vec<ProjectTotal>,
    pub by_member: Vec<MemberTotal>,
    pub by_work_item: Vec<ItemTotal>,
}

fn date(field: &str, raw: Option<&str>) -> Result<Option<NaiveDate>, ValidationError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                ValidationError::new(
                    field,
                    "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.",
                )
            }),
    }
}

/// Reads the `from`, `to` (dates, inclusive) and `member` (user id) query parameters.
pub fn filter(
    from: Option<&str>,
    to: Option<&str>,
    member: Option<&str>,
) -> ServiceResult<WorkLogFilter> {
    let mut errors = glider_domain::FieldErrors::new();
    let from = errors.check(date("from", from)).flatten();
    let to = errors.check(date("to", to)).flatten();
    let member = match member.map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(raw) => errors.check(
            Uuid::parse_str(raw)
                .map(UserId)
                .map_err(|_| ValidationError::new("member", "Must be a valid UUID.")),
        ),
    };
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        errors.add("from", "from must not be after to.");
    }
    errors.into_result()?;
    Ok(WorkLogFilter { from, to, member })
}

/// `(work item, minutes)` for every item of the project with logged time (Plane's
/// `total-worklogs/`).
pub async fn project_totals(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
) -> ServiceResult<Vec<ItemTotal>> {
    let found = tracking_project(ctx, actor, slug, project_id).await?;
    let totals = repo::totals(
        ctx.db.conn(),
        &[found.project.id],
        &WorkLogFilter::default(),
        GroupBy::WorkItem,
    )
    .await?;
    with_items(ctx, totals).await
}

async fn with_items(ctx: &Ctx, totals: Vec<LoggedTotal>) -> ServiceResult<Vec<ItemTotal>> {
    let ids: Vec<Uuid> = totals.iter().map(|t| t.key).collect();
    let mut items: HashMap<Uuid, WorkItem> = repo::work_items(ctx.db.conn(), &ids)
        .await?
        .into_iter()
        .map(|i| (i.id.0, i))
        .collect();
    Ok(totals
        .into_iter()
        .filter_map(|total| {
            Some(ItemTotal {
                item: items.remove(&total.key)?,
                total,
            })
        })
        .collect())
}

async fn summarise(
    ctx: &Ctx,
    projects: Vec<Project>,
    filter: WorkLogFilter,
) -> ServiceResult<Summary> {
    let conn = ctx.db.conn();
    let ids: Vec<ProjectId> = projects.iter().map(|p| p.id).collect();
    let per_project = repo::totals(conn, &ids, &filter, GroupBy::Project).await?;
    let per_member = repo::totals(conn, &ids, &filter, GroupBy::Member).await?;
    let per_item = repo::totals(conn, &ids, &filter, GroupBy::WorkItem).await?;
    let mut by_member = Vec::with_capacity(per_member.len());
    for total in per_member {
        let user_id = UserId(total.key);
        let user = glider_db::repo::accounts::find_user(conn, user_id)
            .await
            .ok();
        by_member.push(MemberTotal {
            user_id,
            user,
            total,
        });
    }
    let by_project = per_project
        .iter()
        .filter_map(|total| {
            let project = projects.iter().find(|p| p.id.0 == total.key)?.clone();
            Some(ProjectTotal {
                project,
                total: *total,
            })
        })
        .collect();
    Ok(Summary {
        filter,
        minutes: per_project.iter().map(|t| t.minutes).sum(),
        entries: per_project.iter().map(|t| t.entries).sum(),
        by_project,
        by_member,
        by_work_item: with_items(ctx, per_item).await?,
    })
}

/// One project's logged time by person and by work item.
pub async fn project_summary(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    filter: WorkLogFilter,
) -> ServiceResult<Summary> {
    let found = tracking_project(ctx, actor, slug, project_id).await?;
    summarise(ctx, vec![found.project], filter).await
}

/// Logged time across the projects of the workspace the caller can read and that track time.
pub async fn workspace_summary(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    filter: WorkLogFilter,
) -> ServiceResult<Summary> {
    let scope = access::workspace(ctx, actor, slug).await?;
    let projects = readable_projects(ctx, &scope)
        .await?
        .into_iter()
        .filter(|p| p.settings.is_time_tracking_enabled)
        .collect();
    summarise(ctx, projects, filter).await
}
