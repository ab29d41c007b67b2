//! Work items and what hangs off them, generated project by project in batches: ages spread
//! over a year, older items mostly done, long-tailed comment counts, a few busy people.

use std::collections::VecDeque;

use chrono::{DateTime, Duration, Utc};
use glider_db::repo::relations::NewRelation;
use glider_domain::{
    ActivityId, CommentId, UserId, WorkItemId,
    model::{
        cycles::Membership,
        tracker::State,
        work_items::{
            Activity, Comment, CommentAccess, Priority, Relation, RelationType, WorkItem,
        },
    },
};
use rand::{Rng, seq::IndexedRandom};

use super::{
    Ids,
    shape::{ProjectShape, Shape},
    words,
};

/// The rows of one batch, written in one transaction.
#[derive(Default)]
pub struct Batch {
    pub items: Vec<WorkItem>,
    pub comments: Vec<Comment>,
    pub activities: Vec<Activity>,
    pub relations: Vec<(uuid::Uuid, NewRelation)>,
    pub cycle_links: Vec<Membership>,
    pub module_links: Vec<Membership>,
}

/// Where generation stands: which project, how far into it, and its latest items (candidates
/// for parents and relations).
pub struct Generator<'a> {
    shape: &'a Shape,
    anchor: DateTime<Utc>,
    now: DateTime<Utc>,
    project: usize,
    made: u64,
    recent: VecDeque<WorkItemId>,
}

const HISTORY_DAYS: f64 = 365.0;

impl<'a> Generator<'a> {
    pub fn new(shape: &'a Shape, anchor: DateTime<Utc>, now: DateTime<Utc>) -> Self {
        Self {
            shape,
            anchor,
            now,
            project: 0,
            made: 0,
            recent: VecDeque::new(),
        }
    }

    /// The next `size` items (fewer at the end; empty when done).
    pub fn batch(&mut self, rng: &mut impl Rng, ids: &mut Ids, size: usize) -> Batch {
        let mut batch = Batch::default();
        while batch.items.len() < size {
            let Some(project) = self.shape.projects.get(self.project) else {
                break;
            };
            if self.made >= project.work_items {
                self.project += 1;
                self.made = 0;
                self.recent.clear();
                continue;
            }
            self.item(rng, ids, project, &mut batch);
            self.made += 1;
        }
        batch
    }

    fn item(&mut self, rng: &mut impl Rng, ids: &mut Ids, p: &ProjectShape, batch: &mut Batch) {
        let position = (self.made as f64 + rng.random::<f64>()) / p.work_items as f64;
        let age_seconds = ((1.0 - position) * HISTORY_DAYS * 86_400.0) as i64;
        let created_at = self.anchor - Duration::seconds(age_seconds);
        let author = busy_person(rng, &p.members);
        let state = pick_state(rng, &p.states, position);
        let done = state.group.as_str() == "completed" || state.group.as_str() == "cancelled";
        let completed_at = done
            .then(|| (created_at + Duration::hours(rng.random_range(2..24 * 30))).min(self.now));
        let updated_at = completed_at
            .unwrap_or_else(|| created_at + Duration::hours(rng.random_range(0..24 * 7)))
            .min(self.now);
        let (description_html, description_stripped) = words::description(rng);
        let sequence_id = i32::try_from(self.made + 1).unwrap_or(i32::MAX);
        let id = WorkItemId(ids.at(created_at));
        let parent_id = (rng.random_bool(0.08))
            .then(|| self.recent.get(rng.random_range(0..50)).copied())
            .flatten();
        let target_date = rng
            .random_bool(0.4)
            .then(|| (created_at + Duration::days(rng.random_range(3..45))).date_naive());
        let start_date = target_date
            .filter(|_| rng.random_bool(0.7))
            .map(|_| (created_at + Duration::days(rng.random_range(0..3))).date_naive());
        let item = WorkItem {
            id,
            workspace_id: p.project.workspace_id,
            project_id: p.project.id,
            sequence_id,
            name: words::title(rng),
            description_html,
            description_stripped,
            priority: pick_priority(rng),
            state_id: Some(state.id),
            parent_id,
            estimate_point_id: None,
            type_id: None,
            point: None,
            start_date,
            target_date,
            sort_order: 1_000.0 * f64::from(sequence_id),
            completed_at,
            archived_at: None,
            is_draft: false,
            estimate_time: None,
            external_source: None,
            external_id: None,
            created_by: Some(author),
            updated_by: Some(author),
            created_at,
            updated_at,
            assignees: pick_some(rng, &p.members, &[0.25, 0.6, 0.12, 0.03]),
            labels: pick_some(rng, &p.labels, &[0.3, 0.5, 0.15, 0.05]),
        };
        self.history(rng, ids, &item, p, state, batch);
        self.links(rng, ids, &item, p, batch);
        self.comments(rng, ids, &item, p, batch);
        self.recent.push_front(id);
        self.recent.truncate(50);
        batch.items.push(item);
    }

