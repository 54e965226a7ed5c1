//! The maud templates. One set of components renders both flavors; where AMP differs (head,
//! images, the copy button, no script) the component takes the [`Flavor`].
//!
//! Everything from the IPA or the upload is inserted as text or attribute values, which maud
//! escapes. The only raw insertions are our own CSS, the AMP boilerplate and the QR SVG (built
//! from numbers only).

use std::sync::Arc;

use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::view::{self, Blocker, FirstViews, Lead, ReleaseView, Signing};
use super::{format, Flavor, ReleaseContext, Site};
use crate::client::{InApp, OsVersion};
use crate::store::Release;
use crate::urls::ReleaseUrls;

const CSS: &str = include_str!("page.css");
const AMP_RUNTIME: &str = "https://cdn.ampproject.org/v0.js";
/// The components the AMP document's personal part uses: `amp-render` fetches the visitor JSON
/// and renders it with `amp-mustache` at load, with no user action, and with
/// `layout="container"` takes the height of what it renders. (`amp-list` renders at load too,
/// but its `layout="container"` never left the experiments and the validator rejects it; in a
/// fixed height, a taller answer would be cut off behind a "see more" tap.)
const AMP_RENDER: &str = "https://cdn.ampproject.org/v0/amp-render-1.0.js";
const AMP_MUSTACHE: &str = "https://cdn.ampproject.org/v0/amp-mustache-0.2.js";
/// The exact boilerplate the AMP specification requires.
const AMP_BOILERPLATE: &str = "body{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both;-moz-animation:-amp-start 8s steps(1,end) 0s 1 normal both;-ms-animation:-amp-start 8s steps(1,end) 0s 1 normal both;animation:-amp-start 8s steps(1,end) 0s 1 normal both}@-webkit-keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}@-moz-keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}@-ms-keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}@-o-keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}@keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}";
const AMP_NOSCRIPT: &str =
    "body{-webkit-animation:none;-moz-animation:none;-ms-animation:none;animation:none}";

/// What goes into `<head>` besides the fixed parts.
pub(super) struct Head<'a> {
    pub(super) title: String,
    pub(super) description: String,
    /// The plain page's URL: `og:url`, and AMP's `rel=canonical`.
    pub(super) canonical: Option<&'a str>,
    /// The AMP page's URL, for the plain page's `rel=amphtml`.
    pub(super) amp: Option<&'a str>,
    /// An absolute PNG URL for `og:image`.
    pub(super) image: Option<&'a str>,
    /// The AMP document has a personal part (loads `amp-render` and `amp-mustache`).
    pub(super) personal: bool,
}

pub(super) fn document(
    head: &Head<'_>,
    site: &Site,
    flavor: Flavor,
    body_attrs: BodyAttrs,
    main: Markup,
) -> String {
    let amp = flavor == Flavor::Amp;
    html! {
        (DOCTYPE)
        html lang="en" amp[amp] {
            head {
                meta charset="utf-8";
                @if amp {
                    script async src=(AMP_RUNTIME) {}
                    @if head.personal {
                        script async custom-element="amp-render" src=(AMP_RENDER) {}
                        script async custom-template="amp-mustache" src=(AMP_MUSTACHE) {}
                    }
                }
                title { (head.title) }
                meta name="viewport" content="width=device-width,initial-scale=1";
                meta name="robots" content="noindex,nofollow";
                meta name="color-scheme" content="light dark";
                meta name="description" content=(head.description);
                link rel="icon" type="image/svg+xml" href=(site.public_url.join("/static/favicon.svg"));
                meta property="og:type" content="website";
                meta property="og:site_name" content="otadrop";
                meta property="og:title" content=(head.title);
                meta property="og:description" content=(head.description);
                meta name="twitter:card" content="summary";
                meta name="twitter:title" content=(head.title);
                meta name="twitter:description" content=(head.description);
                @if let Some(url) = head.canonical {
                    meta property="og:url" content=(url);
                }
                @if let Some(img) = head.image {
                    meta property="og:image" content=(img);
                    meta property="og:image:type" content="image/png";
                    meta property="og:image:width" content="512";
                    meta property="og:image:height" content="512";
                    meta name="twitter:image" content=(img);
                }
                @if amp {
                    @if let Some(url) = head.canonical { link rel="canonical" href=(url); }
                    style amp-boilerplate { (PreEscaped(AMP_BOILERPLATE)) }
                    noscript { style amp-boilerplate { (PreEscaped(AMP_NOSCRIPT)) } }
                    style amp-custom { (PreEscaped(CSS)) }
                } @else {
                    @if let Some(url) = head.amp { link rel="amphtml" href=(url); }
                    style { (PreEscaped(CSS)) }
                    script src=(site.public_url.join("/static/otadrop.js")) defer {}
                }
            }
            body data-page=[body_attrs.page] data-platform=[body_attrs.platform] {
                main { (main) }
                (footer(site))
            }
        }
    }
    .into_string()
}

