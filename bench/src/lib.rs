//! Shared pieces of the load scenarios: the target server, percentiles, result lines.

use std::time::Duration;

use anyhow::Context;
use serde_json::{Value, json};

/// The server under test and the tenant the scenario runs in.
#[derive(Clone, Debug, clap::Args)]
pub struct Target {
    /// e.g. http://127.0.0.1:8080
    #[arg(long)]
    pub base_url: String,
    #[arg(long)]
    pub api_key: String,
    #[arg(long)]
    pub workspace: String,
    #[arg(long)]
    pub project: String,
}

impl Target {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    pub fn items_path(&self) -> String {
        format!(
            "/api/v1/workspaces/{}/projects/{}/work-items/",
            self.workspace, self.project
        )
    }

    pub fn ws_url(&self) -> String {
        format!("{}/api/v1/ws", self.base_url.replacen("http", "ws", 1))
    }

    pub async fn get(&self, client: &reqwest::Client, path: &str) -> anyhow::Result<Value> {
        let response = client
            .get(self.url(path))
            .header("X-Api-Key", &self.api_key)
            .send()
            .await?;
        let status = response.status();
        let body: Value = response.json().await?;
        anyhow::ensure!(status.is_success(), "GET {path}: {status} {body}");
        Ok(body)
    }

    pub async fn send(
        &self,
        client: &reqwest::Client,
        method: reqwest::Method,
        path: &str,
        body: &Value,
    ) -> anyhow::Result<Value> {
        let response = client
            .request(method.clone(), self.url(path))
            .header("X-Api-Key", &self.api_key)
            .json(body)
            .send()
            .await?;
        let status = response.status();
        let body: Value = response.json().await.context("a JSON answer")?;
        anyhow::ensure!(status.is_success(), "{method} {path}: {status} {body}");
        Ok(body)
    }
}

/// A WebSocket connection to the target, subscribed to its project (answer awaited).
pub async fn subscribed_socket(target: &Target) -> anyhow::Result<Socket> {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::{Message, client::IntoClientRequest, http::HeaderValue};
    let mut request = target.ws_url().into_client_request()?;
    request
        .headers_mut()
        .insert("X-Api-Key", HeaderValue::from_str(&target.api_key)?);
    let (mut socket, _) = tokio_tungstenite::connect_async(request).await?;
    let topic = format!("project:{}", target.project);
    let subscribe = json!({ "type": "subscribe", "topic": topic });
    socket.send(Message::text(subscribe.to_string())).await?;
    while let Some(frame) = socket.next().await {
        if let Message::Text(text) = frame? {
            let frame: Value = serde_json::from_str(&text)?;
            if frame["type"] == "subscribed" {
                return Ok(socket);
            }
            anyhow::bail!("subscribe answered {frame}");
        }
    }
    anyhow::bail!("the socket closed before subscribing")
}

pub type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// The value below which `fraction` of the sorted samples fall.
pub fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "an index into a vector that fits in memory"
    )]
    let index = ((sorted.len() as f64 - 1.0) * fraction).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

pub fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// One JSON line per scenario on stdout, for bench/run to collect.
pub fn report(scenario: &str, figures: Value) {
    println!("{}", json!({ "scenario": scenario, "figures": figures }));
}
