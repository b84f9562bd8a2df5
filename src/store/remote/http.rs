//! HTTP to the remote store: one pooled agent, the bearer token on every
//! request, and retries. A server that is restarting, overloaded or
//! briefly unreachable (connection refused or reset, timeouts, 5xx, 408,
//! 429) is retried with exponential backoff until the retry budget is
//! spent; a refusal (any other 4xx) is final at once, with the server's
//! own message, since sending the same request again cannot help.

use std::io::Read;
use std::time::{Duration, Instant};

/// First wait before a retry; each further wait doubles, up to
/// [`MAX_DELAY`].
const FIRST_DELAY: Duration = Duration::from_millis(500);
const MAX_DELAY: Duration = Duration::from_secs(8);
/// Connecting is quick on a working network; a server that does not
/// accept within this is treated as down (and retried).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Generous: folding events of a large archive reads millions of rows.
const IO_TIMEOUT: Duration = Duration::from_secs(600);
/// How much of a refusal's body is quoted in the error.
const MESSAGE_CHARS: usize = 600;

/// Why a request to the remote store failed for good.
#[derive(Debug, thiserror::Error)]
pub enum RemoteError {
    /// The server refused the request (4xx): fix the request, the token or
    /// the URL; retrying would not help.
    #[error("{what} {url}: the server refused it with HTTP {status}: {message}")]
    Rejected {
        what: String,
        url: String,
        status: u16,
        message: String,
    },
    /// Unreachable, timing out or failing (5xx) for longer than the retry
    /// budget.
    #[error(
        "{what} {url}: gave up after {attempts} {} in {seconds:.1} s (last: {last}). Once the store is back, run the command again: it picks up where this one stopped",
        if *.attempts == 1 { "attempt" } else { "attempts" }
    )]
    GaveUp {
        what: String,
        url: String,
        attempts: u32,
        seconds: f64,
        last: String,
    },
    /// An answer that does not parse in the format the server named.
    #[error("{what} {url}: cannot read the answer as {format}: {source}")]
    UnreadableAnswer {
        what: String,
        url: String,
        format: &'static str,
        source: Box<oxigraph::sparql::results::QueryResultsParseError>,
    },
    /// The server answers queries from its default graph alone, not the
    /// union of the named graphs every article is stored in.
    #[error(
        "the store at {url} does not query the union of its named graphs by default, which dipgraph's queries rely on (each article is its own graph). Configure it so: Oxigraph with `oxigraph serve --union-default-graph`, Jena Fuseki/TDB2 with `tdb2:unionDefaultGraph true`"
    )]
    NoUnionDefaultGraph { url: String },
    /// A bad URL or an unknown host.
    #[error("{what} {url}: {message}")]
    Failed {
        what: String,
        url: String,
        message: String,
    },
}

/// How one attempt failed: worth retrying or not.
pub(crate) enum Failure {
    Transient(String),
    Fatal(RemoteError),
}

/// The HTTP side of a [`super::RemoteStore`].
pub(crate) struct Http {
    agent: ureq::Agent,
    token: Option<String>,
    retry_for: Duration,
}

impl Http {
    pub fn new(token: Option<String>, retry_for: Duration) -> Self {
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(CONNECT_TIMEOUT)
            .timeout_read(IO_TIMEOUT)
            .timeout_write(IO_TIMEOUT)
            .max_idle_connections_per_host(16)
            .user_agent(concat!("dipgraph/", env!("CARGO_PKG_VERSION")))
            .build();
        Http {
            agent,
            token: token.filter(|t| !t.is_empty()),
            retry_for,
        }
    }

