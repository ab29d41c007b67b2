//! The JSON frames of the real-time socket.
//!
//! Client: `{"type":"subscribe","topic":…,"since":"<event id>"?}`, `{"type":"unsubscribe",
//! "topic":…}`, `{"type":"ping"}`, `{"type":"presence","topic":…,"state":{…}}`.
//!
//! Server: `subscribed`, `event` (`{"type":"event","topic":…,"event":{id, seq, kind,
//! workspace_id, project_id, subject_id, actor_id, payload, at}}`), `unsubscribed` (with a
//! `reason`: `requested`, `forbidden`, `unavailable`), `resync` (events were missed: reload the
//! topic's state), `error` (`code`, `detail`, and `topic` when one is concerned), `pong`,
//! `presence`. A socket whose credential is revoked (signed out, password changed, API key
//! revoked, user deactivated) is closed with 4401.

use serde::Deserialize;
use serde_json::{Value, json};

/// A client frame, parsed.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientMessage {
    Subscribe {
        topic: String,
        #[serde(default)]
        since: Option<String>,
    },
    Unsubscribe {
        topic: String,
    },
    Ping,
    Presence {
        topic: String,
        state: Value,
    },
}

const TYPES: [&str; 4] = ["subscribe", "unsubscribe", "ping", "presence"];

impl ClientMessage {
    /// Parses a text frame; the refusal is the error frame to send back.
    pub fn parse(text: &str) -> Result<Self, ServerMessage> {
        let value: Value = serde_json::from_str(text)
            .map_err(|_| ServerMessage::error("invalid_json", "The frame is not valid JSON."))?;
        let kind = match value.get("type") {
            Some(Value::String(kind)) => kind.clone(),
            _ => {
                return Err(ServerMessage::error(
                    "invalid_message",
                    "A frame is a JSON object with a string `type`.",
                ));
            }
        };
        if !TYPES.contains(&kind.as_str()) {
            return Err(ServerMessage::error(
                "unknown_type",
                format!("Unknown message type {kind:?}; expected one of {TYPES:?}."),
            ));
        }
        serde_json::from_value(value)
            .map_err(|error| ServerMessage::error("invalid_message", format!("{kind}: {error}")))
    }
}

/// A server frame.
#[derive(Clone, Debug, PartialEq)]
pub enum ServerMessage {
    Subscribed {
        topic: String,
    },
    Unsubscribed {
        topic: String,
        reason: &'static str,
    },
    Resync {
        topic: String,
    },
    Error {
        code: &'static str,
        detail: String,
        topic: Option<String>,
    },
    Pong,
    Presence {
        topic: String,
        user: Value,
        state: Value,
    },
    /// An event, its JSON already serialised by the hub.
    Event {
        topic: String,
        event: std::sync::Arc<str>,
    },
    /// A frame built once for many sockets.
    Prepared(std::sync::Arc<str>),
    /// Not a frame: the transport closes the socket with this code.
    Close {
        code: u16,
        reason: &'static str,
    },
}

impl ServerMessage {
    pub fn error(code: &'static str, detail: impl Into<String>) -> Self {
        Self::Error {
            code,
            detail: detail.into(),
            topic: None,
        }
    }

    /// The same error, about `topic`.
    pub fn about(self, name: &str) -> Self {
        match self {
            Self::Error { code, detail, .. } => Self::Error {
                code,
                detail,
                topic: Some(name.to_owned()),
            },
            other => other,
        }
    }

    /// The text frame.
    pub fn to_text(&self) -> String {
        match self {
            Self::Subscribed { topic } => json!({ "type": "subscribed", "topic": topic }),
            Self::Unsubscribed { topic, reason } => {
                json!({ "type": "unsubscribed", "topic": topic, "reason": reason })
            }
            Self::Resync { topic } => json!({ "type": "resync", "topic": topic }),
            Self::Error {
                code,
                detail,
                topic: Some(topic),
            } => json!({ "type": "error", "code": code, "detail": detail, "topic": topic }),
            Self::Error { code, detail, .. } => {
                json!({ "type": "error", "code": code, "detail": detail })
            }
            Self::Pong => json!({ "type": "pong" }),
            Self::Presence { topic, user, state } => {
                json!({ "type": "presence", "topic": topic, "user": user, "state": state })
            }
            // The topic is `kind:uuid` and the event valid JSON, so plain formatting is safe.
            Self::Event { topic, event } => {
                return format!(r#"{{"type":"event","topic":"{topic}","event":{event}}}"#);
            }
            Self::Prepared(frame) => return frame.to_string(),
            Self::Close { code, reason } => {
                json!({ "type": "close", "code": code, "reason": reason })
            }
        }
        .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> Option<&'static str> {
        match ClientMessage::parse(text) {
            Err(ServerMessage::Error { code, .. }) => Some(code),
            _ => None,
        }
    }

    #[test]
    fn frames_parse_or_name_the_problem() {
        assert_eq!(
            ClientMessage::parse(r#"{"type":"ping"}"#),
            Ok(ClientMessage::Ping)
        );
        assert_eq!(
            ClientMessage::parse(r#"{"type":"subscribe","topic":"user:x"}"#),
            Ok(ClientMessage::Subscribe {
                topic: "user:x".to_owned(),
                since: None
            })
        );
        assert_eq!(code("{"), Some("invalid_json"));
        assert_eq!(code("[]"), Some("invalid_message"));
        assert_eq!(code(r#"{"type":7}"#), Some("invalid_message"));
        assert_eq!(code(r#"{"type":"dance"}"#), Some("unknown_type"));
        assert_eq!(code(r#"{"type":"subscribe"}"#), Some("invalid_message"));
    }

    #[test]
    fn event_frames_are_json() {
        let frame = ServerMessage::Event {
            topic: "project:1".to_owned(),
            event: std::sync::Arc::from(r#"{"seq":3}"#),
        }
        .to_text();
        let parsed: Value = serde_json::from_str(&frame).unwrap_or_default();
        assert_eq!(parsed["event"]["seq"], 3);
        assert_eq!(parsed["topic"], "project:1");
    }
}
