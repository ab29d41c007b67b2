//! `/api/v1/auth/…` (sign-up, sign-in, tokens, sessions) and `/api/v1/users/me/…`.

use axum::{
    extract::{Request, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use chrono::{DateTime, Utc};
use glider_domain::ApiTokenId;
use glider_service::accounts::{
    api_tokens,
    auth::{self, ClientInfo, RegisterInput, TokenGrant},
    profile::{self, ProfileUpdate},
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    AppState,
    auth::{CSRF_COOKIE, CurrentActor, MaybeActor, SESSION_COOKIE},
    error::{ApiError, ApiResult},
    extract::{ApiJson, ApiPath},
    views::{MeResponse, UserLite},
};

/// Paths limited per client IP (`GLIDER_AUTH_RATE_LIMIT`), against password and code guessing
/// and e-mail floods.
pub const IP_LIMITED_PATHS: [&str; 8] = [
    "/api/v1/auth/register/",
    "/api/v1/auth/login/",
    "/api/v1/auth/refresh/",
    "/api/v1/auth/session/",
    "/api/v1/auth/magic-link/",
    "/api/v1/auth/magic-link/verify/",
    "/api/v1/auth/password-reset/",
    "/api/v1/auth/password-reset/confirm/",
];

mod avatar;
mod magic_link;
mod password_reset;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register))
        .routes(routes!(login))
        .routes(routes!(refresh_tokens))
        .routes(routes!(create_browser_session, delete_browser_session))
        .routes(routes!(logout))
        .routes(routes!(get_me, update_me))
        .routes(routes!(change_password))
        .routes(routes!(get_current_user))
        .routes(routes!(list_api_tokens, create_api_token))
        .routes(routes!(revoke_api_token))
        .merge(avatar::router())
        .merge(magic_link::router())
        .merge(password_reset::router())
}

fn client_info(headers: &HeaderMap, request_ip: Option<String>) -> ClientInfo {
    ClientInfo {
        ip: request_ip,
        user_agent: headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
    }
}

/// Pulls the client info out before the body is consumed.
pub struct Client(pub ClientInfo);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Client {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, ApiError> {
        let ip = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|info| info.0.ip().to_string());
        Ok(Client(client_info(&parts.headers, ip)))
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RegisterRequest {
    pub email: String,
    pub password: String,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub display_name: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct LogoutRequest {
    #[serde(default)]
    pub refresh_token: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ChangePasswordRequest {
    pub old_password: String,
    pub new_password: String,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct UpdateMeRequest {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub display_name: Option<String>,
    pub timezone: Option<String>,
}

/// Access and refresh tokens with the user.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    pub access_token: String,
    pub refresh_token: String,
    pub token_type: &'static str,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    pub user: MeResponse,
}

impl From<TokenGrant> for TokenResponse {
    fn from(grant: TokenGrant) -> Self {
        Self {
            access_token: grant.access_token,
            refresh_token: grant.refresh_token,
            token_type: "Bearer",
            expires_in: grant.expires_in_seconds,
            user: (&grant.user).into(),
        }
    }
}

/// Creates an account and signs in.
#[utoipa::path(post, path = "/api/v1/auth/register/", tag = "auth", request_body = RegisterRequest,
    responses((status = 201, body = TokenResponse), (status = 400), (status = 409), (status = 429)))]
pub async fn register(
    State(state): State<AppState>,
    Client(client): Client,
    ApiJson(body): ApiJson<RegisterRequest>,
) -> ApiResult<(StatusCode, axum::Json<TokenResponse>)> {
    let input = RegisterInput {
        email: body.email,
        password: body.password,
        first_name: body.first_name,
        last_name: body.last_name,
        display_name: body.display_name,
    };
    let grant = auth::register(&state.ctx, input, &client).await?;
    Ok((StatusCode::CREATED, axum::Json(grant.into())))
}

/// Signs in with e-mail and password: an access token (short-lived) and a refresh token.
#[utoipa::path(post, path = "/api/v1/auth/login/", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = TokenResponse), (status = 401), (status = 423), (status = 429)))]
pub async fn login(
    State(state): State<AppState>,
    Client(client): Client,
    ApiJson(body): ApiJson<LoginRequest>,
) -> ApiResult<axum::Json<TokenResponse>> {
    let grant = auth::login(&state.ctx, &body.email, &body.password, &client).await?;
    Ok(axum::Json(grant.into()))
}

/// Trades a refresh token for a new pair. Reusing a rotated token signs the session out.
#[utoipa::path(post, path = "/api/v1/auth/refresh/", tag = "auth", request_body = RefreshRequest,
    responses((status = 200, body = TokenResponse), (status = 401)))]
