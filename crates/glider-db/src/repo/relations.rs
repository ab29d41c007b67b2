//! Relations between work items: one row per ordered pair, reverse types stored flipped.

use chrono::{DateTime, Utc};
use glider_domain::{
    ProjectId, UserId, WorkItemId, WorkspaceId,
    model::work_items::{Relation, RelationType},
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, Set, sea_query::Expr,
};
use uuid::Uuid;

use crate::{DbError, entities::work_item_relation};

/// Every live relation row touching `item`, from either side.
pub async fn touching(
    conn: &impl ConnectionTrait,
    item: WorkItemId,
) -> Result<Vec<Relation>, DbError> {
    Ok(work_item_relation::Entity::find()
        .filter(
            Condition::any()
                .add(work_item_relation::Column::WorkItemId.eq(item.0))
                .add(work_item_relation::Column::RelatedWorkItemId.eq(item.0)),
        )
        .filter(work_item_relation::Column::DeletedAt.is_null())
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|row| {
            Some(Relation {
                work_item_id: WorkItemId(row.work_item_id),
                related_id: WorkItemId(row.related_work_item_id),
                relation_type: RelationType::parse("relation_type", &row.relation_type).ok()?,
            })
        })
        .collect())
}

pub struct NewRelation {
    pub workspace_id: WorkspaceId,
    pub project_id: ProjectId,
    pub relation: Relation,
    pub created_by: UserId,
    pub now: DateTime<Utc>,
}

/// The row of a new relation with the given id.
pub(crate) fn new_row(id: Uuid, new: &NewRelation) -> work_item_relation::ActiveModel {
    work_item_relation::ActiveModel {
        id: Set(id),
        workspace_id: Set(new.workspace_id.0),
        project_id: Set(new.project_id.0),
        work_item_id: Set(new.relation.work_item_id.0),
        related_work_item_id: Set(new.relation.related_id.0),
        relation_type: Set(new.relation.relation_type.as_str().to_owned()),
        created_by: Set(Some(new.created_by.0)),
        deleted_at: Set(None),
        created_at: Set(new.now),
        updated_at: Set(new.now),
    }
}

pub async fn insert(conn: &impl ConnectionTrait, new: NewRelation) -> Result<(), DbError> {
    work_item_relation::Entity::insert(new_row(Uuid::now_v7(), &new))
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Removes the relation between two items, whichever side stores it. Returns whether one existed.
pub async fn remove(
    conn: &impl ConnectionTrait,
    a: WorkItemId,
    b: WorkItemId,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let pair = |x: WorkItemId, y: WorkItemId| {
        Condition::all()
            .add(work_item_relation::Column::WorkItemId.eq(x.0))
            .add(work_item_relation::Column::RelatedWorkItemId.eq(y.0))
    };
    let result = work_item_relation::Entity::update_many()
        .col_expr(
            work_item_relation::Column::DeletedAt,
            Expr::value(Some(now)),
        )
        .filter(Condition::any().add(pair(a, b)).add(pair(b, a)))
        .filter(work_item_relation::Column::DeletedAt.is_null())
        .exec(conn)
        .await?;
    Ok(result.rows_affected > 0)
}
