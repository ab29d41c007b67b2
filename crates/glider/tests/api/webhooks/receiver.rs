//! A webhook receiver for tests: a real HTTP server on 127.0.0.1:0 that records every request
//! and answers with scripted statuses, or hangs.

use std::{
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode, header::LOCATION},
    response::{IntoResponse, Response},
    routing::post,
};
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;
use tokio::sync::watch;

/// How long a test waits for something the server owes it.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// What the receiver does with each request.
#[derive(Clone, Debug)]
pub enum Answer {
    /// The n-th request gets the n-th status; the last one repeats.
    Statuses(Vec<u16>),
    /// Never answers (until the client gives up).
    Hang,
    /// 307 to this URL.
    Redirect(String),
}

/// One request as received.
#[derive(Clone, Debug)]
pub struct Received {
    pub headers: HeaderMap,
    pub body: String,
}

impl Received {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).expect("JSON body")
    }

    /// The event's id (the body's `id`).
    pub fn event_id(&self) -> String {
        self.json()["id"].as_str().expect("event id").to_owned()
    }

    pub fn kind(&self) -> String {
        self.json()["event"]
            .as_str()
            .expect("event kind")
            .to_owned()
    }

    /// True when both signature headers are the HMAC-SHA256 of the body with `secret`.
    pub fn signed_with(&self, secret: &str) -> bool {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
        mac.update(self.body.as_bytes());
        let expected = hex::encode(mac.finalize().into_bytes());
        self.header("x-glider-signature") == format!("sha256={expected}")
            && self.header("x-plane-signature") == expected
    }
}

#[derive(Clone)]
struct Shared {
    answer: Answer,
    requests: Arc<Mutex<Vec<Received>>>,
    count: watch::Sender<usize>,
    /// Set when a hanging request's handler was dropped: the client hung up.
    abandoned: Arc<AtomicBool>,
}

/// A running receiver; dropping it stops the server.
pub struct Receiver {
    pub url: String,
    shared: Shared,
    _server: tokio::task::JoinHandle<()>,
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self._server.abort();
    }
}

/// Flags the request as abandoned when its handler is dropped before it answered.
struct HangUpGuard(Arc<AtomicBool>);

impl Drop for HangUpGuard {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

async fn receive(State(shared): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    let index = {
        let mut requests = shared.requests.lock().unwrap();
        requests.push(Received {
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        });
        // Counted under the lock, so concurrent requests never move the count backwards.
        shared.count.send_replace(requests.len());
        requests.len() - 1
    };
    match &shared.answer {
        Answer::Statuses(statuses) => {
            let status = statuses
                .get(index)
                .or(statuses.last())
                .copied()
                .unwrap_or(200);
            StatusCode::from_u16(status).unwrap().into_response()
        }
        Answer::Hang => {
            let _guard = HangUpGuard(shared.abandoned.clone());
            std::future::pending::<()>().await;
            StatusCode::OK.into_response()
        }
        Answer::Redirect(to) => {
            (StatusCode::TEMPORARY_REDIRECT, [(LOCATION, to.clone())]).into_response()
        }
    }
}

impl Receiver {
    pub async fn start(answer: Answer) -> Self {
        let shared = Shared {
            answer,
            requests: Arc::default(),
            count: watch::Sender::new(0),
            abandoned: Arc::default(),
        };
        let router = axum::Router::new()
            .route("/hook", post(receive))
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        Self {
            url,
            shared,
            _server: server,
        }
    }

    /// Answers 200 to everything.
    pub async fn ok() -> Self {
        Self::start(Answer::Statuses(vec![200])).await
    }

    /// Everything received so far.
    pub fn received(&self) -> Vec<Received> {
        self.shared.requests.lock().unwrap().clone()
    }

    /// Waits (bounded) until at least `n` requests have arrived; returns them all.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        let mut count = self.shared.count.subscribe();
        let arrived = tokio::time::timeout(PATIENCE, count.wait_for(|seen| *seen >= n))
            .await
            .is_ok_and(|seen| seen.is_ok());
        assert!(
            arrived,
            "expected {n} requests at {}, got {}",
            self.url,
            self.received().len()
        );
        self.received()
    }

    /// True once a hanging request was given up by the client.
    pub fn abandoned(&self) -> bool {
        self.shared.abandoned.load(Ordering::SeqCst)
    }
}
