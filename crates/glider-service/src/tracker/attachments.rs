//! Work-item attachments, in Plane's three steps: create the record and get a signed upload
//! URL; post the file there (Glider receives it and stores it); mark it uploaded. Downloads go
//! through a signed, time-limited URL.

use std::collections::HashMap;

use bytes::Bytes;
use futures_util::{Stream, stream::BoxStream};
use glider_db::repo::files as repo;
use glider_domain::{
    ProjectId, ValidationError, WorkItemId,
    model::{
        files::{ATTACHMENT_TYPES, FileAsset, safe_file_name},
        work_items::WorkItem,
    },
};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self, InProject},
    accounts::Actor,
    events::event,
    files::{self, UploadError},
    input::JsonInput,
    tracker::work_items::{blank_activity, visible},
};

const UPLOAD: &str = "upload";
const DOWNLOAD: &str = "download";

/// Where and how to post the file (Plane's presigned-POST shape).
#[derive(Clone, Debug)]
pub struct UploadTicket {
    pub url: String,
    pub fields: Map<String, Value>,
}

fn refused(action: &str) -> ServiceError {
    ServiceError::Refused {
        code: "attachment_forbidden",
        message: format!("You are not allowed to {action} this attachment"),
    }
}

async fn scope(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
    action: &str,
) -> ServiceResult<(InProject, WorkItem)> {
    let found = access::project(ctx, actor, slug, project).await?;
    let item = visible(ctx, &found, id).await?;
    if found.access.effective_role().is_none() && item.created_by != Some(actor.user.id) {
        return Err(refused(action));
    }
    Ok((found, item))
}

fn base_url(ctx: &Ctx) -> String {
    ctx.settings.public_url.trim_end_matches('/').to_owned()
}

fn ticket(ctx: &Ctx, asset: &FileAsset) -> UploadTicket {
    let expires = (ctx.now() + ctx.settings.signed_url_ttl).timestamp();
    let mut fields = Map::new();
    fields.insert("Content-Type".to_owned(), json!(asset.content_type));
    fields.insert("key".to_owned(), json!(asset.asset));
    fields.insert("x-glider-expires".to_owned(), json!(expires.to_string()));
    fields.insert(
        "x-glider-signature".to_owned(),
        json!(files::sign(ctx, UPLOAD, asset.id, expires)),
    );
    UploadTicket {
        url: format!("{}/api/v1/uploads/{}/", base_url(ctx), asset.id),
        fields,
    }
}

/// Step 1: the record (not yet uploaded) and where to upload.
pub async fn create(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
    body: &Map<String, Value>,
) -> ServiceResult<(FileAsset, UploadTicket)> {
    let (_, item) = scope(ctx, actor, slug, project, id, "upload").await?;
    let mut input = JsonInput::new(body);
    let name = input
        .string("name", 1024)
        .value()
        .filter(|n| !n.trim().is_empty());
    let size = body.get("size").and_then(Value::as_i64).filter(|s| *s > 0);
    let (Some(name), Some(size)) = (name, size) else {
        return Err(ServiceError::rule("invalid_request", "Invalid request."));
    };
    let content_type = input
        .string("type", 255)
        .value()
        .unwrap_or_default()
        .to_lowercase();
    if !ATTACHMENT_TYPES.contains(&content_type.as_str()) {
        return Err(ServiceError::rule(
            "invalid_file_type",
            "Invalid file type.",
        ));
    }
    if size > ctx.settings.max_upload_bytes {
        return Err(ValidationError::new(
            "size",
            format!(
                "The file is larger than the limit of {} bytes.",
                ctx.settings.max_upload_bytes
            ),
        )
        .into());
    }
    let external_source = input.string("external_source", 255).value();
    let external_id = input.string("external_id", 255).value();
    std::mem::take(&mut input.errors).into_result()?;
    if let (Some(source), Some(external)) = (&external_source, &external_id)
        && let Some(existing) =
            repo::find_by_external(ctx.db.conn(), item.id, source, external).await?
    {
        return Err(ServiceError::Conflict {
            field: "external_id".to_owned(),
            message: "Asset with same external id and source already exists".to_owned(),
            existing_id: Some(existing.id),
        });
    }
    let name = safe_file_name(&name);
    let now = ctx.now();
    let asset = FileAsset {
        id: Uuid::now_v7(),
        workspace_id: item.workspace_id,
        project_id: Some(item.project_id),
        work_item_id: Some(item.id),
        entity_type: "ISSUE_ATTACHMENT".to_owned(),
        asset: format!(
            "{}/{}-{}",
            item.workspace_id,
            crate::accounts::tokens::random_hex(16),
            name
        ),
        name,
        content_type,
        size,
        is_uploaded: false,
        storage_metadata: None,
        external_source,
        external_id,
        created_by: Some(actor.user.id),
        updated_by: None,
        created_at: now,
        updated_at: now,
    };
    let tx = ctx.db.begin_write().await?;
    repo::insert(&tx, &asset).await?;
    let record = event(
        ctx,
        "tracker.attachment.created",
        Some(actor.user.id),
        Some(item.workspace_id),
        Some(item.project_id),
        asset.id,
        json!({ "work_item": item.id, "name": asset.name }),
    );
    glider_db::repo::events::append(&tx, record).await?;
    glider_db::commit(tx).await?;
    let ticket = ticket(ctx, &asset);
    Ok((asset, ticket))
}

