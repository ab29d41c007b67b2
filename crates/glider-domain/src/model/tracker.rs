use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::{
    ProjectId, ProjectMemberId, ProjectRole, StateId, UserId, WorkspaceId, model::accounts::User,
    policy::ProjectNetwork,
};

/// Plane's feature toggles and settings of a project.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectSettings {
    pub description: String,
    pub project_lead: Option<UserId>,
    pub default_assignee: Option<UserId>,
    pub emoji: Option<String>,
    pub icon_prop: Option<Value>,
    pub logo_props: Value,
    pub cover_image: Option<String>,
    pub module_view: bool,
    pub cycle_view: bool,
    pub issue_views_view: bool,
    pub page_view: bool,
    pub intake_view: bool,
    pub is_time_tracking_enabled: bool,
    pub is_issue_type_enabled: bool,
    pub guest_view_all_features: bool,
    pub archive_in: i16,
    pub close_in: i16,
    pub timezone: String,
    pub external_source: Option<String>,
    pub external_id: Option<String>,
    pub default_state_id: Option<StateId>,
    pub estimate_id: Option<uuid::Uuid>,
}

#[derive(Clone, Debug)]
pub struct Project {
    pub id: ProjectId,
    pub workspace_id: WorkspaceId,
    pub name: String,
    pub identifier: String,
    pub network: ProjectNetwork,
    pub settings: ProjectSettings,
    pub archived_at: Option<DateTime<Utc>>,
    pub created_by: UserId,
    pub updated_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Counts and the caller's own relation to a project, as Plane's project view shows them.
#[derive(Clone, Debug, Default)]
pub struct ProjectViewerFacts {
    pub total_members: u64,
    /// Live cycles of the project (archived ones included).
    pub total_cycles: u64,
    /// Live modules of the project (archived ones included).
    pub total_modules: u64,
    pub member_role: Option<ProjectRole>,
    pub sort_order: Option<f64>,
    /// The viewer marked the project as a favorite.
    pub is_favorite: bool,
}

#[derive(Clone, Debug)]
pub struct ProjectMember {
    pub id: ProjectMemberId,
    pub project_id: ProjectId,
    pub user: User,
    pub role: ProjectRole,
    pub is_active: bool,
}

/// The five state groups (plus triage) that give every state its meaning.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum StateGroup {
    Backlog,
    Unstarted,
    Started,
    Completed,
    Cancelled,
    Triage,
}

impl StateGroup {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Backlog => "backlog",
            Self::Unstarted => "unstarted",
            Self::Started => "started",
            Self::Completed => "completed",
            Self::Cancelled => "cancelled",
            Self::Triage => "triage",
        }
    }

    pub fn from_stored(value: &str) -> Option<Self> {
        Some(match value {
            "backlog" => Self::Backlog,
            "unstarted" => Self::Unstarted,
            "started" => Self::Started,
            "completed" => Self::Completed,
            "cancelled" => Self::Cancelled,
            "triage" => Self::Triage,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug)]
pub struct State {
    pub id: StateId,
    pub workspace_id: WorkspaceId,
    pub project_id: ProjectId,
    pub name: String,
    pub description: String,
    pub color: String,
    pub slug: String,
    pub sequence: f64,
    pub group: StateGroup,
    pub is_triage: bool,
    pub is_default: bool,
    pub external_source: Option<String>,
    pub external_id: Option<String>,
    pub created_by: Option<UserId>,
    pub updated_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Plane's six default states: (name, colour, group, sequence, default).
pub const DEFAULT_STATES: [(&str, &str, StateGroup, f64, bool); 6] = [
    ("Backlog", "#60646C", StateGroup::Backlog, 15000.0, true),
    ("Todo", "#60646C", StateGroup::Unstarted, 25000.0, false),
    (
        "In Progress",
        "#F59E0B",
        StateGroup::Started,
        35000.0,
        false,
    ),
    ("Done", "#46A758", StateGroup::Completed, 45000.0, false),
    (
        "Cancelled",
        "#9AA4BC",
        StateGroup::Cancelled,
        55000.0,
        false,
    ),
    ("Triage", "#4E5355", StateGroup::Triage, 65000.0, false),
];

/// A new project's states: Plane's six defaults, created by `created_by` at `at`, with ids
/// from `next_id` (random for a real project, seeded for demo data).
pub fn default_states(
    project: &Project,
    created_by: UserId,
    at: DateTime<Utc>,
    mut next_id: impl FnMut() -> StateId,
) -> Vec<State> {
    DEFAULT_STATES
        .iter()
        .map(|(name, color, group, sequence, is_default)| State {
            id: next_id(),
            workspace_id: project.workspace_id,
            project_id: project.id,
            name: (*name).to_owned(),
            description: String::new(),
            color: (*color).to_owned(),
            slug: name.to_lowercase().replace(' ', "-"),
            sequence: *sequence,
            group: *group,
            is_triage: *group == StateGroup::Triage,
            is_default: *is_default,
            external_source: None,
            external_id: None,
            created_by: Some(created_by),
            updated_by: None,
            created_at: at,
            updated_at: at,
        })
        .collect()
}
