//! Persistence: one code path for SQLite and PostgreSQL, chosen from the URL at start-up.
//!
//! Entities stay private to this crate; repositories (`repo::*`) take any connection or
//! transaction and return domain records. Every error leaves as [`DbError`].

mod connect;
mod entities;
mod error;
pub mod repo;

pub use connect::{Backend, Db, PoolStats};
pub use error::DbError;
pub use sea_orm::{ConnectionTrait, DatabaseTransaction};

/// Applies every pending migration.
pub async fn migrate(db: &Db) -> Result<(), DbError> {
    use glider_migration::MigratorTrait;
    glider_migration::Migrator::up(db.conn(), None).await?;
    Ok(())
}

/// True when no migration is pending (readiness).
pub async fn migrations_applied(db: &Db) -> Result<bool, DbError> {
    use glider_migration::MigratorTrait;
    Ok(
        glider_migration::Migrator::get_pending_migrations(db.conn())
            .await?
            .is_empty(),
    )
}

/// Commits a transaction opened with [`Db::begin_write`].
pub async fn commit(tx: DatabaseTransaction) -> Result<(), DbError> {
    Ok(tx.commit().await?)
}
