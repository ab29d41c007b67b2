//! Demo data: a workspace of realistic size and shape for trying Glider and for benchmarks
//! (`glider demo seed`).
//!
//! The seed writes rows in bulk, batch by batch, each batch in one transaction. The workspace
//! stays deleted (invisible) until the last batch is in, so an interrupted seed leaves nothing
//! anyone sees; the next `--force` run removes it. Only workspaces the seed created (marked in
//! `instance_settings`) are ever removed. The work items do not go through the event log one by
//! one — that would send a million webhooks — one `workspaces.workspace.created` event
//! announces the finished workspace, and the seeded activity rows point at it.

mod items;
mod shape;
mod words;

use chrono::{DateTime, Duration, Utc};
use glider_db::repo::{bulk, item_links, settings};
use glider_domain::{
    EventId, FieldErrors, ProjectId, UserId, ValidationError, WorkspaceId,
    model::workspaces::Workspace,
    values::{Password, Slug},
};
use rand::{Rng, RngCore, SeedableRng, rngs::StdRng};
use serde_json::json;

use crate::{
    Ctx, ServiceError, ServiceResult,
    accounts::{api_tokens, passwords},
    events::event,
};

pub const MAX_WORK_ITEMS: u64 = 1_000_000;
pub const MAX_USERS: u32 = 10_000;
pub const MAX_PROJECTS: u32 = 1_000;
/// Work items per transaction.
const BATCH: usize = 2_000;

#[derive(Clone, Debug)]
pub struct SeedOptions {
    pub users: u32,
    pub projects: u32,
    pub work_items: u64,
    pub seed: u64,
    pub slug: String,
    /// The demo users' password; generated when absent.
    pub password: Option<String>,
    /// Seed even though the database holds data (and replace an earlier demo workspace).
    pub force: bool,
}

#[derive(Clone, Debug)]
pub struct SeededProject {
    pub id: ProjectId,
    pub identifier: String,
    pub work_items: u64,
}

#[derive(Clone, Debug)]
pub struct SeedReport {
    pub workspace: Workspace,
    pub email: String,
    pub password: String,
    pub api_key: String,
    pub projects: Vec<SeededProject>,
    pub work_items: u64,
    pub comments: u64,
    pub seconds: f64,
}

/// Ids in UUIDv7 layout whose time part is the row's own creation time and whose random part
/// comes from the seed, so the same seed gives the same ids.
pub struct Ids(StdRng);

impl Ids {
    pub fn at(&mut self, time: DateTime<Utc>) -> uuid::Uuid {
        let mut random = [0_u8; 10];
        self.0.fill_bytes(&mut random);
        let millis = u64::try_from(time.timestamp_millis()).unwrap_or(0);
        uuid::Builder::from_unix_timestamp_millis(millis, &random).into_uuid()
    }
}

fn marker(workspace: WorkspaceId) -> String {
    format!("demo.workspace.{}", workspace.0)
}

fn check(options: &SeedOptions) -> ServiceResult<Slug> {
    let mut errors = FieldErrors::new();
    if !(1..=MAX_USERS).contains(&options.users) {
        errors.add("users", format!("Between 1 and {MAX_USERS}."));
    }
    if !(1..=MAX_PROJECTS).contains(&options.projects) {
        errors.add("projects", format!("Between 1 and {MAX_PROJECTS}."));
    }
    if options.work_items > MAX_WORK_ITEMS {
        errors.add("work_items", format!("At most {MAX_WORK_ITEMS}."));
    }
    let slug = errors.check(Slug::parse("slug", &options.slug));
    if let Some(raw) = &options.password {
        errors.check(Password::parse("password", raw, None));
    }
    errors.into_result()?;
    slug.ok_or_else(|| ValidationError::new("slug", "A valid slug is required.").into())
}

/// Refuses a database that holds data unless forced; removes an earlier demo workspace of the
/// same slug when forced; never touches a workspace the seed did not create.
async fn clear_the_way(ctx: &Ctx, options: &SeedOptions, slug: &Slug) -> ServiceResult<()> {
    let conn = ctx.db.conn();
    let existing = bulk::workspace_by_slug_any(conn, slug.as_str()).await?;
    let demo = match existing {
        Some(id) => Some((id, settings::get(conn, &marker(id)).await?)),
        None => None,
    };
    if let Some((_, None)) = demo {
        return Err(ServiceError::conflict(
            "slug",
            format!(
                "A workspace '{}' exists and was not made by demo seed; choose another --slug.",
                slug.as_str()
            ),
        ));
    }
    if !options.force {
        if let Some((_, Some(state))) = &demo {
            let recorded: serde_json::Value = serde_json::from_str(state).unwrap_or_default();
            let interrupted = recorded["state"] == "seeding";
            return Err(ServiceError::conflict(
                "force",
                if interrupted {
                    format!(
                        "An earlier seed of '{}' was interrupted; --force removes it and seeds again.",
                        slug.as_str()
                    )
                } else {
                    format!(
                        "The demo workspace '{}' exists; --force replaces it.",
                        slug.as_str()
                    )
                },
            ));
        }
        let (users, workspaces) = bulk::population(conn).await?;
        if users > 0 || workspaces > 0 {
            return Err(ServiceError::conflict(
                "force",
                format!(
                    "The database is not empty ({users} users, {workspaces} workspaces); --force adds the demo workspace beside them."
                ),
            ));
        }
    }
    if let Some((id, Some(_))) = demo {
        let tx = ctx.db.begin_write().await?;
        bulk::purge_workspace(&tx, id).await?;
        settings::remove(&tx, &marker(id)).await?;
        glider_db::commit_quietly(tx).await?;
        tracing::info!(workspace = %slug.as_str(), "earlier demo workspace removed");
    }
    Ok(())
}

