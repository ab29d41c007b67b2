//! Work logs: time spent on work items (Plane's paid time tracking, served by Glider).
//!
//! A log is minutes worked on one date by the person who logged it. Project members log their
//! own time and change their own logs; project admins change anyone's. Everything here is
//! refused while the project's `is_time_tracking_enabled` is off. Sums are in [`summary`].

pub mod summary;

use chrono::NaiveDate;
use glider_db::repo::worklogs as repo;
use glider_domain::{
    ProjectId, ProjectRole, WorkItemId, WorkLogId,
    model::{
        intake::{WorkLog, log_minutes},
        work_items::WorkItem,
    },
};
use serde_json::{Map, Value, json};

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self, InProject, refuse},
    accounts::Actor,
    events::event,
    input::{Field, JsonInput},
    tracker::work_items::{blank_activity, visible},
};

/// The code and message when the project does not track time.
pub(crate) fn disabled() -> ServiceError {
    ServiceError::rule(
        "time_tracking_disabled",
        "Time tracking is not enabled for this project; turn on is_time_tracking_enabled first.",
    )
}

/// The project, if it tracks time.
pub(crate) async fn tracking_project(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
) -> ServiceResult<InProject> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    if !found.project.settings.is_time_tracking_enabled {
        return Err(disabled());
    }
    Ok(found)
}

async fn item_scope(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: WorkItemId,
) -> ServiceResult<(InProject, WorkItem)> {
    let found = tracking_project(ctx, actor, slug, project_id).await?;
    let item = visible(ctx, &found, id).await?;
    Ok((found, item))
}

/// The work item's logs, latest date first (anyone who sees the project).
pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: WorkItemId,
) -> ServiceResult<Vec<WorkLog>> {
    let (_, item) = item_scope(ctx, actor, slug, project_id, id).await?;
    Ok(repo::list(ctx.db.conn(), item.id).await?)
}

/// The fields a request sets.
#[derive(Debug, Default)]
struct LogInput {
    duration: Option<i32>,
    description: Option<String>,
    logged_at: Option<NaiveDate>,
}

fn read(body: &Map<String, Value>, creating: bool, today: NaiveDate) -> ServiceResult<LogInput> {
    let mut input = JsonInput::new(body);
    let mut out = LogInput::default();
    match body.get("duration") {
        None if creating => input.error("duration", "This field is required."),
        None => {}
        Some(Value::Null) => input.error("duration", "This field may not be null."),
        Some(value) => match log_minutes("duration", value) {
            Ok(minutes) => out.duration = Some(minutes),
            Err(error) => input.errors.push(error),
        },
    }
    match input.string("description", 10_000) {
        Field::Value(text) => out.description = Some(text.trim().to_owned()),
        Field::Null => out.description = Some(String::new()),
        Field::Absent => {}
    }
    match input.string("logged_at", 32) {
        Field::Value(text) => match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            // One day of slack: "today" where the person is may already be tomorrow in UTC.
            Ok(date) if today.succ_opt().is_some_and(|limit| date > limit) => {
                input.error("logged_at", "Time cannot be logged more than a day ahead.");
            }
            Ok(date) => out.logged_at = Some(date),
            Err(_) => input.error(
                "logged_at",
                "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.",
            ),
        },
        Field::Null => input.error("logged_at", "This field may not be null."),
        Field::Absent => {}
    }
    std::mem::take(&mut input.errors).into_result()?;
    Ok(out)
}

/// Appends the event and the work item's history entry for a change to `log`, and commits.
/// `verb` is `created`, `updated` or `deleted`; `old` the duration before.
async fn commit_change(
    ctx: &Ctx,
    tx: glider_db::DatabaseTransaction,
    actor: &Actor,
    item: &WorkItem,
    log: &WorkLog,
    verb: &str,
    old: Option<i32>,
) -> ServiceResult<()> {
    let kind = match verb {
        "created" => "tracker.worklog.created",
        "updated" => "tracker.worklog.updated",
        _ => "tracker.worklog.deleted",
    };
    let payload = json!({ "work_item": item.id, "duration": log.duration, "logged_at": log.logged_at, "logged_by": log.logged_by });
    let record = event(
        ctx,
        kind,
        Some(actor.user.id),
        Some(item.workspace_id),
        Some(item.project_id),
        log.id.0,
        payload,
    );
    let mut history = blank_activity(item, Some(actor.user.id), ctx.now());
    history.verb = verb.to_owned();
    history.field = Some("worklog".to_owned());
    history.old_value = old.map(|minutes| minutes.to_string());
    history.new_value = (verb != "deleted").then(|| log.duration.to_string());
    history.new_identifier = Some(log.id.0);
    history.comment = format!("{verb} a work log");
    crate::events::commit_with_history(tx, record, &[history]).await?;
    Ok(())
}

