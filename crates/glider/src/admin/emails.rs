//! `glider admin emails`: the outgoing queue, so held and failed e-mails are never lost from
//! sight (without SMTP, this is where invitation links and sign-in codes can be read).

use glider_domain::model::email::{Email, EmailStatus};
use serde_json::{Value, json};

fn view(email: &Email) -> Value {
    json!({
        "id": email.id,
        "workspace_id": email.workspace_id,
        "to": email.to,
        "subject": email.subject,
        "kind": email.kind,
        "status": email.status.as_str(),
        "attempts": email.attempts,
        "last_error": email.last_error,
        "next_attempt_at": email.next_attempt_at,
        "sent_at": email.sent_at,
        "created_at": email.created_at,
        "text": email.text,
    })
}

pub async fn list(
    ctx: &glider_service::Ctx,
    status: Option<&str>,
    limit: u64,
    json_output: bool,
) -> anyhow::Result<()> {
    let status = match status {
        Some(value) => Some(
            EmailStatus::parse(value)
                .ok_or_else(|| anyhow::anyhow!("unknown e-mail status {value}"))?,
        ),
        None => None,
    };
    let emails = glider_service::email::admin::list(ctx, status, limit)
        .await
        .map_err(|error| anyhow::anyhow!("{error}"))?;
    if json_output {
        println!("{}", Value::Array(emails.iter().map(view).collect()));
        return Ok(());
    }
    for email in &emails {
        let error = email
            .last_error
            .as_deref()
            .map(|reason| format!(" — {reason}"))
            .unwrap_or_default();
        println!(
            "{}  {:<7}  {:<14}  {}  {:?} (attempts {}){error}",
            email.created_at.to_rfc3339(),
            email.status.as_str(),
            email.kind,
            email.to,
            email.subject,
            email.attempts
        );
    }
    if emails.is_empty() {
        println!("no e-mails");
    }
    Ok(())
}