fn generated_password(rng: &mut impl Rng) -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    (0..16)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

/// Fills the database; `progress` is told how many work items are written so far.
pub async fn seed(
    ctx: &Ctx,
    options: &SeedOptions,
    progress: &(dyn Fn(u64) + Send + Sync),
) -> ServiceResult<SeedReport> {
    let slug = check(options)?;
    clear_the_way(ctx, options, &slug).await?;
    let started = std::time::Instant::now();
    let now = ctx.now();
    // Timestamps count back from the start of today, so a seed looks the same all day.
    let anchor = now
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .map_or(now, |midnight| midnight.and_utc());
    let mut rng = StdRng::seed_from_u64(options.seed);
    let mut ids = Ids(StdRng::seed_from_u64(options.seed ^ 0x9e37_79b9_7f4a_7c15));
    let password = match &options.password {
        Some(given) => given.clone(),
        None => generated_password(&mut StdRng::from_os_rng()),
    };
    let hash = passwords::hash(
        ctx.settings.password_hashing,
        &Password::parse("password", &password, None)?,
    )
    .await?;

    let emails = shape::emails(slug.as_str(), options.users);
    let tx = ctx.db.begin_write().await?;
    let people = shape::people(&tx, &emails, &hash, &mut ids, anchor - Duration::days(420)).await?;
    let owner: UserId = people[0];
    let workspace = Workspace {
        id: WorkspaceId(ids.at(anchor - Duration::days(410))),
        slug: slug.as_str().to_owned(),
        name: format!("Demo {}", slug.as_str()),
        owner_id: owner,
        timezone: "UTC".to_owned(),
        created_by: owner,
        updated_by: None,
        created_at: anchor - Duration::days(410),
        updated_at: now,
    };
    let counts = shape::spread(options.work_items, options.projects as usize);
    let frame = shape::write(
        &tx, &mut rng, &mut ids, workspace, &people, &counts, anchor, now,
    )
    .await?;
    let state =
        json!({ "state": "seeding", "seed": options.seed, "work_items": options.work_items });
    settings::put(&tx, &marker(frame.workspace.id), &state.to_string()).await?;
    glider_db::commit_quietly(tx).await?;

    let announced = EventId::new();
    let mut generator = items::Generator::new(&frame, anchor, now);
    let (mut written, mut comments) = (0_u64, 0_u64);
    loop {
        let batch = generator.batch(&mut rng, &mut ids, BATCH);
        if batch.items.is_empty() {
            break;
        }
        let tx = ctx.db.begin_write().await?;
        let mut link_ids = || ids.at(now);
        bulk::insert_work_items(&tx, &batch.items, &mut link_ids).await?;
        bulk::insert_comments(&tx, &batch.comments).await?;
        bulk::insert_activities(&tx, &batch.activities, announced.0).await?;
        bulk::insert_relations(&tx, &batch.relations).await?;
        for chunk in batch.cycle_links.chunks(2_500) {
            item_links::insert(&tx, item_links::CYCLES, chunk).await?;
        }
        for chunk in batch.module_links.chunks(2_500) {
            item_links::insert(&tx, item_links::MODULES, chunk).await?;
        }
        glider_db::commit_quietly(tx).await?;
        written += batch.items.len() as u64;
        comments += batch.comments.len() as u64;
        progress(written);
    }

    let tx = ctx.db.begin_write().await?;
    for p in &frame.projects {
        let last = i32::try_from(p.work_items).unwrap_or(i32::MAX);
        bulk::set_work_item_sequence(&tx, p.project.id, last).await?;
    }
    bulk::set_workspace_hidden(&tx, frame.workspace.id, None).await?;
    let done = json!({ "state": "complete", "seed": options.seed, "work_items": written });
    settings::put(&tx, &marker(frame.workspace.id), &done.to_string()).await?;
    let mut created = event(
        ctx,
        "workspaces.workspace.created",
        Some(owner),
        Some(frame.workspace.id),
        None,
        frame.workspace.id.0,
        json!({ "name": frame.workspace.name, "slug": frame.workspace.slug, "demo": { "seed": options.seed, "work_items": written } }),
    );
    created.id = announced;
    glider_db::repo::events::append(&tx, created).await?;
    // Each project is announced too: a project's newest event versions what is cached about
    // it (list counts), and a forced reseed recreates projects under the same ids.
    for p in &frame.projects {
        let project = crate::tracker::projects::created_event(ctx, owner, &p.project);
        glider_db::repo::events::append(&tx, project).await?;
    }
    glider_db::commit(tx).await?;
    bulk::analyze(ctx.db.conn()).await?;

    let token = api_tokens::create(ctx, owner, Some("Demo seed"), None).await?;
    let mut projects: Vec<SeededProject> = frame
        .projects
        .iter()
        .map(|p| SeededProject {
            id: p.project.id,
            identifier: p.project.identifier.clone(),
            work_items: p.work_items,
        })
        .collect();
    projects.sort_by_key(|p| std::cmp::Reverse(p.work_items));
    Ok(SeedReport {
        workspace: frame.workspace,
        email: emails[0].clone(),
        password,
        api_key: token.secret,
        projects,
        work_items: written,
        comments,
        seconds: started.elapsed().as_secs_f64(),
    })
}
