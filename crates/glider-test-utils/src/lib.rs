//! The test harness: a real Glider server on 127.0.0.1:0 with a fresh database per test.
//!
//! SQLite by default (a temporary file). With `GLIDER_TEST_DATABASE_URL=postgres://…/postgres`
//! each test gets its own PostgreSQL database, cloned from a migrated template, so tests run in
//! parallel without sharing rows.
#![expect(clippy::expect_used, reason = "test fixtures fail loudly")]

mod database;
mod fixtures;
mod mail;
mod process;

use std::{net::SocketAddr, sync::Arc};

use glider_domain::clock::ManualClock;
use glider_http::{AppState, HttpSettings};
use glider_service::{Ctx, PasswordHashing, ServiceSettings};

pub use database::TestDatabase;
pub use fixtures::{BrowserSession, TestUser, json_of};
pub use mail::{ReceivedMail, SmtpSink};
pub use process::{ServerConfig, ServerProcess, free_port};

/// A running server with its own database.
pub struct TestApp {
    pub address: SocketAddr,
    pub client: reqwest::Client,
    /// Move time forward for lockouts and expiries.
    pub clock: ManualClock,
    pub ctx: Ctx,
    pub database: TestDatabase,
    /// The bucket's URL when files go to S3 (see [`TestAppBuilder::s3`]).
    pub s3_bucket_url: Option<String>,
    _dispatcher: glider_service::events::Dispatcher,
    _webhook_sender: glider_service::webhooks::Sender,
    _digest_job: glider_service::notify::digest::DigestJob,
    _files_dir: tempfile::TempDir,
    /// The SMTP sink of an app built with [`TestAppBuilder::smtp`].
    smtp_sink: Option<SmtpSink>,
    _email_sender: Option<glider_service::email::sender::EmailSender>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

/// Configures a [`TestApp`] before it starts.
pub struct TestAppBuilder {
    http: HttpSettings,
    service: ServiceSettings,
    s3: bool,
    smtp: Option<mail::SmtpTarget>,
    redis: bool,
    realtime: Option<glider_service::realtime::Limits>,
}

impl Default for TestAppBuilder {
    fn default() -> Self {
        Self {
            // Limits are off unless a test turns one on, so fixtures never trip them.
            http: HttpSettings {
                api_rate_limit: 0,
                auth_rate_limit: 0,
                session_rate_limit: 0,
                ..HttpSettings::default()
            },
            service: ServiceSettings {
                // Argon2id at a test cost: the real algorithm, a fraction of the memory.
                password_hashing: PasswordHashing {
                    memory_kib: 1024,
                    iterations: 1,
                    parallelism: 1,
                },
                // Test receivers listen on 127.0.0.1.
                webhooks: glider_service::webhooks::WebhookSettings {
                    allow: glider_service::webhooks::AllowList::parse("127.0.0.1"),
                    ..Default::default()
                },
                ..ServiceSettings::default()
            },
            s3: false,
            smtp: None,
            redis: false,
            realtime: None,
        }
    }
}

impl TestAppBuilder {
    pub fn api_rate_limit(mut self, per_minute: u32) -> Self {
        self.http.api_rate_limit = per_minute;
        self
    }

    pub fn auth_rate_limit(mut self, per_minute: u32) -> Self {
        self.http.auth_rate_limit = per_minute;
        self
    }

    pub fn session_rate_limit(mut self, per_minute: u32) -> Self {
        self.http.session_rate_limit = per_minute;
        self
    }

    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.http.body_limit = bytes;
        self
    }

    /// Serves the web app from `dir` (a fake Vite build) instead of the embedded copy.
    pub fn web_dir(mut self, dir: &std::path::Path) -> Self {
        self.http.web_dir = Some(dir.to_owned());
        self
    }

    pub fn max_upload_bytes(mut self, bytes: i64) -> Self {
        self.service.max_upload_bytes = bytes;
        self
    }

    /// Changes how webhooks are sent (allow-list, timeout, retries).
    pub fn webhooks(
        mut self,
        edit: impl FnOnce(&mut glider_service::webhooks::WebhookSettings),
    ) -> Self {
        edit(&mut self.service.webhooks);
        self
    }

    /// Stores files in a fresh bucket of the S3 server at `GLIDER_TEST_S3_URL` (scripts/test
    /// starts one) instead of a local folder.
    /// Sends e-mail to a fresh SMTP sink (`tests/smtp_sink.py`); read it with
    /// [`TestApp::wait_for_mail`].
    pub fn smtp(mut self) -> Self {
        self.smtp = Some(mail::SmtpTarget::Sink);
        self
    }

    /// Sends e-mail to the SMTP server at `url` (e.g. a port where nothing listens).
    pub fn smtp_url(mut self, url: &str) -> Self {
        self.smtp = Some(mail::SmtpTarget::Url(url.to_owned()));
        self
    }

    pub fn s3(mut self) -> Self {
        self.s3 = true;
        self
    }

    /// Signals (presence) go through the Redis at `GLIDER_TEST_REDIS_URL` (scripts/test starts
    /// one), as with several replicas.
    pub fn redis(mut self) -> Self {
        self.redis = true;
        self
    }