    /// Runs `attempt` until it succeeds, fails for good, or transient
    /// failures have lasted longer than the retry budget. Every retry is
    /// reported on stderr, so a stalled ingest says why.
    pub fn retrying<T>(
        &self,
        what: &str,
        url: &str,
        mut attempt: impl FnMut() -> Result<T, Failure>,
    ) -> Result<T, RemoteError> {
        let url = service(url);
        let start = Instant::now();
        let mut delay = FIRST_DELAY;
        let mut attempts = 0;
        loop {
            attempts += 1;
            match attempt() {
                Ok(v) => return Ok(v),
                Err(Failure::Fatal(e)) => return Err(e),
                Err(Failure::Transient(reason)) => {
                    if start.elapsed() + delay > self.retry_for {
                        return Err(RemoteError::GaveUp {
                            what: what.to_string(),
                            url: url.to_string(),
                            attempts,
                            seconds: start.elapsed().as_secs_f64(),
                            last: reason,
                        });
                    }
                    eprintln!(
                        "warning: {what} {url}: {reason}; retry {attempts} in {:.1} s",
                        delay.as_secs_f64()
                    );
                    std::thread::sleep(delay);
                    delay = (delay * 2).min(MAX_DELAY);
                }
            }
        }
    }

    /// Sends one request; a 2xx answer is returned, anything else is a
    /// [`Failure`] classified for [`Http::retrying`].
    pub fn send(
        &self,
        what: &str,
        method: &str,
        url: &str,
        accept: Option<&str>,
        body: Option<(&str, &[u8])>,
    ) -> Result<ureq::Response, Failure> {
        let shown = service(url);
        let mut request = self.agent.request(method, url);
        if let Some(token) = &self.token {
            request = request.set("Authorization", &format!("Bearer {token}"));
        }
        if let Some(accept) = accept {
            request = request.set("Accept", accept);
        }
        let sent = match body {
            Some((content_type, bytes)) => {
                request.set("Content-Type", content_type).send_bytes(bytes)
            }
            None => request.call(),
        };
        match sent {
            Ok(response) => Ok(response),
            Err(ureq::Error::Status(status, response)) => {
                let message = message_of(response);
                if status >= 500 || status == 408 || status == 429 {
                    Err(Failure::Transient(format!("HTTP {status}: {message}")))
                } else {
                    Err(Failure::Fatal(RemoteError::Rejected {
                        what: what.to_string(),
                        url: shown.to_string(),
                        status,
                        message,
                    }))
                }
            }
            Err(ureq::Error::Transport(t)) => {
                use ureq::ErrorKind as K;
                match t.kind() {
                    // The server is down, restarting, or dropped the
                    // connection mid-answer; or a proxy in front of it is.
                    K::ConnectionFailed | K::Io | K::BadStatus | K::ProxyConnect => {
                        Err(Failure::Transient(transport_reason(&t)))
                    }
                    _ => Err(Failure::Fatal(RemoteError::Failed {
                        what: what.to_string(),
                        url: shown.to_string(),
                        message: transport_reason(&t),
                    })),
                }
            }
        }
    }

    /// Sends a request whose answer only matters by its status.
    pub fn send_retrying(
        &self,
        what: &str,
        method: &str,
        url: &str,
        body: Option<(&str, &[u8])>,
    ) -> Result<(), RemoteError> {
        self.retrying(what, url, || {
            let response = self.send(what, method, url, None, body)?;
            // Drain the (usually empty) body so the connection is reused.
            let mut sink = Vec::new();
            response
                .into_reader()
                .take(1 << 20)
                .read_to_end(&mut sink)
                .map_err(|e| Failure::Transient(e.to_string()))?;
            Ok(())
        })
    }
}

/// The URL without its query string: messages name the service, not a
/// percent-encoded graph IRI that `what` already names.
fn service(url: &str) -> &str {
    url.split_once('?').map_or(url, |(u, _)| u)
}

/// What went wrong below HTTP, without the URL ureq repeats.
fn transport_reason(t: &ureq::Transport) -> String {
    let mut reason = t.kind().to_string();
    if let Some(m) = t.message() {
        reason.push_str(": ");
        reason.push_str(m);
    }
    if let Some(source) = std::error::Error::source(t) {
        reason.push_str(": ");
        reason.push_str(&source.to_string());
    }
    reason
}

/// The start of an error answer's body, on one line.
fn message_of(response: ureq::Response) -> String {
    let mut text = String::new();
    let _ = response
        .into_reader()
        .take(64 * 1024)
        .read_to_string(&mut text);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return "(no message)".into();
    }
    match text.char_indices().nth(MESSAGE_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}
