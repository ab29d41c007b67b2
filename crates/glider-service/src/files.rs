//! The object store (a local folder by default) and signed, time-limited URLs for uploading
//! to and downloading from it without API credentials.

use std::{path::Path, sync::Arc};

use hmac::{Hmac, Mac};
use object_store::{
    ObjectStore, ObjectStoreExt, PutPayload, local::LocalFileSystem, path::Path as StorePath,
};
use secrecy::ExposeSecret;
use sha2::Sha256;
use uuid::Uuid;

use crate::{Ctx, ServiceError, ServiceResult, accounts::tokens::constant_time_eq};

/// Where uploaded bytes live.
#[derive(Clone)]
pub struct FileStore {
    store: Arc<dyn ObjectStore>,
}

impl std::fmt::Debug for FileStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FileStore({})", self.store)
    }
}

fn storage_error(error: object_store::Error) -> ServiceError {
    ServiceError::Internal(anyhow::Error::new(error).context("object store"))
}

impl FileStore {
    /// A folder on local disk (created if missing).
    pub fn local(dir: &Path) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir)?;
        Ok(Self {
            store: Arc::new(LocalFileSystem::new_with_prefix(dir)?),
        })
    }

    pub async fn put(&self, key: &str, bytes: Vec<u8>) -> ServiceResult<()> {
        self.store
            .put(&StorePath::from(key), PutPayload::from(bytes))
            .await
            .map_err(storage_error)?;
        Ok(())
    }

    pub async fn get(&self, key: &str) -> ServiceResult<Vec<u8>> {
        let result = self
            .store
            .get(&StorePath::from(key))
            .await
            .map_err(storage_error)?;
        Ok(result.bytes().await.map_err(storage_error)?.to_vec())
    }

    /// The stored size, or `None` if nothing is stored under `key`.
    pub async fn size(&self, key: &str) -> ServiceResult<Option<u64>> {
        match self.store.head(&StorePath::from(key)).await {
            Ok(meta) => Ok(Some(meta.size)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(error) => Err(storage_error(error)),
        }
    }
}

type HmacSha256 = Hmac<Sha256>;

/// `HMAC-SHA256(signing key, "<purpose>:<asset>:<expires>")`, hex.
pub fn sign(ctx: &Ctx, purpose: &str, asset: Uuid, expires: i64) -> String {
    let message = format!("{purpose}:{asset}:{expires}");
    match HmacSha256::new_from_slice(ctx.signing_key.expose_secret().as_bytes()) {
        Ok(mut mac) => {
            mac.update(message.as_bytes());
            hex::encode(mac.finalize().into_bytes())
        }
        // HMAC accepts keys of any length; this arm cannot be reached.
        Err(_) => String::new(),
    }
}

/// Checks a signature and that it has not expired (by the context's clock).
pub fn verify(ctx: &Ctx, purpose: &str, asset: Uuid, expires: i64, signature: &str) -> bool {
    let expected = sign(ctx, purpose, asset, expires);
    !expected.is_empty()
        && expires > ctx.now().timestamp()
        && constant_time_eq(&expected, signature)
}
