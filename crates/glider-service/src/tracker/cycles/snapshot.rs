//! The progress snapshot a cycle keeps when its open work items are transferred: counts by
//! state group, distributions by assignee and label, and a day-by-day burndown; the same in
//! estimate points when the project estimates in points.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use glider_db::repo::{
    accounts, estimates as estimate_repo, labels as label_repo,
    work_item_queries::{self as queries, ListQuery, Visibility},
};
use glider_domain::{
    UserId,
    filters::{Filter, Lookup},
    model::{
        catalog::EstimateType,
        cycles::{Cycle, ItemCounts, project_zone},
        tracker::Project,
        work_items::{WorkItem, WorkItemOrder},
    },
};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::{Ctx, ServiceResult};

/// At most this many days of burndown (a cycle is rarely longer than a quarter).
const MAX_CHART_DAYS: usize = 400;

#[derive(Default)]
struct Tally {
    total: f64,
    completed: f64,
    pending: f64,
}

/// Totals per key (`None`: items with no assignee or no label), in first-seen order.
fn tally(
    items: &[WorkItem],
    keys: impl Fn(&WorkItem) -> Vec<Option<Uuid>>,
    weight: impl Fn(&WorkItem) -> Option<f64>,
) -> Vec<(Option<Uuid>, Tally)> {
    let mut out: Vec<(Option<Uuid>, Tally)> = Vec::new();
    for item in items {
        let Some(weight) = weight(item) else { continue };
        let mut item_keys = keys(item);
        if item_keys.is_empty() {
            item_keys.push(None);
        }
        for key in item_keys {
            let slot = match out.iter().position(|(k, _)| *k == key) {
                Some(index) => &mut out[index].1,
                None => {
                    out.push((key, Tally::default()));
                    let last = out.len() - 1;
                    &mut out[last].1
                }
            };
            slot.total += weight;
            if item.completed_at.is_some() {
                slot.completed += weight;
            } else {
                slot.pending += weight;
            }
        }
    }
    out
}

fn number(value: f64, as_count: bool) -> Value {
    if as_count {
        json!(value.round() as i64)
    } else {
        json!(value)
    }
}