/// `data-*` hooks for the plain page's script (never set on AMP pages).
#[derive(Default)]
pub(super) struct BodyAttrs {
    page: Option<&'static str>,
    platform: Option<&'static str>,
}

fn footer(site: &Site) -> Markup {
    html! {
        footer {
            @if site.own_ca {
                a href=(site.public_url.join("/ca")) { "First time? Install this server's certificate" }
                br;
            }
            a href=(site.public_url.join("/")) { "All apps" }
        }
    }
}

// --- Release pages ----------------------------------------------------------------------------

/// Who the visitor-dependent parts of a component are rendered for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fill {
    /// A visitor known now: the plain page, and the AMP document's first views.
    Now,
    /// The AMP document's `amp-mustache` template: what depends on the visitor becomes mustache
    /// sections and variables, filled in the browser from the visitor JSON
    /// ([`super::personal::Personal`], whose field names are the `key`s used here).
    Template,
}

impl Fill {
    /// Element ids: the template's copies get their own, so ids stay unique once rendered.
    fn id(self, id: &str) -> String {
        match self {
            Fill::Now => id.to_owned(),
            Fill::Template => format!("v-{id}"),
        }
    }
}

/// `m` if `now` holds (known visitor), or `m` inside the mustache section `key` (template).
fn when(fill: Fill, key: &str, now: bool, m: Markup) -> Markup {
    match fill {
        Fill::Now if now => m,
        Fill::Now => html! {},
        Fill::Template => section(key, m),
    }
}

/// `m` inside the mustache section `key`: shown when the visitor JSON's `key` is true.
fn section(key: &str, m: Markup) -> Markup {
    html! { (PreEscaped(format!("{{{{#{key}}}}}"))) (m) (PreEscaped(format!("{{{{/{key}}}}}"))) }
}

/// The text `now` (known visitor), or the mustache variable `key` (template).
fn value(fill: Fill, key: &str, now: &str) -> Markup {
    match fill {
        Fill::Now => html! { (now) },
        Fill::Template => PreEscaped(format!("{{{{{key}}}}}")),
    }
}

/// The plain page: for this visitor, rendered on the server.
pub fn release_plain(ctx: &ReleaseContext<'_>, view: &ReleaseView) -> String {
    let lead = lead(ctx, view, Flavor::Plain, Fill::Now);
    release_document(ctx, view, Flavor::Plain, lead)
}

/// The AMP document: the same for every visitor (it never reads `ctx.visitor`). Two first views
/// chosen by CSS, shown with no script at all and until the personal part has loaded; then the
/// personal part, rendered by `amp-mustache` from the visitor JSON that `amp-render` fetches.
pub fn release_amp(ctx: &ReleaseContext<'_>) -> String {
    let first = view::first_views(ctx.release, ctx.now);
    // AMP fetches only over https: with an http public URL (a test setup; iOS installs need
    // https anyway) the page names the endpoint by its path, which keeps it valid AMP.
    let public = &ctx.site.public_url;
    let src = match ctx.urls.visitor.strip_prefix(public.origin()) {
        Some(path) if !public.is_https() => path,
        _ => ctx.urls.visitor.as_str(),
    };
    let personal = html! {
        amp-render layout="container" src=(src) binding="no" {
            template type="amp-mustache" { (personal_template(ctx, &first)) }
            div placeholder {
                div.on-ios { (lead(ctx, &first.ios, Flavor::Amp, Fill::Now)) }
                div.off-ios { (lead(ctx, &first.other, Flavor::Amp, Fill::Now)) }
            }
        }
    };
    release_document(ctx, &first.ios, Flavor::Amp, personal)
}

