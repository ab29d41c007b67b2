//! What every operation needs: the database, the clock and the settings.

use std::sync::Arc;

use chrono::Duration;
use glider_db::Db;
use glider_domain::clock::Clock;
use secrecy::SecretString;

/// Argon2id cost. Production uses OWASP's recommendation; tests may lower it.
#[derive(Clone, Copy, Debug)]
pub struct PasswordHashing {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl Default for PasswordHashing {
    fn default() -> Self {
        Self {
            memory_kib: 19 * 1024,
            iterations: 2,
            parallelism: 1,
        }
    }
}

#[derive(Clone, Debug)]
pub struct ServiceSettings {
    pub access_token_ttl: Duration,
    pub refresh_token_ttl: Duration,
    pub browser_session_ttl: Duration,
    pub invitation_ttl: Duration,
    /// Consecutive failed sign-ins that lock an account.
    pub lockout_threshold: i32,
    pub lockout_duration: Duration,
    pub password_hashing: PasswordHashing,
    /// Where people open the web app; invitation links start here.
    pub public_url: String,
    /// Largest attachment accepted, in bytes (Plane's FILE_SIZE_LIMIT, 5 MiB).
    pub max_upload_bytes: i64,
    /// How long signed upload and download URLs stay valid.
    pub signed_url_ttl: Duration,
    /// Longest a consumer waits before looking at the event log again when nothing woke it
    /// (a lost NOTIFY, or a replica whose commits it cannot hear).
    pub event_poll_interval: std::time::Duration,
    /// Webhook targets, timeouts and retries.
    pub webhooks: crate::webhooks::WebhookSettings,
    /// An SMTP server is configured: queued e-mails are sent. Without one they are held in
    /// the table for an administrator to read, so nothing is silently dropped.
    pub smtp_configured: bool,
}

impl Default for ServiceSettings {
    fn default() -> Self {
        Self {
            access_token_ttl: Duration::minutes(15),
            refresh_token_ttl: Duration::days(30),
            browser_session_ttl: Duration::days(30),
            invitation_ttl: Duration::days(7),
            lockout_threshold: 5,
            lockout_duration: Duration::minutes(15),
            password_hashing: PasswordHashing::default(),
            public_url: "http://127.0.0.1:8080".to_owned(),
            max_upload_bytes: 5 * 1024 * 1024,
            signed_url_ttl: Duration::hours(1),
            event_poll_interval: std::time::Duration::from_secs(1),
            webhooks: crate::webhooks::WebhookSettings::default(),
            smtp_configured: false,
        }
    }
}

/// Shared by every request; cheap to clone.
#[derive(Clone)]
pub struct Ctx {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub settings: Arc<ServiceSettings>,
    /// Uploaded files.
    pub files: crate::files::FileStore,
    /// The event log as it grows, for real-time fan-out on this replica.
    pub live: crate::events::LiveEvents,
    /// Ephemeral signals (presence) to every replica; in-process unless Redis is configured.
    pub bus: crate::bus::Bus,
    /// The WebSocket subscribers of this replica.
    pub realtime: crate::realtime::Hub,
    /// Signs access tokens; shared by every replica through the database unless configured.
    pub(crate) signing_key: Arc<SecretString>,
    /// Work-item list totals, kept until their project changes.
    pub(crate) list_counts: crate::tracker::work_items::ListCounts,
}

impl std::fmt::Debug for Ctx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ctx")
            .field("backend", &self.db.backend())
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl Ctx {
    /// Builds the context. Without a configured secret, the signing key is generated once and
    /// kept in the database so every replica signs and verifies with the same key.
    pub async fn new(
        db: Db,
        clock: Arc<dyn Clock>,
        settings: ServiceSettings,
        secret_key: Option<SecretString>,
        files: crate::files::FileStore,
    ) -> anyhow::Result<Self> {
        let signing_key = match secret_key {
            Some(key) => key,
            None => {
                let generated = crate::accounts::tokens::random_secret(48);
                let stored = glider_db::repo::settings::get_or_insert(
                    db.conn(),
                    "token_signing_key",
                    &generated,
                )
                .await?;
                SecretString::from(stored)
            }
        };
        Ok(Self {
            db,
            clock,
            settings: Arc::new(settings),
            files,
            live: crate::events::LiveEvents::default(),
            bus: crate::bus::Bus::in_process(),
            realtime: crate::realtime::Hub::default(),
            signing_key: Arc::new(signing_key),
            list_counts: Default::default(),
        })
    }

    /// The current time, to the microsecond (what PostgreSQL stores), so both backends return
    /// the same values.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        use chrono::SubsecRound;
        self.clock.now().trunc_subsecs(6)
    }
}
