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
}

#[derive(Debug, Args, Default)]
pub struct ServeArgs {
    /// Address to listen on (default 127.0.0.1:8080).
    #[arg(long)]
    pub listen: Option<SocketAddr>,
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
