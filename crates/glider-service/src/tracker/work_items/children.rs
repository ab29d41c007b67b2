//! Comments, links and history of a work item.

use glider_db::repo::{activities as activity_repo, comments as repo};
use glider_domain::{
    ActivityId, CommentId, LinkId, ProjectId, ProjectRole, UserId, ValidationError, WorkItemId,
    html,
    model::work_items::{Activity, Comment, CommentAccess, Link, WorkItem},
};
use serde_json::{Map, Value, json};

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self, InProject},
    accounts::Actor,
    events::event,
    input::{Field, JsonInput},
    tracker::work_items::{activity::blank, visible},
};

/// The item, for a reader.
async fn item_for_reading(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
) -> ServiceResult<(InProject, WorkItem)> {
    let found = access::project(ctx, actor, slug, project).await?;
    let item = visible(ctx, &found, id).await?;
    Ok((found, item))
}

/// The item, for someone adding to it: any project member, guests included (as in Plane).
async fn item_for_writing(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
) -> ServiceResult<(InProject, WorkItem)> {
    let (found, item) = item_for_reading(ctx, actor, slug, project, id).await?;
    if found.access.effective_role().is_none() {
        return Err(ServiceError::Forbidden);
    }
    Ok((found, item))
}

fn is_admin(found: &InProject) -> bool {
    found.access.effective_role() == Some(ProjectRole::Admin)
}

/// What a change to a comment or link records: its event and, maybe, a history entry.
struct Change {
    kind: &'static str,
    subject: uuid::Uuid,
    payload: Value,
    entry: Option<Activity>,
}

async fn commit_with(
    ctx: &Ctx,
    tx: glider_db::DatabaseTransaction,
    item: &WorkItem,
    actor: UserId,
    change: Change,
) -> ServiceResult<()> {
    let Change {
        kind,
        subject,
        payload,
        entry,
    } = change;
    let record = event(
        ctx,
        kind,
        Some(actor),
        Some(item.workspace_id),
        Some(item.project_id),
        subject,
        payload,
    );
    if let Some(entry) = entry {
        activity_repo::insert_many(&tx, &[entry], record.id.0).await?;
    }
    glider_db::repo::events::append(&tx, record).await?;
    glider_db::commit(tx).await?;
    Ok(())
}

fn entry(
    item: &WorkItem,
    actor: UserId,
    ctx: &Ctx,
    field: &str,
    verb: &str,
    comment: &str,
) -> Activity {
    let mut activity = blank(item, Some(actor), ctx.now());
    activity.verb = verb.to_owned();
    activity.field = Some(field.to_owned());
    activity.comment = comment.to_owned();
    activity
}

pub async fn list_comments(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
    offset: u64,
    limit: u64,
) -> ServiceResult<(u64, Vec<Comment>)> {
    let (_, item) = item_for_reading(ctx, actor, slug, project, id).await?;
    Ok(repo::list_comments(ctx.db.conn(), item.id, offset, limit).await?)
}

pub async fn get_comment(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
    comment: CommentId,
) -> ServiceResult<Comment> {
    let (_, item) = item_for_reading(ctx, actor, slug, project, id).await?;
    repo::find_comment(ctx.db.conn(), item.id, comment)
        .await
        .map_err(ServiceError::db("comment"))
}

/// The creator and creation time an importer may set on create.
type CommentOverrides = Option<(Option<UserId>, Option<chrono::DateTime<chrono::Utc>>)>;

