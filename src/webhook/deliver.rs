//! Sending webhook deliveries, off the request path: publishing hands an [`Event`] to a queue
//! and answers; a task sends one request per hook, each on its own task so a slow receiver
//! delays nobody else. A failure (network error, timeout, 429 or 5xx) is retried up to
//! [`ATTEMPTS`] times, waiting [`FIRST_RETRY`] and then twice as long each time; any other 4xx
//! is final. Every outcome is logged and counted (`otadrop_webhook_deliveries_total`).
//! Deliveries still waiting when the server stops are not sent.

use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc;

use super::{format, Event, Hook};

pub const ATTEMPTS: u32 = 5;
pub const FIRST_RETRY: Duration = Duration::from_secs(1);
const TIMEOUT: Duration = Duration::from_secs(10);
/// Events waiting to be handed to delivery tasks; more are dropped (and counted).
const QUEUE: usize = 1024;

#[derive(Default)]
pub struct Stats {
    delivered: AtomicU64,
    retried: AtomicU64,
    failed: AtomicU64,
    dropped: AtomicU64,
}

/// The configured hooks and their delivery queue.
pub struct Webhooks {
    tx: Option<mpsc::Sender<Event>>,
    stats: Arc<Stats>,
}

impl Webhooks {
    /// Starts the delivery task (on the current tokio runtime) when there are hooks.
    pub fn start(hooks: Vec<Hook>) -> Webhooks {
        let stats = Arc::new(Stats::default());
        if hooks.is_empty() {
            return Webhooks { tx: None, stats };
        }
        let client = match client() {
            Ok(c) => c,
            Err(e) => {
                tracing::error!(error = %e, "webhooks disabled: cannot make an HTTP client");
                return Webhooks { tx: None, stats };
            }
        };
        let (tx, mut rx) = mpsc::channel::<Event>(QUEUE);
        let hooks: Arc<[Hook]> = hooks.into();
        let s = stats.clone();
        tokio::spawn(async move {
            while let Some(event) = rx.recv().await {
                for hook in hooks.iter() {
                    let request = format::request(hook, &event);
                    let (client, stats, hook) = (client.clone(), s.clone(), hook.clone());
                    let name = event.kind.name();
                    tokio::spawn(
                        async move { deliver(&client, &hook, request, name, &stats).await },
                    );
                }
            }
        });
        Webhooks {
            tx: Some(tx),
            stats,
        }
    }

    /// Queues an event for every hook; never waits.
    pub fn send(&self, event: Event) {
        let Some(tx) = &self.tx else { return };
        if tx.try_send(event).is_err() {
            self.stats.dropped.fetch_add(1, Relaxed);
            tracing::warn!("webhook queue full: event dropped");
        }
    }

    /// The counters in the Prometheus text format.
    pub fn render_metrics(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "# HELP otadrop_webhook_deliveries_total Webhook requests by outcome: delivered (2xx), retried (a failed attempt tried again), failed (given up), dropped (queue full).\n# TYPE otadrop_webhook_deliveries_total counter"
        );
        for (label, n) in [
            ("delivered", &self.stats.delivered),
            ("retried", &self.stats.retried),
            ("failed", &self.stats.failed),
            ("dropped", &self.stats.dropped),
        ] {
            let _ = writeln!(
                out,
                "otadrop_webhook_deliveries_total{{result=\"{label}\"}} {}",
                n.load(Relaxed)
            );
        }
    }
}

fn client() -> Result<reqwest::Client, reqwest::Error> {
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map(|b| b.with_root_certificates(roots).with_no_client_auth());
    let mut builder = reqwest::Client::builder()
        .timeout(TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("otadrop/", env!("CARGO_PKG_VERSION")));
    if let Ok(tls) = tls {
        builder = builder.use_preconfigured_tls(tls);
    }
    builder.build()
}

/// Whether an answer means "try again later".
fn retryable(status: reqwest::StatusCode) -> bool {
    status.is_server_error() || status == reqwest::StatusCode::TOO_MANY_REQUESTS
}

async fn deliver(
    client: &reqwest::Client,
    hook: &Hook,
    request: format::Request,
    event: &'static str,
    stats: &Stats,
) {
    // The URL may hold a token (Slack, DingTalk): log its host only.
    let host = hook.url.host_str().unwrap_or("").to_string();
    let format = hook.format.name();
    let mut wait = FIRST_RETRY;
    for attempt in 1..=ATTEMPTS {
        let mut req = client.post(request.url.clone()).body(request.body.clone());
        for (name, value) in &request.headers {
            req = req.header(*name, value);
        }
        let (again, why) = match req.send().await {
            Ok(r) if r.status().is_success() => {
                stats.delivered.fetch_add(1, Relaxed);
                tracing::info!(event, %host, format, attempt, status = r.status().as_u16(), "webhook delivered");
                return;
            }
            Ok(r) => (retryable(r.status()), format!("answered {}", r.status())),
            Err(e) => (true, e.to_string()),
        };
        if !again || attempt == ATTEMPTS {
            stats.failed.fetch_add(1, Relaxed);
            tracing::warn!(event, %host, format, attempt, error = %why, "webhook failed; giving up");
            return;
        }
        stats.retried.fetch_add(1, Relaxed);
        tracing::info!(event, %host, format, attempt, error = %why, retry_in_ms = wait.as_millis() as u64, "webhook failed; retrying");
        tokio::time::sleep(wait).await;
        wait *= 2;
    }
}
