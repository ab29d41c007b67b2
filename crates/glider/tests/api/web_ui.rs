//! The web app served by the binary, from a fake Vite build in a temporary `--web-dir`:
//! precompressed siblings, caching, ETags, the client-side-route fallback, security headers,
//! and paths that try to leave the folder.

mod fixture;

use std::{
    path::Path,
    process::{Command, Stdio},
};

use glider_test_utils::{TestApp, json_of};
use reqwest::{Response, StatusCode};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use self::fixture::{Build, INDEX, SECRET, gunzip, unbrotli};

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; \
    media-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; \
    frame-ancestors 'none'";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

async fn web_app() -> (TestApp, Build) {
    let build = Build::new();
    let app = TestApp::builder().web_dir(&build.dist()).spawn().await;
    (app, build)
}

/// GET with an `Accept-Encoding` (the client never decompresses: the bytes are the wire's).
async fn get(app: &TestApp, path: &str, accept_encoding: &str) -> Response {
    let request = app.client.get(app.url(path));
    let request = match accept_encoding {
        "" => request,
        value => request.header("accept-encoding", value),
    };
    request.send().await.unwrap()
}

fn header<'a>(response: &'a Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .map_or("", |value| value.to_str().unwrap())
}

/// How many times `Vary` names `Accept-Encoding` (CORS adds its own `Vary` values too).
fn varies_by_encoding(response: &Response) -> usize {
    response
        .headers()
        .get_all("vary")
        .iter()
        .flat_map(|value| value.to_str().unwrap().split(','))
        .filter(|token| token.trim().eq_ignore_ascii_case("accept-encoding"))
        .count()
}

/// The status and whole response of a request written byte for byte (reqwest would
/// normalise `..` and `%2e` away before sending).
async fn raw_get(app: &TestApp, path: &str) -> (u16, String) {
    let mut stream = tokio::net::TcpStream::connect(app.address).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).await.unwrap();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let status = text.split(' ').nth(1).unwrap().parse().unwrap();
    (status, text)
}

fn assert_html_shell(response: &Response) {
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(response, "content-type"), "text/html; charset=utf-8");
    assert_eq!(header(response, "content-security-policy"), CSP);
    assert_eq!(header(response, "cache-control"), "no-cache");
    assert_eq!(header(response, "x-frame-options"), "DENY");
    assert_eq!(
        header(response, "referrer-policy"),
        "strict-origin-when-cross-origin"
    );
    assert_eq!(header(response, "x-content-type-options"), "nosniff");
}

