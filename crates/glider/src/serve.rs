//! `glider serve` and `glider migrate`.

use std::sync::Arc;

use anyhow::Context;
use glider_db::Db;
use glider_domain::clock::SystemClock;
use glider_http::AppState;
use glider_service::Ctx;
use glider_service::files::FileStore;
use tracing_subscriber::{EnvFilter, fmt};

use crate::config::Config;

pub fn init_logging(config: &Config, serving: bool) {
    let filter =
        EnvFilter::try_from_env("GLIDER_LOG").unwrap_or_else(|_| EnvFilter::new(&config.log));
    // Admin commands print their result on stdout; their logs go to stderr and stay quiet.
    let filter = if serving {
        filter
    } else {
        EnvFilter::new("warn")
    };
    let builder = fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if config.log_format == "pretty" {
        builder.init();
    } else {
        builder
            .json()
            .flatten_event(true)
            .with_current_span(false)
            .with_span_list(false)
            .init();
    }
}

/// Opens the database and applies pending migrations.
pub async fn open_database(config: &Config) -> anyhow::Result<Db> {
    let url = config.database_url()?;
    let db = Db::connect(&url, config.db_max_connections)
        .await
        .context("connecting to the database")?;
    glider_db::migrate(&db)
        .await
        .context("applying migrations")?;
    Ok(db)
}

pub async fn context(config: &Config) -> anyhow::Result<Ctx> {
    let db = open_database(config).await?;
    let files = match &config.s3_url {
        Some(url) => FileStore::s3(url).context("configuring S3 from GLIDER_S3_URL")?,
        None => FileStore::local(&config.data_dir.join("files")).with_context(|| {
            format!("opening the files folder in {}", config.data_dir.display())
        })?,
    };
    Ctx::new(
        db,
        Arc::new(SystemClock),
        config.service_settings(),
        config.secret_key.clone(),
        files,
    )
    .await
}

pub async fn migrate_only(config: &Config) -> anyhow::Result<()> {
    let db = open_database(config).await?;
    db.close().await;
    println!("migrations applied");
    Ok(())
}

pub async fn run(config: Config) -> anyhow::Result<()> {
    if let Some(dir) = &config.web_dir
        && !dir.is_dir()
    {
        anyhow::bail!(
            "the web directory {} (--web-dir, GLIDER_WEB_DIR) is not a folder",
            dir.display()
        );
    }
    let mut ctx = context(&config).await?;
    // Only the server checks the bucket at start: admin commands share `context` and never
    // touch files, so they need not wait on a network round trip to S3.
    if let Some(url) = &config.s3_url {
        ctx.files
            .check()
            .await
            .with_context(|| format!("reaching the S3 bucket {url}"))?;
    }
    if let Some(url) = &config.redis_url {
        use secrecy::ExposeSecret;
        ctx.bus = glider_service::bus::Bus::redis(url.expose_secret())
            .await
            .context("connecting to Redis (GLIDER_REDIS_URL)")?;
    }
    let state = AppState::new(ctx.clone(), config.http_settings());
    let maintenance = glider_http::spawn_maintenance(&state);
    let dispatcher = glider_service::events::start(&ctx, glider_service::events::consumers())
        .await
        .context("starting the event dispatcher")?;
    let webhook_sender =
        glider_service::webhooks::start(&ctx).context("starting the webhook sender")?;
    let email_sender = match &config.smtp_url {
        Some(url) => {
            let mailer = glider_service::email::Mailer::from_url(url, &config.smtp_from)
                .context("configuring e-mail from GLIDER_SMTP_URL and GLIDER_SMTP_FROM")?;
            Some(glider_service::email::sender::start(&ctx, mailer))
        }
        None => {
            tracing::warn!(
                "no GLIDER_SMTP_URL: e-mails are held; list them with `glider admin emails`"
            );
            None
        }
    };
    let digest_job = glider_service::notify::digest::start(&ctx);
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("listening on {}", config.listen))?;
    tracing::info!(address = %config.listen, backend = ?ctx.db.backend(), "Glider is listening on http://{}", config.listen);
    glider_http::serve(listener, glider_http::router(state), shutdown_signal()).await?;
    // Upgraded WebSockets outlive the HTTP drain: tell them to reconnect elsewhere.
    ctx.realtime
        .shut_down(std::time::Duration::from_secs(2))
        .await;
    maintenance.abort();
    drop(dispatcher);
    drop(webhook_sender);
    drop(email_sender);
    drop(digest_job);
    ctx.db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on SIGINT or SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: draining requests");
}
