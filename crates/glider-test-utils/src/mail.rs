//! A real SMTP server for e-mail tests: `tests/smtp_sink.py` (aiosmtpd) in its own process,
//! writing every message it accepts into a folder this side reads.

use std::{path::PathBuf, process::Stdio, time::Duration};

use tokio::{
    io::{AsyncBufReadExt, BufReader},
    process::{Child, Command},
};

use crate::TestApp;

/// How long a test waits for an e-mail before it fails.
const MAIL_WAIT: Duration = Duration::from_secs(20);

/// Where a test server sends e-mail (see [`crate::TestAppBuilder::smtp`]).
#[derive(Clone, Debug)]
pub(crate) enum SmtpTarget {
    /// A fresh sink for the test.
    Sink,
    /// A given URL (e.g. a port where nothing listens).
    Url(String),
}

/// An aiosmtpd process accepting every message (and refusing `*.invalid` recipients with 550).
pub struct SmtpSink {
    pub port: u16,
    folder: tempfile::TempDir,
    // Killed on drop; its stdin closes with this process too, which also stops it.
    _child: Child,
}

/// Two levels above the crate being tested (cargo and nextest set `CARGO_MANIFEST_DIR` when
/// they run a test), else above this crate as it was compiled.
fn workspace_root() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
        .join("../..")
}

impl SmtpSink {
    /// A sink on a free port.
    pub async fn start() -> Self {
        Self::start_on(0).await
    }

    /// A sink on `port` (0: any free port).
    pub async fn start_on(port: u16) -> Self {
        Self::spawn(port, None).await
    }

    /// A sink that requires `AUTH` with `user` and `password`.
    pub async fn start_with_login(user: &str, password: &str) -> Self {
        Self::spawn(0, Some(format!("{user}:{password}"))).await
    }

    async fn spawn(port: u16, login: Option<String>) -> Self {
        let root = workspace_root();
        let python = root.join(".venv/bin/python");
        assert!(
            python.exists(),
            "the e-mail tests need Python with aiosmtpd in {}: run `python3 -m venv .venv && \
             .venv/bin/pip install -r tests/requirements.txt` at the workspace root (or \
             scripts/test, which does it)",
            python.display()
        );
        let folder = tempfile::tempdir().expect("mail folder");
        let mut command = Command::new(&python);
        command
            .arg(root.join("tests/smtp_sink.py"))
            .arg("--port")
            .arg(port.to_string())
            .arg("--dir")
            .arg(folder.path());
        if let Some(login) = login {
            command.arg("--login").arg(login);
        }
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .expect("start tests/smtp_sink.py");
        let stdout = child.stdout.take().expect("sink stdout");
        let mut lines = BufReader::new(stdout).lines();
        let line = tokio::time::timeout(MAIL_WAIT, lines.next_line())
            .await
            .expect("the SMTP sink did not start in time (is aiosmtpd installed in .venv?)")
            .expect("read the SMTP sink's port")
            .expect("the SMTP sink exited before listening (is aiosmtpd installed in .venv?)");
        assert!(
            line.starts_with("PORT "),
            "unexpected first line from the SMTP sink: {line}"
        );
        let port = line["PORT ".len()..]
            .trim()
            .parse()
            .expect("the SMTP sink prints its port as a number");
        Self {
            port,
            folder,
            _child: child,
        }
    }

    /// `smtp://127.0.0.1:PORT` (plain SMTP).
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, in arrival order.
    pub fn messages(&self) -> Vec<ReceivedMail> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(self.folder.path())
            .expect("read the mail folder")
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "eml"))
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|path| ReceivedMail::parse(&std::fs::read(path).expect("read a message")))
            .collect()
    }

    /// The messages to `to` so far.
    pub fn messages_to(&self, to: &str) -> Vec<ReceivedMail> {
        self.messages()
            .into_iter()
            .filter(|mail| {
                mail.rcpt_to
                    .iter()
                    .any(|rcpt| rcpt.eq_ignore_ascii_case(to))
            })
            .collect()
    }

    /// Waits (bounded) until `count` messages to `to` arrived; returns them all.
    pub async fn wait_for_count(&self, to: &str, count: usize) -> Vec<ReceivedMail> {
        let deadline = tokio::time::Instant::now() + MAIL_WAIT;
        loop {
            let found = self.messages_to(to);
            if found.len() >= count {
                return found;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{count} e-mail(s) to {to} did not arrive within {MAIL_WAIT:?}; got {}",
                found.len()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// A message as the SMTP server received it.
#[derive(Clone, Debug)]
pub struct ReceivedMail {
    /// Recipients given at `RCPT TO`.
    pub rcpt_to: Vec<String>,
    pub from: String,
    pub to: String,
    pub subject: String,
    /// The `Content-Type` of the whole message.
    pub content_type: String,
    pub text: String,
    pub html: String,
}

impl ReceivedMail {
    fn parse(raw: &[u8]) -> Self {
        let message = mail_parser::MessageParser::default()
            .parse(raw)
            .expect("a parsable message");
        let header = |name: &str| {
            message
                .header_raw(name)
                .unwrap_or_default()
                .trim()
                .to_owned()
        };
        let first_address = |address: Option<&mail_parser::Address<'_>>| {
            address
                .and_then(|address| address.first())
                .and_then(|addr| addr.address())
                .unwrap_or_default()
                .to_owned()
        };
        let part_text = |id: Option<&u32>| {
            id.and_then(|id| message.part(*id))
                .and_then(|part| part.text_contents())
                .unwrap_or_default()
                .to_owned()
        };
        Self {
            rcpt_to: header("X-Sink-Rcpt-To")
                .split(", ")
                .filter(|rcpt| !rcpt.is_empty())
                .map(str::to_owned)
                .collect(),
            from: first_address(message.from()),
            to: first_address(message.to()),
            subject: message.subject().unwrap_or_default().to_owned(),
            content_type: header("Content-Type"),
            text: part_text(message.text_body.first()),
            html: part_text(message.html_body.first()),
        }
    }
}

impl TestApp {
    /// The test's SMTP sink (the app was built with [`crate::TestAppBuilder::smtp`]).
    pub fn smtp_sink(&self) -> &SmtpSink {
        self.smtp_sink
            .as_ref()
            .expect("build the app with TestApp::builder().smtp()")
    }

    /// Waits (bounded) for the first e-mail to `to` and returns it.
    pub async fn wait_for_mail(&self, to: &str) -> ReceivedMail {
        let mut found = self.smtp_sink().wait_for_count(to, 1).await;
        found.remove(0)
    }
}
