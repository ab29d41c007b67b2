//! Records as the services see them: what repositories return.

pub mod accounts;
pub mod catalog;
pub mod cycles;
pub mod email;
pub mod events;
pub mod files;
pub mod intake;
pub mod notify;
pub mod pages;
pub mod progress;
pub mod tracker;
pub mod webhooks;
pub mod work_item_counts;
pub mod work_items;
pub mod workspaces;
