//! Where the web app's files come from: the copy embedded at build time, or a folder on disk
//! (`--web-dir`). Either way a request path is turned into a relative file name first, and a
//! name that could leave the folder is refused before anything is read.

use std::path::{Path, PathBuf};

use axum::body::Bytes;
use percent_encoding::percent_decode_str;
use rust_embed::RustEmbed;
use sha2::{Digest, Sha256};

/// `web/dist` as built by Vite. Release builds carry its bytes; debug builds read the folder
/// at run time (so a fresh `npm run build` shows without recompiling). When the folder is
/// absent at build time (a Rust-only checkout) the crate still builds and embeds nothing.
#[derive(RustEmbed)]
#[folder = "../../web/dist/"]
#[allow_missing = true]
struct WebDist;

/// One file's bytes and the SHA-256 of those bytes (the ETag).
pub(super) struct File {
    pub(super) bytes: Bytes,
    pub(super) sha256: [u8; 32],
}

/// The embedded build or a folder on disk.
#[derive(Debug)]
pub(super) enum Source {
    Embedded,
    /// Canonical (symlinks resolved) when the folder existed at start.
    Dir(PathBuf),
}

impl Source {
    pub(super) fn new(dir: Option<&Path>) -> Self {
        match dir {
            None => Self::Embedded,
            Some(dir) => Self::Dir(dir.canonicalize().unwrap_or_else(|_| dir.to_owned())),
        }
    }

    /// Whether there is an `index.html` to serve.
    pub(super) fn has_index(&self) -> bool {
        match self {
            Self::Embedded => WebDist::get("index.html").is_some(),
            Self::Dir(root) => root.join("index.html").is_file(),
        }
    }

    /// The file at `name` (a name from [`file_name`]), or `None` if there is none.
    pub(super) async fn load(&self, name: &str) -> Option<File> {
        match self {
            Self::Embedded => WebDist::get(name).map(|file| File {
                sha256: file.metadata.sha256_hash(),
                bytes: match file.data {
                    std::borrow::Cow::Borrowed(bytes) => Bytes::from_static(bytes),
                    std::borrow::Cow::Owned(bytes) => Bytes::from(bytes),
                },
            }),
            Self::Dir(root) => {
                let (root, name) = (root.clone(), name.to_owned());
                tokio::task::spawn_blocking(move || read_within(&root, &name))
                    .await
                    .ok()
                    .flatten()
            }
        }
    }
}

/// Reads `root/name` only if, symlinks resolved, it is a file inside `root`.
fn read_within(root: &Path, name: &str) -> Option<File> {
    let path = root.join(name).canonicalize().ok()?;
    if !path.starts_with(root) || !path.is_file() {
        return None;
    }
    let bytes = std::fs::read(&path).ok()?;
    Some(File {
        sha256: Sha256::digest(&bytes).into(),
        bytes: Bytes::from(bytes),
    })
}

/// The relative file name a request path asks for (`/assets/a.js` → `assets/a.js`, `/` → ``),
/// percent-decoded once; `None` when a segment is `.`, `..` or any other dot-name, or holds a
/// backslash, a colon or NUL, so no spelling of a parent, absolute or drive path gets through.
pub(super) fn file_name(request_path: &str) -> Option<String> {
    let decoded = percent_decode_str(request_path).decode_utf8().ok()?;
    let mut segments = Vec::new();
    for segment in decoded.split('/').filter(|segment| !segment.is_empty()) {
        if segment.starts_with('.') || segment.contains(['\\', ':', '\0']) {
            return None;
        }
        segments.push(segment);
    }
    Some(segments.join("/"))
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn request_paths_become_names_inside_the_folder_or_nothing() {
        assert_eq!(file_name("/").as_deref(), Some(""));
        assert_eq!(
            file_name("/assets/app-1.js").as_deref(),
            Some("assets/app-1.js")
        );
        assert_eq!(file_name("//w//acme/").as_deref(), Some("w/acme"));
        assert_eq!(file_name("/a%20b.txt").as_deref(), Some("a b.txt"));
        for refused in [
            "/../secret",
            "/assets/../../secret",
            "/%2e%2e/secret",
            "/..%2f..%2fsecret",
            "/%2E%2E%5Csecret",
            "/assets/%2e/x",
            "/C:/Windows",
            "/a%00b",
            "/.env",
            "/%ff",
        ] {
            assert_eq!(file_name(refused), None, "{refused}");
        }
        // Decoded once only: `%252e` stays the literal name `%2e`, never a dot segment.
        assert_eq!(file_name("/%252e%252e/x").as_deref(), Some("%2e%2e/x"));
        // An encoded leading slash cannot make the name absolute.
        assert_eq!(file_name("/%2Fetc%2Fpasswd").as_deref(), Some("etc/passwd"));
    }
}
