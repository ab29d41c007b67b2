//! Routes, one module per bounded context.

pub mod accounts;
pub mod ops;
pub mod pages;
pub mod tracker;
pub mod workspaces;
