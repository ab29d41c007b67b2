//! Module handlers: lists, CRUD, archive.

use axum::{extract::State, http::StatusCode};
use glider_domain::{ModuleId, ProjectId};
use glider_service::tracker::modules::{self, ModuleQuery, ModuleView};
use serde_json::Value;
use uuid::Uuid;

use super::{ModuleLiteQuery, ModuleResponse, create_error};
use crate::{
    AppState,
    auth::CurrentActor,
    error::ApiResult,
    extract::{ApiPath, ApiQuery, JsonObject},
    pagination::{Page, PageQuery, Paginated},
    routes::tracker::cycles::shape::{ShapeParams, shape_all, shape_one},
    views::to_value,
};

type ProjectPath = ApiPath<(String, Uuid)>;
type ModulePath = ApiPath<(String, Uuid, Uuid)>;

fn paged(page: Page, archived: bool, counts: bool) -> ModuleQuery {
    ModuleQuery {
        archived,
        order_by: None,
        counts,
        offset: page.offset(),
        limit: page.per_page,
    }
}

async fn page_of(
    state: &AppState,
    actor: &glider_service::accounts::Actor,
    slug: &str,
    project_id: Uuid,
    request: &ModuleQuery,
    page: Page,
    shape: Option<&ShapeParams>,
) -> ApiResult<axum::Json<Value>> {
    let (found, result) =
        modules::list(&state.ctx, actor, slug, ProjectId(project_id), request).await?;
    let values: Vec<Value> = result
        .modules
        .iter()
        .map(|view| to_value(&ModuleResponse::from(view)))
        .collect();
    let results = match shape {
        Some(shape) => shape_all(state, values, shape, &found.project, &found.workspace).await?,
        None => values,
    };
    Ok(axum::Json(to_value(&Paginated::new(
        page,
        result.total,
        results,
    ))))
}

/// The project's modules, newest first, with item counts.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/modules/", tag = "modules",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), PageQuery, ShapeParams),
    responses((status = 200, body = Paginated<ModuleResponse>), (status = 400), (status = 404)))]
pub async fn list_modules(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ProjectPath,
    ApiQuery(query): ApiQuery<PageQuery>,
    ApiQuery(shape): ApiQuery<ShapeParams>,
) -> ApiResult<axum::Json<Value>> {
    let page = query.page(1000)?;
    page_of(
        &state,
        &actor,
        &slug,
        project_id,
        &paged(page, false, true),
        page,
        Some(&shape),
    )
    .await
}

/// Creates a module (project members; the project must have modules turned on). Names are
/// unique in the project; `members` are reduced to project members.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/modules/", tag = "modules",
    params(("slug" = String, Path), ("project_id" = Uuid, Path)), request_body = Object,
    responses((status = 201, body = ModuleResponse), (status = 400), (status = 403), (status = 404), (status = 409)))]
pub async fn create_module(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ProjectPath,
    JsonObject(body): JsonObject,
) -> ApiResult<(StatusCode, axum::Json<ModuleResponse>)> {
    let module = modules::create(&state.ctx, &actor, &slug, ProjectId(project_id), &body)
        .await
        .map_err(create_error)?;
    let view = ModuleView {
        module,
        counts: None,
    };
    Ok((StatusCode::CREATED, axum::Json(ModuleResponse::from(&view))))
}

/// One module with its item counts (archived modules are not found).
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/modules/{module_id}/", tag = "modules",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("module_id" = Uuid, Path), ShapeParams),
    responses((status = 200, body = ModuleResponse), (status = 404)))]
pub async fn get_module(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): ModulePath,
    ApiQuery(shape): ApiQuery<ShapeParams>,
) -> ApiResult<axum::Json<Value>> {
    let (found, view) = modules::get(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        ModuleId(id),
    )
    .await?;
    let value = to_value(&ModuleResponse::from(&view));
    Ok(axum::Json(
        shape_one(&state, value, &shape, &found.project, &found.workspace).await?,
    ))
}

