//! Reading cycles: one with its counts, lists with the status filter and ordering, and the
//! users that `expand` names.

use std::{cmp::Ordering, collections::HashMap};

use glider_db::repo::{accounts, cycles as repo};
use glider_domain::{
    CycleId, ProjectId, UserId, ValidationError,
    model::{
        accounts::User,
        cycles::{Cycle, CycleStatus, EstimateTotals, ItemCounts},
    },
};

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self, InProject},
    accounts::Actor,
    tracker::cycles::load,
};

/// A cycle with the counts a read shows (`None` where the response leaves them out).
#[derive(Clone, Debug)]
pub struct CycleView {
    pub cycle: Cycle,
    pub counts: Option<ItemCounts>,
    pub estimates: Option<EstimateTotals>,
}

/// What a cycle list asks for.
#[derive(Clone, Debug, Default)]
pub struct CycleQuery {
    /// Archived cycles instead of the others.
    pub archived: bool,
    pub status: Option<CycleStatus>,
    /// A field, `-` for descending; newest first when absent.
    pub order_by: Option<String>,
    /// Add item counts by state group.
    pub counts: bool,
    /// Add estimate sums.
    pub estimates: bool,
    pub offset: u64,
    pub limit: u64,
}

/// A page of cycles and the total.
#[derive(Clone, Debug)]
pub struct CyclePage {
    pub total: u64,
    pub cycles: Vec<CycleView>,
}

/// Sorts by `order_by` (`-` for descending); ties keep their order. An unknown field is refused.
pub(crate) fn sort<T>(
    items: &mut [T],
    order_by: Option<&str>,
    by: impl Fn(&str) -> Option<fn(&T, &T) -> Ordering>,
) -> ServiceResult<()> {
    let Some(raw) = order_by.map(str::trim).filter(|raw| !raw.is_empty()) else {
        return Ok(());
    };
    let (descending, name) = raw
        .strip_prefix('-')
        .map_or((false, raw), |rest| (true, rest));
    let compare = by(name).ok_or_else(|| {
        ValidationError::new(
            "order_by",
            format!("\"{name}\" is not a field this list can be ordered by."),
        )
    })?;
    items.sort_by(|a, b| {
        if descending {
            compare(b, a)
        } else {
            compare(a, b)
        }
    });
    Ok(())
}

fn cycle_order(field: &str) -> Option<fn(&Cycle, &Cycle) -> Ordering> {
    Some(match field {
        "created_at" => |a, b| a.created_at.cmp(&b.created_at),
        "updated_at" => |a, b| a.updated_at.cmp(&b.updated_at),
        "name" => |a, b| a.name.cmp(&b.name),
        "sort_order" => |a, b| a.sort_order.total_cmp(&b.sort_order),
        "start_date" => |a, b| a.start_date.cmp(&b.start_date),
        "end_date" => |a, b| a.end_date.cmp(&b.end_date),
        _ => return None,
    })
}

async fn with_stats(
    ctx: &Ctx,
    cycles: Vec<Cycle>,
    counts: bool,
    estimates: bool,
) -> ServiceResult<Vec<CycleView>> {
    if !counts && !estimates {
        return Ok(cycles
            .into_iter()
            .map(|cycle| CycleView {
                cycle,
                counts: None,
                estimates: None,
            })
            .collect());
    }
    let ids: Vec<CycleId> = cycles.iter().map(|c| c.id).collect();
    let stats = repo::stats(ctx.db.conn(), &ids).await?;
    Ok(cycles
        .into_iter()
        .map(|cycle| {
            let (item_counts, totals) = stats.get(&cycle.id).copied().unwrap_or_default();
            CycleView {
                cycle,
                counts: counts.then_some(item_counts),
                estimates: estimates.then_some(totals),
            }
        })
        .collect())
}

/// One cycle with its item counts; archived cycles are not found.
pub async fn get(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    id: CycleId,
) -> ServiceResult<(InProject, CycleView)> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    let cycle = load(ctx, &found, id).await?;
    if cycle.archived_at.is_some() {
        return Err(ServiceError::not_found("cycle"));
    }
    let view = with_stats(ctx, vec![cycle], true, false)
        .await?
        .pop()
        .ok_or(ServiceError::not_found("cycle"))?;
    Ok((found, view))
}

/// The project's cycles (or its archived ones), newest first unless `order_by` says
/// otherwise, filtered by status at the current time.
pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project_id: ProjectId,
    query: &CycleQuery,
) -> ServiceResult<(InProject, CyclePage)> {
    let found = access::project(ctx, actor, slug, project_id).await?;
    let now = ctx.now();
    let mut cycles = repo::list(ctx.db.conn(), project_id, query.archived).await?;
    if let Some(status) = query.status {
        cycles.retain(|cycle| status.matches(cycle, now));
    }
    sort(&mut cycles, query.order_by.as_deref(), cycle_order)?;
    let total = cycles.len() as u64;
    let offset = usize::try_from(query.offset).unwrap_or(usize::MAX);
    let limit = usize::try_from(query.limit).unwrap_or(usize::MAX);
    let page: Vec<Cycle> = cycles.into_iter().skip(offset).take(limit).collect();
    let cycles = with_stats(ctx, page, query.counts, query.estimates).await?;
    Ok((found, CyclePage { total, cycles }))
}

/// The users these ids name, for `expand` of cycles and modules; unknown ids are left out.
pub async fn people(ctx: &Ctx, ids: &[UserId]) -> ServiceResult<HashMap<uuid::Uuid, User>> {
    let mut out = HashMap::new();
    for id in ids {
        if out.contains_key(&id.0) {
            continue;
        }
        match accounts::find_user(ctx.db.conn(), *id).await {
            Ok(user) => {
                out.insert(id.0, user);
            }
            Err(glider_db::DbError::NotFound) => {}
            Err(other) => return Err(other.into()),
        }
    }
    Ok(out)
}
