//! What a delivery sends: the JSON body (fixed when the delivery is queued, so every attempt
//! sends and signs the same bytes) and its signature.

use glider_domain::model::{events::StoredEvent, webhooks::WebhookId};
use hmac::{Hmac, Mac};
use serde_json::json;
use sha2::Sha256;

/// The body for one event: the event's id (receivers deduplicate by it), its kind, the verb as
/// `action`, when it happened, where, who did it, and the event's payload as `data` (the
/// created object's fields, or `{"field": {"old": …, "new": …}}` for a change).
pub fn body(event: &StoredEvent, webhook_id: WebhookId) -> String {
    let action = event.kind.rsplit('.').next().unwrap_or_default();
    json!({
        "id": event.id,
        "event": event.kind,
        "action": action,
        "timestamp": event.at,
        "workspace_id": event.workspace_id,
        "project_id": event.project_id,
        "actor_id": event.actor_id,
        "subject_id": event.subject_id,
        "webhook_id": webhook_id,
        "data": event.payload,
    })
    .to_string()
}

/// Lower-case hex HMAC-SHA256 of `body` keyed with the webhook's secret (Plane's
/// `X-Plane-Signature`; `X-Glider-Signature` carries it as `sha256=<hex>`).
pub fn signature(secret: &str, body: &str) -> String {
    // HMAC takes a key of any length, so this never fails.
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(mac) => mac,
        Err(_) => return String::new(),
    };
    mac.update(body.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    #[test]
    fn signature_matches_a_known_vector() {
        // RFC 4231 test case 2.
        assert_eq!(
            super::signature("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
