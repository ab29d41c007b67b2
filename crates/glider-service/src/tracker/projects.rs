//! Projects under Plane's rules: creation with default states, settings, archive, delete.

use glider_db::{
    DbError,
    repo::{projects as repo, states as state_repo, workspaces as workspace_repo},
};
use glider_domain::{
    ProjectId, ProjectRole, StateId, UserId, WorkspaceId,
    model::tracker::{DEFAULT_STATES, Project, ProjectSettings, ProjectViewerFacts, State},
    policy::{ProjectAdmin, ProjectNetwork},
    values::{ProjectIdentifier, project_name, timezone},
};
use serde_json::{Map, Value, json};

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self, InProject, refuse},
    accounts::Actor,
    events::{changes, event},
    input::{Field, JsonInput},
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

/// Applies the fields present in `body` to `project`. On create, `name` and `identifier` are
/// required. Ids of people are checked against the workspace afterwards.
fn apply(
    project: &mut Project,
    body: &Map<String, Value>,
    creating: bool,
) -> Result<(), ServiceError> {
    let mut input = JsonInput::new(body);
    let s = &mut project.settings;
    let name = if creating {
        input.required_string("name", 255)
    } else {
        input.string("name", 255).value()
    };
    let identifier = if creating {
        input.required_string("identifier", 255)
    } else {
        input.string("identifier", 255).value()
    };
    if let Some(description) = input.string("description", 100_000).patch() {
        s.description = description.unwrap_or_default();
    }
    if let Some(lead) = input.uuid("project_lead").patch() {
        s.project_lead = lead.map(UserId);
    }
    if let Some(assignee) = input.uuid("default_assignee").patch() {
        s.default_assignee = assignee.map(UserId);
    }
    if let Some(emoji) = input.string("emoji", 255).patch() {
        s.emoji = emoji;
    }
    if let Some(icon) = input.json("icon_prop").patch() {
        s.icon_prop = icon;
    }
    if let Field::Value(logo) = input.json("logo_props") {
        s.logo_props = logo;
    }
    if let Some(cover) = input.string("cover_image", 2048).patch() {
        s.cover_image = cover;
    }
    let toggles: [(&str, &mut bool); 8] = [
        ("module_view", &mut s.module_view),
        ("cycle_view", &mut s.cycle_view),
        ("issue_views_view", &mut s.issue_views_view),
        ("page_view", &mut s.page_view),
        ("intake_view", &mut s.intake_view),
        ("is_time_tracking_enabled", &mut s.is_time_tracking_enabled),
        ("is_issue_type_enabled", &mut s.is_issue_type_enabled),
        ("guest_view_all_features", &mut s.guest_view_all_features),
    ];
    for (field, target) in toggles {
        if let Some(value) = input.bool(field) {
            *target = value;
        }
    }
    if let Some(value) = input.integer("archive_in", 0, 12) {
        s.archive_in = i16::try_from(value).unwrap_or_default();
    }
    if let Some(value) = input.integer("close_in", 0, 12) {
        s.close_in = i16::try_from(value).unwrap_or_default();
    }
    if let Some(value) = input.integer("network", 0, 2) {
        match ProjectNetwork::from_plane_code(value) {
            Some(network) => project.network = network,
            None => input.error("network", format!("\"{value}\" is not a valid choice.")),
        }
    }
    if let Some(zone) = input.string("timezone", 64).value() {
        match timezone("timezone", &zone) {
            Ok(zone) => s.timezone = zone,
            Err(error) => input.errors.push(error),
        }
    }
    if let Some(source) = input.string("external_source", 255).patch() {
        s.external_source = source;
    }
    if let Some(id) = input.string("external_id", 255).patch() {
        s.external_id = id;
    }
    if !creating {
        if let Some(state) = input.uuid("default_state").patch() {
            s.default_state_id = state.map(StateId);
        }
        if let Some(estimate) = input.uuid("estimate").patch() {
            s.estimate_id = estimate;
        }
    }
    let mut errors = std::mem::take(&mut input.errors);
    if let Some(name) = name.and_then(|raw| errors.check(project_name("name", &raw))) {
        project.name = name.into_string();
    }
    if let Some(identifier) =
        identifier.and_then(|raw| errors.check(ProjectIdentifier::parse("identifier", &raw)))
    {
        project.identifier = identifier.as_str().to_owned();
    }
    Ok(errors.into_result()?)
}