fn read_comment(
    body: &Map<String, Value>,
    comment: &mut Comment,
    creating: bool,
) -> Result<CommentOverrides, ServiceError> {
    let mut input = JsonInput::new(body);
    match input.string("comment_html", 1_000_000) {
        Field::Value(text) => {
            comment.comment_html = html::sanitize(&text);
            comment.comment_stripped = html::strip(&comment.comment_html);
        }
        Field::Null => {}
        Field::Absent if creating => comment.comment_html = "<p></p>".to_owned(),
        Field::Absent => {}
    }
    if let Some(json) = input.json("comment_json").patch() {
        comment.comment_json = json;
    }
    if let Some(access) = input.string("access", 16).value() {
        match CommentAccess::parse("access", &access) {
            Ok(access) => comment.access = access,
            Err(error) => input.errors.push(error),
        }
    }
    if let Some(source) = input.string("external_source", 255).patch() {
        comment.external_source = source;
    }
    if let Some(id) = input.string("external_id", 255).patch() {
        comment.external_id = id;
    }
    let overrides = creating.then(|| {
        let by = input.uuid("created_by").value().map(UserId);
        let at = input
            .string("created_at", 64)
            .value()
            .and_then(|text| chrono::DateTime::parse_from_rfc3339(&text).ok())
            .map(|at| at.with_timezone(&chrono::Utc));
        (by, at)
    });
    std::mem::take(&mut input.errors).into_result()?;
    Ok(overrides)
}

async fn check_external(ctx: &Ctx, comment: &Comment) -> ServiceResult<()> {
    if let (Some(source), Some(id)) = (&comment.external_source, &comment.external_id)
        && let Some(existing) =
            repo::find_comment_by_external(ctx.db.conn(), comment.work_item_id, source, id).await?
        && existing.id != comment.id
    {
        return Err(ServiceError::Conflict {
            field: "external_id".to_owned(),
            message:
                "Work item comment with the same external id and external source already exists"
                    .to_owned(),
            existing_id: Some(existing.id.0),
        });
    }
    Ok(())
}

pub async fn create_comment(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
    body: &Map<String, Value>,
) -> ServiceResult<Comment> {
    let (found, item) = item_for_writing(ctx, actor, slug, project, id).await?;
    let now = ctx.now();
    let mut comment = Comment {
        id: CommentId::new(),
        workspace_id: item.workspace_id,
        project_id: item.project_id,
        work_item_id: item.id,
        comment_html: String::new(),
        comment_stripped: String::new(),
        comment_json: None,
        access: CommentAccess::Internal,
        actor_id: Some(actor.user.id),
        parent_id: None,
        edited_at: None,
        external_source: None,
        external_id: None,
        created_by: Some(actor.user.id),
        updated_by: None,
        created_at: now,
        updated_at: now,
    };
    if let Some((by, at)) = read_comment(body, &mut comment, true)? {
        if let Some(by) = by {
            match glider_db::repo::workspaces::find_membership(
                ctx.db.conn(),
                found.workspace.id,
                by,
            )
            .await?
            {
                Some(_) => comment.created_by = Some(by),
                None => {
                    return Err(ValidationError::new(
                        "created_by",
                        format!("Invalid pk \"{by}\" - object does not exist."),
                    )
                    .into());
                }
            }
        }
        if let Some(at) = at {
            comment.created_at = at;
        }
    }
    check_external(ctx, &comment).await?;
    let tx = ctx.db.begin_write().await?;
    repo::insert_comment(&tx, &comment).await?;
    let mut history = entry(
        &item,
        actor.user.id,
        ctx,
        "comment",
        "created",
        "created a comment",
    );
    history.comment_id = Some(comment.id);
    history.new_value = Some(comment.comment_stripped.clone());
    let payload = json!({ "work_item": item.id, "comment_html": comment.comment_html, "access": comment.access });
    commit_with(
        ctx,
        tx,
        &item,
        actor.user.id,
        Change {
            kind: "tracker.comment.created",
            subject: comment.id.0,
            payload,
            entry: Some(history),
        },
    )
    .await?;
    Ok(comment)
}

