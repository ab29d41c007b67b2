//! Saved views: named filters and display settings, for a whole workspace or for one project.
//!
//! A view has an owner (its creator); a private view (`access` 0) is seen by its owner alone,
//! a shared one (1) by everyone who sees the scope. Members create views; the owner or an admin
//! of the scope edits and deletes them; a locked view refuses every change but unlocking.

use glider_db::repo::{events as event_repo, favorites as favorite_repo, views as repo};
use glider_domain::{
    ViewId,
    model::pages::{SavedView, ViewAccess},
    values::Name,
};
use serde_json::{Map, Value, json};

use crate::{
    Ctx, ServiceError, ServiceResult,
    accounts::Actor,
    events::{changes, event},
    input::JsonInput,
    pages::{
        number, object,
        scope::{self, InScope, Scope},
        text, touches_other_than,
    },
};

/// A saved view with the caller's own relation to it.
#[derive(Clone, Debug)]
pub struct ViewItem {
    pub view: SavedView,
    pub is_favorite: bool,
}

fn snapshot(v: &SavedView) -> Value {
    json!({
        "name": v.name, "description": v.description, "filters": v.filters,
        "display_filters": v.display_filters, "display_properties": v.display_properties,
        "logo_props": v.logo_props, "access": v.access.plane_code(), "is_locked": v.is_locked,
        "sort_order": v.sort_order, "owned_by": v.owned_by,
    })
}

fn locked() -> ServiceError {
    ServiceError::rule("view_locked", "view is locked")
}

/// Applies the fields present in `body`; on create, `name` is required.
fn apply(view: &mut SavedView, body: &Map<String, Value>, creating: bool) -> ServiceResult<()> {
    let mut input = JsonInput::new(body);
    let name = if creating {
        input.required_string("name", 255)
    } else {
        text(&mut input, "name", 255)
    };
    if let Some(description) = text(&mut input, "description", 100_000) {
        view.description = description;
    }
    let objects: [(&str, &mut Value); 4] = [
        ("filters", &mut view.filters),
        ("display_filters", &mut view.display_filters),
        ("display_properties", &mut view.display_properties),
        ("logo_props", &mut view.logo_props),
    ];
    for (field, target) in objects {
        if let Some(value) = object(&mut input, field) {
            *target = value;
        }
    }
    if let Some(code) = input.integer("access", i64::MIN, i64::MAX) {
        match ViewAccess::from_plane_code(code) {
            Some(access) => view.access = access,
            None => input.error("access", format!("\"{code}\" is not a valid choice.")),
        }
    }
    if let Some(locked) = input.bool("is_locked") {
        view.is_locked = locked;
    }
    if let Some(order) = number(&mut input, "sort_order") {
        view.sort_order = order;
    }
    let mut errors = std::mem::take(&mut input.errors);
    if let Some(name) = name.and_then(|raw| errors.check(Name::parse("name", &raw, 255))) {
        view.name = name.into_string();
    }
    Ok(errors.into_result()?)
}

async fn visible_view(ctx: &Ctx, found: &InScope, id: ViewId) -> ServiceResult<SavedView> {
    let view = repo::find_view(ctx.db.conn(), found.workspace_id(), found.project_id(), id)
        .await
        .map_err(ServiceError::db("view"))?;
    if view.visible_to(found.user_id) {
        Ok(view)
    } else {
        Err(ServiceError::not_found("view"))
    }
}

async fn item(ctx: &Ctx, found: &InScope, view: SavedView) -> ServiceResult<ViewItem> {
    let favorites =
        favorite_repo::favorite_ids(ctx.db.conn(), found.workspace_id(), found.user_id, "view")
            .await?;
    Ok(ViewItem {
        is_favorite: favorites.contains(&view.id.0),
        view,
    })
}

/// The views of a scope the caller may see (shared ones and their own private ones), by sort
/// order, then oldest first.
pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    scope: Scope,
) -> ServiceResult<Vec<ViewItem>> {
    let found = scope::enter(ctx, actor, slug, scope).await?;
    let favorites =
        favorite_repo::favorite_ids(ctx.db.conn(), found.workspace_id(), found.user_id, "view")
            .await?;
    Ok(
        repo::list_views(ctx.db.conn(), found.workspace_id(), found.project_id())
            .await?
            .into_iter()
            .filter(|view| view.visible_to(found.user_id))
            .map(|view| ViewItem {
                is_favorite: favorites.contains(&view.id.0),
                view,
            })
            .collect(),
    )
}

