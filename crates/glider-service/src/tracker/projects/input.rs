//! Reading a project's fields from a request body, and checking the people it names.

use glider_db::repo::workspaces as workspace_repo;
use glider_domain::{
    StateId, UserId, WorkspaceId,
    model::tracker::Project,
    policy::ProjectNetwork,
    values::{ProjectIdentifier, project_name, timezone},
};
use serde_json::{Map, Value};

use crate::{
    Ctx, ServiceError, ServiceResult,
    input::{Field, JsonInput},
};

/// Applies the fields present in `body` to `project`. On create, `name` and `identifier` are
/// required. Ids of people are checked against the workspace afterwards.
pub(super) fn apply(
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
pub(super) async fn check_people(
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
