//! Per-person notification preferences: for each kind, in the app or not, and e-mail off, at
//! once or in the digest. They hold across workspaces.

use glider_db::{ConnectionTrait, repo::notify_preferences as repo};
pub use glider_domain::model::notify::{EmailMode, KindPreference, NotificationKind};
use glider_domain::{FieldErrors, UserId};
use serde_json::{Map, Value, json};

use crate::{Ctx, ServiceResult, accounts::Actor, events::event};

/// How `user` wants notifications of `kind` e-mailed (their choice or the default).
pub async fn email_mode(
    conn: &impl ConnectionTrait,
    user_id: UserId,
    kind: NotificationKind,
) -> ServiceResult<EmailMode> {
    Ok(super::compose::preference(conn, user_id, kind).await?.email)
}

/// Every kind with the person's choice or the default, in a fixed order.
pub async fn get(
    conn: &impl ConnectionTrait,
    user: UserId,
) -> ServiceResult<Vec<(NotificationKind, KindPreference)>> {
    let chosen = repo::chosen(conn, user).await?;
    Ok(NotificationKind::ALL
        .into_iter()
        .map(|kind| {
            let preference = chosen
                .get(&kind)
                .copied()
                .unwrap_or_else(|| KindPreference::default_for(kind));
            (kind, preference)
        })
        .collect())
}

/// The caller's preferences.
pub async fn mine(
    ctx: &Ctx,
    actor: &Actor,
) -> ServiceResult<Vec<(NotificationKind, KindPreference)>> {
    get(ctx.db.conn(), actor.user.id).await
}

/// Applies `{"<kind>": {"in_app": bool, "email": "off"|"immediate"|"digest"}}` for the kinds
/// sent (each key optional). A bare boolean, as Plane's app sends, turns the kind's e-mail on
/// (immediate) or off. Nothing is saved unless every field is valid.
pub async fn update(
    ctx: &Ctx,
    actor: &Actor,
    body: &Map<String, Value>,
) -> ServiceResult<Vec<(NotificationKind, KindPreference)>> {
    let user = actor.user.id;
    let current = get(ctx.db.conn(), user).await?;
    let mut errors = FieldErrors::new();
    let mut changes = Map::new();
    let mut next = current.clone();
    for (key, value) in body {
        let Some(kind) = errors.check(NotificationKind::parse(key, key)) else {
            continue;
        };
        let Some((_, preference)) = next.iter_mut().find(|(k, _)| *k == kind) else {
            continue;
        };
        let before = *preference;
        apply(&mut errors, key, value, preference);
        if *preference != before {
            changes.insert(key.clone(), json!({ "old": before, "new": *preference }));
        }
    }
    errors.into_result()?;
    if changes.is_empty() {
        return Ok(next);
    }
    let now = ctx.now();
    let tx = ctx.db.begin_write().await?;
    for (kind, preference) in &next {
        if changes.contains_key(kind.as_str()) {
            repo::save(&tx, user, *kind, *preference, now).await?;
        }
    }
    let mut payload = Map::new();
    payload.insert("recipient".to_owned(), json!(user));
    payload.insert("changes".to_owned(), Value::Object(changes));
    let updated = event(
        ctx,
        "notify.preferences.updated",
        Some(user),
        None,
        None,
        user.0,
        Value::Object(payload),
    );
    glider_db::repo::events::append(&tx, updated).await?;
    glider_db::commit(tx).await?;
    Ok(next)
}

/// Reads one kind's value into `preference`, naming `kind.field` in errors.
fn apply(errors: &mut FieldErrors, kind: &str, value: &Value, preference: &mut KindPreference) {
    let fields = match value {
        Value::Bool(on) => {
            preference.email = if *on {
                EmailMode::Immediate
            } else {
                EmailMode::Off
            };
            return;
        }
        Value::Object(fields) => fields,
        _ => {
            errors.add(
                kind,
                "Expected an object such as {\"in_app\": true, \"email\": \"digest\"}.",
            );
            return;
        }
    };
    for (field, value) in fields {
        let name = format!("{kind}.{field}");
        match (field.as_str(), value) {
            ("in_app", Value::Bool(on)) => preference.in_app = *on,
            ("in_app", _) => errors.add(name, "Must be a valid boolean."),
            ("email", Value::String(mode)) => {
                if let Some(mode) = errors.check(EmailMode::parse(&name, mode)) {
                    preference.email = mode;
                }
            }
            ("email", _) => errors.add(name, "Must be one of off, immediate, digest."),
            _ => errors.add(name, "Unknown field; expected in_app or email."),
        }
    }
}
