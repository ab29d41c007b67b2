//! Cross-cutting request handling.

pub mod observe;
pub mod rate_limit;