fn entries(
    rows: Vec<(Option<Uuid>, Tally)>,
    describe: impl Fn(Option<Uuid>) -> (Option<String>, Map<String, Value>),
    counts: bool,
) -> Value {
    let (total, completed, pending) = if counts {
        ("total_issues", "completed_issues", "pending_issues")
    } else {
        (
            "total_estimates",
            "completed_estimates",
            "pending_estimates",
        )
    };
    let mut described: Vec<(Option<String>, Map<String, Value>)> = rows
        .into_iter()
        .map(|(key, t)| {
            let (name, mut entry) = describe(key);
            entry.insert(total.to_owned(), number(t.total, counts));
            entry.insert(completed.to_owned(), number(t.completed, counts));
            entry.insert(pending.to_owned(), number(t.pending, counts));
            (name, entry)
        })
        .collect();
    // By name, the nameless (no assignee, no label) last.
    described.sort_by(|(a, _), (b, _)| match (a, b) {
        (Some(a), Some(b)) => a.cmp(b),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    Value::Array(
        described
            .into_iter()
            .map(|(_, entry)| Value::Object(entry))
            .collect(),
    )
}

/// Remaining weight at the end of each day of the cycle.
fn burndown(
    items: &[WorkItem],
    days: Option<(NaiveDate, NaiveDate)>,
    day_of: impl Fn(DateTime<Utc>) -> NaiveDate,
    weight: impl Fn(&WorkItem) -> Option<f64>,
    counts: bool,
) -> Value {
    let mut chart = Map::new();
    let Some((start, end)) = days else {
        return Value::Object(chart);
    };
    for day in start
        .iter_days()
        .take_while(|d| *d <= end)
        .take(MAX_CHART_DAYS)
    {
        let pending: f64 = items
            .iter()
            .filter(|item| item.completed_at.is_none_or(|at| day_of(at) > day))
            .filter_map(&weight)
            .sum();
        chart.insert(day.format("%Y-%m-%d").to_string(), number(pending, counts));
    }
    Value::Object(chart)
}

/// The snapshot of `cycle` as it is now, with `counts` from the cycle's item counts.
pub(super) async fn build(
    ctx: &Ctx,
    project: &Project,
    cycle: &Cycle,
    counts: ItemCounts,
) -> ServiceResult<Value> {
    let conn = ctx.db.conn();
    let filter = Filter::Is(Lookup::Cycle(vec![cycle.id.0]));
    let projects = [project.id];
    let query = ListQuery {
        projects: &projects,
        visibility: Visibility::Active,
        filter: Some(&filter),
        order: WorkItemOrder::DEFAULT,
        offset: 0,
        limit: 100_000,
    };
    let (_, items) = queries::list(conn, &query).await?;
    let labels: HashMap<Uuid, (String, String)> = label_repo::list_labels(conn, project.id)
        .await?
        .into_iter()
        .map(|l| (l.id.0, (l.name, l.color)))
        .collect();
    let mut users = HashMap::new();
    for id in items.iter().flat_map(|i| i.assignees.iter()) {
        if !users.contains_key(&id.0)
            && let Ok(user) = accounts::find_user(conn, UserId(id.0)).await
        {
            users.insert(id.0, user);
        }
    }
    let assignee = |key: Option<Uuid>| {
        let user = key.and_then(|id| users.get(&id));
        let name = user.map(|u| u.display_name.clone());
        let avatar = user.map(|u| u.avatar.clone()).filter(|a| !a.is_empty());
        let entry = json!({ "display_name": name, "assignee_id": key, "avatar_url": avatar });
        (name, entry.as_object().cloned().unwrap_or_default())
    };
    let label = |key: Option<Uuid>| {
        let found = key.and_then(|id| labels.get(&id));
        let name = found.map(|(n, _)| n.clone());
        let entry = json!({ "label_name": name, "color": found.map(|(_, c)| c), "label_id": key });
        (name, entry.as_object().cloned().unwrap_or_default())
    };
    let by_assignee = |i: &WorkItem| i.assignees.iter().map(|u| Some(u.0)).collect::<Vec<_>>();
    let by_label = |i: &WorkItem| i.labels.iter().map(|l| Some(l.0)).collect::<Vec<_>>();
    let zone = project_zone(&project.settings.timezone);
    let day_of = |at: DateTime<Utc>| at.with_timezone(&zone).date_naive();
    let days = cycle
        .start_date
        .zip(cycle.end_date)
        .map(|(s, e)| (day_of(s), day_of(e)));
    let one = |_: &WorkItem| Some(1.0);
    let distribution = json!({
        "labels": entries(tally(&items, by_label, one), label, true),
        "assignees": entries(tally(&items, by_assignee, one), assignee, true),
        "completion_chart": burndown(&items, days, day_of, one, true),
    });
    let mut estimate_distribution = json!({});
    if let Some(estimate) = estimate_repo::find_for_project(conn, project.id).await?
        && estimate.estimate_type == EstimateType::Points
    {
        let values: HashMap<Uuid, f64> = estimate_repo::list_points(conn, estimate.id)
            .await?
            .into_iter()
            .filter_map(|p| Some((p.id.0, p.value.trim().parse::<f64>().ok()?)))
            .collect();
        let points = |i: &WorkItem| i.estimate_point_id.and_then(|p| values.get(&p).copied());
        estimate_distribution = json!({
            "labels": entries(tally(&items, by_label, points), label, false),
            "assignees": entries(tally(&items, by_assignee, points), assignee, false),
            "completion_chart": burndown(&items, days, day_of, points, false),
        });
    }
    Ok(json!({
        "total_issues": counts.total,
        "completed_issues": counts.completed,
        "cancelled_issues": counts.cancelled,
        "started_issues": counts.started,
        "unstarted_issues": counts.unstarted,
        "backlog_issues": counts.backlog,
        "distribution": distribution,
        "estimate_distribution": estimate_distribution,
    }))
}
