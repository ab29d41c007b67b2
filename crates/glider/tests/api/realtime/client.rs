//! A real WebSocket client (tokio-tungstenite) with bounded waits.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::{
    MaybeTlsStream, WebSocketStream, connect_async,
    tungstenite::{self, Message, client::IntoClientRequest},
};

/// Longest wait for something that must arrive.
pub const WAIT: Duration = Duration::from_secs(20);

pub struct WsClient {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

/// How a socket ended.
#[derive(Debug, PartialEq)]
pub enum Ended {
    Closed(u16),
    /// The connection ended without a close frame.
    Dropped,
}

/// A handshake request to `base` (`http://host:port`) + `path` with these headers.
pub fn request(
    base: &str,
    path: &str,
    headers: &[(&str, &str)],
) -> tungstenite::handshake::client::Request {
    let url = format!("ws://{}{path}", base.trim_start_matches("http://"));
    let mut request = url.into_client_request().unwrap();
    for (name, value) in headers {
        request.headers_mut().insert(
            tungstenite::http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
            value.parse().unwrap(),
        );
    }
    request
}

impl WsClient {
    /// Opens `path` with the user's access token.
    pub async fn open(base: &str, path: &str, token: &str) -> Self {
        let bearer = format!("Bearer {token}");
        Self::with(request(base, path, &[("authorization", &bearer)]))
            .await
            .expect("WebSocket handshake")
    }

    /// Opens `/api/v1/ws`.
    pub async fn connect(base: &str, token: &str) -> Self {
        Self::open(base, "/api/v1/ws", token).await
    }

    pub async fn with(
        request: tungstenite::handshake::client::Request,
    ) -> Result<Self, tungstenite::Error> {
        let (ws, _) = tokio::time::timeout(WAIT, connect_async(request))
            .await
            .expect("handshake in time")?;
        Ok(Self { ws })
    }

    /// Opens `/api/v1/ws` behind a tiny TCP receive window, for a client that does not read.
    pub async fn slow(base: &str, token: &str) -> Self {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.set_recv_buffer_size(4096).unwrap();
        let address = base.trim_start_matches("http://").parse().unwrap();
        let stream = socket.connect(address).await.unwrap();
        let bearer = format!("Bearer {token}");
        let request = request(base, "/api/v1/ws", &[("authorization", &bearer)]);
        let (ws, _) = tokio_tungstenite::client_async(request, MaybeTlsStream::Plain(stream))
            .await
            .unwrap();
        Self { ws }
    }

    /// Sends a frame; an error once the server has closed the socket.
    pub async fn try_send(&mut self, message: Message) -> Result<(), tungstenite::Error> {
        self.ws.send(message).await
    }

    pub async fn send(&mut self, value: Value) {
        self.send_raw(Message::Text(value.to_string().into())).await;
    }

    pub async fn send_raw(&mut self, message: Message) {
        self.ws.send(message).await.unwrap();
    }

    /// The next JSON frame (pings and pongs skipped).
    pub async fn next(&mut self) -> Value {
        loop {
            let frame = tokio::time::timeout(WAIT, self.ws.next())
                .await
                .expect("a frame in time")
                .expect("the socket is open")
                .expect("a readable frame");
            if frame.is_ping() || frame.is_pong() {
                continue;
            }
            assert!(frame.is_text(), "expected a text frame, got {frame:?}");
            return serde_json::from_str(frame.to_text().unwrap()).unwrap();
        }
    }

    /// The next frame, which must be of `kind` (its `type`).
    pub async fn expect(&mut self, kind: &str) -> Value {
        let frame = self.next().await;
        assert_eq!(frame["type"], kind, "unexpected frame: {frame}");
        frame
    }

    /// Subscribes and waits for the acknowledgement.
    pub async fn subscribe(&mut self, topic: &str) {
        self.send(json!({ "type": "subscribe", "topic": topic }))
            .await;
        let ack = self.expect("subscribed").await;
        assert_eq!(ack["topic"], topic);
    }

    /// The next `event` frame whose event has `kind`, skipping events of other kinds.
    pub async fn event(&mut self, kind: &str) -> Value {
        loop {
            let frame = self.expect("event").await;
            if frame["event"]["kind"] == kind {
                return frame;
            }
        }
    }

    /// Reads until the server ends the socket.
    pub async fn ended(&mut self) -> Ended {
        loop {
            let frame = tokio::time::timeout(WAIT, self.ws.next())
                .await
                .expect("the socket ends in time");
            match frame {
                Some(Ok(Message::Close(Some(close)))) => return Ended::Closed(close.code.into()),
                Some(Ok(Message::Close(None))) | None | Some(Err(_)) => return Ended::Dropped,
                Some(Ok(_)) => {}
            }
        }
    }
}
