//! The physical limit behind each HTTP scenario: the SQL statements that read or write the
//! endpoint's own rows, run straight on the project's pool (`glider_db::Db`, the same sqlx
//! pool the server uses) from the same number of concurrent tasks, with no HTTP, no auth or
//! access checks, no JSON and no row decoding. One "request" is:
//!
//! - `list`, `list_filtered`: the count, the page (the same WHERE and ORDER BY as the
//!   endpoint), and the page's assignee and label links;
//! - `retrieve`: the item, its assignee and label links, and (as `expand=assignees,labels,state`)
//!   the users, the state and the labels;
//! - `create`: in one write transaction (`BEGIN IMMEDIATE` on SQLite, as the server), the
//!   state's highest sort order, the project's next number, the item, its history row and its
//!   event;
//! - `update_state`: in one write transaction, the item (locked on PostgreSQL), the two state
//!   names for the history, the UPDATE, the history row and the event;
//! - `comment`: the item, then in one write transaction the comment, its history row and its
//!   event.
//!
//! Writes commit real rows shaped as the server's (the server's consumers then read their
//! events, as they do for the HTTP scenario's). Prints one result line:
//! `{"scenario":"raw_<name>","figures":{requests, seconds, requests_per_s, p50_ms, …}}`.

use std::{
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use anyhow::Context;
use clap::{Parser, ValueEnum};
use glider_bench::{millis, percentile, report};
use glider_db::Db;
use sea_orm::sqlx::{self, Row};
use serde_json::json;
use uuid::Uuid;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Scenario {
    List,
    ListFiltered,
    Retrieve,
    Create,
    UpdateState,
    Comment,
}

impl Scenario {
    fn name(self) -> &'static str {
        match self {
            Self::List => "list",
            Self::ListFiltered => "list_filtered",
            Self::Retrieve => "retrieve",
            Self::Create => "create",
            Self::UpdateState => "update_state",
            Self::Comment => "comment",
        }
    }
}

#[derive(Parser)]
struct Args {
    /// The server's database (`sqlite://…` or `postgres://…`).
    #[arg(long)]
    database_url: String,
    #[arg(long, value_enum)]
    scenario: Scenario,
    /// The project the HTTP scenario works in.
    #[arg(long)]
    project: Uuid,
    /// Concurrent tasks (the HTTP scenario's connections).
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
    /// Pool size (the server's default).
    #[arg(long, default_value_t = 16)]
    pool: u32,
    /// Requests to complete (the run also stops after --seconds).
    #[arg(long, default_value_t = 10_000)]
    requests: usize,
    #[arg(long, default_value_t = 10.0)]
    seconds: f64,
    /// Requests run (and not measured) before the measured ones.
    #[arg(long, default_value_t = 0)]
    warmup: usize,
    /// Work items for retrieve, update_state and comment (comma-separated, cycled).
    #[arg(long, value_delimiter = ',')]
    ids: Vec<Uuid>,
    /// States update_state alternates between (each item gets the next one on each visit).
    #[arg(long, value_delimiter = ',')]
    alts: Vec<Uuid>,
    #[arg(long, default_value_t = 100)]
    per_page: u64,
    /// list: cycle through the first N pages (as the HTTP scenario's cursors do).
    #[arg(long, default_value_t = 1)]
    pages: u64,
    /// list_filtered: the `filters` JSON the HTTP scenario sends (an `and` of
    /// state_group__in, priority__in, assignees__in, labels__in).
    #[arg(long)]
    filters: Option<String>,
    /// list_filtered: `priority` or `-created_at` (the default).
    #[arg(long, default_value = "-created_at")]
    order_by: String,
}
/// Runs `$body` with `$pool` bound to the backend's sqlx pool and `$begin` to the statement
/// the server begins a write transaction with.
macro_rules! on_backend {
    ($db:expr, |$pool:ident, $begin:ident| $body:block) => {
        match $db.backend() {
            glider_db::Backend::Sqlite => {
                let $pool = $db.conn().get_sqlite_connection_pool();
                let $begin = "BEGIN IMMEDIATE";
                $body
            }
            glider_db::Backend::Postgres => {
                let $pool = $db.conn().get_postgres_connection_pool();
                let $begin = "BEGIN";
                $body
            }
        }
    };
}

/// Binds every value of `$binds` to `$query`.
macro_rules! bind_all {
    ($query:expr, $binds:expr) => {{
        let mut query = $query;
        for bind in $binds {
            query = match bind {
                Bind::Uuid(value) => query.bind(*value),
                Bind::Text(value) => query.bind(value.as_str()),
                Bind::Bool(value) => query.bind(*value),
            };
        }
        query
    }};
}

mod reads;
mod writes;

