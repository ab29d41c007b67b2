//! The user's avatar picture. Uploaded as raw bytes and known by its first bytes, never by a
//! declared type: PNG, JPEG, GIF or WebP (SVG is refused, since it can carry script). Kept in
//! the object store under `avatars/<user>/<avatar>` and served at
//! `/api/v1/users/<user>/avatar/<avatar>/` to the user and to whoever shares a workspace with
//! them. A new picture gets a new id, so its URL can be cached for good.

use bytes::Bytes;
use futures_util::{
    Stream, StreamExt,
    stream::{self, BoxStream},
};
use glider_db::repo::{accounts as users, avatars as repo};
use glider_domain::{
    UserId, ValidationError,
    model::{
        accounts::User,
        files::{SNIFF_BYTES, sniff_image},
    },
};
use serde_json::json;
use uuid::Uuid;

use crate::{
    Ctx, ServiceError, ServiceResult,
    accounts::Actor,
    events::event,
    files::{UploadError, read_prefix},
};

/// The largest picture accepted: 2 MiB.
pub const MAX_AVATAR_BYTES: u64 = 2 * 1024 * 1024;

const FIELD: &str = "avatar";

/// A stored avatar, ready to serve.
pub struct AvatarImage {
    /// Read from the stored bytes: one of the picture types accepted.
    pub content_type: &'static str,
    /// The bytes, streamed from the object store.
    pub bytes: BoxStream<'static, std::io::Result<Bytes>>,
}

impl std::fmt::Debug for AvatarImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AvatarImage({})", self.content_type)
    }
}

/// The relative URL an avatar is served at (what `User.avatar` holds).
pub fn avatar_url(user: UserId, avatar: Uuid) -> String {
    format!("/api/v1/users/{}/avatar/{avatar}/", user.0)
}

fn storage_key(user: UserId, avatar: Uuid) -> String {
    format!("avatars/{}/{avatar}", user.0)
}

/// The avatar id behind `url` when it is a picture stored here for `user`; `None` for an empty
/// or external URL (which is never ours to delete).
fn stored_avatar(user: UserId, url: &str) -> Option<Uuid> {
    let id = url
        .strip_prefix(&format!("/api/v1/users/{}/avatar/", user.0))?
        .strip_suffix('/')?;
    let id = Uuid::parse_str(id).ok()?;
    (avatar_url(user, id) == url).then_some(id)
}

fn invalid(message: impl Into<String>) -> ServiceError {
    ValidationError::new(FIELD, message).into()
}

/// Sets the actor's avatar from the raw bytes of a picture of at most 2 MiB. The picture is
/// stored first, then the user's `avatar` changes with an `accounts.user.updated` event; the
/// previous picture, if stored here, is deleted once that is committed.
pub async fn set_avatar<S, E>(ctx: &Ctx, actor: &Actor, mut body: S) -> ServiceResult<User>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin + Send,
    E: std::fmt::Display + Send,
{
    let unreadable = |reason: &dyn std::fmt::Display| {
        invalid(format!("The picture could not be read: {reason}."))
    };
    let head = read_prefix(&mut body, SNIFF_BYTES)
        .await
        .map_err(|error| unreadable(&error))?;
    if head.is_empty() {
        return Err(invalid("The picture is empty."));
    }
    if sniff_image(&head).is_none() {
        return Err(invalid(
            "The file must be a PNG, JPEG, GIF or WebP picture.",
        ));
    }
    let user = actor.user.id;
    let avatar = Uuid::now_v7();
    let key = storage_key(user, avatar);
    let bytes = stream::once(async move { Ok(head) }).chain(body);
    match ctx
        .files
        .put_stream(&key, Box::pin(bytes), MAX_AVATAR_BYTES)
        .await
    {
        Ok(_) => {}
        Err(UploadError::Empty) => return Err(invalid("The picture is empty.")),
        Err(UploadError::TooLarge { limit }) => {
            return Err(invalid(format!(
                "The picture is larger than the limit of {limit} bytes (2 MiB)."
            )));
        }
        Err(UploadError::Interrupted(reason)) => return Err(unreadable(&reason)),
        Err(UploadError::Store(error)) => return Err(error),
    }
    match replace(ctx, user, avatar_url(user, avatar)).await {
        Ok(user) => Ok(user),
        Err(error) => {
            discard(ctx, &key).await;
            Err(error)
        }
    }
}

