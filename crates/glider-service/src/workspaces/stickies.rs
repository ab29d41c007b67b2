//! Stickies: personal notes in a workspace. Every active member has their own; nobody else
//! sees them, so another member's sticky is "not found".
//!
//! Events carry the owner and which fields changed, never the note's text: the outbox feeds
//! shared consumers and a sticky is private.

use glider_db::repo::stickies as repo;
use glider_domain::{
    html::{sanitize, strip},
    model::catalog::{Sticky, StickyId},
};
use serde_json::{Map, Value, json};

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self, InWorkspace},
    accounts::Actor,
    events::event,
    input::{Field, JsonInput},
    tracker::states::number,
};

/// A JSON field that may be sent but not as `null`.
fn non_null_json(input: &mut JsonInput<'_>, field: &str) -> Option<Value> {
    match input.json(field) {
        Field::Value(value) => Some(value),
        Field::Null => {
            input.error(field, "This field may not be null.");
            None
        }
        Field::Absent => None,
    }
}

/// Applies the fields present in `body`, returning the names of those that changed.
fn apply(
    sticky: &mut Sticky,
    body: &Map<String, Value>,
    creating: bool,
) -> ServiceResult<Vec<&'static str>> {
    let before = sticky.clone();
    let mut input = JsonInput::new(body);
    if let Some(name) = input.string("name", 100_000).patch() {
        sticky.name = name;
    }
    if let Some(description) = non_null_json(&mut input, "description") {
        sticky.description = description;
    }
    match input.string("description_html", 1_000_000) {
        Field::Value(html) => {
            let clean = sanitize(&html);
            sticky.description_stripped = (!clean.is_empty()).then(|| strip(&clean));
            sticky.description_html = clean;
        }
        Field::Null => input.error("description_html", "This field may not be null."),
        Field::Absent => {}
    }
    if let Some(logo) = non_null_json(&mut input, "logo_props") {
        sticky.logo_props = logo;
    }
    if let Some(color) = input.string("color", 255).patch() {
        sticky.color = color;
    }
    if let Some(color) = input.string("background_color", 255).patch() {
        sticky.background_color = color;
    }
    if let Some(sort_order) = number(&mut input, body, "sort_order")
        && !creating
    {
        sticky.sort_order = sort_order;
    }
    input.errors.into_result()?;
    let mut changed = Vec::new();
    let fields: [(&'static str, bool); 8] = [
        ("name", before.name != sticky.name),
        ("description", before.description != sticky.description),
        (
            "description_html",
            before.description_html != sticky.description_html,
        ),
        ("logo_props", before.logo_props != sticky.logo_props),
        ("color", before.color != sticky.color),
        (
            "background_color",
            before.background_color != sticky.background_color,
        ),
        ("sort_order", before.sort_order != sticky.sort_order),
        (
            "description_stripped",
            before.description_stripped != sticky.description_stripped,
        ),
    ];
    changed.extend(
        fields
            .iter()
            .filter(|(_, differs)| *differs)
            .map(|(name, _)| *name),
    );
    Ok(changed)
}

async fn mine(ctx: &Ctx, found: &InWorkspace, id: StickyId) -> ServiceResult<Sticky> {
    repo::find_sticky(ctx.db.conn(), found.workspace.id, found.access.user_id, id)
        .await
        .map_err(ServiceError::db("sticky"))
}

/// The caller's stickies, newest first; `query` keeps those whose text contains it.
pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    query: Option<&str>,
) -> ServiceResult<Vec<Sticky>> {
    let found = access::workspace(ctx, actor, slug).await?;
    Ok(repo::list_stickies(ctx.db.conn(), found.workspace.id, actor.user.id, query).await?)
}

pub async fn get(ctx: &Ctx, actor: &Actor, slug: &str, id: StickyId) -> ServiceResult<Sticky> {
    let found = access::workspace(ctx, actor, slug).await?;
    mine(ctx, &found, id).await
}

/// Creates a sticky for the caller, placed after their last one.
pub async fn create(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    body: &Map<String, Value>,
) -> ServiceResult<Sticky> {
    let found = access::workspace(ctx, actor, slug).await?;
    let viewer = found.access.viewer();
    let now = ctx.now();
    let mut sticky = Sticky {
        id: StickyId::new(),
        workspace_id: viewer.access().workspace_id,
        owner_id: viewer.access().user_id,
        name: None,
        description: json!({}),
        description_html: "<p></p>".to_owned(),
        description_stripped: Some(String::new()),
        logo_props: json!({}),
        color: None,
        background_color: None,
        sort_order: 65535.0,
        created_by: Some(actor.user.id),
        updated_by: None,
        created_at: now,
        updated_at: now,
    };
    apply(&mut sticky, body, true)?;
    let tx = ctx.db.begin_write().await?;
    if let Some(max) = repo::max_sort_order(&tx, sticky.workspace_id, sticky.owner_id).await? {
        sticky.sort_order = max + 10000.0;
    }
    repo::insert_sticky(&tx, &sticky).await?;
    let created = event(
        ctx,
        "workspaces.sticky.created",
        Some(actor.user.id),
        Some(sticky.workspace_id),
        None,
        sticky.id.0,
        json!({ "owner": sticky.owner_id }),
    );
    glider_db::repo::events::append(&tx, created).await?;
    glider_db::commit(tx).await?;
    Ok(sticky)
}

/// Changes the caller's sticky (PATCH and PUT alike: absent fields keep their value).
pub async fn update(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    id: StickyId,
    body: &Map<String, Value>,
) -> ServiceResult<Sticky> {
    let found = access::workspace(ctx, actor, slug).await?;
    let mut sticky = mine(ctx, &found, id).await?;
    let changed = apply(&mut sticky, body, false)?;
    sticky.updated_by = Some(actor.user.id);
    sticky.updated_at = ctx.now();
    let tx = ctx.db.begin_write().await?;
    repo::update_sticky(&tx, &sticky)
        .await
        .map_err(ServiceError::db("sticky"))?;
    let updated = event(
        ctx,
        "workspaces.sticky.updated",
        Some(actor.user.id),
        Some(sticky.workspace_id),
        None,
        sticky.id.0,
        json!({ "owner": sticky.owner_id, "changed": changed }),
    );
    glider_db::repo::events::append(&tx, updated).await?;
    glider_db::commit(tx).await?;
    Ok(sticky)
}

/// Deletes the caller's sticky (soft delete).
pub async fn delete(ctx: &Ctx, actor: &Actor, slug: &str, id: StickyId) -> ServiceResult<()> {
    let found = access::workspace(ctx, actor, slug).await?;
    let sticky = mine(ctx, &found, id).await?;
    let tx = ctx.db.begin_write().await?;
    repo::soft_delete_sticky(&tx, &sticky, ctx.now()).await?;
    let deleted = event(
        ctx,
        "workspaces.sticky.deleted",
        Some(actor.user.id),
        Some(sticky.workspace_id),
        None,
        sticky.id.0,
        json!({ "owner": sticky.owner_id }),
    );
    glider_db::repo::events::append(&tx, deleted).await?;
    glider_db::commit(tx).await?;
    Ok(())
}
