//! Projects under Plane's rules: creation with default states ([`create`]), reads ([`read`]),
//! settings ([`update`]), archive and delete ([`archive`]).

mod archive;
mod create;
mod input;
mod read;
mod update;

pub use archive::{delete, set_archived};
pub use create::create;
pub(crate) use create::created_event;
pub use read::{get, list};
pub use update::update;

use glider_db::{DatabaseTransaction, DbError, repo::projects as repo};
use glider_domain::{
    ProjectId,
    model::tracker::{Project, ProjectViewerFacts},
    policy::ProjectAdmin,
};
use serde_json::{Value, json};

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self, InProject, refuse},
    accounts::Actor,
    events::{changes, event},
};

/// A project with the facts that depend on who is looking.
#[derive(Clone, Debug)]
pub struct ProjectView {
    pub project: Project,
    pub facts: ProjectViewerFacts,
}

fn snapshot(p: &Project) -> Value {
    let s = &p.settings;
    json!({
        "name": p.name, "identifier": p.identifier, "network": p.network.plane_code(),
        "description": s.description, "project_lead": s.project_lead, "default_assignee": s.default_assignee,
        "emoji": s.emoji, "icon_prop": s.icon_prop, "logo_props": s.logo_props, "cover_image": s.cover_image,
        "module_view": s.module_view, "cycle_view": s.cycle_view, "issue_views_view": s.issue_views_view,
        "page_view": s.page_view, "intake_view": s.intake_view,
        "is_time_tracking_enabled": s.is_time_tracking_enabled, "is_issue_type_enabled": s.is_issue_type_enabled,
        "guest_view_all_features": s.guest_view_all_features, "archive_in": s.archive_in, "close_in": s.close_in,
        "timezone": s.timezone, "external_source": s.external_source, "external_id": s.external_id,
        "default_state": s.default_state_id, "estimate": s.estimate_id, "archived_at": p.archived_at,
    })
}

fn conflict(error: DbError) -> ServiceError {
    match error {
        DbError::Conflict { field } if field == "identifier" => {
            ServiceError::conflict("identifier", "The project identifier is already taken")
        }
        DbError::Conflict { .. } => {
            ServiceError::conflict("name", "The project name is already taken")
        }
        other => other.into(),
    }
}

async fn admin_scope(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    id: ProjectId,
) -> ServiceResult<(InProject, ProjectAdmin)> {
    let found = access::project(ctx, actor, slug, id).await?;
    let admin = found.access.admin().map_err(refuse("project"))?;
    Ok((found, admin))
}

/// Writes `after` with its event in `tx`, stamped with who changed it and when.
async fn write(
    ctx: &Ctx,
    tx: &DatabaseTransaction,
    admin: &ProjectAdmin,
    before: &Project,
    after: &mut Project,
    kind: &'static str,
) -> ServiceResult<()> {
    let actor = admin.access().workspace.user_id;
    after.updated_by = Some(actor);
    after.updated_at = ctx.now();
    repo::update_project(tx, after).await.map_err(conflict)?;
    let change = changes(&snapshot(before), &snapshot(after));
    glider_db::repo::events::append(
        tx,
        event(
            ctx,
            kind,
            Some(actor),
            Some(after.workspace_id),
            Some(after.id),
            after.id.0,
            change,
        ),
    )
    .await?;
    Ok(())
}

/// Saves a change to a project in its own transaction.
async fn save(
    ctx: &Ctx,
    admin: &ProjectAdmin,
    before: &Project,
    mut after: Project,
    kind: &'static str,
) -> ServiceResult<()> {
    let tx = ctx.db.begin_write().await?;
    write(ctx, &tx, admin, before, &mut after, kind).await?;
    glider_db::commit(tx).await?;
    Ok(())
}
