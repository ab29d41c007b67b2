//! Pages: rich-text documents of a workspace or of one project (Plane's paid "pages", served
//! here on the same paths).
//!
//! The HTML is stored sanitised with a stripped text copy; a nullable binary column waits for
//! the live document's Y.js state. A page has an owner (its creator); a private page is seen by
//! its owner alone. Members create pages; the owner or an admin of the scope edits, archives,
//! locks and deletes them; a locked page refuses every change but unlocking.

mod input;
mod read;
pub mod scope;
mod write;

pub(crate) use input::{number, object, text, touches_other_than};
pub use read::{PageView, get, list};
pub use scope::Scope;
pub use write::{create, delete, set_archived, set_locked, update};
