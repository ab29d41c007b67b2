//! Argon2id hashing, run off the async runtime because it is deliberately slow.

use argon2::{
    Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version,
    password_hash::{SaltString, rand_core::OsRng},
};
use glider_domain::values::Password;

use crate::{PasswordHashing, ServiceError};

pub async fn hash(cost: PasswordHashing, password: &Password) -> Result<String, ServiceError> {
    let password = password.expose().to_owned();
    tokio::task::spawn_blocking(move || {
        let params = Params::new(cost.memory_kib, cost.iterations, cost.parallelism, None)
            .map_err(|e| anyhow::anyhow!("argon2 parameters: {e}"))?;
        let salt = SaltString::generate(&mut OsRng);
        let hash = Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password(password.as_bytes(), &salt)
            .map_err(|e| anyhow::anyhow!("argon2 hash: {e}"))?;
        Ok::<_, anyhow::Error>(hash.to_string())
    })
    .await
    .map_err(anyhow::Error::from)?
    .map_err(ServiceError::Internal)
}

/// True if `password` matches the stored PHC string. The cost is read from the string, so
/// hashes made under older settings keep verifying.
pub async fn verify(stored: &str, password: &Password) -> Result<bool, ServiceError> {
    let stored = stored.to_owned();
    let password = password.expose().to_owned();
    tokio::task::spawn_blocking(move || {
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return false;
        };
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
    .await
    .map_err(|e| ServiceError::Internal(e.into()))
}

/// A hash of nothing in particular, verified against when the e-mail is unknown, so a failed
/// sign-in takes as long whether or not the account exists.
pub async fn dummy_hash(cost: PasswordHashing) -> Result<&'static str, ServiceError> {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DUMMY
        .get_or_try_init(|| async move {
            hash(cost, &Password::for_verification("glider-dummy-password")).await
        })
        .await
        .map(String::as_str)
}
