//! Use cases, one module per bounded context. Nothing here knows HTTP.
//!
//! Every operation follows the same path: load the actor's access, ask the policy for a
//! capability, validate the input into domain values, then run one transaction that writes the
//! rows and appends a domain event to the outbox, and return domain records.
//!
//! Error policy: operations return [`ServiceError`]; the HTTP layer maps each variant to a stable
//! code. `anyhow` appears only inside `ServiceError::Internal`, for failures no caller can act on.

pub mod access;
pub mod accounts;
pub mod bus;
mod ctx;
pub mod demo;
pub mod email;
mod error;
pub mod events;
pub mod files;
pub mod input;
pub mod notify;
pub mod pages;
pub mod realtime;
pub mod tracker;
pub mod webhooks;
pub mod workspaces;

pub use ctx::{Ctx, PasswordHashing, ServiceSettings};
pub use error::{AuthFailure, ServiceError, ServiceResult};
pub use glider_db::{Backend, Db, PoolStats};
