//! The SMTP connection, configured by one URL, and the MIME message built from a queued e-mail.
//!
//! | URL | transport |
//! |---|---|
//! | `smtp://host:25` | plain SMTP (a local relay or a test sink) |
//! | `smtp://host:587?tls=starttls` (or `tls=required`) | STARTTLS, refused if the server does not offer it |
//! | `smtp://host:587?tls=opportunistic` | STARTTLS when offered (open to downgrade; avoid) |
//! | `smtps://host:465` | TLS from the first byte |
//!
//! `user:password@` in the URL (percent-encoded) logs in with AUTH.

use std::time::Duration;

use anyhow::{Context, bail};
use glider_domain::model::email::Email;
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, MultiPart},
    transport::smtp::{
        authentication::Credentials,
        client::{Tls, TlsParameters},
    },
};
use secrecy::{ExposeSecret, SecretString};

/// Longest wait for any one SMTP step; the sender's lease is well above it.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// Sends e-mail through one SMTP server.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The transport holds the credentials; only the sender address is shown.
        f.debug_struct("Mailer")
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

/// How one attempt ended, as the queue records it.
#[derive(Debug)]
pub enum Delivery {
    Sent,
    /// Worth trying again later (connection refused, timeout, 4xx).
    Transient(String),
    /// Will never succeed (bad address, 5xx).
    Permanent(String),
}

impl Mailer {
    /// A mailer for `url` (see the module table), sending as `from` (`Name <address>`).
    pub fn from_url(url: &SecretString, from: &str) -> anyhow::Result<Self> {
        let from: Mailbox = from
            .parse()
            .with_context(|| format!("the sender address {from:?} is not a valid mailbox"))?;
        let url = url::Url::parse(url.expose_secret())
            .context("the SMTP URL is not a URL (expected smtp://host:port or smtps://…)")?;
        let host = url
            .host_str()
            .filter(|host| !host.is_empty())
            .context("the SMTP URL names no host")?
            .to_owned();
        let tls_mode = url
            .query_pairs()
            .find(|(key, _)| key == "tls")
            .map(|(_, value)| value.into_owned());
        let parameters =
            || TlsParameters::new(host.clone()).context("setting up TLS for the SMTP server");
        let (tls, default_port) = match (url.scheme(), tls_mode.as_deref()) {
            ("smtps", None) => (Tls::Wrapper(parameters()?), 465),
            ("smtp", None | Some("none")) => (Tls::None, 25),
            ("smtp", Some("starttls" | "required")) => (Tls::Required(parameters()?), 587),
            ("smtp", Some("opportunistic")) => (Tls::Opportunistic(parameters()?), 587),
            ("smtp" | "smtps", Some(other)) => bail!(
                "unknown tls={other} in the SMTP URL (use starttls, required, opportunistic or none)"
            ),
            (scheme, _) => bail!("the SMTP URL scheme must be smtp or smtps, not {scheme}"),
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(url.port().unwrap_or(default_port))
            .tls(tls)
            .timeout(Some(SMTP_TIMEOUT));
        if !url.username().is_empty() {
            let decode = |part: &str| {
                percent_decode(part).context("the SMTP user or password is not valid UTF-8")
            };
            let user = decode(url.username())?;
            let password = decode(url.password().unwrap_or_default())?;
            builder = builder.credentials(Credentials::new(user, password));
        }
        Ok(Self {
            transport: builder.build(),
            from,
        })
    }

    /// One attempt to hand `email` to the server.
    pub async fn send(&self, email: &Email) -> Delivery {
        let message = match self.message(email) {
            Ok(message) => message,
            Err(reason) => return Delivery::Permanent(reason),
        };
        match self.transport.send(message).await {
            Ok(_) => Delivery::Sent,
            Err(error) if error.is_permanent() => {
                Delivery::Permanent(format!("the SMTP server refused the message: {error}"))
            }
            Err(error) => Delivery::Transient(describe(&error)),
        }
    }

    /// HTML and plain text as multipart/alternative (text first, as RFC 2046 orders them).
    fn message(&self, email: &Email) -> Result<Message, String> {
        let to: Mailbox = email
            .to
            .parse()
            .map_err(|error| format!("invalid recipient address {:?}: {error}", email.to))?;
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(email.subject.clone())
            .multipart(MultiPart::alternative_plain_html(
                email.text.clone(),
                email.html.clone(),
            ))
            .map_err(|error| format!("the message could not be built: {error}"))
    }
}

/// The error with its causes, e.g. "Connection error: Connection refused (os error 111)".
fn describe(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

fn percent_decode(part: &str) -> Result<String, std::str::Utf8Error> {
    percent_encoding::percent_decode_str(part)
        .decode_utf8()
        .map(std::borrow::Cow::into_owned)
}