pub async fn refresh_tokens(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<RefreshRequest>,
) -> ApiResult<axum::Json<TokenResponse>> {
    let grant = auth::refresh(&state.ctx, &body.refresh_token).await?;
    Ok(axum::Json(grant.into()))
}

/// Signs out: revokes the session of the credential used (and of a refresh token sent).
#[utoipa::path(post, path = "/api/v1/auth/logout/", tag = "auth", request_body = LogoutRequest,
    responses((status = 204), (status = 401)))]
pub async fn logout(
    State(state): State<AppState>,
    MaybeActor(actor): MaybeActor,
    request: Request,
) -> ApiResult<Response> {
    let body = axum::body::to_bytes(request.into_body(), 64 * 1024)
        .await
        .unwrap_or_default();
    let body: LogoutRequest = serde_json::from_slice(&body).unwrap_or_default();
    auth::logout(&state.ctx, actor.as_ref(), body.refresh_token.as_deref()).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    clear_cookies(&mut response);
    Ok(response)
}

/// The signed-in user.
#[utoipa::path(get, path = "/api/v1/auth/me/", tag = "auth", responses((status = 200, body = MeResponse), (status = 401)))]
pub async fn get_me(CurrentActor(actor): CurrentActor) -> axum::Json<MeResponse> {
    axum::Json((&actor.user).into())
}

/// Updates the signed-in user's profile.
#[utoipa::path(patch, path = "/api/v1/auth/me/", tag = "auth", request_body = UpdateMeRequest,
    responses((status = 200, body = MeResponse), (status = 400), (status = 401)))]
pub async fn update_me(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiJson(body): ApiJson<UpdateMeRequest>,
) -> ApiResult<axum::Json<MeResponse>> {
    let update = ProfileUpdate {
        first_name: body.first_name,
        last_name: body.last_name,
        display_name: body.display_name,
        timezone: body.timezone,
    };
    let user = profile::update_profile(&state.ctx, &actor, update).await?;
    Ok(axum::Json((&user).into()))
}

/// Changes the password and signs out every other session.
#[utoipa::path(post, path = "/api/v1/auth/change-password/", tag = "auth", request_body = ChangePasswordRequest,
    responses((status = 204), (status = 400), (status = 401)))]
