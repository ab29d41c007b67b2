//! The frame the work items hang in: people, the workspace, its projects with their states,
//! labels, cycles and modules. Written in the seed's first transaction.

use chrono::{DateTime, Duration, Utc};
use glider_db::DatabaseTransaction;
use glider_db::repo::{
    accounts as accounts_repo, cycles as cycles_repo, labels as labels_repo,
    modules as modules_repo, projects as projects_repo, states as states_repo,
    workspaces as workspaces_repo,
};
use glider_domain::{
    CycleId, LabelId, ModuleId, ProjectId, ProjectRole, StateId, UserId, WorkspaceRole,
    model::{
        catalog::Label,
        cycles::{Cycle, Module, ModuleStatus},
        tracker::{Project, ProjectSettings, State, default_states},
        workspaces::Workspace,
    },
    policy::ProjectNetwork,
    values::Email,
};
use rand::{Rng, seq::SliceRandom};
use serde_json::json;

use super::{Ids, words};
use crate::ServiceResult;

/// How many of the projects' members take work, and how busy each is.
pub struct ProjectShape {
    pub project: Project,
    pub members: Vec<UserId>,
    /// The project's states in Plane's default order (backlog, todo, in progress, done,
    /// cancelled, triage).
    pub states: Vec<State>,
    pub labels: Vec<LabelId>,
    pub cycles: Vec<Cycle>,
    pub modules: Vec<ModuleId>,
    /// Work items this project receives.
    pub work_items: u64,
}

pub struct Shape {
    pub workspace: Workspace,
    pub projects: Vec<ProjectShape>,
}

/// The name of demo person `n` (0 is the owner).
fn person(n: usize) -> (&'static str, &'static str) {
    if n == 0 {
        return ("Demo", "Owner");
    }
    let first = words::FIRST_NAMES[n % words::FIRST_NAMES.len()];
    let last = words::LAST_NAMES[(n / words::FIRST_NAMES.len() + n * 7) % words::LAST_NAMES.len()];
    (first, last)
}

/// The demo users' e-mails: the owner first, then one per person.
pub fn emails(slug: &str, users: u32) -> Vec<String> {
    let domain = format!("{slug}.demo.example.com");
    let mut out = vec![format!("owner@{domain}")];
    for n in 1..users as usize {
        let (first, last) = person(n);
        let local = format!("{first}.{last}").to_lowercase().replace(' ', "-");
        out.push(format!("{local}.{n}@{domain}"));
    }
    out
}

/// Creates the users that do not exist yet (all with the same password hash) and returns the
/// ids of all of them, in `emails` order.
pub async fn people(
    tx: &DatabaseTransaction,
    emails: &[String],
    password_hash: &str,
    ids: &mut Ids,
    now: DateTime<Utc>,
) -> ServiceResult<Vec<UserId>> {
    let mut out = Vec::with_capacity(emails.len());
    for (n, raw) in emails.iter().enumerate() {
        let email = Email::parse("email", raw)?;
        // Drawn whether or not the user exists, so the ids after it do not depend on that.
        let fresh = UserId(ids.at(now));
        let id = match accounts_repo::find_user_by_email(tx, &email).await {
            Ok(user) => {
                if n == 0 {
                    accounts_repo::set_password_hash(tx, user.id, password_hash, now).await?;
                }
                user.id
            }
            Err(glider_db::DbError::NotFound) => {
                let (first, last) = person(n);
                let display = format!("{}{}", first.to_lowercase(), n);
                let user = accounts_repo::insert_user(
                    tx,
                    accounts_repo::NewUser {
                        id: fresh,
                        email: &email,
                        password_hash,
                        first_name: first,
                        last_name: last,
                        display_name: &display,
                        now,
                    },
                )
                .await?;
                user.id
            }
            Err(other) => return Err(other.into()),
        };
        out.push(id);
    }
    Ok(out)
}

/// Splits `total` work items over `projects` with weights 1/k: a few busy projects and a long
/// tail, exact in sum.
pub fn spread(total: u64, projects: usize) -> Vec<u64> {
    let weights: Vec<f64> = (1..=projects).map(|k| 1.0 / k as f64).collect();
    let sum: f64 = weights.iter().sum();
    let mut counts: Vec<u64> = weights
        .iter()
        .map(|w| (total as f64 * w / sum).floor() as u64)
        .collect();
    let mut left = total - counts.iter().sum::<u64>();
    for count in counts.iter_mut() {
        if left == 0 {
            break;
        }
        *count += 1;
        left -= 1;
    }
    counts
}