#[tokio::test]
async fn the_root_and_client_side_routes_get_the_app_shell() {
    let (app, _build) = web_app().await;
    for path in ["/", "/index.html", "/w/acme/projects/x", "/w/acme/"] {
        let response = get(&app, path, "").await;
        assert_html_shell(&response);
        assert_eq!(response.text().await.unwrap(), INDEX, "{path}");
    }
    let head = app.client.head(app.url("/w/acme")).send().await.unwrap();
    assert_html_shell(&head);
    assert_eq!(header(&head, "content-length"), INDEX.len().to_string());
    assert!(head.bytes().await.unwrap().is_empty());
    // A stale session cookie does not stop the app from loading (the API still refuses it).
    let stale = |path: &str| {
        app.client
            .get(app.url(path))
            .header("cookie", "glider_session=revoked-long-ago")
            .send()
    };
    let page = stale("/w/acme").await.unwrap();
    assert_html_shell(&page);
    assert_eq!(
        stale("/api/v1/users/me/").await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    // Every page and file shares one metrics label.
    let metrics = get(&app, "/metrics", "").await.text().await.unwrap();
    assert!(metrics.contains("route=\"web\""), "{metrics}");
}

#[tokio::test]
async fn precompressed_siblings_follow_accept_encoding() {
    let (app, build) = web_app().await;
    let path = "/assets/app-abc123.js";
    let dist = build.dist();
    for (accept, encoding, sibling) in [
        ("br", "br", "br"),
        ("gzip, deflate, br, zstd", "br", "br"),
        ("gzip", "gzip", "gz"),
        ("br;q=0, gzip;q=0.5", "gzip", "gz"),
    ] {
        let response = get(&app, path, accept).await;
        assert_eq!(response.status(), StatusCode::OK, "{accept}");
        assert_eq!(header(&response, "content-encoding"), encoding, "{accept}");
        assert_eq!(
            header(&response, "content-type"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(varies_by_encoding(&response), 1, "{accept}");
        assert_eq!(header(&response, "cache-control"), IMMUTABLE);
        assert_eq!(header(&response, "x-content-type-options"), "nosniff");
        let body = response.bytes().await.unwrap();
        // The very bytes of the sibling on disk, compressed once: no dynamic recompression.
        let on_disk = std::fs::read(dist.join(format!("assets/app-abc123.js.{sibling}"))).unwrap();
        assert_eq!(body.as_ref(), on_disk.as_slice(), "{accept}");
        let decoded = match encoding {
            "br" => unbrotli(&body),
            _ => gunzip(&body),
        };
        assert_eq!(decoded, build.js, "{accept}");
    }
    for accept in ["", "identity", "br;q=0, gzip;q=0"] {
        let response = get(&app, path, accept).await;
        assert_eq!(header(&response, "content-encoding"), "", "{accept}");
        assert_eq!(header(&response, "cache-control"), IMMUTABLE);
        assert_eq!(
            response.bytes().await.unwrap().as_ref(),
            build.js.as_slice()
        );
    }
    // The app's JavaScript is not an HTML page: no page policy on it.
    assert_eq!(
        header(&get(&app, path, "br").await, "content-security-policy"),
        ""
    );
}

#[tokio::test]
async fn files_without_siblings_are_compressed_on_the_fly_once() {
    let (app, build) = web_app().await;
    let response = get(&app, "/assets/style-def456.css", "gzip").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, "content-type"), "text/css; charset=utf-8");
    assert_eq!(header(&response, "content-encoding"), "gzip");
    assert_eq!(header(&response, "cache-control"), IMMUTABLE);
    assert_eq!(varies_by_encoding(&response), 1);
    assert_eq!(gunzip(&response.bytes().await.unwrap()), build.css);
    let plain = get(&app, "/assets/style-def456.css", "").await;
    assert_eq!(header(&plain, "content-encoding"), "");
    assert_eq!(plain.bytes().await.unwrap().as_ref(), build.css.as_slice());
}

#[tokio::test]
async fn etags_answer_not_modified() {
    let (app, _build) = web_app().await;
    let path = "/assets/app-abc123.js";
    let first = get(&app, path, "br").await;
    let etag = header(&first, "etag").to_owned();
    assert!(etag.starts_with('"') && etag.len() > 10, "{etag}");
    let gzip_etag = header(&get(&app, path, "gzip").await, "etag").to_owned();
    assert_ne!(etag, gzip_etag, "each encoding is its own representation");
    let conditional = |accept: &'static str, tag: String| {
        app.client
            .get(app.url(path))
            .header("accept-encoding", accept)
            .header("if-none-match", tag)
            .send()
    };
    let cached = conditional("br", etag.clone()).await.unwrap();
    assert_eq!(cached.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(header(&cached, "etag"), etag);
    assert_eq!(header(&cached, "cache-control"), IMMUTABLE);
    assert!(cached.bytes().await.unwrap().is_empty());
    let weak = conditional("br", format!("\"other\", W/{etag}"))
        .await
        .unwrap();
    assert_eq!(weak.status(), StatusCode::NOT_MODIFIED);
    let changed = conditional("gzip", etag.clone()).await.unwrap();
    assert_eq!(changed.status(), StatusCode::OK);
    assert_eq!(header(&changed, "content-encoding"), "gzip");

    let index = get(&app, "/w/acme", "").await;
    let index_etag = header(&index, "etag").to_owned();
    let revalidated = app
        .client
        .get(app.url("/"))
        .header("if-none-match", &index_etag)
        .send()
        .await
        .unwrap();
    assert_eq!(revalidated.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(header(&revalidated, "cache-control"), "no-cache");
    let stale = app
        .client
        .get(app.url("/"))
        .header("if-none-match", "\"not-the-index\"")
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), StatusCode::OK);
}

