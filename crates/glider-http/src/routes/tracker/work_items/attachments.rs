//! Attachments of a work item, the upload receiver and signed downloads.

use std::collections::HashMap;

use axum::{
    body::Body,
    extract::{DefaultBodyLimit, Multipart, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use chrono::{DateTime, Utc};
use glider_domain::{ProjectId, WorkItemId, model::files::FileAsset};
use glider_service::tracker::attachments;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{
    router::{OpenApiRouter, UtoipaMethodRouterExt},
    routes,
};
use uuid::Uuid;

use crate::{
    AppState,
    auth::CurrentActor,
    error::{ApiError, ApiResult},
    extract::{ApiPath, ApiQuery, JsonObject},
    views::to_value,
};

pub fn router() -> OpenApiRouter<AppState> {
    let legacy =
        "/api/v1/workspaces/{slug}/projects/{project_id}/issues/{work_item_id}/issue-attachments";
    OpenApiRouter::new()
        .routes(routes!(list_attachments, create_attachment))
        .routes(routes!(
            get_attachment,
            mark_attachment_uploaded,
            delete_attachment
        ))
        // The service stops reading the file at its declared size and form fields are capped
        // below, so the general body limit does not apply to uploads.
        .routes(routes!(upload_file).layer(DefaultBodyLimit::disable()))
        .routes(routes!(download_file))
        .route(
            &format!("{legacy}/"),
            get(list_attachments).post(create_attachment),
        )
        .route(
            &format!("{legacy}/{{attachment_id}}/"),
            get(get_attachment)
                .patch(mark_attachment_uploaded)
                .delete(delete_attachment),
        )
}

/// Plane's attachment (file asset) row.
#[derive(Debug, Serialize, ToSchema)]
pub struct AttachmentResponse {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub attributes: Value,
    /// The storage key.
    pub asset: String,
    pub entity_type: String,
    pub entity_identifier: Option<String>,
    pub is_deleted: bool,
    pub is_archived: bool,
    pub external_id: Option<String>,
    pub external_source: Option<String>,
    pub size: i64,
    pub is_uploaded: bool,
    pub storage_metadata: Option<Value>,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    pub user: Option<Uuid>,
    pub workspace: Uuid,
    pub draft_issue: Option<Uuid>,
    pub project: Option<Uuid>,
    pub issue: Option<Uuid>,
    pub comment: Option<Uuid>,
    pub page: Option<Uuid>,
}

impl From<&FileAsset> for AttachmentResponse {
    fn from(a: &FileAsset) -> Self {
        Self {
            id: a.id,
            created_at: a.created_at,
            updated_at: a.updated_at,
            deleted_at: None,
            attributes: json!({ "name": a.name, "type": a.content_type, "size": a.size }),
            asset: a.asset.clone(),
            entity_type: a.entity_type.clone(),
            entity_identifier: a.work_item_id.map(|id| id.to_string()),
            is_deleted: false,
            is_archived: false,
            external_id: a.external_id.clone(),
            external_source: a.external_source.clone(),
            size: a.size,
            is_uploaded: a.is_uploaded,
            storage_metadata: a.storage_metadata.clone(),
            created_by: a.created_by.map(|id| id.0),
            updated_by: a.updated_by.map(|id| id.0),
            user: None,
            workspace: a.workspace_id.0,
            draft_issue: None,
            project: a.project_id.map(|id| id.0),
            issue: a.work_item_id.map(|id| id.0),
            comment: None,
            page: None,
        }
    }
}

type ItemPath = ApiPath<(String, Uuid, Uuid)>;
type AttachmentPath = ApiPath<(String, Uuid, Uuid, Uuid)>;

/// Uploaded attachments (a bare array, as in Plane).
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/attachments/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path)),
    responses((status = 200, body = [AttachmentResponse]), (status = 404)))]
pub async fn list_attachments(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project, item)): ItemPath,
) -> ApiResult<axum::Json<Vec<AttachmentResponse>>> {
    let list = attachments::list(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project),
        WorkItemId(item),
    )
    .await?;
    Ok(axum::Json(list.iter().map(Into::into).collect()))
}

/// Step 1 of an upload: `{name, type, size}` → the record and `upload_data` (`url` + `fields`)
/// to post the file to. The body also carries the attachment's own fields, so it parses as an
/// attachment too.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/attachments/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path)), request_body = Object,
    responses((status = 200, body = Object), (status = 400), (status = 403), (status = 404), (status = 409)))]
