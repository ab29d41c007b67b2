//! What the request accepts (`Accept-Encoding`), whether its cached copy is current
//! (`If-None-Match`), and the content type of a file name.

use axum::http::{HeaderMap, header};

/// The precompressed siblings Vite writes (`app.js.br`, `app.js.gz`), best first.
pub(super) const ENCODINGS: [Encoding; 2] = [Encoding::Brotli, Encoding::Gzip];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Encoding {
    Brotli,
    Gzip,
}

impl Encoding {
    /// The sibling file's extension.
    pub(super) fn extension(self) -> &'static str {
        match self {
            Self::Brotli => "br",
            Self::Gzip => "gz",
        }
    }

    /// The `Content-Encoding` value.
    pub(super) fn token(self) -> &'static str {
        match self {
            Self::Brotli => "br",
            Self::Gzip => "gzip",
        }
    }

    /// Whether `Accept-Encoding` allows this coding: named with a q-value above 0, or covered
    /// by `*` without being named.
    pub(super) fn accepted(self, headers: &HeaderMap) -> bool {
        let names: &[&str] = match self {
            Self::Brotli => &["br"],
            Self::Gzip => &["gzip", "x-gzip"],
        };
        let mut wildcard = false;
        for item in headers
            .get_all(header::ACCEPT_ENCODING)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
        {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or_default().trim();
            let quality = parts
                .filter_map(|param| {
                    let (key, value) = param.split_once('=')?;
                    key.trim()
                        .eq_ignore_ascii_case("q")
                        .then(|| value.trim().parse::<f32>().unwrap_or(0.0))
                })
                .next()
                .unwrap_or(1.0);
            if names.iter().any(|known| name.eq_ignore_ascii_case(known)) {
                return quality > 0.0;
            }
            if name == "*" {
                wildcard = quality > 0.0;
            }
        }
        wildcard
    }
}

/// Whether `If-None-Match` names `etag` (weak comparison, as for GET) or is `*`.
pub(super) fn not_modified(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .any(|tag| tag == "*" || tag.trim_start_matches("W/") == etag)
}

/// A strong ETag from the first half of a SHA-256.
pub(super) fn etag(sha256: &[u8; 32]) -> String {
    use std::fmt::Write;
    let mut tag = String::with_capacity(34);
    tag.push('"');
    for byte in &sha256[..16] {
        let _ = write!(tag, "{byte:02x}");
    }
    tag.push('"');
    tag
}

/// The content type of the original file name, with `charset=utf-8` for text.
pub(super) fn content_type(name: &str) -> String {
    let mime = mime_guess::from_path(name).first_or_octet_stream();
    let text = mime.type_() == "text"
        || mime.subtype() == "javascript"
        || mime.subtype() == "json"
        || mime.suffix().is_some_and(|suffix| suffix == "json");
    if text && mime.get_param("charset").is_none() {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

#[cfg(test)]
mod tests {
    use axum::http::{HeaderMap, HeaderValue, header};

    use super::*;

    fn accept(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn accept_encoding_is_read_with_q_values_and_wildcards() {
        let both = accept("gzip, deflate, br, zstd");
        assert!(Encoding::Brotli.accepted(&both) && Encoding::Gzip.accepted(&both));
        let gzip = accept("gzip;q=0.8, br;q=0");
        assert!(!Encoding::Brotli.accepted(&gzip) && Encoding::Gzip.accepted(&gzip));
        let star = accept("*;q=0.5, gzip;Q=0");
        assert!(Encoding::Brotli.accepted(&star) && !Encoding::Gzip.accepted(&star));
        let identity = accept("identity");
        assert!(!Encoding::Brotli.accepted(&identity) && !Encoding::Gzip.accepted(&identity));
        assert!(!Encoding::Gzip.accepted(&HeaderMap::new()));
    }

    #[test]
    fn if_none_match_compares_weakly_and_accepts_lists() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_static("\"old\", W/\"abc\""),
        );
        assert!(not_modified(&headers, "\"abc\""));
        assert!(!not_modified(&headers, "\"abd\""));
        assert!(!not_modified(&HeaderMap::new(), "\"abc\""));
    }

    #[test]
    fn content_types_follow_the_original_name() {
        assert!(content_type("assets/a.js").contains("javascript; charset=utf-8"));
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/a.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("assets/f.woff2"), "font/woff2");
        assert_eq!(content_type("favicon.svg"), "image/svg+xml");
        assert_eq!(content_type("noextension"), "application/octet-stream");
    }
}