/// People named on a project must be active members of its workspace.
async fn check_people(
    ctx: &Ctx,
    workspace_id: WorkspaceId,
    project: &Project,
) -> ServiceResult<()> {
    let mut errors = glider_domain::FieldErrors::new();
    for (field, user) in [
        ("project_lead", project.settings.project_lead),
        ("default_assignee", project.settings.default_assignee),
    ] {
        if let Some(user) = user {
            let active = matches!(
                workspace_repo::find_membership(ctx.db.conn(), workspace_id, user).await?,
                Some((_, _, true))
            );
            if !active {
                errors.add(
                    field,
                    "The provided user is not a member of this workspace.",
                );
            }
        }
    }
    Ok(errors.into_result()?)
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
    apply(&mut project, body, true)?;
    check_people(ctx, project.workspace_id, &project).await?;
    let states: Vec<State> = DEFAULT_STATES
        .iter()
        .map(|(name, color, group, sequence, is_default)| State {
            id: StateId::new(),
            workspace_id: project.workspace_id,
            project_id: id,
            name: (*name).to_owned(),
            description: String::new(),
            color: (*color).to_owned(),
            slug: name.to_lowercase().replace(' ', "-"),
            sequence: *sequence,
            group: *group,
            is_triage: *group == glider_domain::model::tracker::StateGroup::Triage,
            is_default: *is_default,
            external_source: None,
            external_id: None,
            created_by: Some(actor.user.id),
            updated_by: None,
            created_at: now,
            updated_at: now,
        })
        .collect();
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
    let created = event(
        ctx,
        "tracker.project.created",
        Some(actor.user.id),
        Some(project.workspace_id),
        Some(id),
        id.0,
        snapshot(&project),
    );
    glider_db::repo::events::append(&tx, created).await?;
    glider_db::commit(tx).await?;
    get(ctx, actor, slug, id).await
}

async fn favorite_projects(
    ctx: &Ctx,
    workspace: glider_domain::WorkspaceId,
    user: glider_domain::UserId,
) -> ServiceResult<std::collections::HashSet<uuid::Uuid>> {
    Ok(glider_db::repo::favorites::favorite_ids(ctx.db.conn(), workspace, user, "project").await?)
}

async fn facts(ctx: &Ctx, found: &InProject) -> ServiceResult<ProjectViewerFacts> {
    let memberships = repo::memberships_of_user(
        ctx.db.conn(),
        found.workspace.id,
        found.access.workspace.user_id,
    )
    .await?;
    let mine = memberships.get(&found.project.id);
    let cycles =
        glider_db::repo::cycles::count_by_project(ctx.db.conn(), found.workspace.id).await?;
    let modules =
        glider_db::repo::modules::count_by_project(ctx.db.conn(), found.workspace.id).await?;
    let favorites =
        favorite_projects(ctx, found.workspace.id, found.access.workspace.user_id).await?;
    Ok(ProjectViewerFacts {
        total_members: repo::count_active_members(ctx.db.conn(), found.project.id).await?,
        total_cycles: cycles.get(&found.project.id).copied().unwrap_or(0),
        total_modules: modules.get(&found.project.id).copied().unwrap_or(0),
        member_role: mine.map(|(role, _)| *role),
        sort_order: mine.map(|(_, order)| *order),
        is_favorite: favorites.contains(&found.project.id.0),
    })
}

pub async fn get(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    id: ProjectId,
) -> ServiceResult<ProjectView> {
    let found = access::project(ctx, actor, slug, id).await?;
    let facts = facts(ctx, &found).await?;
    Ok(ProjectView {
        project: found.project,
        facts,
    })
}

