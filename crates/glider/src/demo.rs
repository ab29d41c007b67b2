//! `glider demo seed`: a populated workspace for newcomers and benchmarks.

use glider_service::demo::{self, SeedOptions};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::json;

use crate::{admin::describe, cli::SeedArgs, config::Config, serve};

pub async fn seed(config: &Config, args: SeedArgs) -> anyhow::Result<()> {
    let ctx = serve::context(config).await?;
    let options = SeedOptions {
        users: args.users,
        projects: args.projects,
        work_items: args.work_items,
        seed: args.seed,
        slug: args.slug,
        password: args.password,
        force: args.force,
    };
    // Drawn on stderr (hidden when it is not a terminal), so stdout stays the result.
    let bar = ProgressBar::new(options.work_items);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {bar:40} {human_pos}/{human_len} work items  {per_sec}  ETA {eta}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let progress = {
        let bar = bar.clone();
        move |done: u64| bar.set_position(done)
    };
    let result = demo::seed(&ctx, &options, &progress).await;
    bar.finish_and_clear();
    ctx.db.close().await;
    let report = result.map_err(describe)?;
    let rate = report.work_items as f64 / report.seconds.max(1e-9);
    if args.json {
        let projects: Vec<_> = report
            .projects
            .iter()
            .map(
                |p| json!({ "id": p.id.0, "identifier": p.identifier, "work_items": p.work_items }),
            )
            .collect();
        println!(
            "{}",
            json!({
                "workspace": report.workspace.slug,
                "workspace_id": report.workspace.id.0,
                "email": report.email,
                "password": report.password,
                "api_key": report.api_key,
                "projects": projects,
                "work_items": report.work_items,
                "comments": report.comments,
                "seconds": report.seconds,
                "items_per_s": rate,
            })
        );
        return Ok(());
    }
    println!(
        "Seeded workspace '{}': {} work items in {} projects ({} comments) in {:.1} s, {:.0} work items/s.\n\
         Sign in:   {}  /  {}\n\
         Workspace: {}\n\
         API key:   {}  (X-Api-Key; shown once)",
        report.workspace.slug,
        report.work_items,
        report.projects.len(),
        report.comments,
        report.seconds,
        rate,
        report.email,
        report.password,
        report.workspace.slug,
        report.api_key,
    );
    Ok(())
}
