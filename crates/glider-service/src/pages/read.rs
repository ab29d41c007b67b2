//! Reading pages: lists and single pages, as the caller may see them.

use glider_db::repo::{favorites as favorite_repo, pages as repo};
use glider_domain::{PageId, model::pages::Page};

use crate::{
    Ctx, ServiceError, ServiceResult,
    accounts::Actor,
    pages::scope::{self, InScope, Scope},
};

/// A page with the caller's own relation to it.
#[derive(Clone, Debug)]
pub struct PageView {
    pub page: Page,
    pub is_favorite: bool,
}

/// A page of the scope that the caller may see; anything else is "not found".
pub(crate) async fn visible_page(ctx: &Ctx, found: &InScope, id: PageId) -> ServiceResult<Page> {
    let page = repo::find_page(ctx.db.conn(), found.workspace_id(), found.project_id(), id)
        .await
        .map_err(ServiceError::db("page"))?;
    if page.visible_to(found.user_id) {
        Ok(page)
    } else {
        Err(ServiceError::not_found("page"))
    }
}

pub(crate) async fn view_of(ctx: &Ctx, found: &InScope, page: Page) -> ServiceResult<PageView> {
    let favorites =
        favorite_repo::favorite_ids(ctx.db.conn(), found.workspace_id(), found.user_id, "page")
            .await?;
    Ok(PageView {
        is_favorite: favorites.contains(&page.id.0),
        page,
    })
}

/// The pages of a scope the caller may see (public ones and their own private ones): their
/// favorites first, then newest first.
pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    scope: Scope,
) -> ServiceResult<Vec<PageView>> {
    let found = scope::enter(ctx, actor, slug, scope).await?;
    let favorites =
        favorite_repo::favorite_ids(ctx.db.conn(), found.workspace_id(), found.user_id, "page")
            .await?;
    let mut views: Vec<PageView> =
        repo::list_pages(ctx.db.conn(), found.workspace_id(), found.project_id())
            .await?
            .into_iter()
            .filter(|page| page.visible_to(found.user_id))
            .map(|page| PageView {
                is_favorite: favorites.contains(&page.id.0),
                page,
            })
            .collect();
    // A stable sort keeps newest-first inside each group.
    views.sort_by_key(|view| !view.is_favorite);
    Ok(views)
}

/// One page of the scope.
pub async fn get(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    scope: Scope,
    id: PageId,
) -> ServiceResult<PageView> {
    let found = scope::enter(ctx, actor, slug, scope).await?;
    let page = visible_page(ctx, &found, id).await?;
    view_of(ctx, &found, page).await
}