/// The projects the actor can see: members see their projects and the public ones; guests only
/// their own; admins all.
pub async fn list(ctx: &Ctx, actor: &Actor, slug: &str) -> ServiceResult<Vec<ProjectView>> {
    let found = access::workspace(ctx, actor, slug).await?;
    let workspace_id = found.workspace.id;
    let memberships = repo::memberships_of_user(ctx.db.conn(), workspace_id, actor.user.id).await?;
    let counts = repo::member_counts(ctx.db.conn(), workspace_id).await?;
    let cycles = glider_db::repo::cycles::count_by_project(ctx.db.conn(), workspace_id).await?;
    let modules = glider_db::repo::modules::count_by_project(ctx.db.conn(), workspace_id).await?;
    let projects = repo::list_projects(ctx.db.conn(), workspace_id).await?;
    let favorites = favorite_projects(ctx, workspace_id, actor.user.id).await?;
    Ok(projects
        .into_iter()
        .filter_map(|project| {
            let mine = memberships.get(&project.id);
            let access = glider_domain::policy::ProjectAccess {
                workspace: found.access,
                project_id: project.id,
                network: project.network,
                project_role: mine.map(|(role, _)| *role),
            };
            access.viewer().ok()?;
            let facts = ProjectViewerFacts {
                total_members: counts.get(&project.id).copied().unwrap_or(0),
                total_cycles: cycles.get(&project.id).copied().unwrap_or(0),
                total_modules: modules.get(&project.id).copied().unwrap_or(0),
                member_role: mine.map(|(role, _)| *role),
                sort_order: mine.map(|(_, order)| *order),
                is_favorite: favorites.contains(&project.id.0),
            };
            Some(ProjectView { project, facts })
        })
        .collect())
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

async fn save(
    ctx: &Ctx,
    admin: &ProjectAdmin,
    before: &Project,
    mut after: Project,
    kind: &'static str,
) -> ServiceResult<()> {
    let actor = admin.access().workspace.user_id;
    after.updated_by = Some(actor);
    after.updated_at = ctx.now();
    let tx = ctx.db.begin_write().await?;
    repo::update_project(&tx, &after).await.map_err(conflict)?;
    let change = changes(&snapshot(before), &snapshot(&after));
    glider_db::repo::events::append(
        &tx,
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
    glider_db::commit(tx).await?;
    Ok(())
}

/// Changes settings (project admins). An archived project must be restored first.
pub async fn update(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    id: ProjectId,
    body: &Map<String, Value>,
) -> ServiceResult<ProjectView> {
    let (found, admin) = admin_scope(ctx, actor, slug, id).await?;
    if found.project.archived_at.is_some() {
        return Err(ServiceError::rule(
            "project_archived",
            "Archived project cannot be updated",
        ));
    }
    let mut project = found.project.clone();
    apply(&mut project, body, false)?;
    check_people(ctx, project.workspace_id, &project).await?;
    if let Some(state) = project.settings.default_state_id
        && project.settings.default_state_id != found.project.settings.default_state_id
    {
        state_repo::find_state(ctx.db.conn(), id, state)
            .await
            .map_err(|_| {
                ServiceError::Validation(
                    glider_domain::ValidationError::new(
                        "default_state",
                        "The state does not belong to this project.",
                    )
                    .into(),
                )
            })?;
    }
    if let Some(estimate) = project.settings.estimate_id
        && project.settings.estimate_id != found.project.settings.estimate_id
    {
        glider_db::repo::estimates::find_estimate(
            ctx.db.conn(),
            id,
            glider_domain::EstimateId(estimate),
        )
        .await
        .map_err(|_| {
            ServiceError::from(glider_domain::ValidationError::new(
                "estimate",
                "The estimate does not belong to this project.",
            ))
        })?;
    }
    save(
        ctx,
        &admin,
        &found.project,
        project,
        "tracker.project.updated",
    )
    .await?;
    // Turning intake on gives the project its intake queue (Plane does the same).
    if body.get("intake_view") == Some(&Value::Bool(true)) {
        crate::tracker::intake::ensure_intake(ctx, actor, slug, id).await?;
    }
    get(ctx, actor, slug, id).await
}

pub async fn set_archived(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    id: ProjectId,
    archived: bool,
) -> ServiceResult<()> {
    let (found, admin) = admin_scope(ctx, actor, slug, id).await?;
    let mut project = found.project.clone();
    project.archived_at = if archived {
        Some(found.project.archived_at.unwrap_or_else(|| ctx.now()))
    } else {
        None
    };
    let kind = if archived {
        "tracker.project.archived"
    } else {
        "tracker.project.unarchived"
    };
    save(ctx, &admin, &found.project, project, kind).await
}

/// Soft-deletes the project; its name and identifier are free again at once.
pub async fn delete(ctx: &Ctx, actor: &Actor, slug: &str, id: ProjectId) -> ServiceResult<()> {
    let (found, _admin) = admin_scope(ctx, actor, slug, id).await?;
    let tx = ctx.db.begin_write().await?;
    repo::soft_delete_project(&tx, id, ctx.now()).await?;
    let deleted = event(
        ctx,
        "tracker.project.deleted",
        Some(actor.user.id),
        Some(found.workspace.id),
        Some(id),
        id.0,
        json!({}),
    );
    glider_db::repo::events::append(&tx, deleted).await?;
    glider_db::commit(tx).await?;
    Ok(())
}
