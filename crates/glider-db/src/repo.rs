//! Repositories: functions over any connection or transaction, returning domain records.
//! Every query on tenant data is scoped by `workspace_id`.

pub mod accounts;
pub mod activities;
pub mod avatars;
pub mod bulk;
pub mod comments;
pub mod cycles;
pub mod email_codes;
pub mod emails;
pub mod estimates;
pub mod events;
pub mod favorites;
pub mod features;
pub mod files;
pub mod intake;
pub mod item_links;
pub mod labels;
pub mod modules;
pub mod notify;
pub mod notify_digest;
pub mod notify_preferences;
pub mod notify_subscribers;
pub mod pages;
pub mod progress;
pub mod project_roles;
pub mod projects;
pub mod relations;
pub mod scopes;
pub mod settings;
pub mod states;
pub mod stickies;
pub mod views;
pub mod webhook_deliveries;
pub mod webhooks;
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