/// Step 2: the file posted to the upload URL, with the signed fields (which precede the file,
/// as in S3's form upload). No API credentials. The bytes are streamed into the object store.
pub async fn receive<S, E>(
    ctx: &Ctx,
    asset_id: Uuid,
    fields: &HashMap<String, String>,
    file: S,
) -> ServiceResult<()>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin + Send,
    E: std::fmt::Display,
{
    let denied = || ServiceError::Refused {
        code: "invalid_upload_signature",
        message: "The upload signature is not valid or has expired.".to_owned(),
    };
    let expires: i64 = fields
        .get("x-glider-expires")
        .and_then(|e| e.parse().ok())
        .ok_or_else(denied)?;
    let signature = fields.get("x-glider-signature").ok_or_else(denied)?;
    if !files::verify(ctx, UPLOAD, asset_id, expires, signature) {
        return Err(denied());
    }
    let asset = repo::find(ctx.db.conn(), asset_id)
        .await
        .map_err(ServiceError::db("attachment"))?;
    if fields.get("key") != Some(&asset.asset)
        || fields.get("Content-Type") != Some(&asset.content_type)
    {
        return Err(denied());
    }
    let limit = asset.size.min(ctx.settings.max_upload_bytes).max(0);
    let limit = u64::try_from(limit).unwrap_or(0);
    let wrong_size = || {
        ValidationError::new(
            "file",
            format!("The file must be 1 to {} bytes, as declared.", asset.size),
        )
        .into()
    };
    match ctx.files.put_stream(&asset.asset, file, limit).await {
        Ok(_) => Ok(()),
        Err(UploadError::Empty | UploadError::TooLarge { .. }) => Err(wrong_size()),
        Err(UploadError::Interrupted(reason)) => Err(ValidationError::new(
            "file",
            format!("The file could not be read: {reason}."),
        )
        .into()),
        Err(UploadError::Store(error)) => Err(error),
    }
}