    fn history(
        &self,
        rng: &mut impl Rng,
        ids: &mut Ids,
        item: &WorkItem,
        p: &ProjectShape,
        state: &State,
        batch: &mut Batch,
    ) {
        let blank = |id, at| Activity {
            id,
            workspace_id: item.workspace_id,
            project_id: item.project_id,
            work_item_id: item.id,
            verb: "created".to_owned(),
            field: None,
            old_value: None,
            new_value: None,
            old_identifier: None,
            new_identifier: None,
            comment: "created the issue".to_owned(),
            comment_id: None,
            actor_id: item.created_by,
            created_at: at,
            updated_at: at,
        };
        batch
            .activities
            .push(blank(ActivityId(ids.at(item.created_at)), item.created_at));
        let Some(backlog) = p.states.first().filter(|b| b.id != state.id) else {
            return;
        };
        let at = item.updated_at;
        batch.activities.push(Activity {
            verb: "updated".to_owned(),
            field: Some("state".to_owned()),
            old_value: Some(backlog.name.clone()),
            new_value: Some(state.name.clone()),
            old_identifier: Some(backlog.id.0),
            new_identifier: Some(state.id.0),
            comment: "updated the state to".to_owned(),
            actor_id: Some(busy_person(rng, &p.members)),
            ..blank(ActivityId(ids.at(at)), at)
        });
    }

    /// Cycle (the sprint the item was created in, mostly), module and relation rows.
    fn links(
        &self,
        rng: &mut impl Rng,
        ids: &mut Ids,
        item: &WorkItem,
        p: &ProjectShape,
        batch: &mut Batch,
    ) {
        let link = |container, id| Membership {
            id,
            workspace_id: item.workspace_id,
            project_id: item.project_id,
            container,
            work_item_id: item.id,
            sub_issues_count: 0,
            created_by: item.created_by,
            updated_by: None,
            created_at: item.created_at,
            updated_at: item.created_at,
        };
        let sprint = p.cycles.iter().find(|c| {
            c.start_date.is_some_and(|s| s <= item.created_at)
                && c.end_date.is_some_and(|e| item.created_at <= e)
        });
        if let Some(cycle) = sprint.filter(|_| rng.random_bool(0.7)) {
            batch
                .cycle_links
                .push(link(cycle.id.0, ids.at(item.created_at)));
        }
        if rng.random_bool(0.3)
            && let Some(module) = p.modules.choose(rng)
        {
            batch
                .module_links
                .push(link(module.0, ids.at(item.created_at)));
        }
        if rng.random_bool(0.04)
            && let Some(other) = self.recent.get(rng.random_range(0..50))
            && Some(*other) != item.parent_id
        {
            let kind = match rng.random_range(0..10) {
                0..5 => RelationType::RelatesTo,
                5..8 => RelationType::BlockedBy,
                8 => RelationType::Duplicate,
                _ => RelationType::StartBefore,
            };
            let (keep, stored) = kind.stored();
            let (from, to) = if keep {
                (item.id, *other)
            } else {
                (*other, item.id)
            };
            batch.relations.push((
                ids.at(item.created_at),
                NewRelation {
                    workspace_id: item.workspace_id,
                    project_id: item.project_id,
                    relation: Relation {
                        work_item_id: from,
                        related_id: to,
                        relation_type: stored,
                    },
                    created_by: item.created_by.unwrap_or(p.project.created_by),
                    now: item.created_at,
                },
            ));
        }
    }

