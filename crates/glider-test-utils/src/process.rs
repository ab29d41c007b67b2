//! The real `glider serve` binary as a child process, for tests that kill it, restart it, or
//! run several replicas on one database.

use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::Duration,
};

/// A free port on 127.0.0.1 (bound and released; the server binds it again right after).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}

/// How to start a replica: the binary, its database, its data folder and extra settings.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    pub binary: PathBuf,
    pub database_url: String,
    pub data_dir: PathBuf,
    pub env: Vec<(String, String)>,
}

impl ServerConfig {
    pub fn new(binary: &str, database_url: &str, data_dir: &Path) -> Self {
        Self {
            binary: PathBuf::from(binary),
            database_url: database_url.to_owned(),
            data_dir: data_dir.to_owned(),
            env: vec![
                ("GLIDER_API_RATE_LIMIT".to_owned(), "0".to_owned()),
                ("GLIDER_LOG".to_owned(), "warn".to_owned()),
            ],
        }
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.to_owned(), value.to_owned()));
        self
    }

    fn command(&self) -> Command {
        let mut command = Command::new(&self.binary);
        command
            .env("GLIDER_DATABASE_URL", &self.database_url)
            .env("GLIDER_DATA_DIR", &self.data_dir)
            .env_remove("GLIDER_S3_URL")
            .env_remove("GLIDER_REDIS_URL")
            .env_remove("GLIDER_SMTP_URL");
        for (key, value) in &self.env {
            command.env(key, value);
        }
        command
    }

    /// Runs `glider admin …` against the same database and returns its JSON output.
    pub fn admin(&self, args: &[&str]) -> serde_json::Value {
        let output = self
            .command()
            .arg("admin")
            .args(args)
            .arg("--json")
            .output()
            .expect("run glider admin");
        assert!(
            output.status.success(),
            "glider admin {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).expect("admin prints JSON")
    }

    /// Starts a replica on a new port and waits until it is ready.
    pub async fn start(&self) -> ServerProcess {
        let port = free_port();
        let child = self
            .command()
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start glider serve");
        let server = ServerProcess {
            base_url: format!("http://127.0.0.1:{port}"),
            child,
        };
        server.wait_ready().await;
        server
    }
}

/// A running replica; killed (SIGKILL) when dropped.
pub struct ServerProcess {
    pub base_url: String,
    child: Child,
}

impl ServerProcess {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    #[expect(clippy::panic, reason = "test fixtures fail loudly")]
    async fn wait_ready(&self) {
        let client = reqwest::Client::new();
        for _ in 0..300 {
            if let Ok(response) = client.get(self.url("/ready")).send().await
                && response.status().is_success()
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{} never became ready", self.base_url);
    }

    /// SIGKILL: no shutdown hooks, no draining — a crash.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
