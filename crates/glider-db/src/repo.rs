//! Repositories: functions over any connection or transaction, returning domain records.
//! Every query on tenant data is scoped by `workspace_id`.

pub mod accounts;
pub mod activities;
pub mod comments;
pub mod cycles;
pub mod estimates;
pub mod events;
pub mod favorites;
pub mod features;
pub mod files;
pub mod intake;
pub mod item_links;
pub mod labels;
pub mod modules;
pub mod pages;
pub mod progress;
pub mod project_roles;
pub mod projects;
pub mod relations;
pub mod settings;
pub mod states;
pub mod stickies;
pub mod views;
pub mod work_item_counts;
pub mod work_item_queries;
pub mod work_items;
pub mod worklogs;
pub mod workspaces;

use crate::DbError;

/// Turns "no row" into `DbError::NotFound`.
pub(crate) fn found<T>(row: Option<T>) -> Result<T, DbError> {
    row.ok_or(DbError::NotFound)
}