    /// Most items have no comments, some a few, a handful long threads.
    fn comments(
        &self,
        rng: &mut impl Rng,
        ids: &mut Ids,
        item: &WorkItem,
        p: &ProjectShape,
        batch: &mut Batch,
    ) {
        let roll = rng.random::<f64>();
        let count = if roll < 0.5 {
            0
        } else if roll < 0.97 {
            let mut n = 1;
            while n < 8 && rng.random_bool(0.45) {
                n += 1;
            }
            n
        } else {
            rng.random_range(8..40)
        };
        let span = (self.now - item.created_at).num_seconds().max(1);
        let mut at = item.created_at;
        for _ in 0..count {
            at = (at + Duration::seconds(rng.random_range(60..(span / 4).max(61)))).min(self.now);
            let author: UserId = busy_person(rng, &p.members);
            let text = words::reply(rng);
            batch.comments.push(Comment {
                id: CommentId(ids.at(at)),
                workspace_id: item.workspace_id,
                project_id: item.project_id,
                work_item_id: item.id,
                comment_html: format!("<p>{text}</p>"),
                comment_stripped: text.to_owned(),
                comment_json: None,
                access: CommentAccess::Internal,
                actor_id: Some(author),
                parent_id: None,
                edited_at: None,
                external_source: None,
                external_id: None,
                created_by: Some(author),
                updated_by: None,
                created_at: at,
                updated_at: at,
            });
        }
    }
}

/// A member, with the first few of the list far more likely: some people do most of the work.
fn busy_person(rng: &mut impl Rng, members: &[UserId]) -> UserId {
    let index = ((members.len() as f64) * rng.random::<f64>().powi(2)) as usize;
    members[index.min(members.len().saturating_sub(1))]
}

/// Up to three distinct entries of `from`; `odds[n]` is the chance of exactly `n`.
fn pick_some<T: Copy + PartialEq>(rng: &mut impl Rng, from: &[T], odds: &[f64]) -> Vec<T> {
    let roll = rng.random::<f64>();
    let mut total = 0.0;
    let wanted = odds
        .iter()
        .position(|p| {
            total += p;
            roll < total
        })
        .unwrap_or(0);
    let mut out: Vec<T> = Vec::with_capacity(wanted);
    for _ in 0..wanted * 3 {
        if out.len() == wanted {
            break;
        }
        if let Some(candidate) = from.choose(rng)
            && !out.contains(candidate)
        {
            out.push(*candidate);
        }
    }
    out
}

fn pick_priority(rng: &mut impl Rng) -> Priority {
    match rng.random_range(0..100) {
        0..30 => Priority::None,
        30..50 => Priority::Low,
        50..75 => Priority::Medium,
        75..92 => Priority::High,
        _ => Priority::Urgent,
    }
}

/// Old items are mostly done (a tenth of those cancelled); recent ones are spread over
/// backlog, todo and in progress. `position` is 0 for the oldest item, 1 for the newest.
fn pick_state<'s>(rng: &mut impl Rng, states: &'s [State], position: f64) -> &'s State {
    let done_odds = 0.9 * (1.0 - position).powf(0.6);
    let index = if rng.random_bool(done_odds.clamp(0.0, 1.0)) {
        if rng.random_bool(0.1) { 4 } else { 3 }
    } else {
        match rng.random_range(0..10) {
            0..4 => 0,
            4..7 => 1,
            _ => 2,
        }
    };
    &states[index.min(states.len() - 1)]
}