pub async fn create_attachment(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project, item)): ItemPath,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<Value>> {
    let (asset, ticket) = attachments::create(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project),
        WorkItemId(item),
        &body,
    )
    .await?;
    let attachment = to_value(&AttachmentResponse::from(&asset));
    let mut out = match attachment.clone() {
        Value::Object(map) => map,
        _ => serde_json::Map::new(),
    };
    out.insert(
        "upload_data".to_owned(),
        json!({ "url": ticket.url, "fields": ticket.fields }),
    );
    out.insert("asset_id".to_owned(), json!(asset.id));
    out.insert("attachment".to_owned(), attachment);
    out.insert(
        "asset_url".to_owned(),
        json!(format!(
            "/api/v1/workspaces/{slug}/projects/{project}/work-items/{item}/attachments/{}/",
            asset.id
        )),
    );
    Ok(axum::Json(Value::Object(out)))
}

/// Redirects (302) to a time-limited download URL.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/attachments/{attachment_id}/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path), ("attachment_id" = Uuid, Path)),
    responses((status = 302), (status = 400), (status = 404)))]
pub async fn get_attachment(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project, item, id)): AttachmentPath,
) -> ApiResult<Response> {
    let url = attachments::download_url(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project),
        WorkItemId(item),
        id,
    )
    .await?;
    Ok((StatusCode::FOUND, [(header::LOCATION, url)]).into_response())
}

/// Step 3: marks the attachment uploaded (its bytes must be in the store). Answers the
/// attachment, so Plane's SDK `update()` parses it.
#[utoipa::path(patch, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/attachments/{attachment_id}/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path), ("attachment_id" = Uuid, Path)), request_body = Object,
    responses((status = 200, body = AttachmentResponse), (status = 400), (status = 404)))]
pub async fn mark_attachment_uploaded(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project, item, id)): AttachmentPath,
) -> ApiResult<axum::Json<AttachmentResponse>> {
    let asset = attachments::mark_uploaded(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project),
        WorkItemId(item),
        id,
    )
    .await?;
    Ok(axum::Json((&asset).into()))
}

/// Deletes an attachment.
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/attachments/{attachment_id}/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path), ("attachment_id" = Uuid, Path)),
    responses((status = 204), (status = 403), (status = 404)))]
pub async fn delete_attachment(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project, item, id)): AttachmentPath,
) -> ApiResult<StatusCode> {
    attachments::delete(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project),
        WorkItemId(item),
        id,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed fields are short; anything longer is not one of them.
const MAX_FORM_FIELD_BYTES: usize = 16 * 1024;

/// Step 2: receives `multipart/form-data` with the signed fields and the file (field `file`).
/// No API credentials: the signature in the fields authorises exactly this upload.
#[utoipa::path(post, path = "/api/v1/uploads/{asset_id}/", tag = "work-items",
    params(("asset_id" = Uuid, Path)), responses((status = 204), (status = 400), (status = 403)))]
pub async fn upload_file(
    State(state): State<AppState>,
    ApiPath(asset_id): ApiPath<Uuid>,
    mut form: Multipart,
) -> ApiResult<StatusCode> {
    let bad = |detail: &str| ApiError::new("malformed_upload", detail.to_owned());
    let mut fields = HashMap::new();
    while let Some(mut field) = form
        .next_field()
        .await
        .map_err(|_| bad("The upload is not valid multipart/form-data."))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            // As with S3's form upload, the signed fields come first and anything after the
            // file is ignored; the file itself is streamed, never buffered whole.
            attachments::receive(&state.ctx, asset_id, &fields, Box::pin(field)).await?;
            return Ok(StatusCode::NO_CONTENT);
        }
        let mut text = Vec::new();
        while let Some(chunk) = field
            .chunk()
            .await
            .map_err(|_| bad("A form field could not be read."))?
        {
            text.extend_from_slice(&chunk);
            if text.len() > MAX_FORM_FIELD_BYTES {
                return Err(bad("A form field is too long."));
            }
        }
        let text = String::from_utf8(text).map_err(|_| bad("A form field is not UTF-8."))?;
        fields.insert(name, text);
    }
    Err(ApiError::field("file", "This field is required."))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DownloadQuery {
    pub expires: i64,
    pub signature: String,
}

/// The file behind a signed download link (no API credentials needed).
#[utoipa::path(get, path = "/api/v1/downloads/{asset_id}/", tag = "work-items",
    params(("asset_id" = Uuid, Path), DownloadQuery), responses((status = 200), (status = 403), (status = 404)))]
pub async fn download_file(
    State(state): State<AppState>,
    ApiPath(asset_id): ApiPath<Uuid>,
    ApiQuery(query): ApiQuery<DownloadQuery>,
) -> ApiResult<Response> {
    let (asset, bytes) =
        attachments::download(&state.ctx, asset_id, query.expires, &query.signature).await?;
    let disposition = format!("attachment; filename=\"{}\"", asset.name.replace('"', ""));
    Ok((
        [
            (header::CONTENT_TYPE, asset.content_type.clone()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
            (header::CONTENT_LENGTH, asset.size.to_string()),
        ],
        Body::from_stream(bytes),
    )
        .into_response())
}
