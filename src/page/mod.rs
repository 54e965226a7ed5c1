//! The HTML pages: one view model per release page ([`view`]), rendered as plain HTML and as
//! AMP by the same maud templates ([`render`]), plus the front page and error pages.
//!
//! A page is a pure function of its context (release, visitor, site, `now`), so the HTTP layer
//! can cache it per (release, flavor, visitor, day). Pages reference no other host; the AMP
//! runtime and its components' scripts are the one exception AMP requires.
//!
//! The AMP flavor is one document for every visitor (AMP caches serve the same bytes to
//! everyone): it never reads the visitor. It shows two first views chosen by CSS (iOS WebKit,
//! or anything else) and fetches the personal part, [`Personal`], with `amp-render`; both come
//! from the same view model and components as the plain page.

pub mod console;
mod format;
pub mod forms;
pub mod notes;
mod personal;
pub mod qr;
mod render;
mod view;

pub use personal::{personal, Personal};
pub use view::{decision_visitor, Msg, MsgArg};

use std::sync::Arc;

use crate::client::Visitor;
use crate::i18n::Lang;
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
    /// The server runs on its own generated CA: pages link to the CA install steps (`/ca`).
    pub own_ca: bool,
    /// The language of visitors who ask for none we have (`--lang`), and of `/r/<id>/amp`.
    pub default_lang: Lang,
}

impl Site {
    /// For tests: the site at `public_url` with a real certificate, in English.
    #[cfg(test)]
    pub(crate) fn at(public_url: &str) -> Site {
        Site {
            public_url: PublicUrl::parse(public_url).unwrap(),
            own_ca: false,
            default_lang: Lang::En,
        }
    }
}

/// Everything a release page is built from.
pub struct ReleaseContext<'a> {
    pub release: &'a Release,
    pub urls: &'a ReleaseUrls,
    pub site: &'a Site,
    /// Who is visiting (the plain flavor only: the AMP document is the same for everyone).
    pub visitor: Visitor,
    /// The time the page is for (profile expiry is judged against it).
    pub now: time::OffsetDateTime,
    /// The language the page speaks.
    pub lang: Lang,
    /// The QR code of the page URL ([`qr::encode`] of `urls.page`), made once by the caller.
    pub qr_svg: Option<&'a str>,
}

/// The visitor an AMP document is rendered for: none in particular. The AMP flavor never
/// reads `ReleaseContext::visitor`; callers that need a value (a cache key) use this one.
pub const AMP_VISITOR: Visitor = view::ANY_OTHER;

/// The page of one release: for `ctx.visitor` (plain), or for everyone (AMP).
pub fn release_page(ctx: &ReleaseContext<'_>, flavor: Flavor) -> String {
    match flavor {
        Flavor::Plain => {
            render::release_plain(ctx, &view::release_view(ctx.release, ctx.visitor, ctx.now))
        }
        Flavor::Amp => render::release_amp(ctx),
    }
}

/// The stable page of an app (`/apps/<bundle id>`): `ctx` is its newest build (of one
/// channel, when the page follows one), `previous` the app's earlier builds, newest first,
/// listed under "Previous builds" with their own install or refusal.
pub fn app_page(ctx: &ReleaseContext<'_>, previous: &[Arc<Release>], flavor: Flavor) -> String {
    match flavor {
        Flavor::Plain => {
            let earlier = view::previous_builds(previous, Some(ctx.visitor), ctx.now);
            render::release_plain_with(
                ctx,
                &view::release_view(ctx.release, ctx.visitor, ctx.now),
                &earlier,
            )
        }
        Flavor::Amp => {
            let earlier = view::previous_builds(previous, None, ctx.now);
            render::release_amp_with(ctx, &earlier)
        }
    }
}

/// The front page: every app with its newest release (newest first, as [`crate::store::Store::apps`]
/// gives them), each linking to its stable URL; with a sign-out button for a signed-in visitor.
pub fn index_page(apps: &[Arc<Release>], site: &Site, signed_in: bool, lang: Lang) -> String {
    render::index(apps, site, signed_in, lang)
}

/// How to install and fully trust this server's own CA on an iPhone or iPad (`/ca`).
pub fn ca_page(site: &Site, lang: Lang) -> String {
    render::ca(site, lang)
}

/// A page for an error status (404 and the like), in English; `message` is shown as text.
pub fn error_page(status: u16, message: &str, site: &Site) -> String {
    render::error(status, message, site)
}

/// A page for an error status in `lang`; `words` is its explanation, a message of the message
/// files (`error-not-found`, ...) with its arguments.
pub fn error_page_in(status: u16, words: &Msg, site: &Site, lang: Lang) -> String {
    render::error_in(status, words, site, lang)
}

/// What `words` says in `lang`, as plain text (an API error's English, a form's error line).
pub fn say(words: &Msg, lang: Lang) -> String {
    render::T(lang).msg(words)
}

/// The URL of a release's AMP page in `lang` (`/r/<id>/amp`, `/r/<id>/amp/<lang>`).
pub fn amp_url(ctx: &ReleaseContext<'_>, lang: Lang) -> String {
    render::amp_url(ctx, lang)
}

/// Files served under `/static/`: (name, content type, bytes), built into the binary.
pub static STATIC_ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "otadrop.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../static/otadrop.js"),
    ),
    (
        "console.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../static/console.js"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_bytes!("../../static/favicon.svg"),
    ),
];

#[cfg(test)]
pub(crate) mod testing {
    //! Releases and User-Agents for unit tests.
    use crate::ipa::ProfileType;
    use crate::store::Release;

    pub const SAFARI_17: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1";
    pub const SAFARI_IPHONE_15: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 15_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.6 Mobile/15E148 Safari/604.1";
    pub const WECHAT: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.40(0x18002831) NetType/WIFI Language/zh_CN";

    /// The default fixture release signed `kind` (no profile for `None`), valid until 2030.
    pub fn release(kind: Option<ProfileType>) -> Release {
        crate::fixture::release()
            .profile(kind.map(crate::fixture::profile))
            .build()
    }
}
