//! Changing pages: create, edit, archive, lock, delete. Each change is one transaction with one
//! outbox event.

use std::collections::HashSet;

use glider_db::repo::{events as event_repo, favorites as favorite_repo, pages as repo};
use glider_domain::{
    FieldErrors, PageId,
    model::pages::{Page, PageAccess},
};
use serde_json::{Map, Value, json};

use crate::{
    Ctx, ServiceError, ServiceResult,
    accounts::Actor,
    events::{changes, event},
    pages::{
        input::{self, PageInput, touches_other_than},
        read::{PageView, view_of, visible_page},
        scope::{self, InScope, Scope, Writer},
    },
};

fn snapshot(p: &Page) -> Value {
    json!({
        "name": p.name, "description_html": p.description_html, "access": p.access.plane_code(),
        "color": p.color, "logo_props": p.logo_props, "view_props": p.view_props,
        "is_locked": p.is_locked, "archived_at": p.archived_at, "parent": p.parent_id,
        "sort_order": p.sort_order, "external_source": p.external_source,
        "external_id": p.external_id, "owned_by": p.owned_by,
    })
}

fn locked() -> ServiceError {
    ServiceError::rule("page_locked", "Page is locked")
}

/// The pages below `root`, at any depth.
fn descendants(pages: &[Page], root: PageId) -> Vec<PageId> {
    let mut found = Vec::new();
    let mut frontier = vec![root];
    while let Some(parent) = frontier.pop() {
        for page in pages.iter().filter(|page| page.parent_id == Some(parent)) {
            if page.id != root && !found.contains(&page.id) {
                found.push(page.id);
                frontier.push(page.id);
            }
        }
    }
    found
}

/// Files the page under the requested parent: a page of the same scope the caller can see, and
/// never the page itself or one of its descendants.
fn settle_parent(
    found: &InScope,
    page: &mut Page,
    parsed: &PageInput,
    scope_pages: &[Page],
) -> ServiceResult<()> {
    let Some(parent) = parsed.parent else {
        return Ok(());
    };
    if let Some(parent_id) = parent {
        let field = parsed.parent_field;
        let mut errors = FieldErrors::new();
        let exists = scope_pages
            .iter()
            .any(|p| p.id == parent_id && p.visible_to(found.user_id));
        if !exists {
            errors.add(
                field,
                format!("Invalid pk \"{parent_id}\" - object does not exist."),
            );
        } else if parent_id == page.id || descendants(scope_pages, page.id).contains(&parent_id) {
            errors.add(
                field,
                "A page cannot be placed under itself or one of its sub-pages.",
            );
        }
        errors.into_result()?;
    }
    page.parent_id = parent;
    Ok(())
}

async fn commit_change(
    ctx: &Ctx,
    writer: &Writer,
    page: &Page,
    cascade: &[PageId],
    kind: &'static str,
    payload: Value,
) -> ServiceResult<()> {
    let tx = ctx.db.begin_write().await?;
    repo::update_page(&tx, page).await?;
    if !cascade.is_empty() {
        repo::set_archived(
            &tx,
            writer.workspace_id,
            cascade,
            page.archived_at,
            writer.user_id,
            page.updated_at,
        )
        .await?;
    }
    let change = event(
        ctx,
        kind,
        Some(writer.user_id),
        Some(writer.workspace_id),
        writer.project_id,
        page.id.0,
        payload,
    );
    event_repo::append(&tx, change).await?;
    glider_db::commit(tx).await?;
    Ok(())
}

/// Creates a page owned by the caller (members and admins of the scope). A new page without a
/// `sort_order` goes after its siblings.
pub async fn create(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    scope: Scope,
    body: &Map<String, Value>,
) -> ServiceResult<PageView> {
    let found = scope::enter(ctx, actor, slug, scope).await?;
    let writer = found.writer()?;
    let now = ctx.now();
    let mut page = Page {
        id: PageId::new(),
        workspace_id: writer.workspace_id,
        project_id: writer.project_id,
        parent_id: None,
        owned_by: writer.user_id,
        name: String::new(),
        description_html: "<p></p>".to_owned(),
        description_stripped: String::new(),
        access: PageAccess::Public,
        color: String::new(),
        logo_props: json!({}),
        view_props: json!({ "full_width": false }),
        is_locked: false,
        archived_at: None,
        sort_order: 65535.0,
        external_source: None,
        external_id: None,
        created_by: writer.user_id,
        updated_by: None,
        created_at: now,
        updated_at: now,
    };
    let parsed = input::apply(&mut page, body)?;
    let scope_pages =
        repo::list_pages(ctx.db.conn(), writer.workspace_id, writer.project_id).await?;
    settle_parent(&found, &mut page, &parsed, &scope_pages)?;
    if !body.contains_key("sort_order") {
        page.sort_order = scope_pages
            .iter()
            .filter(|sibling| sibling.parent_id == page.parent_id)
            .map(|sibling| sibling.sort_order)
            .reduce(f64::max)
            .map_or(65535.0, |largest| largest + 10000.0);
    }
    let tx = ctx.db.begin_write().await?;
    repo::insert_page(&tx, &page).await?;
    let created = event(
        ctx,
        "pages.page.created",
        Some(writer.user_id),
        Some(writer.workspace_id),
        writer.project_id,
        page.id.0,
        snapshot(&page),
    );
    event_repo::append(&tx, created).await?;
    glider_db::commit(tx).await?;
    Ok(PageView {
        page,
        is_favorite: false,
    })
}