/// The lead section(s) for one view.
fn lead(ctx: &ReleaseContext<'_>, view: &ReleaseView, flavor: Flavor, fill: Fill) -> Markup {
    match view.lead {
        Lead::Preview => preview(ctx),
        Lead::Install => install(ctx, view, flavor, fill),
        Lead::OpenInSafari(in_app) => open_in_safari(ctx, in_app, flavor, fill),
        Lead::Qr => qr_section(ctx, view, flavor, fill),
        Lead::IosOnly => ios_only(ctx, view, flavor, fill),
        Lead::Blocked(b) => blocked(ctx, b, fill),
    }
}

/// The AMP document's personal part: every lead the visitor JSON can pick, each in the mustache
/// section of its name. `first.ios` and `first.other` carry what does not depend on the visitor
/// (signing, device families); a build that cannot install leaves only the reason and the preview.
fn personal_template(ctx: &ReleaseContext<'_>, first: &FirstViews) -> Markup {
    let t = Fill::Template;
    html! {
        @match view::build_problem(ctx.release, ctx.now) {
            Some(b) => (section("blocked", blocked(ctx, b, t))),
            None => {
                (section("install", install(ctx, &first.ios, Flavor::Amp, t)))
                (section("open_in_safari", open_in_safari(ctx, InApp::Webview, Flavor::Amp, t)))
                (section("qr", qr_section(ctx, &first.other, Flavor::Amp, t)))
                (section("ios_only", ios_only(ctx, &first.other, Flavor::Amp, t)))
                (section("os_too_old", blocked(ctx, Blocker::OsTooOld { needs: OsVersion::new(0, 0), has: OsVersion::new(0, 0) }, t)))
                (section("ipad_only", blocked(ctx, Blocker::IpadOnlyOnIphone, t)))
            }
        }
        (section("preview", preview(ctx)))
    }
}

fn release_document(
    ctx: &ReleaseContext<'_>,
    view: &ReleaseView,
    flavor: Flavor,
    lead: Markup,
) -> String {
    let r = ctx.release;
    let app = &r.app;
    let devices = runs_on(view);
    let head = Head {
        title: format!("{} {}", app.title, app.version),
        description: format!(
            "Install {} {} ({}) on your {}. {}.",
            app.title,
            app.version,
            app.build,
            devices,
            format::size(r.size)
        ),
        canonical: Some(&ctx.urls.page),
        // An empty AMP URL: the page must not announce an AMP variant (see ReleaseUrls::amp).
        amp: Some(ctx.urls.amp.as_str()).filter(|u| !u.is_empty()),
        image: r.has_icon.then_some(ctx.urls.icon_large.as_str()),
        personal: flavor == Flavor::Amp,
    };
    let plain = flavor == Flavor::Plain;
    let attrs = BodyAttrs {
        page: (plain && view.lead == Lead::Install).then_some("install"),
        platform: (plain && view.touch_install).then_some("mac-or-ipad"),
    };
    let main = html! {
        (app_header(ctx, flavor, 72))
        (lead)
        @if view.lead != Lead::Preview {
            @if let (Some(days), false) = (view.expires_soon, matches!(view.lead, Lead::Blocked(_))) {
                section.card.warn {
                    p {
                        "This build's profile expires "
                        @if days == 0 { "today" } @else if days == 1 { "tomorrow" } @else { "in " (days) " days" }
                        ". After that iOS will not install it, and installed copies stop opening."
                    }
                }
            }
            (details(ctx, view))
        }
    };
    document(&head, ctx.site, flavor, attrs, main)
}

fn runs_on(view: &ReleaseView) -> &'static str {
    match (view.iphone, view.ipad) {
        (true, true) => "iPhone or iPad",
        (true, false) => "iPhone",
        (false, true) => "iPad",
        (false, false) => "device",
    }
}

/// Where the dark icon replaces the light one.
const DARK: &str = "(prefers-color-scheme: dark)";
/// Where the light icon shows when there is a dark one.
const NOT_DARK: &str = "not all and (prefers-color-scheme: dark)";

