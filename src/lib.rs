//! otadrop turns an iOS `.ipa` into a one-tap over-the-air install page.
//!
//! # Layout
//!
//! The core is two library crates under `crates/`, with no server in them; this crate is the
//! server and the `otadrop` command.
//!
//! - `crates/ipa` (`otadrop-ipa`, re-exported here as [`ipa`]): reads an IPA (zip central
//!   directory, Info.plist, icons, CgBI, provisioning profile) into an [`ipa::Inspection`].
//!   Pure functions over files and bytes; no tokio, no hyper.
//! - `crates/doctor` (`otadrop-doctor`, re-exported as [`doctor`]): `otadrop doctor`, which
//!   diagnoses any install link (link, TLS, manifest, IPA). Depends on the IPA crate only.
//!
//! The server's modules:
//!
//! - [`manifest`]: the `manifest.plist` iOS fetches to install a release.
//! - [`mobileconfig`]: the configuration profile that installs the local CA on iOS.
//! - [`urls`]: every absolute URL handed out, from the configured public base URL, and the
//!   `itms-services://` link.
//! - [`client`]: who is visiting, from the User-Agent, and which page can work for them.
//! - [`i18n`]: the languages pages speak: negotiation, the Fluent message files under
//!   `locales/`, numbers and dates per locale (ICU4X).
//! - [`page`]: the HTML pages, one view model each, rendered plain and AMP; Markdown notes;
//!   the admin's console (`page::console`, its behaviour in `static/console.js`).
//! - [`access`]: share links, signed tokens, password hashes, sessions and their CSRF tokens,
//!   rate limits.
//! - [`store`]: the catalogue over a backend: the local folder (atomic rename) or an S3-compatible
//!   bucket (multipart staging, record last, listing sync between nodes); atomic notes edits;
//!   channel names.
//! - [`webhook`]: release events to configured URLs (json signed, Slack, Lark, DingTalk,
//!   WeCom), delivered off the request path with retries.
//! - [`installs`]: install counts from the device installer's manifest fetches.
//! - [`tls`]: the local CA and server certificate of the default mode, and PEM loading.
//! - [`config`]: the service's settings (flags, `OTADROP_*` environment, TOML file).
//! - [`http`]: the server. Routes requests and translates between HTTP and the modules
//!   above; one file per HTTP concern.
//! - [`cli`]: the `otadrop` command's subcommands.
//! - `fixture`: one builder for the releases that tests and benches make up (not the service).

pub mod access;
pub mod cli;
pub mod client;
pub mod config;
#[doc(hidden)]
pub mod fixture;
pub mod http;
pub mod i18n;
pub mod installs;
pub mod logsafe;
pub mod manifest;
pub mod memory;
pub mod mobileconfig;
pub mod page;
pub mod store;
pub mod tls;
pub mod urls;
pub mod webhook;

/// The install-link doctor (the `otadrop-doctor` crate).
pub use otadrop_doctor as doctor;
/// The IPA reader (the `otadrop-ipa` crate), under the name the server's modules use.
pub use otadrop_ipa as ipa;