#[tokio::test]
async fn missing_assets_are_404_and_the_server_keeps_its_own_paths() {
    let (app, _build) = web_app().await;
    for path in ["/assets/missing-000.js", "/assets/", "/assets/nested/x.css"] {
        let missing = get(&app, path, "").await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND, "{path}");
        assert_eq!(header(&missing, "x-content-type-options"), "nosniff");
        assert!(!missing.text().await.unwrap().contains("<html"), "{path}");
    }
    // The API's Plane-style answers are unchanged.
    let redirect = get(&app, "/api/v1/nope", "").await;
    assert_eq!(redirect.status(), StatusCode::MOVED_PERMANENTLY);
    assert_eq!(header(&redirect, "location"), "/api/v1/nope/");
    let body = json_of(get(&app, "/api/v1/nope/", "").await, StatusCode::NOT_FOUND).await;
    assert_eq!(body["code"], "route_not_found");
    for path in ["/ws/nope", "/health/x", "/api"] {
        let body = json_of(get(&app, path, "").await, StatusCode::NOT_FOUND).await;
        assert_eq!(body["code"], "route_not_found", "{path}");
    }
    // Other methods on the app's paths are not served the page.
    for method in [reqwest::Method::POST, reqwest::Method::PUT] {
        let response = app
            .client
            .request(method.clone(), app.url("/whatever"))
            .send()
            .await
            .unwrap();
        let body = json_of(response, StatusCode::NOT_FOUND).await;
        assert_eq!(body["code"], "route_not_found", "{method}");
    }
}

#[tokio::test]
async fn request_paths_never_leave_the_web_dir() {
    let (app, build) = web_app().await;
    // The secret is really there, one level up.
    assert_eq!(
        std::fs::read_to_string(build.dist().join("../secret.txt")).unwrap(),
        SECRET
    );
    let refused = [
        "/../secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/assets/..%2f..%2fsecret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt",
        "/..%5csecret.txt",
        "/assets/escape.js",
    ];
    for path in refused {
        let (status, text) = raw_get(&app, path).await;
        assert_eq!(status, 404, "{path}: {text}");
        assert!(!text.contains(SECRET), "{path}: {text}");
    }
    // An absolute path is read inside the folder: a client-side route, never the file.
    let absolute = build.root.path().join("secret.txt");
    let absolute = absolute.to_str().unwrap();
    for path in [
        format!("/{absolute}"),
        format!("/{}", absolute.replace('/', "%2F")),
    ] {
        let (status, text) = raw_get(&app, &path).await;
        assert_eq!(status, 200, "{path}: {text}");
        assert!(
            text.contains(INDEX) && !text.contains(SECRET),
            "{path}: {text}"
        );
    }
}

#[tokio::test]
async fn an_empty_web_dir_explains_how_to_build_the_app() {
    let empty = tempfile::tempdir().unwrap();
    let app = TestApp::builder().web_dir(empty.path()).spawn().await;
    for path in ["/", "/w/acme"] {
        let response = get(&app, path, "").await;
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(
            header(&response, "content-type"),
            "text/html; charset=utf-8"
        );
        assert_eq!(header(&response, "content-security-policy"), CSP);
        assert_eq!(header(&response, "cache-control"), "no-store");
        let text = response.text().await.unwrap();
        assert!(text.contains("./scripts/run"), "{text}");
    }
    assert_eq!(
        get(&app, "/assets/app.js", "").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(get(&app, "/health", "").await.status(), StatusCode::OK);
}

fn glider_serve(dir: &Path, args: &[&str], web_dir_env: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_glider"));
    command
        .arg("serve")
        .args(args)
        .current_dir(dir)
        .env_remove("GLIDER_DATABASE_URL")
        .env_remove("GLIDER_DATA_DIR")
        .env("GLIDER_WEB_DIR", web_dir_env)
        .stdout(Stdio::null());
    command
}

/// The setting through the real binary: `GLIDER_WEB_DIR` is read, `--web-dir` wins over it.
#[tokio::test]
async fn glider_serve_takes_the_web_dir_from_the_flag_or_the_environment() {
    let build = Build::new();
    let data = tempfile::tempdir().unwrap();
    let output = glider_serve(data.path(), &[], "/no/such/web/dir")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("/no/such/web/dir"), "{stderr}");

    let port = glider_test_utils::free_port();
    let listen = format!("127.0.0.1:{port}");
    let dist = build.dist();
    let child = glider_serve(
        data.path(),
        &["--listen", &listen, "--web-dir", dist.to_str().unwrap()],
        "/no/such/web/dir",
    )
    .stderr(Stdio::null())
    .spawn()
    .unwrap();
    let _server = KillOnDrop(child);
    let client = reqwest::Client::new();
    let mut page = None;
    for _ in 0..300 {
        if let Ok(response) = client.get(format!("http://{listen}/w/acme")).send().await {
            page = Some(response);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let page = page.expect("the server never answered");
    assert_html_shell(&page);
    assert_eq!(page.text().await.unwrap(), INDEX);
}

struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
