//! End-to-end tests through the public surface: HTTP and the CLI, against a real server on
//! SQLite, or PostgreSQL when `GLIDER_TEST_DATABASE_URL` is set.

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly"
)]

mod accounts;
mod attachments;
mod avatars;
mod bulk;
mod catalog;
mod cli;
mod cluster;
mod concurrent_updates;
mod counts;
mod crash;
mod cycles;
mod demo;
mod email;
mod estimates;
mod expand;
mod favorites;
mod features;
mod http;
mod intake;
mod labels;
mod list_totals;
mod lite;
mod member_reports;
mod modules;
mod notifications;
mod pages;
mod permissions;
mod progress;
mod projects;
mod rate_limits;
mod realtime;
mod states;
mod stickies;
mod story;
mod team;
mod views;
mod web_ui;
mod webhooks;
mod work_item_children;
mod work_item_order;
mod work_items;
mod worklogs;
mod workspaces;
