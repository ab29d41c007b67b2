//! Bulk writes for generated data (`glider demo seed`): many rows per statement, in the
//! caller's transaction, with the same column conversions as the single-row writes.

use chrono::{DateTime, Utc};
use glider_domain::{
    ProjectId, UserId, WorkspaceId,
    model::work_items::{Activity, Comment, Relation, WorkItem},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
    sea_query::Expr,
};
use uuid::Uuid;

use crate::{
    DbError,
    entities::{
        project, work_item, work_item_assignee, work_item_comment, work_item_label,
        work_item_relation, workspace,
    },
    repo::{comments::comment_fields, work_items::write_fields},
};

/// Bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535.
const MAX_PARAMETERS: usize = 30_000;

async fn insert_chunked<A>(
    conn: &impl ConnectionTrait,
    rows: Vec<A>,
    columns: usize,
) -> Result<(), DbError>
where
    A: ActiveModelTrait + Send,
{
    let per_statement = (MAX_PARAMETERS / columns).max(1);
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(per_statement).collect();
        A::Entity::insert_many(chunk)
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// Inserts work items with their assignee and label sets.
pub async fn insert_work_items(
    conn: &impl ConnectionTrait,
    items: &[WorkItem],
    id_for_link: &mut impl FnMut() -> Uuid,
) -> Result<(), DbError> {
    let rows: Vec<work_item::ActiveModel> = items
        .iter()
        .map(|item| {
            let mut active = work_item::ActiveModel {
                id: Set(item.id.0),
                workspace_id: Set(item.workspace_id.0),
                project_id: Set(item.project_id.0),
                description_binary: Set(None),
                created_by: Set(item.created_by.map(|id| id.0)),
                created_at: Set(item.created_at),
                deleted_at: Set(None),
                ..Default::default()
            };
            write_fields(&mut active, item);
            active
        })
        .collect();
    insert_chunked(conn, rows, 28).await?;
    let mut assignees = Vec::new();
    let mut labels = Vec::new();
    for item in items {
        for user in &item.assignees {
            assignees.push(work_item_assignee::ActiveModel {
                id: Set(id_for_link()),
                workspace_id: Set(item.workspace_id.0),
                project_id: Set(item.project_id.0),
                work_item_id: Set(item.id.0),
                user_id: Set(user.0),
                created_at: Set(item.created_at),
            });
        }
        for label in &item.labels {
            labels.push(work_item_label::ActiveModel {
                id: Set(id_for_link()),
                workspace_id: Set(item.workspace_id.0),
                project_id: Set(item.project_id.0),
                work_item_id: Set(item.id.0),
                label_id: Set(label.0),
                created_at: Set(item.created_at),
            });
        }
    }
    insert_chunked(conn, assignees, 6).await?;
    insert_chunked(conn, labels, 6).await
}

pub async fn insert_comments(
    conn: &impl ConnectionTrait,
    comments: &[Comment],
) -> Result<(), DbError> {
    let rows: Vec<work_item_comment::ActiveModel> = comments
        .iter()
        .map(|c| {
            let mut active = work_item_comment::ActiveModel {
                id: Set(c.id.0),
                workspace_id: Set(c.workspace_id.0),
                project_id: Set(c.project_id.0),
                work_item_id: Set(c.work_item_id.0),
                actor_id: Set(c.actor_id.map(|id| id.0)),
                parent_id: Set(c.parent_id.map(|id| id.0)),
                created_by: Set(c.created_by.map(|id| id.0)),
                created_at: Set(c.created_at),
                deleted_at: Set(None),
                ..Default::default()
            };
            comment_fields(&mut active, c);
            active
        })
        .collect();
    insert_chunked(conn, rows, 18).await
}

/// Appends history entries, tagged with the event that announced them.
pub async fn insert_activities(
    conn: &impl ConnectionTrait,
    activities: &[Activity],
    event_id: Uuid,
) -> Result<(), DbError> {
    for chunk in activities.chunks(MAX_PARAMETERS / 16) {
        crate::repo::activities::insert_many(conn, chunk, event_id).await?;
    }
    Ok(())
}

/// A relation as stored (see `RelationType::stored`), with its row id.
pub struct RelationRow {
    pub id: Uuid,
    pub workspace_id: WorkspaceId,
    pub project_id: ProjectId,
    pub relation: Relation,
    pub created_by: UserId,
    pub at: DateTime<Utc>,
}

pub async fn insert_relations(
    conn: &impl ConnectionTrait,
    relations: &[RelationRow],
) -> Result<(), DbError> {
    let rows: Vec<work_item_relation::ActiveModel> = relations
        .iter()
        .map(|r| work_item_relation::ActiveModel {
            id: Set(r.id),
            workspace_id: Set(r.workspace_id.0),
            project_id: Set(r.project_id.0),
            work_item_id: Set(r.relation.work_item_id.0),
            related_work_item_id: Set(r.relation.related_id.0),
            relation_type: Set(r.relation.relation_type.as_str().to_owned()),
            created_by: Set(Some(r.created_by.0)),
            deleted_at: Set(None),
            created_at: Set(r.at),
            updated_at: Set(r.at),
        })
        .collect();
    insert_chunked(conn, rows, 10).await
}

/// Sets the project's last issued work-item number (after numbers were written in bulk).
pub async fn set_work_item_sequence(
    conn: &impl ConnectionTrait,
    project_id: ProjectId,
    last: i32,
) -> Result<(), DbError> {
    project::Entity::update_many()
        .col_expr(project::Column::WorkItemSequence, Expr::value(last))
        .filter(project::Column::Id.eq(project_id.0))
        .exec(conn)
        .await?;
    Ok(())
}

/// Shows or hides a workspace: a seed keeps its workspace deleted (invisible to everyone)
/// until the last batch is written.
pub async fn set_workspace_hidden(
    conn: &impl ConnectionTrait,
    id: WorkspaceId,
    hidden_since: Option<DateTime<Utc>>,
) -> Result<(), DbError> {
    workspace::Entity::update_many()
        .col_expr(workspace::Column::DeletedAt, Expr::value(hidden_since))
        .filter(workspace::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    Ok(())
}

/// Removes a workspace and, through the foreign keys' cascades, everything in it.
pub async fn purge_workspace(conn: &impl ConnectionTrait, id: WorkspaceId) -> Result<(), DbError> {
    workspace::Entity::delete_by_id(id.0).exec(conn).await?;
    Ok(())
}

/// How many users and workspaces (deleted ones included) the database holds.
pub async fn population(conn: &impl ConnectionTrait) -> Result<(u64, u64), DbError> {
    let users = crate::entities::user::Entity::find().count(conn).await?;
    let workspaces = workspace::Entity::find().count(conn).await?;
    Ok((users, workspaces))
}

/// The workspace holding `slug`, deleted or not.
pub async fn workspace_by_slug_any(
    conn: &impl ConnectionTrait,
    slug: &str,
) -> Result<Option<WorkspaceId>, DbError> {
    Ok(workspace::Entity::find()
        .filter(workspace::Column::Slug.eq(slug))
        .one(conn)
        .await?
        .map(|row| WorkspaceId(row.id)))
}

/// Refreshes the planner's statistics after a bulk load: without them PostgreSQL (until
/// autovacuum passes, if it runs at all) sorts a list page instead of walking its index.
pub async fn analyze(conn: &impl ConnectionTrait) -> Result<(), DbError> {
    let statement = match conn.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => "ANALYZE",
        _ => "PRAGMA optimize",
    };
    conn.execute_unprepared(statement).await?;
    Ok(())
}
