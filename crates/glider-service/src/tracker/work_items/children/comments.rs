//! Comments on work items.

use glider_db::repo::comments as repo;
use glider_domain::{
    CommentId, ProjectId, UserId, ValidationError, WorkItemId, html,
    model::work_items::{Comment, CommentAccess},
};
use serde_json::{Map, Value, json};

use super::{Change, commit_with, entry, is_admin, item_for_reading, item_for_writing};
use crate::{
    Ctx, ServiceError, ServiceResult,
    accounts::Actor,
    input::{Field, JsonInput},
};

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
