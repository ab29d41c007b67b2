//! Moves one socket's frames: client text to the session, session and hub output to the
//! client; pings, the idle timeout, frame and rate limits, and the close codes.
//!
//! Close codes: 1001 the server is stopping; 1009 a frame over [`MAX_FRAME_BYTES`]; 4000 idle (no frame, not even a pong,
//! for [`IDLE_TIMEOUT`]); 4008 too slow (the hub's queue for the socket filled up, or a write
//! stalled); 4029 too many frames; 4401 signed out (session or API key revoked); 4403 not
//! allowed (another user's notifications).

use std::{num::NonZeroU32, time::Duration};

use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket};
use futures_util::{
    SinkExt, StreamExt,
    stream::{SplitSink, SplitStream},
};
use glider_service::realtime::{ServerMessage, Session};
use governor::{DefaultDirectRateLimiter, Quota};
use tokio::time::{Instant, interval_at, timeout};
use tokio_util::sync::CancellationToken;

/// Largest client text frame; larger closes the socket with 1009.
pub const MAX_FRAME_BYTES: usize = 64 * 1024;
const PING_EVERY: Duration = Duration::from_secs(20);
const IDLE_TIMEOUT: Duration = Duration::from_secs(60);
/// Every this many pings (2 minutes) the socket's credential is checked again.
const CREDENTIAL_CHECK_PINGS: u32 = 6;
/// A write blocked this long means the client is not reading.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
const CLOSE_TIMEOUT: Duration = Duration::from_secs(2);
/// Client frames: a burst of this many, refilled at [`FRAMES_PER_SECOND`].
const FRAME_BURST: u32 = 200;
const FRAMES_PER_SECOND: u32 = 20;

type Sink = SplitSink<WebSocket, Message>;

/// Why the loop stopped, and what to tell the client.
enum Stop {
    /// The client closed or the connection failed: nothing to send.
    Gone,
    Close(u16, &'static str),
}

/// Runs the socket until either side ends it; `topic` is subscribed first.
pub async fn run(socket: WebSocket, mut session: Session, topic: Option<String>) {
    let (mut sink, mut stream) = socket.split();
    let dropped = session.dropped();
    let closing = session.closing();
    let stop = match topic {
        Some(topic) => {
            let subscribed = session.subscribe(&topic, None).await;
            match send_all(&mut sink, subscribed, &dropped).await {
                Ok(()) => serve(&mut session, &mut sink, &mut stream, (&dropped, &closing)).await,
                Err(stop) => stop,
            }
        }
        None => serve(&mut session, &mut sink, &mut stream, (&dropped, &closing)).await,
    };
    if let Stop::Close(code, reason) = stop {
        close(&mut sink, code, reason).await;
        // Wait briefly for the client's close reply, reading what it still sends: closing a
        // TCP socket with unread input resets it, and the client could lose our close frame.
        let _ = timeout(CLOSE_TIMEOUT, async {
            while let Some(Ok(frame)) = stream.next().await {
                if matches!(frame, Message::Close(_)) {
                    break;
                }
            }
        })
        .await;
    }
}

/// Closes a socket that may not be served.
pub async fn refuse(socket: WebSocket, code: u16, reason: &'static str) {
    let (mut sink, _) = socket.split();
    close(&mut sink, code, reason).await;
}

async fn serve(
    session: &mut Session,
    sink: &mut Sink,
    stream: &mut SplitStream<WebSocket>,
    (dropped, closing): (&CancellationToken, &CancellationToken),
) -> Stop {
    let flood = DefaultDirectRateLimiter::direct(
        Quota::per_second(NonZeroU32::new(FRAMES_PER_SECOND).unwrap_or(NonZeroU32::MIN))
            .allow_burst(NonZeroU32::new(FRAME_BURST).unwrap_or(NonZeroU32::MIN)),
    );
    let mut ping = interval_at(Instant::now() + PING_EVERY, PING_EVERY);
    let mut heard = Instant::now();
    let mut pings = 0_u32;
    loop {
        let outcome = tokio::select! {
            () = dropped.cancelled() => return slow(),
            () = closing.cancelled() => return Stop::Close(1001, "server shutting down"),
            frame = stream.next() => {
                let frame = match frame {
                    Some(Ok(frame)) => frame,
                    // tungstenite's capacity error: a frame over the hard limit.
                    Some(Err(error)) if error.to_string().contains("Space limit exceeded") => {
                        return Stop::Close(1009, "frame too large");
                    }
                    Some(Err(_)) => return Stop::Close(1002, "protocol error"),
                    None => return Stop::Gone,
                };
                heard = Instant::now();
                if flood.check().is_err() {
                    return Stop::Close(4029, "too many frames");
                }
                match frame {
                    Message::Text(text) if text.len() > MAX_FRAME_BYTES => {
                        return Stop::Close(1009, "frame too large");
                    }
                    Message::Text(text) => session.receive(text.as_str()).await,
                    Message::Binary(_) => vec![ServerMessage::error(
                        "invalid_message",
                        "Frames are JSON text; binary frames are not accepted.",
                    )],
                    Message::Close(_) => return Stop::Gone,
                    // Pings are answered by the WebSocket layer; both count as signs of life.
                    Message::Ping(_) | Message::Pong(_) => Vec::new(),
                }
            }
            item = session.inbox().recv() => match item {
                Some(item) => session.deliver(item).await,
                None => return slow(),
            },
            _ = ping.tick() => {
                if heard.elapsed() > IDLE_TIMEOUT {
                    return Stop::Close(4000, "idle");
                }
                if let Err(stop) = write(sink, Message::Ping(Default::default()), dropped).await {
                    return stop;
                }
                // Signing out has no event: look at the credential now and then.
                pings = pings.wrapping_add(1);
                if pings.is_multiple_of(CREDENTIAL_CHECK_PINGS) {
                    session.verify_credential().await.into_iter().collect()
                } else {
                    Vec::new()
                }
            }
        };
        if let Err(stop) = send_all(sink, outcome, dropped).await {
            return stop;
        }
    }
}

fn slow() -> Stop {
    Stop::Close(4008, "too slow")
}

async fn send_all(
    sink: &mut Sink,
    messages: Vec<ServerMessage>,
    dropped: &CancellationToken,
) -> Result<(), Stop> {
    for message in messages {
        if let ServerMessage::Close { code, reason } = message {
            return Err(Stop::Close(code, reason));
        }
        write(
            sink,
            Message::Text(Utf8Bytes::from(message.to_text())),
            dropped,
        )
        .await?;
    }
    Ok(())
}

/// Writes one frame, giving up when the hub drops the socket or the client stops reading.
async fn write(sink: &mut Sink, message: Message, dropped: &CancellationToken) -> Result<(), Stop> {
    tokio::select! {
        () = dropped.cancelled() => Err(slow()),
        written = timeout(WRITE_TIMEOUT, sink.send(message)) => match written {
            Ok(Ok(())) => Ok(()),
            Ok(Err(_)) => Err(Stop::Gone),
            Err(_) => {
                metrics::counter!("ws_slow_consumers_dropped_total").increment(1);
                Err(slow())
            }
        },
    }
}

async fn close(sink: &mut Sink, code: u16, reason: &'static str) {
    let frame = CloseFrame {
        code,
        reason: Utf8Bytes::from_static(reason),
    };
    let _ = timeout(CLOSE_TIMEOUT, sink.send(Message::Close(Some(frame)))).await;
}