/// Logs the caller's time on a work item (project members and admins).
pub async fn create(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: WorkItemId,
    body: &Map<String, Value>,
) -> ServiceResult<WorkLog> {
    let (found, item) = item_scope(ctx, actor, slug, project_id, id).await?;
    found.access.contributor().map_err(refuse("project"))?;
    let now = ctx.now();
    let fields = read(body, true, now.date_naive())?;
    let Some(duration) = fields.duration else {
        return Err(anyhow::anyhow!("validated duration missing").into());
    };
    let log = WorkLog {
        id: WorkLogId::new(),
        workspace_id: item.workspace_id,
        project_id: item.project_id,
        work_item_id: item.id,
        duration,
        description: fields.description.unwrap_or_default(),
        logged_at: fields.logged_at.unwrap_or_else(|| now.date_naive()),
        logged_by: actor.user.id,
        created_by: Some(actor.user.id),
        updated_by: None,
        created_at: now,
        updated_at: now,
    };
    let tx = ctx.db.begin_write().await?;
    repo::insert(&tx, &log).await?;
    commit_change(ctx, tx, actor, &item, &log, "created", None).await?;
    Ok(log)
}

/// A log the caller may change: their own (as a project member), or any (as a project admin).
async fn owned_log(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: WorkItemId,
    log_id: WorkLogId,
) -> ServiceResult<(WorkItem, WorkLog)> {
    let (found, item) = item_scope(ctx, actor, slug, project_id, id).await?;
    found.access.contributor().map_err(refuse("project"))?;
    let log = repo::find(ctx.db.conn(), item.id, log_id)
        .await
        .map_err(ServiceError::db("work_log"))?;
    let is_admin = found.access.effective_role() == Some(ProjectRole::Admin);
    if log.logged_by != actor.user.id && !is_admin {
        return Err(ServiceError::Refused {
            code: "worklog_not_owner",
            message:
                "Only the person who logged the time or a project admin can change this work log."
                    .to_owned(),
        });
    }
    Ok((item, log))
}

/// Changes the duration, description or date of a log.
pub async fn update(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: WorkItemId,
    log_id: WorkLogId,
    body: &Map<String, Value>,
) -> ServiceResult<WorkLog> {
    let (item, before) = owned_log(ctx, actor, slug, project_id, id, log_id).await?;
    let now = ctx.now();
    let fields = read(body, false, now.date_naive())?;
    let mut log = before.clone();
    if let Some(duration) = fields.duration {
        log.duration = duration;
    }
    if let Some(description) = fields.description {
        log.description = description;
    }
    if let Some(date) = fields.logged_at {
        log.logged_at = date;
    }
    if log == before {
        return Ok(log);
    }
    log.updated_by = Some(actor.user.id);
    log.updated_at = now;
    let tx = ctx.db.begin_write().await?;
    repo::save(&tx, &log).await?;
    commit_change(
        ctx,
        tx,
        actor,
        &item,
        &log,
        "updated",
        Some(before.duration),
    )
    .await?;
    Ok(log)
}

/// Deletes a log (soft delete).
pub async fn delete(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: WorkItemId,
    log_id: WorkLogId,
) -> ServiceResult<()> {
    let (item, log) = owned_log(ctx, actor, slug, project_id, id, log_id).await?;
    let tx = ctx.db.begin_write().await?;
    repo::soft_delete(&tx, log.id, ctx.now()).await?;
    commit_change(ctx, tx, actor, &item, &log, "deleted", Some(log.duration)).await
}