/// The icon at `size` px: the real one (with its dark look in dark mode, when the app has
/// one), or a coloured tile with the title's initial. Plain pages use `<picture>`; AMP,
/// which does not allow it, two `amp-img` that the runtime shows by their `media` (so it
/// loads only one), and that page.css shows by the same query when the runtime is absent.
fn icon(release: &Release, urls: &ReleaseUrls, flavor: Flavor, size: u32) -> Markup {
    if !release.has_icon {
        let class = format!("icon ph {}", format::hue_class(&release.app.bundle_id));
        return html! { div class=(class) aria-hidden="true" { (format::initial(&release.app.title)) } };
    }
    let dark = release.has_dark_icon();
    html! {
        @match (flavor, dark) {
            (Flavor::Plain, false) => img.icon src=(urls.icon) width=(size) height=(size) alt="";
            (Flavor::Plain, true) => picture {
                source srcset=(urls.icon_dark) media=(DARK);
                img.icon src=(urls.icon) width=(size) height=(size) alt="";
            },
            (Flavor::Amp, false) => amp-img.icon src=(urls.icon) width=(size) height=(size) layout="fixed" alt="" {}
            (Flavor::Amp, true) => {
                amp-img.icon.icon-light src=(urls.icon) width=(size) height=(size) layout="fixed" media=(NOT_DARK) alt="" {}
                amp-img.icon.icon-dark src=(urls.icon_dark) width=(size) height=(size) layout="fixed" media=(DARK) alt="" {}
            }
        }
    }
}

fn app_header(ctx: &ReleaseContext<'_>, flavor: Flavor, size: u32) -> Markup {
    let app = &ctx.release.app;
    html! {
        header.card.app {
            (icon(ctx.release, ctx.urls, flavor, size))
            div {
                h1 { (app.title) }
                p.sub { "Version " (app.version) " (" (app.build) ")" }
                p.sub { span.nw { (format::size(ctx.release.size)) } " · " span.nw { (format::date(ctx.release.created.date())) } }
            }
        }
    }
}

fn install_button(ctx: &ReleaseContext<'_>, id: &str, class: &str, label: &str) -> Markup {
    // maud escapes the `&` of the raw link to `&amp;` exactly once.
    html! { a id=(id) class=(class) href=(ctx.urls.install) { (label) " " (ctx.release.app.title) } }
}

/// A readonly field with the page link (works with no script at all) and a Copy button: the
/// plain page's script reveals and runs it; AMP runs it with `AMP`'s copy action.
fn copy_link(id: &str, url: &str, flavor: Flavor) -> Markup {
    let done = format!("{id}-copied");
    html! {
        div.row {
            input.link id=(id) type="url" readonly value=(url) aria-label="Link to this page";
            @match flavor {
                Flavor::Plain => button.btn2 type="button" data-copy=(id) hidden { "Copy" },
                Flavor::Amp => button.btn2 type="button" on=(format!("tap:{id}.copy;copy-success:{done}.show")) { "Copy" },
            }
        }
        @if flavor == Flavor::Amp { p.note.ok id=(done) hidden { "Copied. Now open Safari and paste it." } }
    }
}

fn install(ctx: &ReleaseContext<'_>, view: &ReleaseView, flavor: Flavor, fill: Fill) -> Markup {
    let profile = ctx.release.app.profile.as_ref();
    let team = profile
        .and_then(|p| p.team_name.as_deref())
        .unwrap_or("the developer");
    html! {
        @if flavor == Flavor::Plain {
            section #telegram .card.warn hidden {
                h2 { "Open this page in Safari" }
                p { "Telegram's browser cannot install apps. Tap ⋯ at the top right, choose “Open in Safari”, then tap Install there. Or copy the link below and paste it into Safari." }
            }
        }
        section.card {
            (install_button(ctx, &fill.id("install"), "btn", "Install"))
            h2.mt { "Then" }
            ol {
                li { "Tap " b { "Install" } " when iOS asks. The icon appears on your Home Screen and fills in as the app downloads." }
                @match view.signing {
                    Signing::Enterprise => {
                        li { "Before opening it the first time: " b { "Settings › General › VPN & Device Management" } ", tap " b { (team) } ", then " b { "Trust" } "." }
                        (when(fill, "restart_note", view.restart_note, html! {
                            li { "On iOS 18 and later, if the app still will not open, restart the device once." }
                        }))
                    }
                    Signing::AdHoc { devices } | Signing::Development { devices } => {
                        li { "This build installs only on the " (devices) " device" @if devices != 1 { "s" } " registered in its profile. If iOS says it cannot install it, send your device's UDID to the developer." }
                        (when(fill, "developer_mode", view.developer_mode, html! {
                            li { "iOS 16 and later: turn on " b { "Settings › Privacy & Security › Developer Mode" } " (it appears once the app is installed), restart, and confirm with your passcode." }
                        }))
                    }
                    Signing::Unknown => {
                        li { "otadrop found no provisioning profile in this build. If iOS says it cannot install it, ask the developer for an ad-hoc or enterprise build." }
                    }
                    Signing::AppStore => {}
                }
            }
            details id=(fill.id("fallback")) {
                summary { "Nothing happened?" }
                p { "Some apps' built-in browsers (Telegram, Slack, Discord and others) cannot install apps. Open this page in Safari: copy the link, open Safari, paste it into the address bar, then tap Install." }
                (copy_link(&fill.id("link"), &ctx.urls.page, flavor))
            }
        }
    }
}