/// One view of the scope.
pub async fn get(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    scope: Scope,
    id: ViewId,
) -> ServiceResult<ViewItem> {
    let found = scope::enter(ctx, actor, slug, scope).await?;
    let view = visible_view(ctx, &found, id).await?;
    item(ctx, &found, view).await
}

/// Saves a view owned by the caller (members and admins of the scope).
pub async fn create(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    scope: Scope,
    body: &Map<String, Value>,
) -> ServiceResult<ViewItem> {
    let found = scope::enter(ctx, actor, slug, scope).await?;
    let writer = found.writer()?;
    let now = ctx.now();
    let mut view = SavedView {
        id: ViewId::new(),
        workspace_id: writer.workspace_id,
        project_id: writer.project_id,
        owned_by: writer.user_id,
        name: String::new(),
        description: String::new(),
        filters: json!({}),
        display_filters: json!({}),
        display_properties: json!({}),
        logo_props: json!({}),
        access: ViewAccess::Shared,
        is_locked: false,
        sort_order: 65535.0,
        created_by: writer.user_id,
        updated_by: None,
        created_at: now,
        updated_at: now,
    };
    apply(&mut view, body, true)?;
    let tx = ctx.db.begin_write().await?;
    repo::insert_view(&tx, &view).await?;
    let created = event(
        ctx,
        "tracker.view.created",
        Some(writer.user_id),
        Some(writer.workspace_id),
        writer.project_id,
        view.id.0,
        snapshot(&view),
    );
    event_repo::append(&tx, created).await?;
    glider_db::commit(tx).await?;
    Ok(ViewItem {
        view,
        is_favorite: false,
    })
}

/// Edits a view (its owner, or an admin of the scope). A locked view takes nothing but
/// `is_locked`; only the owner changes `access`.
pub async fn update(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    scope: Scope,
    id: ViewId,
    body: &Map<String, Value>,
) -> ServiceResult<ViewItem> {
    let found = scope::enter(ctx, actor, slug, scope).await?;
    let before = visible_view(ctx, &found, id).await?;
    let manager = found.manager(before.owned_by)?;
    if before.is_locked && touches_other_than(body, &["is_locked"]) {
        return Err(locked());
    }
    let mut view = before.clone();
    apply(&mut view, body, false)?;
    if view.access != before.access && !manager.is_owner {
        return Err(ServiceError::rule(
            "view_access_owner_only",
            "Access cannot be updated since this view is owned by someone else",
        ));
    }
    view.updated_by = Some(found.user_id);
    view.updated_at = ctx.now();
    let writer = manager.writer;
    let tx = ctx.db.begin_write().await?;
    repo::update_view(&tx, &view).await?;
    let updated = event(
        ctx,
        "tracker.view.updated",
        Some(writer.user_id),
        Some(writer.workspace_id),
        writer.project_id,
        id.0,
        changes(&snapshot(&before), &snapshot(&view)),
    );
    event_repo::append(&tx, updated).await?;
    glider_db::commit(tx).await?;
    item(ctx, &found, view).await
}

/// Deletes a view (its owner, or an admin; soft delete); everyone's favorites of it go.
pub async fn delete(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    scope: Scope,
    id: ViewId,
) -> ServiceResult<()> {
    let found = scope::enter(ctx, actor, slug, scope).await?;
    let view = visible_view(ctx, &found, id).await?;
    let writer = found.manager(view.owned_by)?.writer;
    if view.is_locked {
        return Err(locked());
    }
    let tx = ctx.db.begin_write().await?;
    repo::soft_delete_view(&tx, writer.workspace_id, id, ctx.now()).await?;
    favorite_repo::delete_for_entity(&tx, writer.workspace_id, "view", id.0).await?;
    let deleted = event(
        ctx,
        "tracker.view.deleted",
        Some(writer.user_id),
        Some(writer.workspace_id),
        writer.project_id,
        id.0,
        json!({}),
    );
    event_repo::append(&tx, deleted).await?;
    glider_db::commit(tx).await?;
    Ok(())
}
