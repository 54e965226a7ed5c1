//! `otadrop doctor`: why an install link does not work, for any OTA link on the internet.
//!
//! The input is an `itms-services://` link, an HTML page that contains one, or a manifest URL.
//! Each check group lives in its own file and produces [`Finding`]s; [`diagnose`] runs them
//! in the order iOS meets the problems (link, manifest host, manifest, IPA, images) and
//! collects a [`Report`]. It depends on the IPA reader (`otadrop-ipa`), not on the server.
//!
//! # Layout
//!
//! - [`link`]: the link text (pure).
//! - [`page`]: install links inside an HTML page (pure).
//! - [`tls`]: DNS and the TLS certificate of each host, judged as iOS does.
//! - [`manifest`]: the manifest response (pure).
//! - [`ipa_remote`]: the IPA over HTTP, its contents read with Range requests only.
//! - [`images`]: the manifest's images (pure, plus a fetch).
//! - [`fetch`]: bounded HTTP fetches with timeouts and reported redirects.
//! - [`guard`]: public addresses only, for input from strangers (the web form).
//! - [`web`]: the web form's page.

use std::collections::HashSet;
use std::time::Duration;

use reqwest::{Method, Url};
use thiserror::Error;

pub mod fetch;
mod finding;
pub mod guard;
pub mod images;
pub mod ipa_remote;
pub mod link;
pub mod manifest;
pub mod page;
mod report;
pub mod tls;
pub mod web;

pub use finding::{worst_of, Finding, Status};
pub use report::{Counts, Report};
pub use tls::{load_ca_file, TrustRoots};

use fetch::{Fetched, Fetcher};

/// Largest HTML page read when looking for a link.
pub const MAX_PAGE: usize = 4 * 1024 * 1024;

pub struct Options {
    /// Roots the devices trust: the public ones plus any `--ca`.
    pub roots: TrustRoots,
    /// Limit for each network step (DNS, connect, TLS handshake, each request).
    pub timeout: Duration,
    /// Connect to public internet addresses only. Set it whenever the input comes from
    /// someone else (the web form): otherwise the doctor would probe the server's own network.
    pub public_only: bool,
}

/// The input cannot be diagnosed at all (exit code 2).
#[derive(Debug, Error)]
pub enum DoctorError {
    #[error(
        "{0:?} is neither an itms-services:// link nor an http(s):// URL of a page or manifest"
    )]
    NotAnInput(String),
    #[error("{0}")]
    Client(String),
}

/// Runs every check that applies to `input`.
pub async fn diagnose(input: &str, options: &Options) -> Result<Report, DoctorError> {
    let fetcher = Fetcher::new(options.timeout, options.public_only)
        .map_err(|e| DoctorError::Client(e.to_string()))?;
    let mut run = Run {
        report: Report::new(input),
        fetcher,
        options,
        hosts_checked: HashSet::new(),
    };
    let trimmed = input.trim();
    let manifest_url = if link::looks_like_link(trimmed) {
        let d = link::diagnose(trimmed, link::Origin::Pasted);
        run.report.extend(d.findings);
        run.report.repaired_link = d.repaired;
        d.manifest_url
    } else if is_http_url(trimmed) {
        run.page_or_manifest(trimmed).await
    } else if let Some(d) = link_in_snippet(trimmed) {
        run.report.push(Finding::pass(
            "input",
            "found an install link in the text given; checking it",
        ));
        run.report.extend(d.findings);
        run.report.repaired_link = d.repaired;
        d.manifest_url
    } else {
        return Err(DoctorError::NotAnInput(trimmed.chars().take(200).collect()));
    };
    if let Some(url) = manifest_url {
        run.manifest_and_beyond(&url).await;
    }
    Ok(run.report)
}

/// An install link inside pasted text: an HTML snippet (its `href` decoded as a browser would)
/// or a log or chat line (taken as written).
fn link_in_snippet(text: &str) -> Option<link::LinkDiagnosis> {
    let lower = text.to_ascii_lowercase();
    let html = lower.contains("href=") || lower.contains("<a ");
    let links = if html {
        page::find_links(text)
    } else {
        page::find_links_in_text(text)
    };
    let origin = if html {
        link::Origin::HtmlAttribute
    } else {
        link::Origin::Pasted
    };
    links.first().map(|l| link::diagnose(l, origin))
}

fn is_http_url(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    l.starts_with("https://") || l.starts_with("http://")
}

struct Run<'a> {
    report: Report,
    fetcher: Fetcher,
    options: &'a Options,
    hosts_checked: HashSet<(String, u16)>,
}