/// Where an app keeps its "open in Safari" command, as far as we know it.
fn safari_hint(app: InApp) -> (&'static str, &'static str) {
    match app {
        InApp::Facebook | InApp::Messenger | InApp::Instagram => {
            ("⋯ at the top right", "Open in external browser")
        }
        InApp::Linkedin | InApp::Tiktok => ("⋯ at the top right", "Open in browser"),
        InApp::Google => ("⋯ at the bottom right", "Open in Safari"),
        InApp::Twitter => ("the share button", "Open in Safari"),
        InApp::Webview => ("⋯ or the compass icon", "Open in Safari"),
        InApp::Wechat
        | InApp::Line
        | InApp::Snapchat
        | InApp::Dingtalk
        | InApp::Qq
        | InApp::Weibo
        | InApp::Kakaotalk
        | InApp::Pinterest
        | InApp::Telegram
        | InApp::Whatsapp => ("⋯ at the top right", "Open in Safari"),
    }
}

/// How the open-in-Safari steps name an in-app browser: the app's name for the possessive
/// (`None`: an unnamed web view, "This app's"), where its menu is and what its command says.
pub(super) fn safari_words(app: InApp) -> (Option<String>, &'static str, &'static str) {
    let (menu, command) = safari_hint(app);
    let name = (app != InApp::Webview).then(|| capitalised(app.display_name()));
    (name, menu, command)
}

