//! Records as the services see them: what repositories return.

pub mod accounts;
pub mod events;
pub mod tracker;
pub mod workspaces;
