//! A user's favorites in a workspace: projects, saved views and pages they want at hand.
//!
//! One favorite per user and entity. A favorite only shows while its entity exists and the user
//! can still see it (a project they left, a page made private by its owner, … drop out of the
//! list, and come back if access returns). Members and admins keep favorites; guests read only.

use std::collections::HashMap;

use glider_db::{
    DbError,
    repo::{
        events as event_repo, favorites as repo, pages as page_repo, projects as project_repo,
        views as view_repo,
    },
};
use glider_domain::{
    FavoriteId, ProjectId, UserId,
    model::pages::{Favorite, favorite_entity_type},
    policy::ProjectAccess,
};
use serde_json::{Map, Value, json};

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self, InWorkspace},
    accounts::Actor,
    events::event,
    input::{Field, JsonInput},
};

/// What a favorite points at, as the list shows it.
#[derive(Clone, Debug)]
pub struct FavoriteEntity {
    pub id: uuid::Uuid,
    pub name: String,
    pub logo_props: Value,
    /// The project the entity belongs to (a project's own id for a project).
    pub project_id: Option<ProjectId>,
}

/// A favorite with its entity.
#[derive(Clone, Debug)]
pub struct FavoriteView {
    pub favorite: Favorite,
    pub entity: FavoriteEntity,
}

/// Every entity of the workspace the user can see, among those named, keyed by type and id.
async fn visible_entities(
    ctx: &Ctx,
    found: &InWorkspace,
    wanted: &[(String, uuid::Uuid)],
) -> ServiceResult<HashMap<(String, uuid::Uuid), FavoriteEntity>> {
    let conn = ctx.db.conn();
    let workspace_id = found.workspace.id;
    let user: UserId = found.access.user_id;
    let ids_of = |kind: &str| -> Vec<uuid::Uuid> {
        wanted
            .iter()
            .filter(|(entity_type, _)| entity_type == kind)
            .map(|(_, id)| *id)
            .collect()
    };
    let memberships = project_repo::memberships_of_user(conn, workspace_id, user).await?;
    let projects: HashMap<ProjectId, _> = project_repo::list_projects(conn, workspace_id)
        .await?
        .into_iter()
        .filter(|project| {
            let access = ProjectAccess {
                workspace: found.access,
                project_id: project.id,
                network: project.network,
                project_role: memberships.get(&project.id).map(|(role, _)| *role),
            };
            access.viewer().is_ok()
        })
        .map(|project| (project.id, project))
        .collect();
    let scope_visible =
        |project: Option<ProjectId>| project.is_none_or(|id| projects.contains_key(&id));
    let mut out = HashMap::new();
    for id in ids_of("project") {
        if let Some(project) = projects.get(&ProjectId(id)) {
            let entity = FavoriteEntity {
                id,
                name: project.name.clone(),
                logo_props: project.settings.logo_props.clone(),
                project_id: Some(project.id),
            };
            out.insert(("project".to_owned(), id), entity);
        }
    }
    for page in page_repo::pages_by_ids(conn, workspace_id, ids_of("page")).await? {
        if page.visible_to(user) && scope_visible(page.project_id) {
            let entity = FavoriteEntity {
                id: page.id.0,
                name: page.name,
                logo_props: page.logo_props,
                project_id: page.project_id,
            };
            out.insert(("page".to_owned(), page.id.0), entity);
        }
    }
    for view in view_repo::views_by_ids(conn, workspace_id, ids_of("view")).await? {
        if view.visible_to(user) && scope_visible(view.project_id) {
            let entity = FavoriteEntity {
                id: view.id.0,
                name: view.name,
                logo_props: view.logo_props,
                project_id: view.project_id,
            };
            out.insert(("view".to_owned(), view.id.0), entity);
        }
    }
    Ok(out)
}

