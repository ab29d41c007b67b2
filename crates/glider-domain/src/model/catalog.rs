//! The catalog beside work items: labels, estimates and their points, per-user stickies, and
//! the feature flags of workspaces and projects.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{
    LabelId, ProjectId, UserId, ValidationError, WorkspaceId, model::tracker::ProjectSettings,
};

// The ids live with the others in `crate::ids`; re-exported here where they were first used.
pub use crate::ids::{EstimateId, EstimatePointId, StickyId};

/// Django's `slugify`: lower case, only letters, digits, `_` and `-`, runs of spaces and dashes
/// become one dash, no dash at either end. Plane derives a state's `slug` this way.
pub fn slugify(name: &str) -> String {
    let kept: String = name
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '_' | '-') || c.is_whitespace())
        .collect();
    kept.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// A work-item label of a project; labels nest one under another through `parent_id`.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub id: LabelId,
    pub workspace_id: WorkspaceId,
    pub project_id: ProjectId,
    pub name: String,
    pub description: String,
    pub color: String,
    pub sort_order: f64,
    pub parent_id: Option<LabelId>,
    pub external_source: Option<String>,
    pub external_id: Option<String>,
    pub created_by: Option<UserId>,
    pub updated_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Would giving `label` the parent `parent` make a label its own ancestor? `parents` maps each
/// label of the project to its current parent.
pub fn label_cycle(
    parents: &HashMap<LabelId, Option<LabelId>>,
    label: LabelId,
    parent: LabelId,
) -> bool {
    let mut current = Some(parent);
    // A chain longer than the number of labels already loops; stop there.
    for _ in 0..=parents.len() {
        match current {
            None => return false,
            Some(id) if id == label => return true,
            Some(id) => current = parents.get(&id).copied().flatten(),
        }
    }
    true
}

/// The labels below `root` (children, their children, …), not `root` itself.
pub fn label_descendants(
    parents: &HashMap<LabelId, Option<LabelId>>,
    root: LabelId,
) -> Vec<LabelId> {
    let mut found = Vec::new();
    let mut frontier = vec![root];
    while let Some(current) = frontier.pop() {
        for (child, parent) in parents {
            if *parent == Some(current) && *child != root && !found.contains(child) {
                found.push(*child);
                frontier.push(*child);
            }
        }
    }
    found
}

/// How an estimate's points are read: named sizes or numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum EstimateType {
    Categories,
    Points,
}

impl EstimateType {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Categories => "categories",
            Self::Points => "points",
        }
    }

    pub fn parse(field: &str, value: &str) -> Result<Self, ValidationError> {
        match value {
            "categories" => Ok(Self::Categories),
            "points" => Ok(Self::Points),
            other => Err(ValidationError::new(
                field,
                format!("\"{other}\" is not a valid choice."),
            )),
        }
    }
}

/// A project's estimate scale.
#[derive(Clone, Debug, PartialEq)]
pub struct Estimate {
    pub id: EstimateId,
    pub workspace_id: WorkspaceId,
    pub project_id: ProjectId,
    pub name: String,
    pub description: String,
    pub estimate_type: EstimateType,
    pub last_used: bool,
    pub created_by: Option<UserId>,
    pub updated_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One value of an estimate.
#[derive(Clone, Debug, PartialEq)]
pub struct EstimatePoint {
    pub id: EstimatePointId,
    pub workspace_id: WorkspaceId,
    pub project_id: ProjectId,
    pub estimate_id: EstimateId,
    pub key: i32,
    pub value: String,
    pub description: String,
    pub created_by: Option<UserId>,
    pub updated_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl EstimatePoint {
    /// Plane refuses longer point values.
    pub const MAX_VALUE_LEN: usize = 20;
}

/// A personal note, visible to its owner only.
#[derive(Clone, Debug, PartialEq)]
pub struct Sticky {
    pub id: StickyId,
    pub workspace_id: WorkspaceId,
    pub owner_id: UserId,
    pub name: Option<String>,
    pub description: Value,
    /// Sanitised HTML.
    pub description_html: String,
    /// The text of `description_html`, for search.
    pub description_stripped: Option<String>,
    pub logo_props: Value,
    pub color: Option<String>,
    pub background_color: Option<String>,
    pub sort_order: f64,
    pub created_by: Option<UserId>,
    pub updated_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Workspace-wide feature switches (Plane's `WorkspaceFeature`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkspaceFeatures {
    pub project_grouping: bool,
    pub initiatives: bool,
    pub teams: bool,
    pub customers: bool,
    pub wiki: bool,
    pub pi: bool,
}

impl Default for WorkspaceFeatures {
    /// Only the wiki (pages) is on until an admin turns more on.
    fn default() -> Self {
        Self {
            project_grouping: false,
            initiatives: false,
            teams: false,
            customers: false,
            wiki: true,
            pi: false,
        }
    }
}

impl WorkspaceFeatures {
    /// The request keys, each with its switch.
    pub fn fields_mut(&mut self) -> [(&'static str, &mut bool); 6] {
        [
            ("project_grouping", &mut self.project_grouping),
            ("initiatives", &mut self.initiatives),
            ("teams", &mut self.teams),
            ("customers", &mut self.customers),
            ("wiki", &mut self.wiki),
            ("pi", &mut self.pi),
        ]
    }
}

/// The SDK's project feature keys and the project flag each one stands for.
pub const PROJECT_FEATURE_FLAGS: [(&str, &str); 7] = [
    ("cycles", "cycle_view"),
    ("modules", "module_view"),
    ("intakes", "intake_view"),
    ("pages", "page_view"),
    ("views", "issue_views_view"),
    ("work_item_types", "is_issue_type_enabled"),
    ("time_tracking", "is_time_tracking_enabled"),
];

/// A project's features as Plane's SDK names them. `epics` is always off: Glider has no epics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProjectFeatures {
    pub epics: bool,
    pub cycles: bool,
    pub modules: bool,
    pub intakes: bool,
    pub pages: bool,
    pub views: bool,
    pub work_item_types: bool,
    pub time_tracking: bool,
}

impl ProjectFeatures {
    /// Reads the features off the project's flags (see [`PROJECT_FEATURE_FLAGS`]).
    pub fn of(settings: &ProjectSettings) -> Self {
        Self {
            epics: false,
            cycles: settings.cycle_view,
            modules: settings.module_view,
            intakes: settings.intake_view,
            pages: settings.page_view,
            views: settings.issue_views_view,
            work_item_types: settings.is_issue_type_enabled,
            time_tracking: settings.is_time_tracking_enabled,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_django() {
        assert_eq!(slugify("In Progress"), "in-progress");
        assert_eq!(slugify("  Ready -- for QA! "), "ready-for-qa");
        assert_eq!(slugify("Über_cool"), "über_cool");
    }

    #[test]
    fn cycles_are_detected() {
        let (a, b, c) = (LabelId::new(), LabelId::new(), LabelId::new());
        let parents = HashMap::from([(a, None), (b, Some(a)), (c, Some(b))]);
        assert!(label_cycle(&parents, a, c), "a under its grandchild");
        assert!(label_cycle(&parents, a, a), "a under itself");
        assert!(!label_cycle(&parents, c, a), "c under its grandparent");
        let mut below = label_descendants(&parents, a);
        below.sort();
        let mut expected = vec![b, c];
        expected.sort();
        assert_eq!(below, expected);
    }
}
