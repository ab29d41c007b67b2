//! The history of a work item.

use axum::extract::State;
use chrono::{DateTime, Utc};
use glider_domain::{ActivityId, ProjectId, WorkItemId, model::work_items::Activity};
use glider_service::tracker::work_items::children;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{ChildPath, ItemPath, page_of};
use crate::{
    AppState,
    auth::CurrentActor,
    error::ApiResult,
    extract::{ApiPath, ApiQuery},
    pagination::{PageQuery, Paginated},
};

/// Plane's activity.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActivityResponse {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub verb: String,
    pub field: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub comment: String,
    pub attachments: Vec<String>,
    pub old_identifier: Option<Uuid>,
    pub new_identifier: Option<Uuid>,
    /// Unix seconds.
    pub epoch: f64,
    pub project: Uuid,
    pub workspace: Uuid,
    pub issue: Uuid,
    pub issue_comment: Option<Uuid>,
    pub actor: Option<Uuid>,
}

impl From<&Activity> for ActivityResponse {
    fn from(a: &Activity) -> Self {
        Self {
            id: a.id.0,
            created_at: a.created_at,
            updated_at: a.updated_at,
            deleted_at: None,
            verb: a.verb.clone(),
            field: a.field.clone(),
            old_value: a.old_value.clone(),
            new_value: a.new_value.clone(),
            comment: a.comment.clone(),
            attachments: Vec::new(),
            old_identifier: a.old_identifier,
            new_identifier: a.new_identifier,
            epoch: a.created_at.timestamp() as f64,
            project: a.project_id.0,
            workspace: a.workspace_id.0,
            issue: a.work_item_id.0,
            issue_comment: a.comment_id.map(|id| id.0),
            actor: a.actor_id.map(|id| id.0),
        }
    }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActivityQuery {
    pub per_page: Option<String>,
    pub cursor: Option<String>,
    pub fields: Option<String>,
    /// `created_at` (default, oldest first) or `-created_at`.
    pub order_by: Option<String>,
}

/// The work item's history, oldest first.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/activities/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path), ActivityQuery),
    responses((status = 200, body = Paginated<ActivityResponse>), (status = 404)))]
pub async fn list_activities(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project, item)): ItemPath,
    ApiQuery(query): ApiQuery<ActivityQuery>,
) -> ApiResult<axum::Json<Value>> {
    let page_query = PageQuery {
        per_page: query.per_page.clone(),
        cursor: query.cursor.clone(),
        fields: query.fields.clone(),
    };
    let page = page_query.page(1000)?;
    let newest_first = match query.order_by.as_deref() {
        None | Some("created_at") => false,
        Some("-created_at") => true,
        Some(_) => {
            return Err(crate::error::ApiError::field(
                "order_by",
                "Order by created_at or -created_at.",
            ));
        }
    };
    let (total, list) = children::list_activities(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project),
        WorkItemId(item),
        (newest_first, page.offset(), page.per_page),
    )
    .await?;
    Ok(axum::Json(page_of(
        &page_query,
        total,
        page,
        list.iter().map(ActivityResponse::from).collect(),
    )))
}

/// One history entry.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/activities/{child_id}/", tag = "work-items",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("work_item_id" = Uuid, Path), ("child_id" = Uuid, Path)),
    responses((status = 200, body = ActivityResponse), (status = 404)))]
pub async fn get_activity(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project, item, id)): ChildPath,
) -> ApiResult<axum::Json<ActivityResponse>> {
    let activity = children::get_activity(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project),
        WorkItemId(item),
        ActivityId(id),
    )
    .await?;
    Ok(axum::Json((&activity).into()))
}
