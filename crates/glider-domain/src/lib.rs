//! Glider's domain: pure types and rules with no I/O.
//!
//! Value types are parsed once at the edge (`Email::parse`, `Slug::parse`, …) so the rest of the
//! code never sees an unchecked string. The permission policy lives in [`policy`]: it is the only
//! place that turns a role into a capability.

pub mod clock;
pub mod errors;
pub mod filters;
pub mod html;
pub mod ids;
pub mod model;
pub mod policy;
pub mod roles;
pub mod values;

pub use errors::{FieldErrors, ValidationError};
pub use ids::*;
pub use roles::{ProjectRole, WorkspaceRole};
