//! The HTTP server. It only routes and translates: parsing, detection, rendering and storage
//! are plain functions in the other modules.
//!
//! - `server`: listening, connection limits, deadlines, graceful shutdown, for the main
//!   listener and `redirect` (the `--redirect-http` listener's 308s).
//! - `router`: which handler answers which method and path.
//! - `api`: the JSON API (`/api/releases`); `upload`: receiving an upload's body into a
//!   staged file; `publish`: inspecting, committing and retention.
//! - `install`: what the device's installer fetches (manifest, IPA, icons).
//! - `cache`: the one bounded cache type (pages, manifests, QR codes).
//! - `pages`: landing pages, the front page, static assets; rendered once and cached.
//! - `files`: sending one representation with HEAD, Range and conditionals;
//!   `range`, `conditional`: those two RFC 9110 concerns; `body`: the response body type.
//! - `response`: small builders for typed responses and errors; `errors`: the one place an
//!   error becomes JSON (under `/api/`) or the HTML error page, with the security headers.
//! - `compress`: gzip/brotli variants made once, picked per request.
//! - `idle`: first-byte and idle deadlines on connections.
//! - `metrics`: counters and the Prometheus text at `/metrics`.
//! - `doctor`: the install-link doctor as a web form.
//! - `ca`: the local CA's certificate and configuration profile.
//! - `security_headers`: CSP and friends.
//! - `auth`: who is asking (bearer token, session cookie); `sign_in`: the sign-in form and
//!   sessions; `share`: share links (`/s/<token>/...` and the links API); `form`: small
//!   request bodies. The access rules themselves are in [`crate::access`].
//! - `metrics_listener`: `/metrics` without a token on `--metrics-listen`.
//! - `cacheability`: who may keep a copy of a page (public AMP pages, private answers).
//! - `console`: the admin's console page (`/console`) and its QR images; `csrf`: the check
//!   that a change made with a session cookie comes from our own page.
//! - `amp_cors`: the AMP CORS protocol; `visitor_json`: the AMP page's personal part.

mod amp_cors;
mod api;
mod auth;
mod body;
mod ca;
mod cache;
mod cacheability;
mod catalogue_sync;
mod compress;
mod conditional;
mod console;
mod csrf;
mod doctor;
mod errors;
mod files;
mod form;
mod idle;
mod install;
mod metrics;
mod metrics_listener;
mod pages;
mod publish;
mod range;
mod redirect;
mod response;
mod router;
mod security_headers;
mod server;
mod share;
mod sign_in;
mod upload;
mod visitor_json;

pub use server::{Server, StartError};

use std::sync::Arc;

use crate::config::Config;
use crate::store::{ReleaseId, Store};

/// What every request handler can reach.
pub struct State {
    pub config: Config,
    pub store: Store,
    pub site: crate::page::Site,
    /// Rendered pages per release, flavor and what about the visitor changes the page.
    pub pages: cache::Cache<pages::PageKey, Arc<install::Generated>>,
    /// Manifests per release.
    pub manifests: cache::Cache<ReleaseId, Arc<install::Generated>>,
    /// The QR code (SVG) of each release's page URL.
    pub qr: cache::Cache<ReleaseId, Arc<str>>,
    pub metrics: Arc<metrics::Metrics>,
    /// Uploads being inspected at once (each decodes at most one icon, a few MiB).
    pub inspections: tokio::sync::Semaphore,
    /// Release pages being rendered at once (on the blocking pool): one per core.
    pub renders: tokio::sync::Semaphore,
    pub doctor: doctor::DoctorGate,
    /// The generated CA certificate (PEM and DER) when running on the local CA.
    pub local_ca: Option<(String, Vec<u8>)>,
    /// Where release events go.
    pub webhooks: crate::webhook::Webhooks,
    /// Installs counted from the device installer's manifest fetches.
    pub installs: crate::installs::InstallCounts,
    /// Signs and checks share links, install grants and sessions.
    pub signer: crate::access::Signer,
    pub links: crate::access::LinkBook,
    pub limits: auth::Limits,
}

impl State {
    pub fn new(
        config: Config,
        store: Store,
        links: crate::access::LinkBook,
        installs: crate::installs::InstallCounts,
        site: crate::page::Site,
        local_ca: Option<(String, Vec<u8>)>,
    ) -> State {
        let webhooks = crate::webhook::Webhooks::start(config.webhooks.clone());
        State {
            webhooks,
            installs,
            signer: crate::access::Signer::new(config.signing_key.as_bytes()),
            links,
            limits: Default::default(),
            config,
            store,
            site,
            pages: cache::Cache::new(1024, PAGE_CACHE_BYTES),
            manifests: cache::Cache::new(1024, MANIFEST_CACHE_BYTES),
            qr: cache::Cache::new(1024, QR_CACHE_BYTES),
            metrics: Default::default(),
            inspections: tokio::sync::Semaphore::new(MAX_INSPECTIONS),
            renders: tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map_or(2, |n| n.get()),
            ),
            doctor: Default::default(),
            local_ca,
        }
    }

    /// Drops everything cached for a release that was deleted or retired, or whose notes
    /// changed.
    pub fn forget(&self, id: &ReleaseId) {
        self.pages.forget(id);
        self.manifests.forget(id);
        self.qr.forget(id);
    }

    /// After a release was deleted (by the API or retention): drop its caches and counts, and
    /// tell the webhooks.
    pub fn deleted(&self, release: Arc<crate::store::Release>) {
        self.forget(&release.id);
        self.installs.forget(&release.id);
        self.event(crate::webhook::EventKind::Deleted, release);
    }

    /// Hands a release event to the webhooks (returns at once).
    pub fn event(&self, kind: crate::webhook::EventKind, release: Arc<crate::store::Release>) {
        let base = &self.config.public_url;
        let release_json =
            serde_json::to_value(api::ReleaseJson::new(&release, base, false)).unwrap_or_default();
        self.webhooks.send(crate::webhook::Event {
            kind,
            page_url: base.release(&release.id).page,
            release_json,
            release,
            sent_at: time::OffsetDateTime::now_utc(),
        });
    }
}

/// Inspections at once: each reads a central directory (up to 50,000 entries) and decodes one
/// icon (up to 1024 px); two at once bound what a burst of uploads costs (BENCHMARKS.md).
const MAX_INSPECTIONS: usize = 2;

/// A page with its compressed variants is 10-25 KB: a few thousand pages.
const PAGE_CACHE_BYTES: u64 = 64 * 1024 * 1024;
/// A manifest with variants is about 2 KB.
const MANIFEST_CACHE_BYTES: u64 = 8 * 1024 * 1024;
/// A QR code's SVG is 3-6 KB.
const QR_CACHE_BYTES: u64 = 8 * 1024 * 1024;
