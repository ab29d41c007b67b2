//! Configuration: flags > `GLIDER_*` environment > `glider.toml` > defaults.

use std::{net::SocketAddr, path::PathBuf, time::Duration};

use anyhow::Context;
use figment::{
    Figment,
    providers::{Env, Format, Serialized, Toml},
};
use glider_http::HttpSettings;
use glider_service::ServiceSettings;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::cli::{GlobalArgs, ServeArgs};

/// Every setting. Secrets are `SecretString`, so `Debug` shows `[REDACTED]`.
#[derive(Debug, Deserialize)]
#[serde(default)]
pub struct Config {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    /// `postgres://…` for PostgreSQL; unset means SQLite in `data_dir`.
    pub database_url: Option<SecretString>,
    pub db_max_connections: u32,
    /// Signs access tokens. Unset: a key is generated once and kept in the database.
    pub secret_key: Option<SecretString>,
    /// The URL people open; invitation links start here.
    pub public_url: Option<String>,
    /// Requests per minute per API token (0 = no limit).
    pub api_rate_limit: u32,
    /// Requests per minute per client IP on sign-in endpoints (0 = no limit).
    pub auth_rate_limit: u32,
    /// Requests per minute per browser or token session (0 = no limit).
    pub session_rate_limit: u32,
    /// Comma-separated origins allowed by CORS.
    pub cors_origins: String,
    pub body_limit_bytes: usize,
    /// The largest attachment accepted, in bytes (Plane's default: 5 MiB).
    pub max_upload_bytes: i64,
    pub request_timeout_secs: u64,
    pub secure_cookies: bool,
    /// `redis://host:port`: presence and other signals reach every replica through it.
    pub redis_url: Option<SecretString>,
    /// `smtp://host:port`, `smtp://…?tls=starttls`, `smtps://user:password@host:465` (see
    /// `glider_service::email::Mailer`). Unset: e-mails are held for `glider admin emails`.
    pub smtp_url: Option<SecretString>,
    /// The sender of every e-mail, `Name <address>`.
    pub smtp_from: String,
    /// Attachments go to this S3 bucket URL (see `FileStore::s3`) instead of `data_dir`.
    pub s3_url: Option<String>,
    /// Comma-separated hosts, IP addresses and CIDR networks webhooks may target although
    /// they are private or loopback (`GLIDER_WEBHOOK_ALLOW_HOSTS=127.0.0.1,10.0.0.0/8`).
    pub webhook_allow_hosts: String,
    /// Serve the web app from this folder (a Vite build of `web/`) instead of the copy
    /// embedded in the binary: `--web-dir` on `glider serve`, `GLIDER_WEB_DIR`, or `web_dir`.
    pub web_dir: Option<PathBuf>,
    /// `json` (default) or `pretty`.
    pub log_format: String,
    /// A tracing filter, e.g. `info` or `glider=debug,info`.
    pub log: String,
}

impl Default for Config {
    fn default() -> Self {
        let http = HttpSettings::default();
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir: PathBuf::from("glider-data"),
            database_url: None,
            db_max_connections: 16,
            secret_key: None,
            public_url: None,
            api_rate_limit: http.api_rate_limit,
            auth_rate_limit: http.auth_rate_limit,
            session_rate_limit: http.session_rate_limit,
            cors_origins: String::new(),
            body_limit_bytes: http.body_limit,
            max_upload_bytes: ServiceSettings::default().max_upload_bytes,
            request_timeout_secs: http.request_timeout.as_secs(),
            secure_cookies: false,
            redis_url: None,
            smtp_url: None,
            smtp_from: "Glider <glider@localhost>".to_owned(),
            s3_url: None,
            webhook_allow_hosts: String::new(),
            web_dir: None,
            log_format: "json".to_owned(),
            log: "info,sqlx=warn,sea_orm=warn".to_owned(),
        }
    }
}

