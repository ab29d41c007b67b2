//! What an operator sees of the outgoing queue (`glider admin emails`).

use glider_domain::model::email::{Email, EmailStatus};

use crate::{Ctx, ServiceResult};

/// The newest e-mails first, optionally of one status.
pub async fn list(ctx: &Ctx, status: Option<EmailStatus>, limit: u64) -> ServiceResult<Vec<Email>> {
    Ok(glider_db::repo::emails::list(ctx.db.conn(), status, limit).await?)
}
