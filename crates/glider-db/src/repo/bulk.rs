//! Bulk writes for generated data (`glider demo seed`): many rows per statement, in the
//! caller's transaction, with the same column conversions as the single-row writes.

use chrono::{DateTime, Utc};
use glider_domain::{
    ProjectId, WorkspaceId,
    model::work_items::{Activity, Comment, WorkItem},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, Iterable, PaginatorTrait,
    QueryFilter, sea_query::Expr,
};
use uuid::Uuid;

use crate::{
    DbError,
    entities::{project, work_item_activity, workspace},
    repo::{
        comments::new_comment_row,
        relations::{self, NewRelation},
        work_items::{self, assignee_row, label_row},
    },
};

/// Bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535.
const MAX_PARAMETERS: usize = 30_000;

/// Rows per statement for a table of `E`, so that its parameters stay under the limit.
fn rows_per_statement<E: EntityTrait>() -> usize {
    (MAX_PARAMETERS / E::Column::iter().count()).max(1)
}

async fn insert_chunked<A>(conn: &impl ConnectionTrait, rows: Vec<A>) -> Result<(), DbError>
where
    A: ActiveModelTrait + Send,
{
    let per_statement = rows_per_statement::<A::Entity>();
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
    insert_chunked(conn, items.iter().map(work_items::new_row).collect()).await?;
    let mut assignees = Vec::new();
    let mut labels = Vec::new();
    for item in items {
        for user in &item.assignees {
            assignees.push(assignee_row(item, *user, id_for_link(), item.created_at));
        }
        for label in &item.labels {
            labels.push(label_row(item, *label, id_for_link(), item.created_at));
        }
    }
    insert_chunked(conn, assignees).await?;
    insert_chunked(conn, labels).await
}

pub async fn insert_comments(
    conn: &impl ConnectionTrait,
    comments: &[Comment],
) -> Result<(), DbError> {
    insert_chunked(conn, comments.iter().map(new_comment_row).collect()).await
}

/// Appends history entries, tagged with the event that announced them.
pub async fn insert_activities(
    conn: &impl ConnectionTrait,
    activities: &[Activity],
    event_id: Uuid,
) -> Result<(), DbError> {
    for chunk in activities.chunks(rows_per_statement::<work_item_activity::Entity>()) {
        crate::repo::activities::insert_many(conn, chunk, event_id).await?;
    }
    Ok(())
}

/// Inserts relations as stored (see `RelationType::stored`), each with its row id.
pub async fn insert_relations(
    conn: &impl ConnectionTrait,
    relations: &[(Uuid, NewRelation)],
) -> Result<(), DbError> {
    let rows = relations
        .iter()
        .map(|(id, new)| relations::new_row(*id, new))
        .collect();
    insert_chunked(conn, rows).await
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
