//! Pages (rich-text documents), saved views and favorites.
//!
//! Pages and views live either at the workspace level or in one project. Both have an owner:
//! a private one is seen by its owner alone.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;

use crate::{FavoriteId, PageId, ProjectId, UserId, ValidationError, ViewId, WorkspaceId};

/// Who may see a page: Plane's 0 (public) and 1 (private).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageAccess {
    /// Everyone who can see the page's workspace or project.
    Public,
    /// The owner alone.
    Private,
}

impl PageAccess {
    /// Plane's number for the access level.
    pub fn plane_code(self) -> i16 {
        match self {
            Self::Public => 0,
            Self::Private => 1,
        }
    }

    /// Parses Plane's number.
    pub fn from_plane_code(code: i64) -> Option<Self> {
        match code {
            0 => Some(Self::Public),
            1 => Some(Self::Private),
            _ => None,
        }
    }
}

/// A page. `project_id` is `None` for a workspace page.
#[derive(Clone, Debug)]
pub struct Page {
    pub id: PageId,
    pub workspace_id: WorkspaceId,
    pub project_id: Option<ProjectId>,
    pub parent_id: Option<PageId>,
    pub owned_by: UserId,
    pub name: String,
    /// Sanitised HTML.
    pub description_html: String,
    /// The text of `description_html`, for search.
    pub description_stripped: String,
    pub access: PageAccess,
    pub color: String,
    pub logo_props: Value,
    pub view_props: Value,
    pub is_locked: bool,
    pub archived_at: Option<DateTime<Utc>>,
    pub sort_order: f64,
    pub external_source: Option<String>,
    pub external_id: Option<String>,
    pub created_by: UserId,
    pub updated_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Page {
    /// Private pages are seen by their owner alone.
    pub fn visible_to(&self, user: UserId) -> bool {
        self.access == PageAccess::Public || self.owned_by == user
    }
}

/// Who may see a saved view: Plane's 0 (private to the owner) and 1 (shared).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewAccess {
    /// The owner alone.
    Private,
    /// Everyone who can see the view's workspace or project.
    Shared,
}

impl ViewAccess {
    /// Plane's number for the access level.
    pub fn plane_code(self) -> i16 {
        match self {
            Self::Private => 0,
            Self::Shared => 1,
        }
    }

    /// Parses Plane's number.
    pub fn from_plane_code(code: i64) -> Option<Self> {
        match code {
            0 => Some(Self::Private),
            1 => Some(Self::Shared),
            _ => None,
        }
    }
}

/// A saved view: named filters and display settings. `project_id` is `None` for a workspace
/// view.
#[derive(Clone, Debug)]
pub struct SavedView {
    pub id: ViewId,
    pub workspace_id: WorkspaceId,
    pub project_id: Option<ProjectId>,
    pub owned_by: UserId,
    pub name: String,
    pub description: String,
    pub filters: Value,
    pub display_filters: Value,
    pub display_properties: Value,
    pub logo_props: Value,
    pub access: ViewAccess,
    pub is_locked: bool,
    pub sort_order: f64,
    pub created_by: UserId,
    pub updated_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl SavedView {
    /// Private views are seen by their owner alone.
    pub fn visible_to(&self, user: UserId) -> bool {
        self.access == ViewAccess::Shared || self.owned_by == user
    }
}

/// A user's favorite: a pointer to a project, view, page, … of one workspace.
#[derive(Clone, Debug)]
pub struct Favorite {
    pub id: FavoriteId,
    pub workspace_id: WorkspaceId,
    pub user_id: UserId,
    /// One of [`FAVORITE_ENTITY_TYPES`].
    pub entity_type: String,
    pub entity_id: uuid::Uuid,
    /// The project the entity belongs to, if any.
    pub project_id: Option<ProjectId>,
    pub sequence: f64,
    pub created_at: DateTime<Utc>,
}

/// The kinds of things a user can mark as favorite. Cycles and modules join when they exist.
pub const FAVORITE_ENTITY_TYPES: &[&str] = &["project", "view", "page"];

/// Parses an entity type of [`FAVORITE_ENTITY_TYPES`].
pub fn favorite_entity_type(field: &str, raw: &str) -> Result<&'static str, ValidationError> {
    FAVORITE_ENTITY_TYPES
        .iter()
        .find(|known| **known == raw)
        .copied()
        .ok_or_else(|| ValidationError::new(field, format!("\"{raw}\" is not a valid choice.")))
}

/// A timestamp as Plane accepts it: RFC 3339, or a bare `YYYY-MM-DD` (midnight UTC).
pub fn timestamp(field: &str, raw: &str) -> Result<DateTime<Utc>, ValidationError> {
    let value = raw.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(value) {
        return Ok(at.with_timezone(&Utc));
    }
    if let Ok(day) = NaiveDate::parse_from_str(value, "%Y-%m-%d")
        && let Some(midnight) = day.and_hms_opt(0, 0, 0)
    {
        return Ok(midnight.and_utc());
    }
    Err(ValidationError::new(
        field,
        "Datetime has wrong format. Use one of these formats instead: \
         YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_accept_rfc3339_and_dates() {
        assert!(timestamp("at", "2026-05-19T10:15:30Z").is_ok());
        assert!(timestamp("at", "2026-05-19T10:15:30.5+02:00").is_ok());
        assert_eq!(
            timestamp("at", "2026-05-19").map(|at| at.to_rfc3339()),
            Ok("2026-05-19T00:00:00+00:00".to_owned())
        );
        assert!(timestamp("at", "yesterday").is_err());
    }

    #[test]
    fn entity_types_are_a_closed_list() {
        assert_eq!(favorite_entity_type("entity_type", "page"), Ok("page"));
        assert!(favorite_entity_type("entity_type", "issue").is_err());
    }
}
