//! Opening the database: SQLite with WAL, busy timeout and foreign keys; or PostgreSQL.

use std::{str::FromStr, time::Duration};

use sea_orm::{
    DatabaseConnection, DatabaseTransaction, DbErr, SqlxPostgresConnector, SqlxSqliteConnector,
    TransactionOptions, TransactionTrait,
    sqlx::{
        postgres::{PgConnectOptions, PgPoolOptions},
        sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
    },
};

use crate::DbError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A pooled connection to either backend.
#[derive(Clone, Debug)]
pub struct Db {
    conn: DatabaseConnection,
    /// Where write transactions begin. On SQLite a pool of one connection: SQLite admits one
    /// writer at a time, and writers queue on the pool in order instead of sleeping in
    /// SQLite's busy handler (which backs off up to 100 ms, so contended writes took
    /// hundreds of milliseconds). On PostgreSQL the same pool as reads.
    writer: DatabaseConnection,
    backend: Backend,
}

/// Pool figures for `/metrics`.
#[derive(Clone, Copy, Debug)]
pub struct PoolStats {
    pub size: u32,
    pub idle: u32,
    pub max: u32,
}

impl Db {
    /// Opens `url`: `sqlite://path` (created if missing) or `postgres://…`.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, DbError> {
        let connect_error = |e: sea_orm::sqlx::Error| {
            DbError::Other(DbErr::Conn(sea_orm::RuntimeErr::SqlxError(e.into())))
        };
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url).map_err(connect_error)?;
            let pool = PgPoolOptions::new()
                .max_connections(max_connections)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await
                .map_err(connect_error)?;
            let conn = SqlxPostgresConnector::from_sqlx_postgres_pool(pool);
            return Ok(Self {
                writer: conn.clone(),
                conn,
                backend: Backend::Postgres,
            });
        }
        if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)
                .map_err(connect_error)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(15))
                .foreign_keys(true)
                // Reads through a memory map instead of a read() per page, and a larger page
                // cache per connection (8 MiB): list reads walk many pages.
                .pragma("mmap_size", "268435456")
                .pragma("cache_size", "-8192");
            let pool = SqlitePoolOptions::new()
                .max_connections(max_connections)
                .acquire_timeout(Duration::from_secs(15))
                .connect_with(options.clone())
                .await
                .map_err(connect_error)?;
            let writer = SqlitePoolOptions::new()
                .max_connections(1)
                .acquire_timeout(Duration::from_secs(60))
                .connect_with(options)
                .await
                .map_err(connect_error)?;
            return Ok(Self {
                conn: SqlxSqliteConnector::from_sqlx_sqlite_pool(pool),
                writer: SqlxSqliteConnector::from_sqlx_sqlite_pool(writer),
                backend: Backend::Sqlite,
            });
        }
        Err(DbError::Other(DbErr::Custom(
            "database URL must start with sqlite:// or postgres://".to_owned(),
        )))
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn conn(&self) -> &DatabaseConnection {
        &self.conn
    }

    /// Begins a transaction that will write. On SQLite it runs on the writer connection and
    /// takes the write lock at once (`BEGIN IMMEDIATE`), so it never fails on lock upgrade;
    /// writes outside these transactions still queue on the busy timeout.
    pub async fn begin_write(&self) -> Result<DatabaseTransaction, DbError> {
        let options = TransactionOptions {
            sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
            ..Default::default()
        };
        Ok(self.writer.begin_with_options(options).await?)
    }

    pub async fn ping(&self) -> Result<(), DbError> {
        Ok(self.conn.ping().await?)
    }

    pub fn pool_stats(&self) -> PoolStats {
        match self.backend {
            Backend::Postgres => {
                let pool = self.conn.get_postgres_connection_pool();
                PoolStats {
                    size: pool.size(),
                    idle: u32::try_from(pool.num_idle()).unwrap_or(u32::MAX),
                    max: pool.options().get_max_connections(),
                }
            }
            Backend::Sqlite => {
                let pool = self.conn.get_sqlite_connection_pool();
                PoolStats {
                    size: pool.size(),
                    idle: u32::try_from(pool.num_idle()).unwrap_or(u32::MAX),
                    max: pool.options().get_max_connections(),
                }
            }
        }
    }

    pub async fn close(&self) {
        if self.backend == Backend::Sqlite {
            let _ = self.writer.close_by_ref().await;
        }
        let _ = self.conn.close_by_ref().await;
    }
}
