//! Creating a project with Plane's default states.

use glider_db::repo::{projects as repo, states as state_repo};
use glider_domain::{
    ProjectId, ProjectRole, StateId, UserId,
    model::events::NewEvent,
    model::tracker::{Project, ProjectSettings, default_states},
    policy::ProjectNetwork,
};
use serde_json::{Map, Value, json};

use super::{ProjectView, conflict, get, input, snapshot};
use crate::{
    Ctx, ServiceResult,
    access::{self, refuse},
    accounts::Actor,
    events::event,
};

/// A random Material icon and colour, as Plane picks for new projects.
fn default_logo(seed: &ProjectId) -> Value {
    const ICONS: [&str; 8] = [
        "rocket",
        "bolt",
        "star",
        "flag",
        "diamond",
        "eco",
        "explore",
        "lightbulb",
    ];
    const COLOURS: [&str; 8] = [
        "#6366F1", "#EC4899", "#F59E0B", "#10B981", "#3B82F6", "#8B5CF6", "#EF4444", "#14B8A6",
    ];
    let bytes = seed.0.as_bytes();
    let pick = usize::from(bytes[15]) % ICONS.len();
    let colour = usize::from(bytes[14]) % COLOURS.len();
    json!({ "in_use": "icon", "icon": { "name": ICONS[pick], "color": COLOURS[colour] } })
}

/// Creates a project with Plane's six default states; the creator (and the lead) become
/// project admins. Members and admins of the workspace may create projects.
pub async fn create(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    body: &Map<String, Value>,
) -> ServiceResult<ProjectView> {
    let found = access::workspace(ctx, actor, slug).await?;
    let contributor = found.access.contributor().map_err(refuse("workspace"))?;
    let now = ctx.now();
    let id = ProjectId::new();
    let mut project = Project {
        id,
        workspace_id: contributor.access().workspace_id,
        name: String::new(),
        identifier: String::new(),
        network: ProjectNetwork::Public,
        settings: ProjectSettings {
            description: String::new(),
            project_lead: None,
            default_assignee: None,
            emoji: None,
            icon_prop: None,
            logo_props: default_logo(&id),
            cover_image: None,
            module_view: false,
            cycle_view: false,
            issue_views_view: false,
            page_view: true,
            intake_view: false,
            is_time_tracking_enabled: false,
            is_issue_type_enabled: false,
            guest_view_all_features: false,
            archive_in: 0,
            close_in: 0,
            timezone: found.workspace.timezone.clone(),
            external_source: None,
            external_id: None,
            default_state_id: None,
            estimate_id: None,
        },
        archived_at: None,
        created_by: actor.user.id,
        updated_by: None,
        created_at: now,
        updated_at: now,
    };
    input::apply(&mut project, body, true)?;
    input::check_people(ctx, project.workspace_id, &project).await?;
    let states = default_states(&project, actor.user.id, now, StateId::new);
    let tx = ctx.db.begin_write().await?;
    repo::insert_project(&tx, &project)
        .await
        .map_err(conflict)?;
    repo::upsert_project_member(&tx, &project, actor.user.id, ProjectRole::Admin, now).await?;
    if let Some(lead) = project
        .settings
        .project_lead
        .filter(|lead| *lead != actor.user.id)
    {
        repo::upsert_project_member(&tx, &project, lead, ProjectRole::Admin, now).await?;
    }
    state_repo::insert_states(&tx, &states).await?;
    glider_db::repo::events::append(&tx, created_event(ctx, actor.user.id, &project)).await?;
    glider_db::commit(tx).await?;
    get(ctx, actor, slug, id).await
}

/// The event announcing a new project (also written by the demo seed for its projects).
pub(crate) fn created_event(ctx: &Ctx, actor: UserId, project: &Project) -> NewEvent {
    event(
        ctx,
        "tracker.project.created",
        Some(actor),
        Some(project.workspace_id),
        Some(project.id),
        project.id.0,
        snapshot(project),
    )
}
