//! `glider`: the server, the migrator and the admin CLI in one binary.
//!
//! Error policy: `anyhow` here (start-up and CLI); the services' typed errors are rendered as
//! messages for the operator.

mod admin;
mod cli;
mod config;
mod demo;
mod serve;

use clap::Parser;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use crate::cli::{Cli, Command};

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let config = match config::Config::load(&cli.global) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("glider: configuration error: {error:#}");
            return std::process::ExitCode::from(2);
        }
    };
    serve::init_logging(&config, matches!(cli.command, Command::Serve(_)));
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("glider: cannot start the runtime: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async move {
        match cli.command {
            Command::Serve(args) => serve::run(config.with_serve_args(&args)).await,
            Command::Migrate => serve::migrate_only(&config).await,
            Command::Admin(command) => admin::run(&config, command).await,
            Command::Demo(cli::DemoCommand::Seed(args)) => demo::seed(&config, args).await,
        }
    });
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("glider: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
