//! The field-level history: one entry per changed field, written with the change.

use chrono::{DateTime, Utc};
use glider_db::repo::work_items as repo;
use glider_domain::{
    ActivityId, UserId,
    model::work_items::{Activity, WorkItem},
};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::{Ctx, ServiceResult};

struct Builder<'a> {
    item: &'a WorkItem,
    actor: Option<UserId>,
    now: DateTime<Utc>,
    out: Vec<Activity>,
    /// `{"field": {"old": …, "new": …}}` for the outbox event.
    changes: serde_json::Map<String, Value>,
}

impl Builder<'_> {
    fn push(
        &mut self,
        field: &str,
        old: Option<String>,
        new: Option<String>,
        ids: (Option<Uuid>, Option<Uuid>),
        comment: String,
    ) {
        self.out.push(Activity {
            id: ActivityId::new(),
            workspace_id: self.item.workspace_id,
            project_id: self.item.project_id,
            work_item_id: self.item.id,
            verb: "updated".to_owned(),
            field: Some(field.to_owned()),
            old_value: old,
            new_value: new,
            old_identifier: ids.0,
            new_identifier: ids.1,
            comment,
            comment_id: None,
            actor_id: self.actor,
            created_at: self.now,
            updated_at: self.now,
        });
    }

    fn scalar<T: PartialEq + ToString + serde::Serialize>(
        &mut self,
        field: &str,
        old: Option<&T>,
        new: Option<&T>,
    ) {
        if old == new {
            return;
        }
        self.changes
            .insert(field.to_owned(), json!({ "old": old, "new": new }));
        let comment = format!("updated the {} to", field.replace('_', " "));
        self.push(
            field,
            old.map(ToString::to_string),
            new.map(ToString::to_string),
            (None, None),
            comment,
        );
    }

    fn reference(
        &mut self,
        field: &str,
        old: Option<Uuid>,
        new: Option<Uuid>,
        names: &std::collections::HashMap<Uuid, String>,
    ) {
        if old == new {
            return;
        }
        self.changes
            .insert(field.to_owned(), json!({ "old": old, "new": new }));
        let name = |id: Option<Uuid>| id.and_then(|id| names.get(&id).cloned());
        let comment = format!("updated the {} to", field.replace('_', " "));
        self.push(field, name(old), name(new), (old, new), comment);
    }

    fn set(
        &mut self,
        field: &str,
        singular: &str,
        old: &[Uuid],
        new: &[Uuid],
        names: &std::collections::HashMap<Uuid, String>,
    ) {
        if old == new {
            return;
        }
        self.changes
            .insert(field.to_owned(), json!({ "old": old, "new": new }));
        for id in new.iter().filter(|id| !old.contains(id)) {
            let name = names.get(id).cloned();
            self.push(
                field,
                None,
                name,
                (None, Some(*id)),
                format!("added {singular}"),
            );
        }
        for id in old.iter().filter(|id| !new.contains(id)) {
            let name = names.get(id).cloned();
            self.push(
                field,
                name,
                None,
                (Some(*id), None),
                format!("removed {singular}"),
            );
        }
    }
}

/// The history entries and event payload for a change from `before` (None: created) to `after`.
pub async fn record(
    ctx: &Ctx,
    before: Option<&WorkItem>,
    after: &WorkItem,
    actor: Option<UserId>,
) -> ServiceResult<(Vec<Activity>, Value)> {
    record_with(ctx, ctx.db.conn(), before, after, actor).await
}