/// Edits a comment (its author or a project admin).
pub async fn update_comment(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
    comment_id: CommentId,
    body: &Map<String, Value>,
) -> ServiceResult<Comment> {
    let (found, item) = item_for_writing(ctx, actor, slug, project, id).await?;
    let mut comment = repo::find_comment(ctx.db.conn(), item.id, comment_id)
        .await
        .map_err(ServiceError::db("comment"))?;
    if comment.actor_id != Some(actor.user.id) && !is_admin(&found) {
        return Err(ServiceError::Forbidden);
    }
    let before = comment.comment_html.clone();
    read_comment(body, &mut comment, false)?;
    check_external(ctx, &comment).await?;
    let now = ctx.now();
    if comment.comment_html != before {
        comment.edited_at = Some(now);
    }
    comment.updated_by = Some(actor.user.id);
    comment.updated_at = now;
    let tx = ctx.db.begin_write().await?;
    repo::save_comment(&tx, &comment).await?;
    let payload = json!({ "work_item": item.id, "comment_html": { "old": before, "new": comment.comment_html } });
    commit_with(
        ctx,
        tx,
        &item,
        actor.user.id,
        Change {
            kind: "tracker.comment.updated",
            subject: comment.id.0,
            payload,
            entry: None,
        },
    )
    .await?;
    Ok(comment)
}

pub async fn delete_comment(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
    comment_id: CommentId,
) -> ServiceResult<()> {
    let (found, item) = item_for_writing(ctx, actor, slug, project, id).await?;
    let comment = repo::find_comment(ctx.db.conn(), item.id, comment_id)
        .await
        .map_err(ServiceError::db("comment"))?;
    if comment.actor_id != Some(actor.user.id) && !is_admin(&found) {
        return Err(ServiceError::Forbidden);
    }
    let tx = ctx.db.begin_write().await?;
    repo::delete_comment(&tx, comment.id, ctx.now()).await?;
    let mut history = entry(
        &item,
        actor.user.id,
        ctx,
        "comment",
        "deleted",
        "deleted a comment",
    );
    history.comment_id = Some(comment.id);
    commit_with(
        ctx,
        tx,
        &item,
        actor.user.id,
        Change {
            kind: "tracker.comment.deleted",
            subject: comment.id.0,
            payload: json!({ "work_item": item.id }),
            entry: Some(history),
        },
    )
    .await
}

pub async fn list_links(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
    offset: u64,
    limit: u64,
) -> ServiceResult<(u64, Vec<Link>)> {
    let (_, item) = item_for_reading(ctx, actor, slug, project, id).await?;
    Ok(repo::list_links(ctx.db.conn(), item.id, offset, limit).await?)
}

pub async fn get_link(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
    link: LinkId,
) -> ServiceResult<Link> {
    let (_, item) = item_for_reading(ctx, actor, slug, project, id).await?;
    repo::find_link(ctx.db.conn(), item.id, link)
        .await
        .map_err(ServiceError::db("link"))
}

fn check_url(raw: &str) -> Result<String, ValidationError> {
    let parsed = url::Url::parse(raw.trim())
        .map_err(|_| ValidationError::new("url", "Invalid URL format."))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(ValidationError::new("url", "Invalid URL scheme."));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(ValidationError::new("url", "Invalid URL format."));
    }
    Ok(parsed.to_string())
}

