//! Links on work items.

use glider_db::repo::comments as repo;
use glider_domain::{LinkId, ProjectId, ValidationError, WorkItemId, model::work_items::Link};
use serde_json::{Map, Value, json};

use super::{Change, commit_with, entry, item_for_reading, item_for_writing};
use crate::{
    Ctx, ServiceError, ServiceResult,
    accounts::Actor,
    input::{Field, JsonInput},
};

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
