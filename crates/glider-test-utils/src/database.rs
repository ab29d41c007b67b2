//! A database per test: a temporary SQLite file, or a PostgreSQL database cloned from a
//! migrated template.

use glider_db::{ConnectionTrait, Db};

/// Owns the test's database and removes it when dropped.
pub struct TestDatabase {
    url: String,
    postgres: Option<(String, String)>,
    _dir: Option<tempfile::TempDir>,
}

impl TestDatabase {
    pub async fn create() -> Self {
        match std::env::var("GLIDER_TEST_DATABASE_URL") {
            Ok(admin_url) if admin_url.starts_with("postgres") => Self::postgres(admin_url).await,
            _ => {
                let dir = tempfile::tempdir().expect("temporary directory");
                let url = format!(
                    "sqlite://{}?mode=rwc",
                    dir.path().join("glider.db").display()
                );
                Self {
                    url,
                    postgres: None,
                    _dir: Some(dir),
                }
            }
        }
    }

    /// The URL the server uses, also for CLI commands run against the same database.
    pub fn url(&self) -> &str {
        &self.url
    }

    async fn postgres(admin_url: String) -> Self {
        let template = template_name();
        let admin = Db::connect(&admin_url, 1)
            .await
            .expect("connect to PostgreSQL (GLIDER_TEST_DATABASE_URL)");
        ensure_template(&admin, &admin_url, &template).await;
        let name = format!("glider_test_{}", uuid::Uuid::new_v4().simple());
        admin
            .conn()
            .execute_unprepared(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
            .await
            .expect("clone the template database");
        admin.close().await;
        Self {
            url: with_database(&admin_url, &name),
            postgres: Some((admin_url, name)),
            _dir: None,
        }
    }
}

/// The template is named after the migrations, so a new migration makes a new template.
fn template_name() -> String {
    use glider_migration::MigratorTrait;
    let names: Vec<String> = glider_migration::Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in names.join(",").bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("glider_template_{hash:016x}")
}

fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let base = base.rsplit_once('/').map_or(base, |(prefix, _)| prefix);
    match query {
        Some(query) => format!("{base}/{name}?{query}"),
        None => format!("{base}/{name}"),
    }
}

/// Creates the migrated template once; concurrent test processes wait on an advisory lock.
async fn ensure_template(admin: &Db, admin_url: &str, template: &str) {
    let conn = admin.conn();
    conn.execute_unprepared("SELECT pg_advisory_lock(727274)")
        .await
        .expect("advisory lock");
    let exists = conn
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DatabaseBackend::Postgres,
            format!("SELECT 1 AS found FROM pg_database WHERE datname = '{template}'"),
        ))
        .await
        .expect("look up the template")
        .is_some();
    if !exists {
        let building = format!("{template}_building");
        conn.execute_unprepared(&format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)"))
            .await
            .expect("drop stale template");
        conn.execute_unprepared(&format!("CREATE DATABASE {building}"))
            .await
            .expect("create template");
        let db = Db::connect(&with_database(admin_url, &building), 2)
            .await
            .expect("connect to the template");
        glider_db::migrate(&db).await.expect("migrate the template");
        db.close().await;
        conn.execute_unprepared(&format!("ALTER DATABASE {building} RENAME TO {template}"))
            .await
            .expect("publish template");
        drop_old_templates(conn, template).await;
    }
    conn.execute_unprepared("SELECT pg_advisory_unlock(727274)")
        .await
        .expect("advisory unlock");
}

/// Templates of earlier migration sets are dead weight once a new one is published. One still
/// being cloned by another run refuses the drop, which is ignored.
async fn drop_old_templates(conn: &sea_orm::DatabaseConnection, current: &str) {
    let Ok(rows) = conn
        .query_all_raw(sea_orm::Statement::from_string(
            sea_orm::DatabaseBackend::Postgres,
            format!(
                "SELECT datname FROM pg_database WHERE datname LIKE 'glider_template_%' \
                 AND datname <> '{current}' AND datname NOT LIKE '%_building'"
            ),
        ))
        .await
    else {
        return;
    };
    for row in rows {
        if let Ok(name) = row.try_get::<String>("", "datname") {
            let _ = conn
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}"))
                .await;
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some((admin_url, name)) = self.postgres.take() else {
            return;
        };
        // Drop runs inside the test's runtime; a separate thread with its own runtime may block.
        let _ = std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            runtime.block_on(async move {
                if let Ok(admin) = Db::connect(&admin_url, 1).await {
                    let _ = admin
                        .conn()
                        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .await;
                    admin.close().await;
                }
            });
        })
        .join();
    }
}
