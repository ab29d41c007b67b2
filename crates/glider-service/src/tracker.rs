//! The tracker: projects, their members and states (work items arrive with the Tracker issue).

pub mod attachments;
pub mod board;
pub mod bulk;
pub mod cycles;
pub mod estimates;
pub mod expand;
pub mod features;
pub mod intake;
pub mod labels;
pub mod lite;
pub mod modules;
pub mod progress;
pub mod project_members;
pub mod projects;
pub mod states;
pub mod views;
pub mod work_items;
pub mod worklogs;
