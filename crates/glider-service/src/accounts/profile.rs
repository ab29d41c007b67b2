//! The signed-in user's own profile.

use glider_db::repo::accounts as repo;
use glider_domain::{FieldErrors, model::accounts::User, values::Name};
use serde_json::json;

use crate::{Ctx, ServiceResult, accounts::Actor, events::event};

#[derive(Debug, Default)]
pub struct ProfileUpdate {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub display_name: Option<String>,
    pub timezone: Option<String>,
}

pub async fn update_profile(ctx: &Ctx, actor: &Actor, input: ProfileUpdate) -> ServiceResult<User> {
    use crate::accounts::auth::optional_text;
    let before = actor.user.clone();
    let mut user = actor.user.clone();
    let mut errors = FieldErrors::new();
    if let Some(value) = input.first_name {
        user.first_name = errors
            .check(optional_text("first_name", Some(&value)))
            .unwrap_or_default();
    }
    if let Some(value) = input.last_name {
        user.last_name = errors
            .check(optional_text("last_name", Some(&value)))
            .unwrap_or_default();
    }
    if let Some(value) = input.display_name
        && let Some(name) = errors.check(Name::parse("display_name", &value, 255))
    {
        user.display_name = name.into_string();
    }
    if let Some(value) = input.timezone {
        match glider_domain::values::timezone("timezone", &value) {
            Ok(zone) => user.timezone = zone,
            Err(error) => errors.push(error),
        }
    }
    errors.into_result()?;
    user.updated_at = ctx.now();
    let tx = ctx.db.begin_write().await?;
    repo::update_profile(&tx, &user).await?;
    let changes = crate::events::changes(
        &json!({"first_name": before.first_name, "last_name": before.last_name, "display_name": before.display_name, "timezone": before.timezone}),
        &json!({"first_name": user.first_name, "last_name": user.last_name, "display_name": user.display_name, "timezone": user.timezone}),
    );
    glider_db::repo::events::append(
        &tx,
        event(
            ctx,
            "accounts.user.updated",
            Some(user.id),
            None,
            None,
            user.id.0,
            changes,
        ),
    )
    .await?;
    glider_db::commit(tx).await?;
    Ok(user)
}