    /// Other per-socket bounds for the WebSocket hub (a tiny queue to test slow clients).
    pub fn realtime_limits(mut self, limits: glider_service::realtime::Limits) -> Self {
        self.realtime = Some(limits);
        self
    }

    pub async fn spawn(self) -> TestApp {
        let database = TestDatabase::create().await;
        let db = glider_db::Db::connect(database.url(), 8)
            .await
            .expect("connect to the test database");
        glider_db::migrate(&db)
            .await
            .expect("migrate the test database");
        let clock = ManualClock::default();
        let mut service = self.service;
        service.smtp_configured = self.smtp.is_some();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let address = listener.local_addr().expect("local address");
        service.public_url = format!("http://{address}");
        let files_dir = tempfile::tempdir().expect("files directory");
        let (files, s3_bucket_url) = if self.s3 {
            let (store, url) = s3_bucket().await;
            (store, Some(url))
        } else {
            let store = glider_service::files::FileStore::local(files_dir.path());
            (store.expect("file store"), None)
        };
        let mut ctx = Ctx::new(db, Arc::new(clock.clone()), service, None, files)
            .await
            .expect("service context");
        if self.redis {
            ctx.bus = glider_service::bus::Bus::redis(&redis_url())
                .await
                .expect("connect to the test Redis");
        }
        if let Some(limits) = self.realtime {
            ctx.realtime = glider_service::realtime::Hub::new(limits);
        }
        let dispatcher = glider_service::events::start(&ctx, glider_service::events::consumers())
            .await
            .expect("event dispatcher");
        let webhook_sender = glider_service::webhooks::start(&ctx).expect("webhook sender");
        let digest_job = glider_service::notify::digest::start(&ctx);
        let (smtp_sink, email_sender) = match self.smtp {
            Some(target) => {
                let (sink, url) = match target {
                    mail::SmtpTarget::Sink => {
                        let sink = SmtpSink::start().await;
                        let url = sink.url();
                        (Some(sink), url)
                    }
                    mail::SmtpTarget::Url(url) => (None, url),
                };
                let mailer = glider_service::email::Mailer::from_url(
                    &secrecy::SecretString::from(url),
                    "Glider <glider@localhost>",
                )
                .expect("mailer for the test SMTP server");
                (
                    sink,
                    Some(glider_service::email::sender::start(&ctx, mailer)),
                )
            }
            None => (None, None),
        };
        let router = glider_http::router(AppState::new(ctx.clone(), self.http));
        let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            let _ = glider_http::serve(listener, router, async move {
                let _ = stopped.await;
            })
            .await;
        });
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("http client");
        TestApp {
            address,
            client,
            clock,
            ctx,
            database,
            s3_bucket_url,
            _dispatcher: dispatcher,
            _webhook_sender: webhook_sender,
            _digest_job: digest_job,
            _files_dir: files_dir,
            smtp_sink,
            _email_sender: email_sender,
            shutdown: Some(shutdown),
        }
    }
}

/// The Redis of `GLIDER_TEST_REDIS_URL`.
pub fn redis_url() -> String {
    std::env::var("GLIDER_TEST_REDIS_URL").expect(
        "Redis tests need a Redis server: run scripts/test, or start `redis-server` and set \
         GLIDER_TEST_REDIS_URL=redis://127.0.0.1:6379",
    )
}

/// A new, empty bucket on the test S3 server, with a key prefix to exercise prefixed URLs.
async fn s3_bucket() -> (glider_service::files::FileStore, String) {
    let endpoint = std::env::var("GLIDER_TEST_S3_URL").expect(
        "S3 tests need an S3 server: run scripts/test, or start `.venv/bin/moto_server -p 5055` \
         and set GLIDER_TEST_S3_URL=http://127.0.0.1:5055 AWS_ACCESS_KEY_ID=test \
         AWS_SECRET_ACCESS_KEY=test",
    );
    let bucket = format!("glider-test-{}", uuid::Uuid::new_v4().simple());
    let created = reqwest::Client::new()
        .put(format!("{endpoint}/{bucket}"))
        .send()
        .await
        .expect("reach the test S3 server");
    assert!(
        created.status().is_success(),
        "create bucket: {}",
        created.status()
    );
    let store = glider_service::files::FileStore::s3(&format!("{endpoint}/{bucket}/attachments"))
        .expect("S3 file store");
    store.check().await.expect("S3 bucket answers");
    (store, format!("{endpoint}/{bucket}"))
}

impl TestApp {
    /// A server with default test settings.
    pub async fn spawn() -> Self {
        TestAppBuilder::default().spawn().await
    }

    pub fn builder() -> TestAppBuilder {
        TestAppBuilder::default()
    }

    /// `http://127.0.0.1:PORT` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// The server's current time (moved by [`TestApp::clock`]).
    pub fn clock_now(&self) -> chrono::DateTime<chrono::Utc> {
        self.ctx.now()
    }

    /// Which backend this run uses, for test names and messages.
    pub fn backend(&self) -> glider_db::Backend {
        self.ctx.db.backend()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}
