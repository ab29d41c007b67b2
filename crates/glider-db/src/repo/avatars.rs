//! What users' avatar pictures need: changing the stored URL, and who may see whose picture.

use chrono::{DateTime, Utc};
use glider_domain::UserId;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    sea_query::{Expr, Query},
};

use crate::{
    DbError,
    entities::{user, workspace, workspace_member},
};

/// Sets the user's avatar URL to `new` if it is still `old` (a compare-and-set, so two
/// concurrent changes cannot both think they replaced the same picture). Returns whether it
/// changed.
pub async fn replace_avatar(
    conn: &impl ConnectionTrait,
    id: UserId,
    old: &str,
    new: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let result = user::Entity::update_many()
        .col_expr(user::Column::Avatar, Expr::value(new.to_owned()))
        .col_expr(user::Column::UpdatedAt, Expr::value(now))
        .filter(user::Column::Id.eq(id.0))
        .filter(user::Column::Avatar.eq(old))
        .exec(conn)
        .await?;
    Ok(result.rows_affected > 0)
}

/// Whether both users are active members of at least one live workspace.
pub async fn share_a_workspace(
    conn: &impl ConnectionTrait,
    one: UserId,
    other: UserId,
) -> Result<bool, DbError> {
    let ones = Query::select()
        .column(workspace_member::Column::WorkspaceId)
        .from(workspace_member::Entity)
        .and_where(workspace_member::Column::UserId.eq(one.0))
        .and_where(workspace_member::Column::IsActive.eq(true))
        .to_owned();
    let live = Query::select()
        .column(workspace::Column::Id)
        .from(workspace::Entity)
        .and_where(workspace::Column::DeletedAt.is_null())
        .to_owned();
    let shared = workspace_member::Entity::find()
        .filter(workspace_member::Column::UserId.eq(other.0))
        .filter(workspace_member::Column::IsActive.eq(true))
        .filter(workspace_member::Column::WorkspaceId.in_subquery(ones))
        .filter(workspace_member::Column::WorkspaceId.in_subquery(live))
        .one(conn)
        .await?;
    Ok(shared.is_some())
}
