//! The object store (a local folder by default, S3 when `GLIDER_S3_URL` is set) and signed,
//! time-limited URLs for uploading to and downloading from it without API credentials.

use std::{path::Path, sync::Arc};

use bytes::Bytes;
use futures_util::{Stream, StreamExt, stream::BoxStream};
use hmac::{Hmac, Mac};
use object_store::{
    ObjectStore, ObjectStoreExt, aws::AmazonS3Builder, buffered::BufWriter, local::LocalFileSystem,
    path::Path as StorePath, prefix::PrefixStore,
};
use secrecy::ExposeSecret;
use sha2::Sha256;
use url::Url;
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

/// Why a streamed upload was not stored.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is larger than {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("the upload was interrupted: {0}")]
    Interrupted(String),
    #[error(transparent)]
    Store(#[from] ServiceError),
}

impl FileStore {
    /// A folder on local disk (created if missing).
    pub fn local(dir: &Path) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir)?;
        Ok(Self {
            store: Arc::new(LocalFileSystem::new_with_prefix(dir)?),
        })
    }

    /// An S3 bucket named by URL: `s3://bucket/prefix`, an AWS or R2 bucket URL, or any
    /// S3-compatible server as `http(s)://host:port/bucket/prefix` (path-style requests).
    /// Credentials and region come from the usual `AWS_*` variables.
    pub fn s3(bucket_url: &str) -> anyhow::Result<Self> {
        // reqwest is built without a bundled crypto provider; use ring, which the tree has.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let url = Url::parse(bucket_url)?;
        let host = url.host_str().unwrap_or_default();
        let mut segments: Vec<&str> = url
            .path_segments()
            .map(|s| s.filter(|p| !p.is_empty()).collect())
            .unwrap_or_default();
        let builder = AmazonS3Builder::from_env();
        let builder = if matches!(url.scheme(), "s3" | "s3a") {
            builder.with_url(format!("s3://{host}"))
        } else if host.ends_with(".amazonaws.com") || host.ends_with(".r2.cloudflarestorage.com") {
            // Recognised hosts keep the bucket where the provider puts it.
            if !host.contains(".s3.") && !segments.is_empty() {
                segments.remove(0);
            }
            builder.with_url(bucket_url)
        } else {
            if segments.is_empty() {
                anyhow::bail!(
                    "GLIDER_S3_URL must name the bucket, e.g. http://127.0.0.1:9000/glider"
                );
            }
            let bucket = segments.remove(0);
            let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
            builder
                .with_endpoint(format!("{}://{host}{port}", url.scheme()))
                .with_bucket_name(bucket)
                .with_allow_http(url.scheme() == "http")
                .with_virtual_hosted_style_request(false)
        };
        let s3 = builder.build()?;
        let prefix = segments.join("/");
        let store: Arc<dyn ObjectStore> = if prefix.is_empty() {
            Arc::new(s3)
        } else {
            Arc::new(PrefixStore::new(s3, prefix.as_str()))
        };
        Ok(Self { store })
    }

    /// Checks the store answers (a missing bucket or bad credentials fail here, at start).
    pub async fn check(&self) -> anyhow::Result<()> {
        let mut listing = self.store.list(None);
        if let Some(Err(error)) = listing.next().await {
            return Err(anyhow::Error::new(error).context("the object store does not answer"));
        }
        Ok(())
    }

    /// Streams `chunks` into the store under `key`, refusing more than `limit` bytes; nothing
    /// is left behind when the upload fails. Returns the stored size.
    pub async fn put_stream<S, E>(
        &self,
        key: &str,
        mut chunks: S,
        limit: u64,
    ) -> Result<u64, UploadError>
    where
        S: Stream<Item = Result<Bytes, E>> + Unpin + Send,
        E: std::fmt::Display,
    {
        let mut writer = BufWriter::new(Arc::clone(&self.store), StorePath::from(key));
        let mut total = 0u64;
        let failure = loop {
            match chunks.next().await {
                None if total == 0 => break UploadError::Empty,
                None => {
                    use tokio::io::AsyncWriteExt;
                    return match writer.shutdown().await {
                        Ok(()) => Ok(total),
                        Err(error) => Err(ServiceError::Internal(
                            anyhow::Error::new(error).context("object store"),
                        )
                        .into()),
                    };
                }
                Some(Err(error)) => break UploadError::Interrupted(error.to_string()),
                Some(Ok(chunk)) => {
                    total += chunk.len() as u64;
                    if total > limit {
                        break UploadError::TooLarge { limit };
                    }
                    if let Err(error) = writer.put(chunk).await {
                        break storage_error(error).into();
                    }
                }
            }
        };
        // Best effort: an abandoned multipart upload is also expired by the bucket's lifecycle.
        let _ = writer.abort().await;
        Err(failure)
    }

    /// The stored bytes as a stream (never buffered whole in memory); "file not found" when
    /// nothing is stored under `key`.
    pub async fn get_stream(
        &self,
        key: &str,
    ) -> ServiceResult<BoxStream<'static, std::io::Result<Bytes>>> {
        let result = self
            .store
            .get(&StorePath::from(key))
            .await
            .map_err(|error| match error {
                object_store::Error::NotFound { .. } => ServiceError::not_found("file"),
                error => storage_error(error),
            })?;
        Ok(result
            .into_stream()
            .map(|chunk| chunk.map_err(std::io::Error::other))
            .boxed())
    }

    /// Deletes what is stored under `key`; nothing stored there is not an error.
    pub async fn delete(&self, key: &str) -> ServiceResult<()> {
        match self.store.delete(&StorePath::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(error) => Err(storage_error(error)),
        }
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

/// Reads from the front of `chunks` until at least `wanted` bytes are in (or the stream ends),
/// so a file's type can be read from its first bytes before the rest is streamed on. Returns
/// everything read, which may be more than `wanted`.
pub async fn read_prefix<S, E>(chunks: &mut S, wanted: usize) -> Result<Bytes, E>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
{
    let mut head = bytes::BytesMut::new();
    while head.len() < wanted {
        match chunks.next().await {
            Some(chunk) => {
                let chunk = chunk?;
                if head.is_empty() && chunk.len() >= wanted {
                    return Ok(chunk);
                }
                head.extend_from_slice(&chunk);
            }
            None => break,
        }
    }
    Ok(head.freeze())
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
