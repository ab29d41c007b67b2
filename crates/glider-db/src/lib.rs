//! Persistence: one code path for SQLite and PostgreSQL, chosen from the URL at start-up.
//!
//! Entities stay private to this crate; repositories (`repo::*`) take any connection or
//! transaction and return domain records. Every error leaves as [`DbError`].

mod connect;
mod entities;
mod error;
mod listen;
pub mod repo;

pub use connect::{Backend, Db, PoolStats};
pub use error::DbError;
pub use listen::EventListener;
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

/// Commits a transaction opened with [`Db::begin_write`] and wakes this process's event
/// consumers (other replicas are woken by PostgreSQL's NOTIFY, see `repo::events::append`).
pub async fn commit(tx: DatabaseTransaction) -> Result<(), DbError> {
    tx.commit().await?;
    signal_commit();
    Ok(())
}

/// Wakes this process's event consumers (after a commit here or a NOTIFY from elsewhere).
pub fn signal_commit() {
    COMMITS.send_modify(|count| *count = count.wrapping_add(1));
}

/// Commits without waking consumers: for a consumer's own bookkeeping, which would otherwise
/// wake every consumer again.
pub async fn commit_quietly(tx: DatabaseTransaction) -> Result<(), DbError> {
    Ok(tx.commit().await?)
}

static COMMITS: std::sync::LazyLock<tokio::sync::watch::Sender<u64>> =
    std::sync::LazyLock::new(|| tokio::sync::watch::Sender::new(0));

/// Changes after every commit in this process. A watch, not a notification, so a commit that
/// lands while a consumer is busy is not missed.
pub fn commits() -> tokio::sync::watch::Receiver<u64> {
    COMMITS.subscribe()
}
