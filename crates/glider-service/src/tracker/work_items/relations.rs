//! Relations between work items (Plane's eight types; reverse types stored flipped so each
//! pair has one row and both sides always agree).

use std::collections::BTreeMap;

use glider_db::repo::{relations as repo, work_items as item_repo};
use glider_domain::{
    ProjectId, ValidationError, WorkItemId,
    model::work_items::{Relation, RelationType, WorkItem},
};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::{
    Ctx, ServiceError, ServiceResult,
    access::{self, InProject},
    accounts::Actor,
    events::event,
    tracker::work_items::{activity::blank, list::readable_projects, visible},
};

/// The relations of an item as seen from it: type → related item ids.
pub fn as_seen_from(item: WorkItemId, rows: &[Relation]) -> BTreeMap<RelationType, Vec<Uuid>> {
    let mut out: BTreeMap<RelationType, Vec<Uuid>> = RelationType::ALL
        .into_iter()
        .map(|t| (t, Vec::new()))
        .collect();
    for row in rows {
        let (kind, other) = if row.work_item_id == item {
            (row.relation_type, row.related_id)
        } else {
            (row.relation_type.reverse(), row.work_item_id)
        };
        let list = out.entry(kind).or_default();
        if !list.contains(&other.0) {
            list.push(other.0);
        }
    }
    out
}

async fn scope(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
) -> ServiceResult<(InProject, WorkItem)> {
    let found = access::project(ctx, actor, slug, project).await?;
    let item = visible(ctx, &found, id).await?;
    Ok((found, item))
}

pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
) -> ServiceResult<BTreeMap<RelationType, Vec<Uuid>>> {
    let (_, item) = scope(ctx, actor, slug, project, id).await?;
    let rows = repo::touching(ctx.db.conn(), item.id).await?;
    Ok(as_seen_from(item.id, &rows))
}

/// Finds the other items: live work items of projects the actor can read in this workspace.
async fn others(ctx: &Ctx, found: &InProject, ids: &[Uuid]) -> ServiceResult<Vec<WorkItem>> {
    let scope = access::InWorkspace {
        workspace: found.workspace.clone(),
        access: found.access.workspace,
    };
    let projects: Vec<_> = readable_projects(ctx, &scope)
        .await?
        .iter()
        .map(|p| p.id)
        .collect();
    let found_items = item_repo::find_in_projects(ctx.db.conn(), &projects, ids).await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        match found_items.iter().find(|item| item.id.0 == *id) {
            Some(item) => out.push(item.clone()),
            None => {
                return Err(ServiceError::rule(
                    "invalid_payload",
                    "The payload is not valid",
                ));
            }
        }
    }
    Ok(out)
}

/// Relates the item to each of `issues` (project members). Pairs already related are skipped.
pub async fn create(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
    body: &Map<String, Value>,
) -> ServiceResult<Vec<(WorkItem, RelationType)>> {
    let (found, item) = scope(ctx, actor, slug, project, id).await?;
    found
        .access
        .contributor()
        .map_err(access::refuse("project"))?;
    let mut errors = glider_domain::FieldErrors::new();
    let kind = match body.get("relation_type").and_then(Value::as_str) {
        Some(raw) => errors.check(RelationType::parse("relation_type", raw)),
        None => {
            errors.add("relation_type", "This field is required.");
            None
        }
    };
    let ids: Vec<Uuid> = match body.get("issues") {
        Some(Value::Array(items)) if items.is_empty() => {
            errors.add("issues", "Ensure this field has at least 1 elements.");
            Vec::new()
        }
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| match v.as_str().and_then(|s| Uuid::parse_str(s).ok()) {
                Some(id) => Some(id),
                None => {
                    errors.add("issues", "Must be a valid UUID.");
                    None
                }
            })
            .collect(),
        _ => {
            errors.add("issues", "This field is required.");
            Vec::new()
        }
    };
    if ids.contains(&item.id.0) {
        errors.push(ValidationError::new(
            "issues",
            "A work item cannot be related to itself.",
        ));
    }
    errors.into_result()?;
    let Some(kind) = kind else {
        return Err(anyhow::anyhow!("validated relation type missing").into());
    };
    let targets = others(ctx, &found, &ids).await?;
    let existing = repo::touching(ctx.db.conn(), item.id).await?;
    let now = ctx.now();
    let tx = ctx.db.begin_write().await?;
    let mut created = Vec::new();
    let mut history = Vec::new();
    for target in targets {
        let related = existing
            .iter()
            .any(|r| r.work_item_id == target.id || r.related_id == target.id)
            || created
                .iter()
                .any(|(t, _): &(WorkItem, RelationType)| t.id == target.id);
        if related {
            continue;
        }
        let (from_this_side, stored) = kind.stored();
        let relation = if from_this_side {
            Relation {
                work_item_id: item.id,
                related_id: target.id,
                relation_type: stored,
            }
        } else {
            Relation {
                work_item_id: target.id,
                related_id: item.id,
                relation_type: stored,
            }
        };
        repo::insert(
            &tx,
            repo::NewRelation {
                workspace_id: item.workspace_id,
                project_id: item.project_id,
                relation,
                created_by: actor.user.id,
                now,
            },
        )
        .await?;
        let mut entry = blank(&item, Some(actor.user.id), now);
        entry.verb = "created".to_owned();
        entry.field = Some(kind.as_str().to_owned());
        entry.new_value = Some(target.name.clone());
        entry.new_identifier = Some(target.id.0);
        entry.comment = format!("added {} relation", kind.as_str());
        history.push(entry);
        created.push((target, stored));
    }
    let payload = json!({ "relation_type": kind, "issues": created.iter().map(|(t, _)| t.id).collect::<Vec<_>>() });
    let record = event(
        ctx,
        "tracker.relation.created",
        Some(actor.user.id),
        Some(item.workspace_id),
        Some(item.project_id),
        item.id.0,
        payload,
    );
    crate::events::commit_with_history(tx, record, &history).await?;
    Ok(created)
}

/// Removes the relation with `related_issue` (Plane's paid `relations/remove/`).
pub async fn remove(
    ctx: &Ctx,
    actor: &Actor,
    slug: &str,
    project: ProjectId,
    id: WorkItemId,
    body: &Map<String, Value>,
) -> ServiceResult<()> {
    let (found, item) = scope(ctx, actor, slug, project, id).await?;
    found
        .access
        .contributor()
        .map_err(access::refuse("project"))?;
    let related = body
        .get("related_issue")
        .and_then(Value::as_str)
        .and_then(|s| Uuid::parse_str(s).ok())
        .ok_or_else(|| {
            ServiceError::from(ValidationError::new(
                "related_issue",
                "Must be a valid UUID.",
            ))
        })?;
    let now = ctx.now();
    let tx = ctx.db.begin_write().await?;
    if !repo::remove(&tx, item.id, WorkItemId(related), now).await? {
        return Err(ServiceError::not_found("relation"));
    }
    let mut entry = blank(&item, Some(actor.user.id), now);
    entry.verb = "deleted".to_owned();
    entry.field = Some("relation".to_owned());
    entry.old_identifier = Some(related);
    entry.comment = "removed a relation".to_owned();
    let record = event(
        ctx,
        "tracker.relation.deleted",
        Some(actor.user.id),
        Some(item.workspace_id),
        Some(item.project_id),
        item.id.0,
        json!({ "related_issue": related }),
    );
    crate::events::commit_with_history(tx, record, &[entry]).await?;
    Ok(())
}