pub async fn change_password(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiJson(body): ApiJson<ChangePasswordRequest>,
) -> ApiResult<StatusCode> {
    auth::change_password(&state.ctx, &actor, &body.old_password, &body.new_password).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A browser session: the response sets an HttpOnly session cookie and a readable CSRF cookie;
/// send the CSRF token back as `X-CSRF-Token` on every change.
#[derive(Debug, Serialize, ToSchema)]
pub struct BrowserSessionResponse {
    pub user: MeResponse,
    pub csrf_token: String,
    pub expires_at: DateTime<Utc>,
}

/// Signs in a browser (cookie session).
#[utoipa::path(post, path = "/api/v1/auth/session/", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = BrowserSessionResponse), (status = 401), (status = 423), (status = 429)))]
pub async fn create_browser_session(
    State(state): State<AppState>,
    Client(client): Client,
    ApiJson(body): ApiJson<LoginRequest>,
) -> ApiResult<Response> {
    let session = auth::login_browser(&state.ctx, &body.email, &body.password, &client).await?;
    Ok(browser_session_response(&state, session))
}

/// The answer to every browser sign-in (password or e-mailed code): the session cookie, the
/// CSRF cookie and the body.
fn browser_session_response(state: &AppState, session: auth::BrowserSession) -> Response {
    let max_age = (session.expires_at - state.ctx.now()).num_seconds().max(0);
    let secure = if state.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let session_cookie = format!(
        "{SESSION_COOKIE}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}",
        session.session_secret
    );
    let csrf_cookie = format!(
        "{CSRF_COOKIE}={}; Path=/; SameSite=Lax; Max-Age={max_age}{secure}",
        session.csrf_token
    );
    let body = BrowserSessionResponse {
        user: (&session.user).into(),
        csrf_token: session.csrf_token,
        expires_at: session.expires_at,
    };
    let mut response = axum::Json(body).into_response();
    for cookie in [session_cookie, csrf_cookie] {
        if let Ok(value) = header::HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

fn clear_cookies(response: &mut Response) {
    for name in [SESSION_COOKIE, CSRF_COOKIE] {
        if let Ok(value) =
            header::HeaderValue::from_str(&format!("{name}=; Path=/; Max-Age=0; SameSite=Lax"))
        {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
}

/// Signs the browser out.
#[utoipa::path(delete, path = "/api/v1/auth/session/", tag = "auth", responses((status = 204), (status = 401)))]
pub async fn delete_browser_session(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
) -> ApiResult<Response> {
    auth::logout(&state.ctx, Some(&actor), None).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    clear_cookies(&mut response);
    Ok(response)
}

/// The current user, as Plane serves it.
#[utoipa::path(get, path = "/api/v1/users/me/", tag = "users", responses((status = 200, body = UserLite), (status = 401)))]
pub async fn get_current_user(CurrentActor(actor): CurrentActor) -> axum::Json<UserLite> {
    axum::Json((&actor.user).into())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApiTokenResponse {
    pub id: Uuid,
    pub name: String,
    /// The last characters of the token.
    pub hint: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    /// The secret; present only in the response that created the token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
}

impl From<&glider_domain::model::accounts::ApiToken> for ApiTokenResponse {
    fn from(token: &glider_domain::model::accounts::ApiToken) -> Self {
        Self {
            id: token.id.0,
            name: token.name.clone(),
            hint: token.hint.clone(),
            created_at: token.created_at,
            expires_at: token.expires_at,
            last_used_at: token.last_used_at,
            token: None,
        }
    }
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct CreateApiTokenRequest {
    pub name: Option<String>,
    /// When the token stops working; never if absent.
    pub expires_at: Option<DateTime<Utc>>,
}

/// The signed-in user's live API tokens (secrets are never shown again).
#[utoipa::path(get, path = "/api/v1/users/me/api-tokens/", tag = "users", responses((status = 200, body = [ApiTokenResponse])))]
pub async fn list_api_tokens(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
) -> ApiResult<axum::Json<Vec<ApiTokenResponse>>> {
    let tokens = api_tokens::list(&state.ctx, actor.user.id).await?;
    Ok(axum::Json(tokens.iter().map(Into::into).collect()))
}

/// Creates an API token for `X-Api-Key`; the secret is in this response only.
#[utoipa::path(post, path = "/api/v1/users/me/api-tokens/", tag = "users", request_body = CreateApiTokenRequest,
    responses((status = 201, body = ApiTokenResponse), (status = 400)))]
pub async fn create_api_token(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiJson(body): ApiJson<CreateApiTokenRequest>,
) -> ApiResult<(StatusCode, axum::Json<ApiTokenResponse>)> {
    let created = api_tokens::create(
        &state.ctx,
        actor.user.id,
        body.name.as_deref(),
        body.expires_at,
    )
    .await?;
    let mut response = ApiTokenResponse::from(&created.token);
    response.token = Some(created.secret);
    Ok((StatusCode::CREATED, axum::Json(response)))
}

/// Revokes one of the signed-in user's API tokens.
#[utoipa::path(delete, path = "/api/v1/users/me/api-tokens/{token_id}/", tag = "users",
    params(("token_id" = Uuid, Path)), responses((status = 204), (status = 404)))]
pub async fn revoke_api_token(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiPath(token_id): ApiPath<Uuid>,
) -> ApiResult<StatusCode> {
    api_tokens::revoke(&state.ctx, actor.user.id, ApiTokenId(token_id)).await?;
    Ok(StatusCode::NO_CONTENT)
}