/// Changes a module (project members); archived modules cannot be edited. `members`
/// replaces the set. Answers the whole module with its `id` (Plane answers only the written
/// fields).
#[utoipa::path(patch, path = "/api/v1/workspaces/{slug}/projects/{project_id}/modules/{module_id}/", tag = "modules",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("module_id" = Uuid, Path)), request_body = Object,
    responses((status = 200, body = ModuleResponse), (status = 400), (status = 403), (status = 404), (status = 409)))]
pub async fn update_module(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): ModulePath,
    JsonObject(body): JsonObject,
) -> ApiResult<axum::Json<ModuleResponse>> {
    let view = modules::update(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        ModuleId(id),
        &body,
    )
    .await?;
    Ok(axum::Json(ModuleResponse::from(&view)))
}

/// Deletes a module (its creator or a project admin); its work items leave it.
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/projects/{project_id}/modules/{module_id}/", tag = "modules",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("module_id" = Uuid, Path)),
    responses((status = 204), (status = 403), (status = 404)))]
pub async fn delete_module(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): ModulePath,
) -> ApiResult<StatusCode> {
    modules::delete(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        ModuleId(id),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Archives a completed or cancelled module.
#[utoipa::path(post, path = "/api/v1/workspaces/{slug}/projects/{project_id}/modules/{module_id}/archive/", tag = "modules",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("module_id" = Uuid, Path)),
    responses((status = 204), (status = 400), (status = 403), (status = 404)))]
pub async fn archive_module(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): ModulePath,
) -> ApiResult<StatusCode> {
    modules::set_archived(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        ModuleId(id),
        true,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Restores an archived module.
#[utoipa::path(delete, path = "/api/v1/workspaces/{slug}/projects/{project_id}/archived-modules/{module_id}/unarchive/", tag = "modules",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ("module_id" = Uuid, Path)),
    responses((status = 204), (status = 403), (status = 404)))]
pub async fn unarchive_module(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id, id)): ModulePath,
) -> ApiResult<StatusCode> {
    modules::set_archived(
        &state.ctx,
        &actor,
        &slug,
        ProjectId(project_id),
        ModuleId(id),
        false,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The project's archived modules, newest first, with item counts.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/archived-modules/", tag = "modules",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), PageQuery, ShapeParams),
    responses((status = 200, body = Paginated<ModuleResponse>), (status = 400), (status = 404)))]
pub async fn list_archived_modules(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ProjectPath,
    ApiQuery(query): ApiQuery<PageQuery>,
    ApiQuery(shape): ApiQuery<ShapeParams>,
) -> ApiResult<axum::Json<Value>> {
    let page = query.page(1000)?;
    page_of(
        &state,
        &actor,
        &slug,
        project_id,
        &paged(page, true, true),
        page,
        Some(&shape),
    )
    .await
}

/// The project's modules for pickers: every field but the counts, always paginated, with
/// `order_by`.
#[utoipa::path(get, path = "/api/v1/workspaces/{slug}/projects/{project_id}/modules-lite/", tag = "modules",
    params(("slug" = String, Path), ("project_id" = Uuid, Path), ModuleLiteQuery),
    responses((status = 200, body = Paginated<ModuleResponse>), (status = 400), (status = 404)))]
pub async fn list_modules_lite(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((slug, project_id)): ProjectPath,
    ApiQuery(query): ApiQuery<ModuleLiteQuery>,
) -> ApiResult<axum::Json<Value>> {
    let page = PageQuery {
        per_page: query.per_page.clone(),
        cursor: query.cursor.clone(),
        fields: None,
    }
    .page(1000)?;
    let request = ModuleQuery {
        order_by: query.order_by.clone(),
        ..paged(page, false, false)
    };
    page_of(&state, &actor, &slug, project_id, &request, page, None).await
}
