//! Notification e-mails: one per notification (immediate), or one summary of many (digest).
//! Queued in the caller's transaction through [`crate::email`], sent after commit.

use glider_db::{
    DatabaseTransaction,
    repo::{accounts, notify as repo, workspaces as workspace_repo},
};
use glider_domain::model::notify::Notification;

use crate::{
    Ctx, ServiceResult,
    email::{OutgoingEmail, queue_in_workspace},
};

/// What the e-mail queue records as the kind of these e-mails.
const KIND: &str = "notification";

/// `value` safe inside HTML text and quoted attributes.
fn escape(value: &str) -> String {
    ammonia::clean_text(value)
}

/// Where the web app shows the work item.
fn link(ctx: &Ctx, slug: &str, n: &Notification) -> String {
    let base = ctx.settings.public_url.trim_end_matches('/');
    match (n.project_id, n.entity_identifier) {
        (Some(project), Some(item)) => format!("{base}/{slug}/projects/{project}/issues/{item}"),
        _ => format!("{base}/{slug}/notifications"),
    }
}

fn page(heading: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html><body style=\"font-family:sans-serif;color:#1f2933;max-width:560px\">\
         <h2 style=\"font-weight:600\">{}</h2>{body}\
         <p style=\"color:#7b8794;font-size:12px\">Sent by Glider. Choose which notifications \
         are e-mailed in your notification preferences.</p></body></html>",
        escape(heading)
    )
}

fn line_html(ctx: &Ctx, slug: &str, n: &Notification) -> String {
    format!(
        "<li><a href=\"{}\">{}</a>: {}</li>",
        escape(&link(ctx, slug, n)),
        escape(n.identifier.as_deref().unwrap_or("Work item")),
        escape(&format!("{} ({})", n.message, n.title)),
    )
}

fn line_text(ctx: &Ctx, slug: &str, n: &Notification) -> String {
    format!("- {} ({})\n  {}\n", n.message, n.title, link(ctx, slug, n))
}

/// The receiver's address and the workspace's slug, or `None` when either is gone.
async fn address(
    tx: &DatabaseTransaction,
    n: &Notification,
) -> ServiceResult<Option<(String, String)>> {
    let Ok(user) = accounts::find_user(tx, n.receiver_id).await else {
        return Ok(None);
    };
    let Ok(workspace) = workspace_repo::find_by_id(tx, n.workspace_id).await else {
        return Ok(None);
    };
    Ok(Some((user.email.as_str().to_owned(), workspace.slug)))
}

/// Queues the e-mail of one notification and records it as e-mailed.
pub(super) async fn send_now(
    ctx: &Ctx,
    tx: &DatabaseTransaction,
    n: &Notification,
) -> ServiceResult<()> {
    let Some((to, slug)) = address(tx, n).await? else {
        return Ok(());
    };
    let subject = format!(
        "[{}] {}",
        n.identifier.as_deref().unwrap_or("Glider"),
        n.message
    );
    let html = page(
        &n.message,
        &format!("<ul>{}</ul>", line_html(ctx, &slug, n)),
    );
    let text = format!("{}\n\n{}", n.message, line_text(ctx, &slug, n));
    let email = OutgoingEmail {
        to,
        subject,
        html,
        text,
        kind: KIND,
    };
    queue_in_workspace(ctx, tx, n.workspace_id, email).await?;
    repo::mark_emailed(tx, n.id, ctx.now()).await?;
    Ok(())
}

/// Queues one summary e-mail of `notifications` (one receiver's, in one workspace).
pub(super) async fn send_digest(
    ctx: &Ctx,
    tx: &DatabaseTransaction,
    notifications: &[Notification],
) -> ServiceResult<()> {
    let Some(first) = notifications.first() else {
        return Ok(());
    };
    let Some((to, slug)) = address(tx, first).await? else {
        return Ok(());
    };
    let count = notifications.len();
    let subject = if count == 1 {
        format!("1 new notification in {slug}")
    } else {
        format!("{count} new notifications in {slug}")
    };
    let items: String = notifications
        .iter()
        .map(|n| line_html(ctx, &slug, n))
        .collect();
    let html = page(&subject, &format!("<ul>{items}</ul>"));
    let lines: String = notifications
        .iter()
        .map(|n| line_text(ctx, &slug, n))
        .collect();
    let text = format!("{subject}:\n\n{lines}");
    let email = OutgoingEmail {
        to,
        subject,
        html,
        text,
        kind: KIND,
    };
    queue_in_workspace(ctx, tx, first.workspace_id, email).await
}