impl Run<'_> {
    /// A page URL or a manifest URL: fetch it and tell which. Returns the manifest URL.
    async fn page_or_manifest(&mut self, url: &str) -> Option<String> {
        let resp = match self.fetcher.fetch(Method::GET, url, &[], MAX_PAGE).await {
            Ok(r) => r,
            Err(e) => {
                self.report.push(Finding::fail(
                    "input.fetch",
                    format!("{url} cannot be fetched: {e}"),
                    "Check the URL, and that this machine can reach it.",
                ));
                return None;
            }
        };
        if looks_like_plist(&resp) {
            self.report.push(Finding::pass(
                "input",
                "the URL is a manifest; the install link for it is the repaired link below",
            ));
            let made = link::itms_services_link(url);
            let d = link::diagnose(&made, link::Origin::Pasted);
            self.report.extend(
                d.findings
                    .into_iter()
                    .filter(|f| f.check == "link.manifest-url"),
            );
            self.report.repaired_link = d.repaired;
            return d.manifest_url;
        }
        let html = String::from_utf8_lossy(&resp.body);
        let links = page::find_links(&html);
        let Some(first) = links.first() else {
            self.report.push(Finding::fail(
                "input.page",
                format!(
                    "{} (HTTP {}) contains no itms-services:// link",
                    resp.url,
                    resp.status.as_u16()
                ),
                "Give the doctor the page that shows the install button, the link itself, or the manifest URL.",
            ));
            return None;
        };
        self.report.push(Finding::pass(
            "input.page",
            if links.len() == 1 {
                "the page has one install link".to_string()
            } else {
                format!(
                    "the page has {} install links; checking the first",
                    links.len()
                )
            },
        ));
        let d = link::diagnose(first, link::Origin::HtmlAttribute);
        self.report.extend(d.findings);
        self.report.repaired_link = d.repaired;
        d.manifest_url
    }

    async fn manifest_and_beyond(&mut self, manifest_url: &str) {
        self.report.manifest_url = Some(manifest_url.to_string());
        self.tls_for(manifest_url, "the manifest host").await;
        let resp = match self
            .fetcher
            .fetch(Method::GET, manifest_url, &[], manifest::MAX_MANIFEST)
            .await
        {
            Ok(r) => r,
            Err(e) => {
                self.report.push(Finding::fail(
                    "manifest.fetch",
                    format!("the manifest cannot be fetched: {e}"),
                    "Make the manifest URL reachable from the devices' network.",
                ));
                return;
            }
        };
        self.redirects("manifest.redirect", &resp).await;
        let (findings, summary) = manifest::check(
            resp.status.as_u16(),
            resp.media_type().as_deref(),
            &resp.body,
            resp.truncated,
        );
        self.report.extend(findings);
        let Some(summary) = summary else { return };

        if let Some(ipa_url) = summary.ipa_url.clone() {
            self.report.ipa_url = Some(ipa_url.clone());
            if Url::parse(&ipa_url).is_err() {
                self.report.push(Finding::fail(
                    "ipa.url",
                    format!("the software-package URL {ipa_url:?} is not a valid absolute URL"),
                    "Write the IPA's full https:// URL in the manifest.",
                ));
            } else {
                self.tls_for(&ipa_url, "the IPA host").await;
                let outcome = ipa_remote::check(&self.fetcher, &ipa_url).await;
                self.report.extend(outcome.findings);
                self.report.ipa_size = outcome.size;
                self.report.ipa_bytes_fetched = outcome.fetched;
                if let Some(info) = outcome.info {
                    self.report.extend(ipa_remote::compare(
                        &info,
                        &summary,
                        time::OffsetDateTime::now_utc(),
                    ));
                }
            }
        }

        for (kind, url) in &summary.images {
            if Url::parse(url).is_err() {
                self.report.push(Finding::warn(
                    "image.url",
                    format!("the {kind} URL {url:?} is not a valid absolute URL"),
                    "Write the image's full https:// URL in the manifest.",
                ));
                continue;
            }
            self.tls_for(url, "the image host").await;
            let finding = match self
                .fetcher
                .fetch(Method::GET, url, &[], images::MAX_IMAGE)
                .await
            {
                Ok(r) => images::check(kind, url, r.status.as_u16(), &r.body),
                Err(e) => Finding::warn(
                    "image.fetch",
                    format!("the {kind} cannot be fetched: {e}"),
                    "Fix the image URL; iOS shows a blank icon while installing otherwise.",
                ),
            };
            self.report.push(finding);
        }
    }

    /// Checks DNS and TLS for the host of `url` once per host and port (https only).
    async fn tls_for(&mut self, url: &str, what: &str) {
        let Ok(u) = Url::parse(url) else { return };
        if u.scheme() != "https" {
            return;
        }
        let (Some(host), Some(port)) = (u.host_str(), u.port_or_known_default()) else {
            return;
        };
        if !self.hosts_checked.insert((host.to_string(), port)) {
            return;
        }
        let findings = tls::check(
            host,
            port,
            &self.options.roots,
            self.options.timeout,
            what,
            self.options.public_only,
        )
        .await;
        self.report.extend(findings);
    }

    /// Reports the redirects a fetch went through, and checks the hosts they lead to.
    async fn redirects(&mut self, check: &str, resp: &Fetched) {
        if resp.redirects.is_empty() {
            return;
        }
        let hops: Vec<String> = resp.redirects.iter().map(Url::to_string).collect();
        let insecure = resp.redirects.iter().any(|u| u.scheme() != "https");
        self.report.push(if insecure {
            Finding::fail(
                check,
                format!("redirected through http:// ({})", hops.join(" -> ")),
                "Redirect only to https:// URLs, or link to the final URL directly.",
            )
        } else {
            Finding::pass(check, format!("redirected to {}", hops.join(" -> ")))
        });
        for hop in &hops {
            self.tls_for(hop, "a redirect's host").await;
        }
    }
}

fn looks_like_plist(resp: &Fetched) -> bool {
    let media = resp.media_type().unwrap_or_default();
    if media.contains("plist") {
        return true;
    }
    let head =
        String::from_utf8_lossy(resp.body.get(..1024).unwrap_or(&resp.body)).to_ascii_lowercase();
    resp.body.starts_with(b"bplist") || head.contains("<plist") || head.contains("<!doctype plist")
}
