//! The web app (the React build Vite writes to `web/dist`), served by the binary from its
//! embedded copy, or from a folder given with `--web-dir` / `GLIDER_WEB_DIR`.
//!
//! - GET and HEAD outside the server's own paths (`/api/…`, `/ws/…`, `/health`, `/ready`,
//!   `/metrics`, `/graphql`) are answered here, before authentication: the app's files need
//!   no credential, and a stale session cookie must not turn the sign-in page into a 401.
//!   Other methods go on to the router, whose fallback answers as for any unknown route.
//! - A file that exists is served, as its precompressed `.br` or `.gz` sibling when the
//!   browser accepts one (`Content-Encoding`, `Vary: Accept-Encoding`); the compression layer
//!   leaves a response that already has a `Content-Encoding` alone.
//! - Names under `assets/` carry a content hash: cached for a year as immutable. Everything
//!   else (`index.html`, `favicon.svg`) is `no-cache`: revalidated by ETag, answered 304.
//! - A missing file under `assets/` is a plain 404, so a stale chunk fails loudly; any other
//!   path is a client-side route and gets `index.html`.
//! - HTML carries a strict Content-Security-Policy; every response here is `nosniff`.

mod negotiate;
mod source;

use std::path::Path;

use axum::{
    body::Body,
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use self::{
    negotiate::{ENCODINGS, Encoding},
    source::{File, Source},
};
use crate::{AppState, middleware::observe::MatchedRoute};

/// The policy of every HTML response. Attachments are uploaded to and downloaded from this
/// server's own `/api/v1/uploads/…` and `/api/v1/downloads/…` (streamed to and from the
/// object store by the server, S3 included), so the browser never needs another origin.
pub(crate) const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; \
    media-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; \
    frame-ancestors 'none'";

/// First path segments that belong to the server, never to the web app.
const SERVER_PATHS: [&str; 6] = ["api", "ws", "health", "ready", "metrics", "graphql"];

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The web app's files and how to answer for them.
#[derive(Debug)]
pub(crate) struct WebUi {
    source: Source,
}

impl WebUi {
    /// The embedded build, or the folder `dir`. Warns once when there is no `index.html`.
    pub(crate) fn new(dir: Option<&Path>) -> Self {
        let source = Source::new(dir);
        if !source.has_index() {
            match dir {
                None => tracing::warn!(
                    "this binary was built without the web app (web/dist); `/` explains how \
                     to build it (./scripts/run)"
                ),
                Some(dir) => tracing::warn!(
                    web_dir = %dir.display(),
                    "the web directory has no index.html; `/` explains how to build it"
                ),
            }
        }
        Self { source }
    }

    /// The answer to a GET for `path` (HEAD drops the body afterwards).
    async fn respond(&self, path: &str, request: &HeaderMap) -> Response {
        let Some(name) = source::file_name(path) else {
            return not_found();
        };
        if !name.is_empty() {
            if let Some(response) = self.file(&name, request).await {
                return response;
            }
            if name == "assets" || name.starts_with("assets/") {
                return not_found();
            }
        }
        match self.file("index.html", request).await {
            Some(response) => response,
            None => not_built(&self.source),
        }
    }

    /// `name` as its best accepted precompressed sibling, or as it is; `None` if absent.
    async fn file(&self, name: &str, request: &HeaderMap) -> Option<Response> {
        for encoding in ENCODINGS {
            if !encoding.accepted(request) {
                continue;
            }
            let sibling = format!("{name}.{}", encoding.extension());
            if let Some(file) = self.source.load(&sibling).await {
                return Some(render(name, file, Some(encoding), request));
            }
        }
        let file = self.source.load(name).await?;
        Some(render(name, file, None, request))
    }
}

/// Middleware in front of authentication: answers GET and HEAD for the web app's paths.
pub(crate) async fn serve_web_ui(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method();
    let head = method == Method::HEAD;
    if !(head || method == Method::GET) || is_server_path(request.uri().path()) {
        return next.run(request).await;
    }
    let mut response = state
        .web
        .respond(request.uri().path(), request.headers())
        .await;
    if head {
        *response.body_mut() = Body::empty();
    }
    // One metrics label for every page and file, however many paths the app has.
    response
        .extensions_mut()
        .insert(MatchedRoute("web".to_owned()));
    response
}

fn is_server_path(path: &str) -> bool {
    let first = path
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default();
    SERVER_PATHS.contains(&first)
}

/// A found file: 304 when the browser's copy is current, else the bytes.
fn render(name: &str, file: File, encoding: Option<Encoding>, request: &HeaderMap) -> Response {
    let etag = negotiate::etag(&file.sha256);
    let content_type = negotiate::content_type(name);
    let mut response = if negotiate::not_modified(request, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let length = file.bytes.len();
        let mut response = Response::new(Body::from(file.bytes));
        let headers = response.headers_mut();
        insert(headers, header::CONTENT_TYPE, &content_type);
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
        if let Some(encoding) = encoding {
            let token = HeaderValue::from_static(encoding.token());
            headers.insert(header::CONTENT_ENCODING, token);
        }
        response
    };
    let headers = response.headers_mut();
    insert(headers, header::ETAG, &etag);
    let cache = if name.starts_with("assets/") {
        IMMUTABLE
    } else {
        "no-cache"
    };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    nosniff(headers);
    if content_type.starts_with("text/html") {
        secure_html(headers);
    }
    response
}

fn insert(headers: &mut HeaderMap, name: header::HeaderName, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        headers.insert(name, value);
    }
}

fn nosniff(headers: &mut HeaderMap) {
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
}

fn secure_html(headers: &mut HeaderMap) {
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
}

/// A plain 404 (a missing asset, or a name that could leave the folder).
fn not_found() -> Response {
    let mut response = (
        StatusCode::NOT_FOUND,
        [(header::CACHE_CONTROL, "no-store")],
        "Not found\n",
    )
        .into_response();
    nosniff(response.headers_mut());
    response
}

/// Every page when there is no `index.html`: what to do about it (503, never cached, so the
/// app shows as soon as it is built).
fn not_built(source: &Source) -> Response {
    let reason = match source {
        Source::Embedded => "This Glider binary was built without its web app.",
        Source::Dir(_) => {
            "The web directory this server was given (--web-dir, GLIDER_WEB_DIR) has no \
             index.html."
        }
    };
    let page = format!(
        "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">\
         <title>Glider: web app not built</title></head>\n<body>\n<h1>The web app is not \
         built</h1>\n<p>{reason} Run <code>./scripts/run</code> in the Glider repository: it \
         builds the web app and then the server.</p>\n<p>The API answers meanwhile at \
         <code>/api/v1/</code>.</p>\n</body>\n</html>\n"
    );
    let mut response = (
        StatusCode::SERVICE_UNAVAILABLE,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        page,
    )
        .into_response();
    nosniff(response.headers_mut());
    secure_html(response.headers_mut());
    response
}

#[cfg(test)]
mod tests {
    use super::is_server_path;

    #[test]
    fn the_server_keeps_its_own_paths() {
        for path in [
            "/api/v1/x",
            "/api",
            "/ws/",
            "//ws/x",
            "/health",
            "/metrics/",
        ] {
            assert!(is_server_path(path), "{path}");
        }
        for path in ["/", "/w/acme", "/assets/a.js", "/healthz", "/apis"] {
            assert!(!is_server_path(path), "{path}");
        }
    }
}
