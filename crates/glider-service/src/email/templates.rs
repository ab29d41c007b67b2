//! The e-mails Glider writes: each a short HTML body (every interpolated value escaped) and
//! the same words as plain text.

use super::OutgoingEmail;

/// `value` safe inside HTML text and double- or single-quoted attributes. (ammonia's
/// `clean_text` also encodes spaces and slashes, which makes links unreadable in the source.)
fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// One small, inline-styled page (mail clients ignore style sheets).
fn layout(heading: &str, body_html: &str) -> String {
    format!(
        "<!doctype html>\n<html><body style=\"font-family:sans-serif;color:#1f2933;max-width:560px\">\
         <h2 style=\"font-weight:600\">{}</h2>{body_html}\
         <p style=\"color:#7b8794;font-size:12px\">Sent by Glider.</p></body></html>",
        escape(heading)
    )
}

fn button(link: &str, label: &str) -> String {
    format!(
        "<p><a href=\"{}\" style=\"display:inline-block;padding:10px 16px;background:#3f76ff;\
         color:#fff;text-decoration:none;border-radius:4px\">{}</a></p>\
         <p style=\"font-size:12px;color:#52606d\">Or open this link: {}</p>",
        escape(link),
        escape(label),
        escape(link)
    )
}

/// An invitation to join a workspace.
pub fn invitation(to: &str, inviter: &str, workspace: &str, link: &str) -> OutgoingEmail {
    let subject = format!("{inviter} invited you to {workspace} on Glider");
    let html = layout(
        &subject,
        &format!(
            "<p>{} invited you to join the workspace <strong>{}</strong>.</p>{}",
            escape(inviter),
            escape(workspace),
            button(link, "Accept the invitation")
        ),
    );
    let text = format!(
        "{inviter} invited you to join the workspace {workspace} on Glider.\n\n\
         Accept the invitation: {link}\n"
    );
    OutgoingEmail {
        to: to.to_owned(),
        subject,
        html,
        text,
        kind: "invitation",
    }
}

/// A sign-in code and link.
pub fn magic_link(to: &str, code: &str, link: &str, minutes: i64) -> OutgoingEmail {
    let subject = format!("Your Glider sign-in code: {code}");
    let html = layout(
        "Sign in to Glider",
        &format!(
            "<p>Your sign-in code is</p>\
             <p style=\"font-size:28px;letter-spacing:4px;font-weight:600\">{}</p>{}\
             <p>The code and the link work once and expire in {minutes} minutes. If you did not \
             ask to sign in, ignore this e-mail.</p>",
            escape(code),
            button(link, "Sign in")
        ),
    );
    let text = format!(
        "Your Glider sign-in code is {code}\n\nOr sign in with this link: {link}\n\n\
         The code and the link work once and expire in {minutes} minutes. If you did not ask to \
         sign in, ignore this e-mail.\n"
    );
    OutgoingEmail {
        to: to.to_owned(),
        subject,
        html,
        text,
        kind: "magic_link",
    }
}

/// A link to choose a new password.
pub fn password_reset(to: &str, link: &str, minutes: i64) -> OutgoingEmail {
    let subject = "Reset your Glider password".to_owned();
    let html = layout(
        &subject,
        &format!(
            "<p>Someone asked to reset the password of this account.</p>{}\
             <p>The link works once and expires in {minutes} minutes. Setting a new password \
             signs out your other sessions. If it was not you, ignore this e-mail: your \
             password stays as it is.</p>",
            button(link, "Choose a new password")
        ),
    );
    let text = format!(
        "Someone asked to reset the password of this account.\n\n\
         Choose a new password: {link}\n\n\
         The link works once and expires in {minutes} minutes. Setting a new password signs out \
         your other sessions. If it was not you, ignore this e-mail: your password stays as it \
         is.\n"
    );
    OutgoingEmail {
        to: to.to_owned(),
        subject,
        html,
        text,
        kind: "password_reset",
    }
}

/// A webhook of the workspace stopped being delivered (to its admins).
pub fn webhook_failing(
    to: &str,
    workspace: &str,
    origin: &str,
    failures: i64,
    link: &str,
) -> OutgoingEmail {
    let subject = format!("A webhook of {workspace} is failing");
    let html = layout(
        &subject,
        &format!(
            "<p>Deliveries to <strong>{}</strong> failed {failures} times in a row, each after \
             every retry. Glider keeps queueing new events for it; check the target and the \
             delivery log.</p>{}",
            escape(origin),
            button(link, "Open the webhook")
        ),
    );
    let text = format!(
        "Deliveries to {origin} from the workspace {workspace} failed {failures} times in a row, \
         each after every retry. Glider keeps queueing new events for it; check the target and \
         the delivery log: {link}\n"
    );
    OutgoingEmail {
        to: to.to_owned(),
        subject,
        html,
        text,
        kind: "webhook_failing",
    }
}
