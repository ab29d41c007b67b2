//! Secrets handed to clients: random strings stored as SHA-256 digests, and signed access tokens.
//!
//! Random tokens carry 256 bits of entropy, so a fast digest is enough to store them (a slow
//! hash only matters for low-entropy secrets such as passwords).

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Utc};
use glider_domain::{SessionId, UserId};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::{AuthFailure, Ctx, ServiceError};

/// `bytes` random bytes, URL-safe base64.
pub fn random_secret(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buffer);
    URL_SAFE_NO_PAD.encode(buffer)
}

/// `bytes` random bytes, lower-case hex.
pub fn random_hex(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buffer);
    hex::encode(buffer)
}

/// The digest stored in place of a token.
pub fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Compares two strings in time independent of where they differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[derive(Debug, Serialize, Deserialize)]
struct AccessClaims {
    sub: uuid::Uuid,
    sid: uuid::Uuid,
    iat: i64,
    exp: i64,
    typ: String,
}

/// A signed, short-lived access token naming the user and the session.
pub fn issue_access_token(
    ctx: &Ctx,
    user: UserId,
    session: SessionId,
    now: DateTime<Utc>,
) -> anyhow::Result<String> {
    let claims = AccessClaims {
        sub: user.0,
        sid: session.0,
        iat: now.timestamp(),
        exp: (now + ctx.settings.access_token_ttl).timestamp(),
        typ: "access".to_owned(),
    };
    let key = EncodingKey::from_secret(ctx.signing_key.expose_secret().as_bytes());
    Ok(jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &key,
    )?)
}

/// Checks signature and expiry (against the context's clock, so tests can move time).
pub fn verify_access_token(ctx: &Ctx, token: &str) -> Result<(UserId, SessionId), ServiceError> {
    let key = DecodingKey::from_secret(ctx.signing_key.expose_secret().as_bytes());
    let mut validation = Validation::new(Algorithm::HS256);
    validation.validate_exp = false;
    validation.required_spec_claims.clear();
    let invalid = || ServiceError::Unauthenticated(AuthFailure::InvalidAccessToken);
    let data =
        jsonwebtoken::decode::<AccessClaims>(token, &key, &validation).map_err(|_| invalid())?;
    if data.claims.typ != "access" || data.claims.exp <= ctx.now().timestamp() {
        return Err(invalid());
    }
    Ok((UserId(data.claims.sub), SessionId(data.claims.sid)))
}