pub async fn create_link(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
    body: &Map<String, Value>,
) -> ServiceResult<Link> {
    let (_, item) = item_for_writing(ctx, actor, slug, project, id).await?;
    let mut input = JsonInput::new(body);
    let url = input.required_string("url", 2048);
    let title = input.string("title", 255).patch().flatten();
    let mut errors = std::mem::take(&mut input.errors);
    let url = url.and_then(|raw| errors.check(check_url(&raw)));
    errors.into_result()?;
    let Some(url) = url else {
        return Err(anyhow::anyhow!("validated url missing").into());
    };
    if repo::link_url_exists(ctx.db.conn(), item.id, &url).await? {
        return Err(ServiceError::rule(
            "link_exists",
            "URL already exists for this Issue",
        ));
    }
    let now = ctx.now();
    let link = Link {
        id: LinkId::new(),
        workspace_id: item.workspace_id,
        project_id: item.project_id,
        work_item_id: item.id,
        url,
        title,
        metadata: json!({}),
        created_by: Some(actor.user.id),
        updated_by: None,
        created_at: now,
        updated_at: now,
    };
    let tx = ctx.db.begin_write().await?;
    repo::insert_link(&tx, &link).await?;
    let mut history = entry(&item, actor.user.id, ctx, "link", "created", "added a link");
    history.new_value = Some(link.url.clone());
    history.new_identifier = Some(link.id.0);
    commit_with(
        ctx,
        tx,
        &item,
        actor.user.id,
        Change {
            kind: "tracker.link.created",
            subject: link.id.0,
            payload: json!({ "work_item": item.id, "url": link.url }),
            entry: Some(history),
        },
    )
    .await?;
    Ok(link)
}

pub async fn update_link(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
    link_id: LinkId,
    body: &Map<String, Value>,
) -> ServiceResult<Link> {
    let (_, item) = item_for_writing(ctx, actor, slug, project, id).await?;
    let mut link = repo::find_link(ctx.db.conn(), item.id, link_id)
        .await
        .map_err(ServiceError::db("link"))?;
    let mut input = JsonInput::new(body);
    if let Some(url) = input.string("url", 2048).value() {
        match check_url(&url) {
            Ok(url) => link.url = url,
            Err(error) => input.errors.push(error),
        }
    }
    if let Some(title) = input.string("title", 255).patch() {
        link.title = title;
    }
    if let Field::Value(metadata) = input.json("metadata") {
        link.metadata = metadata;
    }
    std::mem::take(&mut input.errors).into_result()?;
    link.updated_by = Some(actor.user.id);
    link.updated_at = ctx.now();
    let tx = ctx.db.begin_write().await?;
    repo::save_link(&tx, &link).await?;
    commit_with(
        ctx,
        tx,
        &item,
        actor.user.id,
        Change {
            kind: "tracker.link.updated",
            subject: link.id.0,
            payload: json!({ "work_item": item.id, "url": link.url }),
            entry: None,
        },
    )
    .await?;
    Ok(link)
}

pub async fn delete_link(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
    link_id: LinkId,
) -> ServiceResult<()> {
    let (_, item) = item_for_writing(ctx, actor, slug, project, id).await?;
    let link = repo::find_link(ctx.db.conn(), item.id, link_id)
        .await
        .map_err(ServiceError::db("link"))?;
    let tx = ctx.db.begin_write().await?;
    repo::delete_link(&tx, link.id, ctx.now()).await?;
    let mut history = entry(
        &item,
        actor.user.id,
        ctx,
        "link",
        "deleted",
        "removed a link",
    );
    history.old_value = Some(link.url.clone());
    commit_with(
        ctx,
        tx,
        &item,
        actor.user.id,
        Change {
            kind: "tracker.link.deleted",
            subject: link.id.0,
            payload: json!({ "work_item": item.id }),
            entry: Some(history),
        },
    )
    .await
}

/// A page of history: `(newest_first, offset, limit)`.
pub type ActivityPage = (bool, u64, u64);

pub async fn list_activities(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
    page: ActivityPage,
) -> ServiceResult<(u64, Vec<Activity>)> {
    let (_, item) = item_for_reading(ctx, actor, slug, project, id).await?;
    let (newest_first, offset, limit) = page;
    Ok(activity_repo::list(ctx.db.conn(), item.id, newest_first, offset, limit).await?)
}

pub async fn get_activity(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
    activity: ActivityId,
) -> ServiceResult<Activity> {
    let (_, item) = item_for_reading(ctx, actor, slug, project, id).await?;
    activity_repo::find(ctx.db.conn(), item.id, activity)
        .await
        .map_err(ServiceError::db("activity"))
}
