//! The HTML pages: one view model per page, rendered as plain HTML and as AMP.

use maud::{html, Markup, DOCTYPE};

use crate::client::Visitor;
use crate::store::Release;
use crate::urls::{PublicUrl, ReleaseUrls};

/// Plain HTML or AMP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flavor {
    Plain,
    Amp,
}

/// Facts about the running site that pages show.
#[derive(Debug, Clone)]
pub struct Site {
    pub public_url: PublicUrl,
    /// The server runs on its own generated CA: pages link to the CA install steps.
    pub own_ca: bool,
}

/// Everything a release page is built from.
pub struct ReleaseContext<'a> {
    pub release: &'a Release,
    pub urls: &'a ReleaseUrls,
    pub site: &'a Site,
    pub visitor: Visitor,
    pub now: time::OffsetDateTime,
}

pub fn release_page(ctx: &ReleaseContext<'_>, _flavor: Flavor) -> String {
    let app = &ctx.release.app;
    let markup: Markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width,initial-scale=1";
                title { (app.title) " " (app.version) }
            }
            body {
                h1 { (app.title) }
                p { (app.version) " (" (app.build) ")" }
                a href=(ctx.urls.install) { "Install" }
            }
        }
    };
    markup.into_string()
}

/// Files served under `/static/`: (name, content type, bytes).
pub static STATIC_ASSETS: &[(&str, &str, &[u8])] = &[];

/// How to install and fully trust this server's CA on an iPhone or iPad.
pub fn ca_page(site: &Site) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head { meta charset="utf-8"; meta name="viewport" content="width=device-width,initial-scale=1"; title { "Trust this server" } }
            body {
                h1 { "Trust this server on your iPhone" }
                ol {
                    li { "Open this page in Safari and tap " a href={(site.public_url) "/ca.mobileconfig"} { "Install the certificate profile" } "." }
                    li { "Open Settings > General > VPN & Device Management, tap the otadrop profile, then Install." }
                    li { "Open Settings > General > About > Certificate Trust Settings and turn on full trust for the otadrop CA." }
                }
            }
        }
    }
    .into_string()
}

/// An error page.
pub fn error_page(status: u16, message: &str, _site: &Site) -> String {
    html! {
        (DOCTYPE)
        html lang="en" { head { meta charset="utf-8"; title { (status) } } body { h1 { (status) } p { (message) } } }
    }
    .into_string()
}

/// The front page: every app with its newest release.
pub fn index_page(apps: &[std::sync::Arc<Release>], site: &Site) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head { meta charset="utf-8"; title { "otadrop" } }
            body {
                h1 { "Apps" }
                ul { @for r in apps { li { a href=(site.public_url.release(&r.id).page) { (r.app.title) " " (r.app.version) } } } }
            }
        }
    }
    .into_string()
}