/// The caller's favorites in the workspace whose entities they can still see, in order.
pub async fn list(ctx: &Ctx, actor: &Actor, slug: &str) -> ServiceResult<Vec<FavoriteView>> {
    let found = access::workspace(ctx, actor, slug).await?;
    let favorites = repo::list_favorites(ctx.db.conn(), found.workspace.id, actor.user.id).await?;
    let wanted: Vec<(String, uuid::Uuid)> = favorites
        .iter()
        .map(|f| (f.entity_type.clone(), f.entity_id))
        .collect();
    let mut entities = visible_entities(ctx, &found, &wanted).await?;
    Ok(favorites
        .into_iter()
        .filter_map(|favorite| {
            let entity = entities.remove(&(favorite.entity_type.clone(), favorite.entity_id))?;
            Some(FavoriteView { favorite, entity })
        })
        .collect())
}

/// Marks an entity the caller can see as favorite (members and admins). A second favorite of
/// the same entity is a conflict; an entity they cannot see is not found.
pub async fn create(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    body: &Map<String, Value>,
) -> ServiceResult<FavoriteView> {
    let found = access::workspace(ctx, actor, slug).await?;
    let contributor = found
        .access
        .contributor()
        .map_err(access::refuse("workspace"))?;
    let mut input = JsonInput::new(body);
    let entity_type = input.required_string("entity_type", 64);
    let entity_id = match input.uuid("entity_identifier") {
        Field::Value(id) => Some(id),
        Field::Null => {
            input.error("entity_identifier", "This field may not be null.");
            None
        }
        Field::Absent => {
            if !input.has("entity_identifier") {
                input.error("entity_identifier", "This field is required.");
            }
            None
        }
    };
    let mut errors = std::mem::take(&mut input.errors);
    let entity_type =
        entity_type.and_then(|raw| errors.check(favorite_entity_type("entity_type", &raw)));
    errors.into_result()?;
    let (Some(entity_type), Some(entity_id)) = (entity_type, entity_id) else {
        return Err(anyhow::anyhow!("validated fields missing").into());
    };
    let wanted = [(entity_type.to_owned(), entity_id)];
    let entity = visible_entities(ctx, &found, &wanted)
        .await?
        .remove(&wanted[0])
        .ok_or_else(|| ServiceError::not_found(entity_type))?;
    let workspace_id = contributor.access().workspace_id;
    let user_id = contributor.access().user_id;
    let sequence = repo::max_sequence(ctx.db.conn(), workspace_id, user_id)
        .await?
        .map_or(65535.0, |largest| largest + 10000.0);
    let favorite = Favorite {
        id: FavoriteId::new(),
        workspace_id,
        user_id,
        entity_type: entity_type.to_owned(),
        entity_id,
        project_id: entity.project_id,
        sequence,
        created_at: ctx.now(),
    };
    let tx = ctx.db.begin_write().await?;
    repo::insert_favorite(&tx, &favorite)
        .await
        .map_err(|error| match error {
            DbError::Conflict { .. } => ServiceError::conflict(
                "entity_identifier",
                "This entity is already in your favorites.",
            ),
            other => other.into(),
        })?;
    let created = event(
        ctx,
        "workspaces.favorite.created",
        Some(user_id),
        Some(workspace_id),
        favorite.project_id,
        favorite.id.0,
        json!({ "entity_type": entity_type, "entity_identifier": entity_id }),
    );
    event_repo::append(&tx, created).await?;
    glider_db::commit(tx).await?;
    Ok(FavoriteView { favorite, entity })
}

/// Removes one of the caller's favorites (members and admins).
pub async fn delete(ctx: &Ctx, actor: &Actor, slug: &str, id: FavoriteId) -> ServiceResult<()> {
    let found = access::workspace(ctx, actor, slug).await?;
    let favorite = repo::find_favorite(ctx.db.conn(), found.workspace.id, actor.user.id, id)
        .await
        .map_err(ServiceError::db("favorite"))?;
    let contributor = found
        .access
        .contributor()
        .map_err(access::refuse("workspace"))?;
    let workspace_id = contributor.access().workspace_id;
    let tx = ctx.db.begin_write().await?;
    repo::delete_favorite(&tx, workspace_id, actor.user.id, id).await?;
    let deleted = event(
        ctx,
        "workspaces.favorite.deleted",
        Some(actor.user.id),
        Some(workspace_id),
        favorite.project_id,
        id.0,
        json!({ "entity_type": favorite.entity_type, "entity_identifier": favorite.entity_id }),
    );
    event_repo::append(&tx, deleted).await?;
    glider_db::commit(tx).await?;
    Ok(())
}