/// Flags given on the command line (absent ones do not override).
#[derive(Debug, Default, Serialize)]
struct FlagOverrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    data_dir: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    database_url: Option<String>,
}

impl Config {
    pub fn load(args: &GlobalArgs) -> anyhow::Result<Self> {
        let file = args
            .config
            .clone()
            .unwrap_or_else(|| PathBuf::from("glider.toml"));
        if args.config.is_some() && !file.exists() {
            anyhow::bail!("configuration file {} does not exist", file.display());
        }
        let flags = FlagOverrides {
            data_dir: args.data_dir.clone(),
            database_url: args.database_url.clone(),
        };
        Figment::new()
            .merge(Toml::file(&file))
            .merge(Env::prefixed("GLIDER_").ignore(&["config"]))
            .merge(Serialized::defaults(flags))
            .extract()
            .context("reading glider.toml and GLIDER_* variables")
    }

    pub fn with_serve_args(mut self, args: &ServeArgs) -> Self {
        if let Some(listen) = args.listen {
            self.listen = listen;
        }
        if let Some(dir) = &args.web_dir {
            self.web_dir = Some(dir.clone());
        }
        self
    }

    /// The database URL: the configured one, or the SQLite file in the data directory.
    pub fn database_url(&self) -> anyhow::Result<String> {
        if let Some(url) = &self.database_url {
            return Ok(url.expose_secret().to_owned());
        }
        std::fs::create_dir_all(self.data_dir.join("files"))
            .with_context(|| format!("creating the data directory {}", self.data_dir.display()))?;
        Ok(format!(
            "sqlite://{}?mode=rwc",
            self.data_dir.join("glider.db").display()
        ))
    }

    pub fn service_settings(&self) -> ServiceSettings {
        ServiceSettings {
            public_url: self
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{}", self.listen)),
            max_upload_bytes: self.max_upload_bytes,
            webhooks: glider_service::webhooks::WebhookSettings {
                allow: glider_service::webhooks::AllowList::parse(&self.webhook_allow_hosts),
                ..Default::default()
            },
            smtp_configured: self.smtp_url.is_some(),
            ..ServiceSettings::default()
        }
    }

    pub fn http_settings(&self) -> HttpSettings {
        HttpSettings {
            cors_origins: self
                .cors_origins
                .split(',')
                .map(str::trim)
                .filter(|origin| !origin.is_empty())
                .map(str::to_owned)
                .collect(),
            body_limit: self.body_limit_bytes,
            request_timeout: Duration::from_secs(self.request_timeout_secs.max(1)),
            api_rate_limit: self.api_rate_limit,
            auth_rate_limit: self.auth_rate_limit,
            session_rate_limit: self.session_rate_limit,
            secure_cookies: self.secure_cookies,
            web_dir: self.web_dir.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_show_in_debug_output() {
        let config = Config {
            database_url: Some(SecretString::from("postgres://glider:hunter2@db/glider")),
            secret_key: Some(SecretString::from("signing-key-hunter3")),
            ..Config::default()
        };
        let printed = format!("{config:?}");
        assert!(
            !printed.contains("hunter2") && !printed.contains("hunter3"),
            "{printed}"
        );
    }

    #[test]
    fn the_web_dir_flag_overrides_the_environment_and_the_file() {
        let configured = Config {
            web_dir: Some(PathBuf::from("/from/env")),
            ..Config::default()
        };
        let flag = ServeArgs {
            web_dir: Some(PathBuf::from("/from/flag")),
            ..ServeArgs::default()
        };
        let config = configured.with_serve_args(&flag);
        assert_eq!(
            config.http_settings().web_dir,
            Some(PathBuf::from("/from/flag"))
        );
        let kept = config.with_serve_args(&ServeArgs::default());
        assert_eq!(kept.web_dir, Some(PathBuf::from("/from/flag")));
        assert_eq!(Config::default().http_settings().web_dir, None);
    }
}