/// What every task shares.
struct Ctx {
    db: Db,
    /// Where write transactions begin. The server's `Db::begin_write` runs them on a pool of
    /// one connection on SQLite (writers queue in order instead of in SQLite's busy handler)
    /// and on the read pool on PostgreSQL; glider-db keeps that pool private, so on SQLite
    /// this is a second `Db` of one connection.
    writer: Db,
    args: Args,
    list: Option<reads::ListSql>,
    workspace: Uuid,
    actor: Uuid,
    /// The state a new item gets (the project's default).
    default_state: Uuid,
}

impl Ctx {
    fn item(&self, n: usize) -> anyhow::Result<Uuid> {
        anyhow::ensure!(!self.args.ids.is_empty(), "--ids is required");
        Ok(self.args.ids[n % self.args.ids.len()])
    }
}

async fn once(ctx: &Ctx, n: usize) -> anyhow::Result<()> {
    match ctx.args.scenario {
        Scenario::List | Scenario::ListFiltered => reads::list(ctx, n).await,
        Scenario::Retrieve => reads::retrieve(ctx, n).await,
        Scenario::Create => writes::create(ctx, n).await,
        Scenario::UpdateState => writes::update_state(ctx, n).await,
        Scenario::Comment => writes::comment(ctx, n).await,
    }
}

/// Runs `count` requests from the configured tasks (stopping at `deadline`); returns the
/// latencies of the successful ones, the error count and the elapsed time.
async fn run(ctx: Arc<Ctx>, count: usize, deadline: Duration) -> (Vec<Duration>, usize, Duration) {
    let next = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let tasks: Vec<_> = (0..ctx.args.concurrency)
        .map(|_| {
            let (ctx, next, errors) = (ctx.clone(), next.clone(), errors.clone());
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                loop {
                    let n = next.fetch_add(1, Ordering::SeqCst);
                    if n >= count || started.elapsed() >= deadline {
                        break;
                    }
                    let began = Instant::now();
                    match once(&ctx, n).await {
                        Ok(()) => latencies.push(began.elapsed()),
                        Err(error) => {
                            if errors.fetch_add(1, Ordering::SeqCst) == 0 {
                                eprintln!("raw-sql {}: {error:#}", ctx.args.scenario.name());
                            }
                        }
                    }
                }
                latencies
            })
        })
        .collect();
    let mut latencies = Vec::new();
    for task in tasks {
        if let Ok(mut some) = task.await {
            latencies.append(&mut some);
        }
    }
    (latencies, errors.load(Ordering::SeqCst), started.elapsed())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let db = Db::connect(&args.database_url, args.pool).await?;
    let writer = match db.backend() {
        glider_db::Backend::Sqlite => Db::connect(&args.database_url, 1).await?,
        glider_db::Backend::Postgres => db.clone(),
    };
    let (workspace, actor, default_state) = on_backend!(db, |pool, _begin| {
        let project = sqlx::query("SELECT workspace_id, created_by FROM projects WHERE id = $1")
            .bind(args.project)
            .fetch_one(pool)
            .await
            .context("the project")?;
        let state = sqlx::query(
            "SELECT id FROM states WHERE project_id = $1 AND deleted_at IS NULL ORDER BY is_default DESC, sequence ASC LIMIT 1",
        )
        .bind(args.project)
        .fetch_one(pool)
        .await
        .context("the project's default state")?;
        (
            project.try_get::<Uuid, _>("workspace_id")?,
            project.try_get::<Uuid, _>("created_by")?,
            state.try_get::<Uuid, _>("id")?,
        )
    });
    let list = match args.scenario {
        Scenario::List | Scenario::ListFiltered => Some(reads::list_sql(&args)?),
        _ => None,
    };
    let (requests, warmup, seconds) = (args.requests, args.warmup, args.seconds);
    let ctx = Arc::new(Ctx {
        db,
        writer,
        args,
        list,
        workspace,
        actor,
        default_state,
    });
    if warmup > 0 {
        run(ctx.clone(), warmup, Duration::from_secs(5)).await;
    }
    let (mut latencies, errors, elapsed) =
        run(ctx.clone(), requests, Duration::from_secs_f64(seconds)).await;
    latencies.sort();
    #[expect(clippy::cast_precision_loss, reason = "small counts")]
    let per_second = latencies.len() as f64 / elapsed.as_secs_f64();
    report(
        &format!("raw_{}", ctx.args.scenario.name()),
        json!({
            "requests": latencies.len(),
            "seconds": elapsed.as_secs_f64(),
            "requests_per_s": per_second,
            "p50_ms": millis(percentile(&latencies, 0.50)),
            "p95_ms": millis(percentile(&latencies, 0.95)),
            "p99_ms": millis(percentile(&latencies, 0.99)),
            "max_ms": millis(latencies.last().copied().unwrap_or_default()),
            "errors": errors,
            "concurrency": ctx.args.concurrency,
        }),
    );
    ctx.db.close().await;
    ctx.writer.close().await;
    Ok(())
}
