//! Uploaded files.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{ProjectId, UserId, WorkItemId, WorkspaceId};

/// A file in the object store, owned by a work item (for now).
#[derive(Clone, Debug, PartialEq)]
pub struct FileAsset {
    pub id: Uuid,
    pub workspace_id: WorkspaceId,
    pub project_id: Option<ProjectId>,
    pub work_item_id: Option<WorkItemId>,
    /// Plane's `entity_type`, e.g. `ISSUE_ATTACHMENT`.
    pub entity_type: String,
    /// The object-store key: `<workspace>/<32 hex>-<name>`.
    pub asset: String,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub is_uploaded: bool,
    pub storage_metadata: Option<serde_json::Value>,
    pub external_source: Option<String>,
    pub external_id: Option<String>,
    pub created_by: Option<UserId>,
    pub updated_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// MIME types accepted for attachments (Plane's list: documents, images, archives, media).
pub const ATTACHMENT_TYPES: &[&str] = &[
    "image/jpeg",
    "image/jpg",
    "image/png",
    "image/gif",
    "image/webp",
    "image/svg+xml",
    "image/tiff",
    "image/bmp",
    "application/pdf",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
    "application/rtf",
    "text/plain",
    "text/markdown",
    "text/csv",
    "text/css",
    "text/javascript",
    "text/xml",
    "application/json",
    "application/xml",
    "application/zip",
    "application/x-zip-compressed",
    "application/x-rar-compressed",
    "application/vnd.rar",
    "application/x-tar",
    "application/gzip",
    "application/x-gzip",
    "application/x-7z-compressed",
    "audio/mpeg",
    "audio/wav",
    "audio/ogg",
    "audio/mp4",
    "audio/webm",
    "video/mp4",
    "video/webm",
    "video/ogg",
    "video/quicktime",
    "video/x-msvideo",
    "font/ttf",
    "font/otf",
    "font/woff",
    "font/woff2",
    "model/gltf+json",
    "model/gltf-binary",
    "application/octet-stream",
    "application/x-sql",
];

/// A file name safe to put in a storage key and a header: path parts, control characters and
/// quotes removed, at most 200 characters.
pub fn safe_file_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or(raw);
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\'' | '<' | '>' | ';'))
        .take(200)
        .collect();
    let trimmed = cleaned.trim().trim_start_matches('.');
    if trimmed.is_empty() {
        "file".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// The picture types an avatar may be, read from the file's first bytes (never from a declared
/// type): PNG, JPEG, GIF or WebP. SVG and everything else is refused, since SVG can carry
/// script. At most [`SNIFF_BYTES`] are looked at.
pub fn sniff_image(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"\xff\xd8\xff") {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(&b"WEBP"[..]) {
        Some("image/webp")
    } else {
        None
    }
}

/// How many leading bytes [`sniff_image`] needs to decide.
pub const SNIFF_BYTES: usize = 12;

#[cfg(test)]
mod tests {
    use super::sniff_image;

    #[test]
    fn pictures_are_known_by_their_first_bytes() {
        assert_eq!(sniff_image(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff_image(b"\xff\xd8\xff\xe0"), Some("image/jpeg"));
        assert_eq!(sniff_image(b"GIF89a...."), Some("image/gif"));
        assert_eq!(sniff_image(b"GIF87a"), Some("image/gif"));
        assert_eq!(sniff_image(b"RIFF\x10\0\0\0WEBPVP8 "), Some("image/webp"));
    }

    #[test]
    fn everything_else_is_not_a_picture() {
        for bytes in [
            &b""[..],
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            b"<?xml version=\"1.0\"?><svg/>",
            b"hello world",
            b"RIFF\x10\0\0\0WAVEfmt ",
            b"RIFF",
            b"\x89PNG",
            b"GIF90a",
        ] {
            assert_eq!(sniff_image(bytes), None, "{bytes:?}");
        }
    }
}
