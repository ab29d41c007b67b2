//! Routes, one module per bounded context.

pub mod accounts;
pub mod notify;
pub mod ops;
pub mod pages;
pub mod tracker;
pub mod webhooks;
pub mod workspaces;