fn project_name(index: usize) -> (String, String) {
    let (name, identifier) = words::PROJECTS[index % words::PROJECTS.len()];
    match index / words::PROJECTS.len() {
        0 => (name.to_owned(), identifier.to_owned()),
        round => (
            format!("{name} {}", round + 1),
            format!("{identifier}{round}"),
        ),
    }
}

/// Writes the workspace (hidden until the seed completes), members and projects.
#[expect(
    clippy::too_many_arguments,
    reason = "the seed's whole frame, written once"
)]
pub async fn write(
    tx: &DatabaseTransaction,
    rng: &mut impl Rng,
    ids: &mut Ids,
    workspace: Workspace,
    people: &[UserId],
    counts: &[u64],
    anchor: DateTime<Utc>,
    now: DateTime<Utc>,
) -> ServiceResult<Shape> {
    workspaces_repo::insert_workspace(tx, &workspace).await?;
    glider_db::repo::bulk::set_workspace_hidden(tx, workspace.id, Some(now)).await?;
    for (n, user) in people.iter().enumerate() {
        let role = match n {
            0 => WorkspaceRole::Owner,
            n if n % 10 == 1 => WorkspaceRole::Admin,
            n if n % 10 == 9 => WorkspaceRole::Guest,
            _ => WorkspaceRole::Member,
        };
        workspaces_repo::upsert_member(tx, workspace.id, *user, role, now).await?;
    }
    let mut projects = Vec::with_capacity(counts.len());
    for (index, work_items) in counts.iter().enumerate() {
        let shape = project(
            tx,
            rng,
            ids,
            &workspace,
            people,
            index,
            *work_items,
            anchor,
            now,
        );
        projects.push(shape.await?);
    }
    Ok(Shape {
        workspace,
        projects,
    })
}

#[expect(clippy::too_many_arguments, reason = "one project of the frame")]
async fn project(
    tx: &DatabaseTransaction,
    rng: &mut impl Rng,
    ids: &mut Ids,
    workspace: &Workspace,
    people: &[UserId],
    index: usize,
    work_items: u64,
    anchor: DateTime<Utc>,
    now: DateTime<Utc>,
) -> ServiceResult<ProjectShape> {
    let owner = workspace.owner_id;
    let (name, identifier) = project_name(index);
    let id = ProjectId(ids.at(anchor - Duration::days(400)));
    // Busy projects have more people; everyone is somewhere.
    let mut members: Vec<UserId> = people.iter().skip(1).copied().collect();
    members.shuffle(rng);
    let wanted = ((people.len() as f64) * 0.8 / ((index + 1) as f64).sqrt()).ceil() as usize;
    members.truncate(wanted.clamp(2, people.len().max(2)).min(members.len()));
    members.insert(0, owner);
    let project = Project {
        id,
        workspace_id: workspace.id,
        name,
        identifier,
        network: ProjectNetwork::Public,
        settings: ProjectSettings {
            description: format!(
                "Demo project {} of workspace {}.",
                index + 1,
                workspace.slug
            ),
            project_lead: members.get(1).copied(),
            default_assignee: None,
            emoji: None,
            icon_prop: None,
            logo_props: json!({ "in_use": "icon", "icon": { "name": "rocket", "color": "#6366F1" } }),
            cover_image: None,
            module_view: true,
            cycle_view: true,
            issue_views_view: true,
            page_view: true,
            intake_view: false,
            is_time_tracking_enabled: true,
            is_issue_type_enabled: false,
            guest_view_all_features: false,
            archive_in: 0,
            close_in: 0,
            timezone: workspace.timezone.clone(),
            external_source: None,
            external_id: None,
            default_state_id: None,
            estimate_id: None,
        },
        archived_at: None,
        created_by: owner,
        updated_by: None,
        created_at: anchor - Duration::days(400),
        updated_at: now,
    };
    projects_repo::insert_project(tx, &project).await?;
    for (n, user) in members.iter().enumerate() {
        let role = if n < 2 {
            ProjectRole::Admin
        } else {
            ProjectRole::Member
        };
        projects_repo::upsert_project_member(tx, &project, *user, role, now).await?;
    }
    let states = default_states(&project, owner, project.created_at, || {
        StateId(ids.at(project.created_at))
    });
    states_repo::insert_states(tx, &states).await?;
    let labels = labels(tx, ids, &project).await?;
    let cycles = cycles(tx, ids, &project, anchor, now).await?;
    let modules = modules(tx, rng, ids, &project, &members, anchor).await?;
    Ok(ProjectShape {
        project,
        members,
        states,
        labels,
        cycles,
        modules,
        work_items,
    })
}

