//! Command-line interface.

use std::{net::SocketAddr, path::PathBuf};

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "glider",
    version,
    about = "Glider: work management in one binary"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command reads, so `admin` and `serve` see the same database.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Configuration file (default: ./glider.toml if it exists).
    #[arg(long, global = true, env = "GLIDER_CONFIG")]
    pub config: Option<PathBuf>,
    /// Data directory: the SQLite file and uploaded files (default ./glider-data).
    #[arg(long, global = true)]
    pub data_dir: Option<PathBuf>,
    /// Database URL (`postgres://…` selects PostgreSQL; default: SQLite in the data directory).
    #[arg(long, global = true)]
    pub database_url: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Runs the server (migrating the database first).
    Serve(ServeArgs),
    /// Applies pending database migrations and exits.
    Migrate,
    /// Administration: users, workspaces, members, tokens.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Demo data: a populated workspace to try Glider on or to benchmark it.
    #[command(subcommand)]
    Demo(DemoCommand),
}

#[derive(Debug, Subcommand)]
pub enum DemoCommand {
    /// Fills the database with a realistic demo workspace and prints how to sign in to it.
    Seed(SeedArgs),
}

#[derive(Debug, Args)]
pub struct SeedArgs {
    /// People in the workspace (the owner included).
    #[arg(long, default_value_t = 12)]
    pub users: u32,
    /// Projects; work items go mostly to the first few.
    #[arg(long, default_value_t = 3)]
    pub projects: u32,
    /// Work items in all (up to 1,000,000).
    #[arg(long, default_value_t = 500)]
    pub work_items: u64,
    /// The same seed gives the same data.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The demo workspace's slug.
    #[arg(long, default_value = "demo")]
    pub slug: String,
    /// The demo users' password (default: a generated one, printed at the end).
    #[arg(long)]
    pub password: Option<String>,
    /// Seed into a database that already holds data, replacing an earlier demo workspace of
    /// the same slug (never any other workspace).
    #[arg(long)]
    pub force: bool,
    /// Print the result as one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args, Default)]
pub struct ServeArgs {
    /// Address to listen on (default 127.0.0.1:8080).
    #[arg(long)]
    pub listen: Option<SocketAddr>,
    /// Serve the web app from this folder (a Vite build, e.g. web/dist) instead of the copy
    /// embedded in the binary (also GLIDER_WEB_DIR).
    #[arg(long, value_name = "PATH")]
    pub web_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Creates a user account.
    CreateUser {
        #[arg(long)]
        email: String,
        #[arg(long)]
        password: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Creates a workspace owned by an existing user.
    CreateWorkspace {
        /// The owner's e-mail.
        #[arg(long)]
        owner: String,
        #[arg(long)]
        slug: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Adds an existing user to a workspace with a role (owner transfers ownership).
    AddMember {
        /// The workspace slug.
        #[arg(long)]
        workspace: String,
        #[arg(long)]
        email: String,
        #[arg(long, value_parser = ["owner", "admin", "member", "guest"])]
        role: String,
        #[arg(long)]
        json: bool,
    },
    /// Lists outgoing e-mails, newest first (without SMTP they are `held` here).
    Emails {
        #[arg(long, value_parser = ["queued", "sending", "sent", "failed", "held"])]
        status: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u64,
        #[arg(long)]
        json: bool,
    },
    /// Creates an API token for a user; the token is printed once.
    CreateApiToken {
        /// The user's e-mail.
        #[arg(long)]
        user: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        json: bool,
    },
}