/// Edits a page (its owner, or an admin of the scope). A locked page takes nothing but
/// `is_locked`; an archived page nothing but `archived_at` and `is_locked`. Only the owner
/// changes `access`.
pub async fn update(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    scope: Scope,
    id: PageId,
    body: &Map<String, Value>,
) -> ServiceResult<PageView> {
    let found = scope::enter(ctx, actor, slug, scope).await?;
    let before = visible_page(ctx, &found, id).await?;
    let manager = found.manager(before.owned_by)?;
    if before.is_locked && touches_other_than(body, &["is_locked"]) {
        return Err(locked());
    }
    if before.archived_at.is_some() && touches_other_than(body, &["archived_at", "is_locked"]) {
        return Err(ServiceError::rule(
            "page_archived",
            "Archived page cannot be updated",
        ));
    }
    let mut page = before.clone();
    let parsed = input::apply(&mut page, body)?;
    if page.access != before.access && !manager.is_owner {
        return Err(ServiceError::rule(
            "page_access_owner_only",
            "Access cannot be updated since this page is owned by someone else",
        ));
    }
    let scope_pages =
        repo::list_pages(ctx.db.conn(), found.workspace_id(), found.project_id()).await?;
    settle_parent(&found, &mut page, &parsed, &scope_pages)?;
    page.updated_by = Some(found.user_id);
    page.updated_at = ctx.now();
    let cascade = if page.archived_at.is_some() != before.archived_at.is_some() {
        descendants(&scope_pages, id)
    } else {
        Vec::new()
    };
    let change = changes(&snapshot(&before), &snapshot(&page));
    commit_change(
        ctx,
        &manager.writer,
        &page,
        &cascade,
        "pages.page.updated",
        change,
    )
    .await?;
    view_of(ctx, &found, page).await
}

/// Archives (or restores) a page with every page below it (its owner, or an admin). A restored
/// page whose parent stays archived moves to the top level, as in Plane.
pub async fn set_archived(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    scope: Scope,
    id: PageId,
    archived: bool,
) -> ServiceResult<PageView> {
    let found = scope::enter(ctx, actor, slug, scope).await?;
    let before = visible_page(ctx, &found, id).await?;
    let manager = found.manager(before.owned_by)?;
    if before.is_locked {
        return Err(locked());
    }
    let scope_pages =
        repo::list_pages(ctx.db.conn(), found.workspace_id(), found.project_id()).await?;
    let now = ctx.now();
    let mut page = before.clone();
    page.archived_at = archived.then(|| before.archived_at.unwrap_or(now));
    if !archived {
        let archived_parents: HashSet<PageId> = scope_pages
            .iter()
            .filter(|p| p.archived_at.is_some())
            .map(|p| p.id)
            .collect();
        if page
            .parent_id
            .is_some_and(|p| archived_parents.contains(&p))
        {
            page.parent_id = None;
        }
    }
    page.updated_by = Some(found.user_id);
    page.updated_at = now;
    let kind = if archived {
        "pages.page.archived"
    } else {
        "pages.page.unarchived"
    };
    let change = changes(&snapshot(&before), &snapshot(&page));
    let cascade = descendants(&scope_pages, id);
    commit_change(ctx, &manager.writer, &page, &cascade, kind, change).await?;
    view_of(ctx, &found, page).await
}

/// Locks a page against edits, or unlocks it (its owner, or an admin).
pub async fn set_locked(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    scope: Scope,
    id: PageId,
    locked: bool,
) -> ServiceResult<()> {
    let found = scope::enter(ctx, actor, slug, scope).await?;
    let before = visible_page(ctx, &found, id).await?;
    let manager = found.manager(before.owned_by)?;
    let mut page = before.clone();
    page.is_locked = locked;
    page.updated_by = Some(found.user_id);
    page.updated_at = ctx.now();
    let kind = if locked {
        "pages.page.locked"
    } else {
        "pages.page.unlocked"
    };
    let change = changes(&snapshot(&before), &snapshot(&page));
    commit_change(ctx, &manager.writer, &page, &[], kind, change).await
}

/// Deletes an archived page (its owner, or an admin; soft delete), as Plane requires archiving
/// first. Its sub-pages move to the top level and everyone's favorites of it go.
pub async fn delete(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    scope: Scope,
    id: PageId,
) -> ServiceResult<()> {
    let found = scope::enter(ctx, actor, slug, scope).await?;
    let page = visible_page(ctx, &found, id).await?;
    let writer = found.manager(page.owned_by)?.writer;
    if page.is_locked {
        return Err(locked());
    }
    if page.archived_at.is_none() {
        return Err(ServiceError::rule(
            "page_not_archived",
            "The page should be archived before deleting",
        ));
    }
    let tx = ctx.db.begin_write().await?;
    repo::soft_delete_page(&tx, writer.workspace_id, id, ctx.now()).await?;
    favorite_repo::delete_for_entity(&tx, writer.workspace_id, "page", id.0).await?;
    let deleted = event(
        ctx,
        "pages.page.deleted",
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
