//! The server's integration tests: the real `otadrop` binary on 127.0.0.1 with real clients.
#![allow(dead_code)]
//! One test binary (one link step), a module per area; `support` holds the harness.

mod support;

mod access;
mod access_browser;
mod amp;
mod api;
mod browser;
mod ca_constraints;
mod console;
mod detect;
mod doctor;
mod doctor_cli;
mod errors;
mod hardening;
mod i18n;
mod i18n_access;
mod icons;
mod inspect_cli;
mod listeners;
mod pages;
mod releases;
mod round2;
mod s3;
mod webhooks;
