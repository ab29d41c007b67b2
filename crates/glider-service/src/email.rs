//! Outgoing e-mail: queued in the transaction of the change that owes it, sent after commit by
//! a sender task (see [`sender`]), so an e-mail exists exactly when its change committed.

pub mod admin;
mod mailer;
pub mod sender;
pub mod templates;

pub use mailer::Mailer;

use glider_db::DatabaseTransaction;
use glider_domain::{
    WorkspaceId,
    model::email::{EmailStatus, NewEmail},
};

use crate::{Ctx, ServiceResult};

/// An e-mail to queue. Bodies are complete: HTML (escaped by the template) and plain text.
#[derive(Clone, Debug)]
pub struct OutgoingEmail {
    pub to: String,
    pub subject: String,
    pub html: String,
    pub text: String,
    /// What it is about (`invitation`, `magic_link`, `password_reset`, `notification`, …).
    pub kind: &'static str,
}

/// Queues an e-mail inside `tx`: it is sent only if `tx` commits. Without an SMTP server it is
/// kept as `held`.
pub async fn queue(ctx: &Ctx, tx: &DatabaseTransaction, email: OutgoingEmail) -> ServiceResult<()> {
    queue_for(ctx, tx, None, email).await
}

/// [`queue`] for an e-mail that belongs to a workspace (kept with it for the record).
pub async fn queue_in_workspace(
    ctx: &Ctx,
    tx: &DatabaseTransaction,
    workspace: WorkspaceId,
    email: OutgoingEmail,
) -> ServiceResult<()> {
    queue_for(ctx, tx, Some(workspace), email).await
}

async fn queue_for(
    ctx: &Ctx,
    tx: &DatabaseTransaction,
    workspace: Option<WorkspaceId>,
    email: OutgoingEmail,
) -> ServiceResult<()> {
    let status = if ctx.settings.smtp_configured {
        EmailStatus::Queued
    } else {
        EmailStatus::Held
    };
    let new = NewEmail {
        id: uuid::Uuid::now_v7(),
        workspace_id: workspace,
        to: email.to,
        subject: email.subject,
        html: email.html,
        text: email.text,
        kind: email.kind.to_owned(),
        status,
        last_error: None,
        created_at: ctx.now(),
    };
    glider_db::repo::emails::insert(tx, new).await?;
    Ok(())
}
