//! The one error type of the persistence layer.
//!
//! Unique-constraint violations become `Conflict { field }` on both backends: PostgreSQL names
//! the index (`ux_<table>__<field>`), SQLite names the index or the columns (`table.column`).

use sea_orm::{DbErr, SqlErr};

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("row not found")]
    NotFound,
    #[error("unique constraint on {field}")]
    Conflict { field: String },
    #[error("database error: {0}")]
    Other(DbErr),
}

impl From<DbErr> for DbError {
    fn from(error: DbErr) -> Self {
        match error.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(message)) => DbError::Conflict {
                field: conflict_field(&message),
            },
            _ => DbError::Other(error),
        }
    }
}

/// The request field a unique-violation message is about.
fn conflict_field(message: &str) -> String {
    if let Some(start) = message.find("ux_") {
        let name: String = message[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if let Some((_, field)) = name.split_once("__") {
            return field.to_owned();
        }
    }
    // SQLite: "UNIQUE constraint failed: projects.workspace_id, projects.identifier"
    let column = message
        .rsplit(['.', ' '])
        .next()
        .unwrap_or_default()
        .trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '_');
    match column {
        "user_id" => "member".to_owned(),
        other => other.trim_end_matches("_hash").to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::conflict_field;

    #[test]
    fn names_the_field_on_both_backends() {
        let postgres =
            r#"duplicate key value violates unique constraint "ux_projects__identifier""#;
        assert_eq!(conflict_field(postgres), "identifier");
        let sqlite = "UNIQUE constraint failed: projects.workspace_id, projects.identifier";
        assert_eq!(conflict_field(sqlite), "identifier");
        assert_eq!(
            conflict_field("UNIQUE constraint failed: index 'ux_workspaces__slug'"),
            "slug"
        );
        assert_eq!(
            conflict_field(
                "UNIQUE constraint failed: workspace_members.workspace_id, workspace_members.user_id"
            ),
            "member"
        );
        assert_eq!(
            conflict_field("UNIQUE constraint failed: api_tokens.token_hash"),
            "token"
        );
    }
}