async fn labels(
    tx: &DatabaseTransaction,
    ids: &mut Ids,
    project: &Project,
) -> ServiceResult<Vec<LabelId>> {
    let mut out: Vec<(LabelId, &str)> = Vec::new();
    for (n, (name, color, parent)) in words::LABELS.iter().enumerate() {
        let parent_id = parent.and_then(|p| out.iter().find(|(_, n)| *n == p).map(|(id, _)| *id));
        let label = Label {
            id: LabelId(ids.at(project.created_at)),
            workspace_id: project.workspace_id,
            project_id: project.id,
            name: (*name).to_owned(),
            description: String::new(),
            color: (*color).to_owned(),
            sort_order: 65_535.0 * (n + 1) as f64,
            parent_id,
            external_source: None,
            external_id: None,
            created_by: Some(project.created_by),
            updated_by: None,
            created_at: project.created_at,
            updated_at: project.created_at,
        };
        labels_repo::insert_label(tx, &label).await?;
        out.push((label.id, name));
    }
    // Items carry leaf labels only; "Area" is a grouping.
    Ok(out
        .into_iter()
        .filter(|(_, name)| *name != "Area")
        .map(|(id, _)| id)
        .collect())
}

/// Two-week cycles: four finished, the current one and the next.
pub const CYCLE_DAYS: i64 = 14;

async fn cycles(
    tx: &DatabaseTransaction,
    ids: &mut Ids,
    project: &Project,
    anchor: DateTime<Utc>,
    now: DateTime<Utc>,
) -> ServiceResult<Vec<Cycle>> {
    let mut out = Vec::new();
    for n in -4_i64..=1 {
        let start = anchor + Duration::days(n * CYCLE_DAYS);
        let end = start + Duration::days(CYCLE_DAYS) - Duration::seconds(1);
        let cycle = Cycle {
            id: CycleId(ids.at(start - Duration::days(3))),
            workspace_id: project.workspace_id,
            project_id: project.id,
            name: format!("Sprint {}", n + 5),
            description: String::new(),
            start_date: Some(start),
            end_date: Some(end),
            view_props: json!({}),
            sort_order: 65_535.0 * (n + 5) as f64,
            external_source: None,
            external_id: None,
            progress_snapshot: json!({}),
            archived_at: None,
            logo_props: json!({}),
            timezone: project.settings.timezone.clone(),
            version: 1,
            owned_by: project.created_by,
            created_by: Some(project.created_by),
            updated_by: None,
            created_at: (start - Duration::days(3)).min(now),
            updated_at: (start - Duration::days(3)).min(now),
        };
        cycles_repo::insert(tx, &cycle).await?;
        out.push(cycle);
    }
    Ok(out)
}

async fn modules(
    tx: &DatabaseTransaction,
    rng: &mut impl Rng,
    ids: &mut Ids,
    project: &Project,
    members: &[UserId],
    anchor: DateTime<Utc>,
) -> ServiceResult<Vec<ModuleId>> {
    let statuses = [
        ModuleStatus::Completed,
        ModuleStatus::InProgress,
        ModuleStatus::InProgress,
        ModuleStatus::Planned,
    ];
    let mut out = Vec::new();
    for (n, status) in statuses.into_iter().enumerate() {
        let name = words::MODULES[(n + project.identifier.len()) % words::MODULES.len()];
        let start = anchor + Duration::days(30 * (n as i64 - 2));
        let lead = members.get(rng.random_range(0..members.len())).copied();
        let created_at = (start - Duration::days(7)).min(anchor);
        let module = Module {
            id: ModuleId(ids.at(created_at)),
            workspace_id: project.workspace_id,
            project_id: project.id,
            name: name.to_owned(),
            description: String::new(),
            description_text: None,
            description_html: None,
            start_date: Some(start.date_naive()),
            target_date: Some((start + Duration::days(45)).date_naive()),
            status,
            view_props: json!({}),
            sort_order: 65_535.0 * (n + 1) as f64,
            external_source: None,
            external_id: None,
            archived_at: None,
            logo_props: json!({}),
            lead,
            members: lead.into_iter().collect(),
            created_by: Some(project.created_by),
            updated_by: None,
            created_at,
            updated_at: created_at,
        };
        modules_repo::insert(tx, &module).await?;
        modules_repo::set_members(tx, &module, module.created_at).await?;
        out.push(module.id);
    }
    Ok(out)
}
