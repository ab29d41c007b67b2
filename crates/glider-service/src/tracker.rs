//! The tracker: projects, their members and states (work items arrive with the Tracker issue).

pub mod project_members;
pub mod projects;
pub mod states;
pub mod views;