fn open_in_safari(ctx: &ReleaseContext<'_>, app: InApp, flavor: Flavor, fill: Fill) -> Markup {
    let (name, menu, command) = safari_words(app);
    let x_safari = ctx
        .urls
        .page
        .strip_prefix("https://")
        .map(|rest| format!("x-safari-https://{rest}"));
    html! {
        section.card {
            h2 { "Open this page in Safari to install" }
            p {
                (when(fill, "app_name", name.is_some(), html! { (value(fill, "app_name", name.as_deref().unwrap_or(""))) "'s" }))
                @match fill {
                    Fill::Now => @if name.is_none() { "This app's" },
                    Fill::Template => { (PreEscaped("{{^app_name}}")) "This app's" (PreEscaped("{{/app_name}}")) },
                }
                " built-in browser cannot install apps."
            }
            ol {
                li { "Tap " b { (value(fill, "menu", menu)) } ", then " b { "“" (value(fill, "command", command)) "”" } "." }
                li { "Or copy the link and paste it into Safari's address bar:" (copy_link(&fill.id("link"), &ctx.urls.page, flavor)) }
                li { "In Safari, tap " b { "Install" } "." }
            }
            @if let (Flavor::Plain, Some(x)) = (flavor, x_safari) {
                p { a.btn2 href=(x) { "Open in Safari" } }
            }
        }
        section.card {
            p.note { "Already in Safari, or want to try here?" }
            (install_button(ctx, &fill.id("install"), "btn", "Install"))
        }
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn qr_figure(ctx: &ReleaseContext<'_>) -> Markup {
    html! {
        @if let Some(svg) = ctx.qr_svg { (PreEscaped(svg)) }
    }
}

fn qr_section(ctx: &ReleaseContext<'_>, view: &ReleaseView, flavor: Flavor, fill: Fill) -> Markup {
    // A Mac User-Agent: a Mac, or an iPad in desktop mode (never read from `ctx.visitor`: the
    // AMP document is the same for everyone).
    let on_mac = view.touch_install;
    html! {
        section.card.qrbox {
            h2 { "Scan with the camera of your " (runs_on(view)) }
            (qr_figure(ctx))
            p.note { "Point the Camera app at the code, tap the link that appears, then tap Install." }
            p { a href=(ctx.urls.page) { (ctx.urls.page) } }
            @if on_mac || fill == Fill::Template {
                @match flavor {
                    Flavor::Plain => {
                        div #touch-install hidden {
                            p { "On this iPad?" }
                            (install_button(ctx, "install", "btn", "Install"))
                        }
                        noscript { p.note { "On an iPad? " a href=(ctx.urls.install) { "Install here" } } }
                    }
                    Flavor::Amp => (when(fill, "mac_or_ipad", on_mac, html! {
                        p.note { "On an iPad? " a href=(ctx.urls.install) { "Install here" } }
                    })),
                }
            }
        }
    }
}

fn ios_only(ctx: &ReleaseContext<'_>, view: &ReleaseView, flavor: Flavor, fill: Fill) -> Markup {
    let device = runs_on(view);
    html! {
        section.card.qrbox {
            h2 { "This app is for " (device) }
            p { (ctx.release.app.title) " is an iOS app and cannot be installed on this device. Open this page on your " (device) ", or scan the code with its camera:" }
            (qr_figure(ctx))
            (copy_link(&fill.id("link"), &ctx.urls.page, flavor))
        }
    }
}

fn preview(ctx: &ReleaseContext<'_>) -> Markup {
    let app = &ctx.release.app;
    html! {
        section.card {
            p { "Install " (app.title) " " (app.version) " over the air on iPhone and iPad." }
            p { a href=(ctx.urls.page) { "Open the install page" } }
        }
    }
}

/// Why the install cannot work. In the template, the iOS versions of `OsTooOld` are the visitor
/// JSON's `needs` and `has`.
fn blocked(ctx: &ReleaseContext<'_>, b: Blocker, fill: Fill) -> Markup {
    let app = &ctx.release.app;
    let on_this = b.is_about_the_device();
    html! {
        section.card.bad id=(fill.id("blocked")) {
            h2 {
                (app.title) " cannot be installed" @if on_this { " on this device" }
            }
            p {
                @match b {
                    Blocker::ProfileExpired(d) => { "Its provisioning profile expired on " (format::date(d)) ". iOS refuses to install it. Ask the developer for a new build." }
                    Blocker::CertificateExpired(d) => { "Its signing certificate expired on " (format::date(d)) ". iOS refuses to install or open it. Ask the developer for a new build." }
                    Blocker::AppStoreSigned => { "It is signed for the App Store, and iOS installs such builds only from the App Store or TestFlight. Ask the developer for an ad-hoc, development or enterprise build." }
                    Blocker::WrongPlatform => { "It was built for " (app.platform.as_deref().unwrap_or("another platform")) ", not for iPhone or iPad." }
                    Blocker::NoPhoneOrTablet => { "It is built for neither iPhone nor iPad." }
                    Blocker::OsTooOld { needs, has } => { "It needs iOS " (value(fill, "needs", &needs.to_string())) " or later, and this device runs iOS " (value(fill, "has", &has.to_string())) ". Update in Settings › General › Software Update, then open this page again." }
                    Blocker::IpadOnlyOnIphone => { "It is built for iPad only. Open this page on an iPad." }
                }
            }
        }
    }
}

fn details(ctx: &ReleaseContext<'_>, view: &ReleaseView) -> Markup {
    let r = ctx.release;
    let app = &r.app;
    let profile = app.profile.as_ref();
    html! {
        section.card {
            h2 { "Details" }
            dl {
                dt { "Version" } dd { (app.version) " (" (app.build) ")" }
                dt { "Bundle ID" } dd { code { (app.bundle_id) } }
                dt { "Size" } dd { (format::size(r.size)) }
                @if let Some(min) = &app.minimum_os { dt { "Requires" } dd { "iOS " (min) " or later" } }
                dt { "Runs on" } dd { (runs_on(view)) }
                dt { "Signing" } dd { (signing_text(view.signing)) }
                @if let Some(team) = profile.and_then(|p| p.team_name.as_deref()) { dt { "Team" } dd { (team) } }
                @if let Some(e) = profile.and_then(|p| p.expires) {
                    dt { "Profile expires" } dd { (format::date(e.date())) @if e <= ctx.now { " (expired)" } }
                }
                dt { "Uploaded" } dd { (format::date(r.created.date())) }
                dt { "SHA-256" } dd { code { (r.sha256) } }
            }
            @if !app.warnings.is_empty() {
                h2.mt { "Checks" }
                ul { @for w in &app.warnings { li { (w.message) } } }
            }
        }
        @if let Some(notes) = r.notes.as_deref().filter(|n| !n.trim().is_empty()) {
            section.card {
                h2 { "Release notes" }
                p.notes { (notes) }
            }
        }
    }
}

fn signing_text(s: Signing) -> String {
    match s {
        Signing::Enterprise => "Enterprise (in-house)".into(),
        Signing::AdHoc { devices } => {
            format!("Ad hoc, {devices} registered device{}", plural(devices))
        }
        Signing::Development { devices } => {
            format!(
                "Development, {devices} registered device{}",
                plural(devices)
            )
        }
        Signing::AppStore => "App Store".into(),
        Signing::Unknown => "No provisioning profile found".into(),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

// --- Front page and errors ----------------------------------------------------------------------

pub fn index(apps: &[Arc<Release>], site: &Site, signed_in: bool) -> String {
    let head = Head {
        title: "Apps".into(),
        description: "Apps to install over the air.".into(),
        canonical: None,
        amp: None,
        image: None,
        personal: false,
    };
    let main = html! {
        h1 { "Apps" }
        section.card {
            @if apps.is_empty() {
                p { "No apps yet. Publish one with " code { "otadrop publish App.ipa" } "." }
            } @else {
                ul.list {
                    @for r in apps {
                        @let urls = site.public_url.release(&r.id);
                        li {
                            a href=(site.public_url.app(&r.app.bundle_id)) {
                                (icon(r, &urls, Flavor::Plain, 48))
                                span {
                                    b { (r.app.title) }
                                    br;
                                    span.sub { (r.app.version) " (" (r.app.build) ") · " (format::date(r.created.date())) }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if signed_in { (super::forms::sign_out(site)) }
    };
    document(&head, site, Flavor::Plain, BodyAttrs::default(), main)
}

pub fn ca(site: &Site) -> String {
    let head = Head {
        title: "Trust this server".into(),
        description: "Install and trust this server's certificate on an iPhone or iPad.".into(),
        canonical: None,
        amp: None,
        image: None,
        personal: false,
    };
    let main = html! {
        section.card {
            h1 { "Trust this server on your iPhone or iPad" }
            p { "This server signs its own HTTPS certificate. iOS installs apps from it only after you install and trust that certificate, once per device." }
            ol {
                li { "In Safari on the iPhone or iPad, tap the button below, then " b { "Allow" } "." }
                li { "Open " b { "Settings" } ": tap " b { "Profile Downloaded" } " near the top (or " b { "General › VPN & Device Management" } "), tap the otadrop profile, then " b { "Install" } "." }
                li { "Open " b { "Settings › General › About › Certificate Trust Settings" } " and turn on full trust for the otadrop CA." }
                li { "Go back to the install page and tap Install." }
            }
            a.btn href=(site.public_url.join("/ca.mobileconfig")) { "Download the profile" }
            p.note { "On another device, the certificate itself: " a href=(site.public_url.join("/ca.crt")) { "ca.crt" } "." }
        }
    };
    document(&head, site, Flavor::Plain, BodyAttrs::default(), main)
}

pub fn error(status: u16, message: &str, site: &Site) -> String {
    let reason = http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Error");
    let head = Head {
        title: format!("{status} {reason}"),
        description: message.to_owned(),
        canonical: None,
        amp: None,
        image: None,
        personal: false,
    };
    let main = html! {
        section.card {
            h1 { (status) " " (reason) }
            p { (message) }
        }
    };
    document(&head, site, Flavor::Plain, BodyAttrs::default(), main)
}

#[cfg(test)]
mod tests;
