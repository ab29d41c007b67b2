//! Cross-replica wake-ups: PostgreSQL's LISTEN on the events channel.

use sqlx::postgres::PgListener;

use crate::{Backend, Db, DbError, repo::events::NOTIFY_CHANNEL};

/// Receives a signal whenever any replica commits events (PostgreSQL only; SQLite has one
/// process, woken by [`crate::commits`]).
pub struct EventListener {
    listener: PgListener,
}

impl EventListener {
    /// `None` on SQLite.
    pub async fn connect(db: &Db) -> Result<Option<Self>, DbError> {
        if db.backend() != Backend::Postgres {
            return Ok(None);
        }
        let pool = db.conn().get_postgres_connection_pool();
        let mut listener = PgListener::connect_with(pool)
            .await
            .map_err(|error| DbError::Other(sea_orm::DbErr::Custom(error.to_string())))?;
        listener
            .listen(NOTIFY_CHANNEL)
            .await
            .map_err(|error| DbError::Other(sea_orm::DbErr::Custom(error.to_string())))?;
        Ok(Some(Self { listener }))
    }

    /// Waits for the next notification. After a lost connection sqlx reconnects and this
    /// returns, so the caller re-reads the log and misses nothing.
    pub async fn wait(&mut self) -> Result<(), DbError> {
        self.listener
            .try_recv()
            .await
            .map(|_| ())
            .map_err(|error| DbError::Other(sea_orm::DbErr::Custom(error.to_string())))
    }
}