/// Clears the actor's avatar and deletes the picture once that is committed. Clearing an
/// avatar already clear changes nothing.
pub async fn remove_avatar(ctx: &Ctx, actor: &Actor) -> ServiceResult<User> {
    replace(ctx, actor.user.id, String::new()).await
}

/// One transaction: the user's `avatar` becomes `new`, with an `accounts.user.updated` event.
/// After the commit, the previous picture is deleted if it was stored here.
async fn replace(ctx: &Ctx, id: UserId, new: String) -> ServiceResult<User> {
    let tx = ctx.db.begin_write().await?;
    let mut user = users::find_user(&tx, id)
        .await
        .map_err(ServiceError::db("user"))?;
    if user.avatar == new {
        return Ok(user);
    }
    let old = std::mem::replace(&mut user.avatar, new);
    user.updated_at = ctx.now();
    if !repo::replace_avatar(&tx, id, &old, &user.avatar, user.updated_at).await? {
        return Err(ServiceError::conflict(
            FIELD,
            "The avatar changed meanwhile; please try again.",
        ));
    }
    let changes =
        crate::events::changes(&json!({ "avatar": old }), &json!({ "avatar": user.avatar }));
    glider_db::repo::events::append(
        &tx,
        event(
            ctx,
            "accounts.user.updated",
            Some(id),
            None,
            None,
            id.0,
            changes,
        ),
    )
    .await?;
    glider_db::commit(tx).await?;
    if let Some(previous) = stored_avatar(id, &old) {
        discard(ctx, &storage_key(id, previous)).await;
    }
    Ok(user)
}

/// Best effort: a picture left behind costs only space.
async fn discard(ctx: &Ctx, key: &str) {
    if let Err(error) = ctx.files.delete(key).await {
        tracing::warn!(
            key,
            "deleting an avatar from the object store failed: {error:#}"
        );
    }
}

/// The avatar `avatar` of `user`, for the user and anyone sharing a workspace with them.
/// Anyone else, and any id but the user's current one, gets "not found", so users of other
/// workspaces are never revealed.
pub async fn avatar(
    ctx: &Ctx,
    actor: &Actor,
    user: UserId,
    avatar: Uuid,
) -> ServiceResult<AvatarImage> {
    let missing = || ServiceError::not_found("avatar");
    if actor.user.id != user && !repo::share_a_workspace(ctx.db.conn(), actor.user.id, user).await?
    {
        return Err(missing());
    }
    let owner = users::find_user(ctx.db.conn(), user)
        .await
        .map_err(ServiceError::db("avatar"))?;
    if owner.avatar != avatar_url(user, avatar) {
        return Err(missing());
    }
    let mut bytes = match ctx.files.get_stream(&storage_key(user, avatar)).await {
        Err(ServiceError::NotFound { .. }) => return Err(missing()),
        found => found?,
    };
    let head = read_prefix(&mut bytes, SNIFF_BYTES)
        .await
        .map_err(|error| anyhow::Error::new(error).context("reading an avatar"))?;
    let Some(content_type) = sniff_image(&head) else {
        return Err(anyhow::anyhow!("the stored avatar {avatar} is not a picture").into());
    };
    Ok(AvatarImage {
        content_type,
        bytes: stream::once(async move { Ok(head) }).chain(bytes).boxed(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_own_urls_name_a_stored_picture() {
        let user = UserId(Uuid::now_v7());
        let id = Uuid::now_v7();
        assert_eq!(stored_avatar(user, &avatar_url(user, id)), Some(id));
        assert_eq!(stored_avatar(user, ""), None);
        assert_eq!(stored_avatar(user, "https://example.com/a.png"), None);
        let other = UserId(Uuid::now_v7());
        assert_eq!(stored_avatar(other, &avatar_url(user, id)), None);
        let simple = format!("/api/v1/users/{}/avatar/{}/", user.0, id.simple());
        assert_eq!(stored_avatar(user, &simple), None);
    }
}
