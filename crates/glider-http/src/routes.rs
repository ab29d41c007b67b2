//! Routes, one module per bounded context.

pub mod accounts;
pub mod ops;
pub mod notify;
pub mod pages;
pub mod tracker;
pub mod webhooks;
pub mod workspaces;
