//! HTTP fetches for the doctor: a timeout on every request, bodies read up to a limit, and
//! redirects followed by hand (at most [`MAX_REDIRECTS`]) so that every hop can be reported.
//!
//! The client does not verify certificates: the `tls` check verifies each host itself, with
//! the roots iOS would use, and reports what is wrong. Fetching anyway lets one run show every
//! other problem too. Nothing secret is ever sent.

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, LOCATION};
use reqwest::{Method, StatusCode, Url};
use thiserror::Error;

use crate::finding::Finding;

pub const MAX_REDIRECTS: usize = 5;

#[derive(Debug, Error)]
pub enum FetchError {
    #[error("{0} is not a valid URL")]
    BadUrl(String),
    #[error("no answer within {0:?}")]
    Timeout(Duration),
    #[error("more than {MAX_REDIRECTS} redirects")]
    TooManyRedirects,
    #[error("redirect without a usable Location header")]
    BadRedirect,
    #[error("{0}")]
    Http(String),
    #[error("starting the HTTP client: {0}")]
    Client(String),
    #[error("{0}")]
    Refused(String),
}

/// One response, after redirects.
#[derive(Debug)]
pub struct Fetched {
    /// The URL that answered (the last hop).
    pub url: Url,
    /// Each URL redirected to, in order.
    pub redirects: Vec<Url>,
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    /// The body was longer than the limit and was cut there.
    pub truncated: bool,
}

impl Fetched {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The media type without parameters, lower-cased (`text/xml`).
    pub fn media_type(&self) -> Option<String> {
        self.header("content-type").map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
    }
}

/// The User-Agent of Safari on a current iPhone.
pub const IPHONE_SAFARI: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Mobile/15E148 Safari/604.1";

#[derive(Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    timeout: Duration,
    public_only: bool,
}

impl Fetcher {
    /// `public_only` refuses every non-public address (see [`super::guard`]).
    pub fn new(timeout: Duration, public_only: bool) -> Result<Self, FetchError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut tls = rustls::ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(|e| FetchError::Client(e.to_string()))?
            .dangerous()
            // Any certificate is accepted here (the `tls` check judges it); the handshake
            // signatures are still checked, so this is a real TLS session with the key holder.
            .with_custom_certificate_verifier(Arc::new(super::tls::Capture::new(provider)))
            .with_no_client_auth();
        tls.alpn_protocols = vec![b"http/1.1".to_vec()];
        let mut builder = reqwest::Client::builder()
            .use_preconfigured_tls(tls)
            // Straight to the host, as the device goes (and so the address guard holds).
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(timeout)
            .timeout(timeout)
            // Ask as an iPhone's Safari: the doctor checks what a device is given, and pages
            // that adapt to the visitor (otadrop's own among them) show a desktop no link.
            .user_agent(IPHONE_SAFARI);
        if public_only {
            builder = builder.dns_resolver(Arc::new(super::guard::PublicOnly));
        }
        let client = builder
            .build()
            .map_err(|e| FetchError::Client(e.to_string()))?;
        Ok(Fetcher {
            client,
            timeout,
            public_only,
        })
    }

    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Sends `method` to `url` with `headers`, follows redirects, and reads at most
    /// `max_body` bytes of the last response's body (none for HEAD).
    pub async fn fetch(
        &self,
        method: Method,
        url: &str,
        headers: &[(&str, String)],
        max_body: usize,
    ) -> Result<Fetched, FetchError> {
        let mut current = Url::parse(url).map_err(|_| FetchError::BadUrl(url.to_string()))?;
        let mut redirects = Vec::new();
        loop {
            if self.public_only {
                // Names go through the guarded resolver; IP literals never reach it.
                let literal = current
                    .host_str()
                    .map(|h| h.trim_start_matches('[').trim_end_matches(']'))
                    .and_then(|h| h.parse::<std::net::IpAddr>().ok());
                if literal.is_some_and(|ip| !super::guard::is_public(ip)) {
                    return Err(FetchError::Refused(format!(
                        "{current} is not on a public internet address; the doctor does not connect there"
                    )));
                }
            }
            let mut req = self.client.request(method.clone(), current.clone());
            for (name, value) in headers {
                req = req.header(*name, value);
            }
            let mut resp = match tokio::time::timeout(self.timeout, req.send()).await {
                Err(_) => return Err(FetchError::Timeout(self.timeout)),
                Ok(Err(e)) if e.is_timeout() => return Err(FetchError::Timeout(self.timeout)),
                Ok(Err(e)) => return Err(FetchError::Http(error_chain(&e))),
                Ok(Ok(r)) => r,
            };
            let status = resp.status();
            if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
                let next = resp
                    .headers()
                    .get(LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|loc| current.join(loc).ok())
                    .ok_or(FetchError::BadRedirect)?;
                if redirects.len() >= MAX_REDIRECTS {
                    return Err(FetchError::TooManyRedirects);
                }
                redirects.push(next.clone());
                current = next;
                continue;
            }
            let headers = resp.headers().clone();
            let mut body = Vec::new();
            let mut truncated = false;
            if method != Method::HEAD {
                loop {
                    let chunk = match tokio::time::timeout(self.timeout, resp.chunk()).await {
                        Err(_) => return Err(FetchError::Timeout(self.timeout)),
                        Ok(Err(e)) => return Err(FetchError::Http(error_chain(&e))),
                        Ok(Ok(c)) => c,
                    };
                    let Some(chunk) = chunk else { break };
                    let room = max_body.saturating_sub(body.len());
                    if chunk.len() > room {
                        body.extend_from_slice(chunk.get(..room).unwrap_or(&[]));
                        truncated = true;
                        break;
                    }
                    body.extend_from_slice(&chunk);
                }
            }
            return Ok(Fetched {
                url: current,
                redirects,
                status,
                headers,
                body,
                truncated,
            });
        }
    }
}

/// The error and its causes on one line (reqwest's own message alone says little).
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = s.source();
    }
    out
}

/// What a file fetched for an install must be served as, for [`content_type_finding`].
pub(crate) struct ServedAs {
    /// The check's id (`manifest.content-type`).
    pub check: &'static str,
    /// The file, as messages name it (`the manifest`).
    pub what: &'static str,
    /// The types that are right.
    pub right: &'static [&'static str],
    /// Types an error or sign-in page comes as, and what to say of them.
    pub page_like: &'static [&'static str],
    pub page_like_means: &'static str,
    /// The fix, without its full stop (`Serve manifest.plist as text/xml`).
    pub fix: &'static str,
}

/// The finding on a response's media type (`None`: no `Content-Type`): a pass for a right
/// one, a failure for what a page comes as, a warning otherwise.
pub(crate) fn content_type_finding(served: &ServedAs, media_type: Option<&str>) -> Finding {
    let ServedAs { check, what, .. } = *served;
    match media_type {
        Some(t) if served.right.contains(&t) => Finding::pass(check, format!("Content-Type {t}")),
        Some(t) if served.page_like.contains(&t) => Finding::fail(
            check,
            format!("{what} is served as {t}, {}", served.page_like_means),
            format!("{}.", served.fix),
        ),
        Some(t) => Finding::warn(
            check,
            format!("{what} is served as {t}"),
            format!("{}, the type Apple documents.", served.fix),
        ),
        None => Finding::warn(
            check,
            format!("{what} is served without a Content-Type"),
            format!("{}.", served.fix),
        ),
    }
}
