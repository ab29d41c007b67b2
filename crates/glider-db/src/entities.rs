//! SeaORM entities, one file per bounded context. They stay inside this crate: repositories
//! turn them into domain records.

/// The empty relation enum and default behaviour every entity here shares (relations are
/// expressed in queries, not in entity metadata).
macro_rules! no_relations {
    () => {
        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}
        impl ActiveModelBehavior for ActiveModel {}
    };
}

mod accounts;
mod catalog;
mod cycles;
mod email;
mod files;
mod intake;
mod notify;
mod pages;
mod tracker;
mod webhooks;
mod work_items;
mod workspaces;

pub use accounts::*;
pub use catalog::*;
pub use cycles::*;
pub use email::*;
pub use files::*;
pub use intake::*;
pub use notify::*;
pub use pages::*;
pub use tracker::*;
pub use webhooks::*;
pub use work_items::*;
pub use workspaces::*;
