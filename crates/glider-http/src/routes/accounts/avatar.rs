//! `/api/v1/users/me/avatar/` (set and remove the signed-in user's picture) and
//! `/api/v1/users/{user_id}/avatar/{avatar_id}/` (the picture itself).

use axum::{
    body::Body,
    extract::{DefaultBodyLimit, State},
    http::header,
    response::{IntoResponse, Response},
};
use glider_domain::UserId;
use glider_service::accounts::avatar;
use utoipa::ToSchema;
use utoipa_axum::{
    router::{OpenApiRouter, UtoipaMethodRouterExt},
    routes,
};
use uuid::Uuid;

use crate::{AppState, auth::CurrentActor, error::ApiResult, extract::ApiPath, views::UserLite};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        // The service stops reading at 2 MiB, so the general body limit does not apply.
        .routes(routes!(set_avatar, remove_avatar).layer(DefaultBodyLimit::disable()))
        .routes(routes!(get_avatar))
}

/// The raw bytes of a PNG, JPEG, GIF or WebP picture.
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct AvatarPicture(
    #[expect(
        dead_code,
        reason = "describes the request body; the bytes are streamed"
    )]
    Vec<u8>,
);

/// Sets the signed-in user's avatar from the raw bytes of a picture of at most 2 MiB.
///
/// The type is read from the bytes (PNG, JPEG, GIF or WebP; never SVG), not from
/// `Content-Type`. Answers the user with the new `avatar_url`.
#[utoipa::path(put, path = "/api/v1/users/me/avatar/", tag = "users",
    request_body(content = inline(AvatarPicture), content_type = "application/octet-stream"),
    responses((status = 200, body = UserLite), (status = 400, description = "Empty, not a picture, or larger than 2 MiB (field `avatar`)."),
        (status = 401), (status = 409)))]
pub async fn set_avatar(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    body: Body,
) -> ApiResult<axum::Json<UserLite>> {
    let user = avatar::set_avatar(&state.ctx, &actor, body.into_data_stream()).await?;
    Ok(axum::Json((&user).into()))
}

/// Removes the signed-in user's avatar (removing none is not an error).
#[utoipa::path(delete, path = "/api/v1/users/me/avatar/", tag = "users",
    responses((status = 200, body = UserLite), (status = 401), (status = 409)))]
pub async fn remove_avatar(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
) -> ApiResult<axum::Json<UserLite>> {
    let user = avatar::remove_avatar(&state.ctx, &actor).await?;
    Ok(axum::Json((&user).into()))
}

/// A user's avatar picture, for the user and anyone sharing a workspace with them.
///
/// Only the user's current avatar is served (anything else is 404); a new picture gets a new
/// URL, so this one may be cached for good.
#[utoipa::path(get, path = "/api/v1/users/{user_id}/avatar/{avatar_id}/", tag = "users",
    params(("user_id" = Uuid, Path), ("avatar_id" = Uuid, Path)),
    responses((status = 200, description = "The picture (image/png, image/jpeg, image/gif or image/webp)."),
        (status = 401), (status = 404)))]
pub async fn get_avatar(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath((user_id, avatar_id)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<Response> {
    let picture = avatar::avatar(&state.ctx, &actor, UserId(user_id), avatar_id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, picture.content_type),
            (
                header::CACHE_CONTROL,
                "private, max-age=31536000, immutable",
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        Body::from_stream(picture.bytes),
    )
        .into_response())
}