/// Step 3: marks the attachment uploaded once its bytes are in the store.
pub async fn mark_uploaded(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
    asset_id: Uuid,
) -> ServiceResult<FileAsset> {
    let (_, item) = scope(ctx, actor, slug, project, id, "upload").await?;
    let mut asset = repo::find_for_item(ctx.db.conn(), item.id, asset_id)
        .await
        .map_err(ServiceError::db("attachment"))?;
    let Some(stored) = ctx.files.size(&asset.asset).await? else {
        return Err(ServiceError::rule(
            "asset_not_uploaded",
            "The asset is not uploaded.",
        ));
    };
    if asset.is_uploaded {
        return Ok(asset);
    }
    asset.is_uploaded = true;
    asset.size = i64::try_from(stored).unwrap_or(asset.size);
    asset.storage_metadata = Some(json!({ "size": stored, "content_type": asset.content_type }));
    asset.updated_by = Some(actor.user.id);
    asset.updated_at = ctx.now();
    let tx = ctx.db.begin_write().await?;
    repo::mark_uploaded(&tx, &asset).await?;
    let record = event(
        ctx,
        "tracker.attachment.uploaded",
        Some(actor.user.id),
        Some(item.workspace_id),
        Some(item.project_id),
        asset.id,
        json!({ "work_item": item.id, "name": asset.name, "size": asset.size }),
    );
    let mut entry = blank_activity(&item, Some(actor.user.id), ctx.now());
    entry.verb = "created".to_owned();
    entry.field = Some("attachment".to_owned());
    entry.new_value = Some(asset.name.clone());
    entry.new_identifier = Some(asset.id);
    entry.comment = "uploaded a new attachment".to_owned();
    crate::events::commit_with_history(tx, record, &[entry]).await?;
    Ok(asset)
}

/// Uploaded attachments of the work item.
pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
) -> ServiceResult<Vec<FileAsset>> {
    let found = access::project(ctx, actor, slug, project).await?;
    let item = visible(ctx, &found, id).await?;
    Ok(repo::list_for_item(ctx.db.conn(), item.id).await?)
}

/// A signed, time-limited download URL for an uploaded attachment.
pub async fn download_url(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
    asset_id: Uuid,
) -> ServiceResult<String> {
    let (_, item) = scope(ctx, actor, slug, project, id, "download").await?;
    let asset = repo::find_for_item(ctx.db.conn(), item.id, asset_id)
        .await
        .map_err(ServiceError::db("attachment"))?;
    if !asset.is_uploaded {
        return Err(ServiceError::rule(
            "asset_not_uploaded",
            "The asset is not uploaded.",
        ));
    }
    let expires = (ctx.now() + ctx.settings.signed_url_ttl).timestamp();
    let signature = files::sign(ctx, DOWNLOAD, asset.id, expires);
    Ok(format!(
        "{}/api/v1/downloads/{}/?expires={expires}&signature={signature}",
        base_url(ctx),
        asset.id
    ))
}

/// The bytes behind a signed download URL.
pub async fn download(
    ctx: &Ctx,
    asset_id: Uuid,
    expires: i64,
    signature: &str,
) -> ServiceResult<(FileAsset, BoxStream<'static, std::io::Result<Bytes>>)> {
    if !files::verify(ctx, DOWNLOAD, asset_id, expires, signature) {
        return Err(ServiceError::Refused {
            code: "invalid_download_signature",
            message: "The download link is not valid or has expired.".to_owned(),
        });
    }
    let asset = repo::find(ctx.db.conn(), asset_id)
        .await
        .map_err(ServiceError::db("attachment"))?;
    let bytes = ctx.files.get_stream(&asset.asset).await?;
    Ok((asset, bytes))
}

/// Deletes an attachment (soft; the bytes stay until a cleanup job, so an undo can restore it).
pub async fn delete(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
    asset_id: Uuid,
) -> ServiceResult<()> {
    let (_, item) = scope(ctx, actor, slug, project, id, "delete").await?;
    let asset = repo::find_for_item(ctx.db.conn(), item.id, asset_id)
        .await
        .map_err(ServiceError::db("attachment"))?;
    let tx = ctx.db.begin_write().await?;
    repo::soft_delete(&tx, asset.id, ctx.now()).await?;
    let record = event(
        ctx,
        "tracker.attachment.deleted",
        Some(actor.user.id),
        Some(item.workspace_id),
        Some(item.project_id),
        asset.id,
        json!({ "work_item": item.id }),
    );
    let mut entry = blank_activity(&item, Some(actor.user.id), ctx.now());
    entry.verb = "deleted".to_owned();
    entry.field = Some("attachment".to_owned());
    entry.old_value = Some(asset.name.clone());
    entry.comment = "deleted an attachment".to_owned();
    crate::events::commit_with_history(tx, record, &[entry]).await?;
    Ok(())
}
