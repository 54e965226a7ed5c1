//! The HTTP server. It only routes and translates: parsing, detection, rendering and storage
//! are plain functions in the other modules.
//!
//! - `server`: listening, TLS, connection limits, graceful shutdown.
//! - `router`: which handler answers which method and path.
//! - `api`: the JSON API (`/api/releases`); `upload`: receiving an IPA.
//! - `pages`: landing pages, the front page, static assets; rendered once and cached.
//! - `files`: sending one representation with HEAD, Range and conditionals;
//!   `range`, `conditional`: those two RFC 9110 concerns; `body`: the response body type.
//! - `response`: small builders for JSON errors and typed responses.
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

mod api;
mod auth;
mod body;
mod ca;
mod compress;
mod conditional;
mod doctor;
mod files;
mod form;
mod idle;
mod install;
mod metrics;
mod metrics_listener;
mod pages;
mod range;
mod response;
mod router;
mod security_headers;
mod server;
mod share;
mod sign_in;
mod upload;

pub use server::{Server, StartError};

use crate::config::Config;
use crate::store::Store;

/// What every request handler can reach.
pub struct State {
    pub config: Config,
    pub store: Store,
    pub site: crate::page::Site,
    pub pages: pages::PageCache,
    pub manifests: install::ManifestCache,
    pub metrics: std::sync::Arc<metrics::Metrics>,
    pub doctor: doctor::DoctorGate,
    /// The generated CA certificate (PEM and DER) when running on the local CA.
    pub local_ca: Option<(String, Vec<u8>)>,
    /// Signs and checks share links, install grants and sessions.
    pub signer: crate::access::Signer,
    pub links: crate::access::LinkBook,
    pub limits: auth::Limits,
}