/// [`record`], reading names through `conn` (the change's own transaction, so a writer
/// never waits for a second pooled connection while it holds the write lock).
pub async fn record_with(
    ctx: &Ctx,
    conn: &impl glider_db::ConnectionTrait,
    before: Option<&WorkItem>,
    after: &WorkItem,
    actor: Option<UserId>,
) -> ServiceResult<(Vec<Activity>, Value)> {
    let now = ctx.now();
    let mut builder = Builder {
        item: after,
        actor,
        now,
        out: Vec::new(),
        changes: serde_json::Map::new(),
    };
    let Some(before) = before else {
        builder.out.push(Activity {
            verb: "created".to_owned(),
            field: None,
            comment: "created the issue".to_owned(),
            ..blank(after, actor, now)
        });
        let payload = json!({ "name": after.name, "sequence_id": after.sequence_id, "state": after.state_id, "priority": after.priority });
        return Ok((builder.out, payload));
    };
    builder.scalar("name", Some(&before.name), Some(&after.name));
    if before.description_html != after.description_html {
        builder.changes.insert(
            "description_html".to_owned(),
            json!({ "old": before.description_html, "new": after.description_html }),
        );
        builder.push(
            "description",
            Some(before.description_stripped.clone()),
            Some(after.description_stripped.clone()),
            (None, None),
            "updated the description to".to_owned(),
        );
    }
    builder.scalar(
        "priority",
        Some(&before.priority.as_str()),
        Some(&after.priority.as_str()),
    );
    let state_ids: Vec<Uuid> = [before.state_id, after.state_id]
        .into_iter()
        .flatten()
        .map(|s| s.0)
        .collect();
    builder.reference(
        "state",
        before.state_id.map(|s| s.0),
        after.state_id.map(|s| s.0),
        &repo::names(conn, "states", "name", &state_ids).await?,
    );
    let parents: Vec<Uuid> = [before.parent_id, after.parent_id]
        .into_iter()
        .flatten()
        .map(|p| p.0)
        .collect();
    let parent_names = repo::names(conn, "work_items", "name", &parents).await?;
    builder.reference(
        "parent",
        before.parent_id.map(|p| p.0),
        after.parent_id.map(|p| p.0),
        &parent_names,
    );
    builder.scalar(
        "start_date",
        before.start_date.as_ref(),
        after.start_date.as_ref(),
    );
    builder.scalar(
        "target_date",
        before.target_date.as_ref(),
        after.target_date.as_ref(),
    );
    builder.reference(
        "estimate_point",
        before.estimate_point_id,
        after.estimate_point_id,
        &Default::default(),
    );
    builder.scalar("point", before.point.as_ref(), after.point.as_ref());
    builder.scalar(
        "estimate_time",
        before.estimate_time.as_ref(),
        after.estimate_time.as_ref(),
    );
    builder.scalar(
        "archived_at",
        before.archived_at.as_ref(),
        after.archived_at.as_ref(),
    );
    builder.scalar("draft", Some(&before.is_draft), Some(&after.is_draft));
    builder.scalar(
        "sequence_id",
        Some(&before.sequence_id),
        Some(&after.sequence_id),
    );
    let users: Vec<Uuid> = before
        .assignees
        .iter()
        .chain(&after.assignees)
        .map(|u| u.0)
        .collect();
    let user_names = repo::names(conn, "users", "display_name", &users).await?;
    let old: Vec<Uuid> = before.assignees.iter().map(|u| u.0).collect();
    let new: Vec<Uuid> = after.assignees.iter().map(|u| u.0).collect();
    builder.set("assignees", "assignee", &old, &new, &user_names);
    let labels: Vec<Uuid> = before
        .labels
        .iter()
        .chain(&after.labels)
        .map(|l| l.0)
        .collect();
    let label_names = repo::names(conn, "labels", "name", &labels).await?;
    let old: Vec<Uuid> = before.labels.iter().map(|l| l.0).collect();
    let new: Vec<Uuid> = after.labels.iter().map(|l| l.0).collect();
    builder.set("labels", "label", &old, &new, &label_names);
    // Sort order moves (drag and drop) are no history, but they are events.
    if before.sort_order != after.sort_order {
        builder.changes.insert(
            "sort_order".to_owned(),
            json!({ "old": before.sort_order, "new": after.sort_order }),
        );
    }
    Ok((builder.out, Value::Object(builder.changes)))
}

/// An entry with the item's scope filled in.
pub fn blank(item: &WorkItem, actor: Option<UserId>, now: DateTime<Utc>) -> Activity {
    Activity {
        id: ActivityId::new(),
        workspace_id: item.workspace_id,
        project_id: item.project_id,
        work_item_id: item.id,
        verb: String::new(),
        field: None,
        old_value: None,
        new_value: None,
        old_identifier: None,
        new_identifier: None,
        comment: String::new(),
        comment_id: None,
        actor_id: actor,
        created_at: now,
        updated_at: now,
    }
}
