//! The maud templates. One set of components renders both flavors; where AMP differs (head,
//! images, the copy button, no script) the component takes the [`Flavor`].
//!
//! Every word a visitor reads comes from the message files of the page's language
//! ([`crate::i18n`]); the templates hold only markup.
//!
//! Everything from the IPA or the upload is inserted as text or attribute values, which maud
//! escapes. The only raw insertions are our own CSS, the AMP boilerplate and the QR SVG (built
//! from numbers only).

use std::sync::Arc;

use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::view::{
    self, Blocker, BuildAction, FirstViews, Lead, Msg, MsgArg, PreviousBuild, ReleaseView,
};
use super::{format, Flavor, ReleaseContext, Site};
use crate::client::{InApp, OsVersion};
use crate::i18n::{self, Arg, Lang};
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

/// The messages of one language, as the templates use them.
#[derive(Clone, Copy)]
pub(super) struct T(pub(super) Lang);

impl T {
    pub(super) fn t(self, id: &str) -> String {
        i18n::text(self.0, id)
    }

    pub(super) fn with(self, id: &str, args: &[(&'static str, Arg)]) -> String {
        i18n::text_with(self.0, id, args)
    }

    pub(super) fn msg(self, m: &Msg) -> String {
        let args: Vec<(&'static str, Arg)> = m
            .args
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    MsgArg::Plain(a) => a.clone(),
                    MsgArg::Date(d) => Arg::Str(i18n::format::date(self.0, *d)),
                    MsgArg::Time(t) => Arg::Str(i18n::format::date_time(self.0, *t)),
                    MsgArg::Message(id) => Arg::Str(self.t(id)),
                };
                (*k, v)
            })
            .collect();
        self.with(m.id, &args)
    }

    /// A message with its `**bold**` parts in `<b>`.
    pub(super) fn rich(self, id: &str) -> Markup {
        rich(&self.t(id))
    }

    pub(super) fn size(self, bytes: u64) -> String {
        i18n::format::size(self.0, bytes)
    }

    pub(super) fn date(self, d: time::Date) -> String {
        i18n::format::date(self.0, d)
    }
}

/// Text with `**...**` spans in bold; every part is escaped by maud.
fn rich(s: &str) -> Markup {
    html! {
        @for (i, part) in s.split("**").enumerate() {
            @if i % 2 == 1 { b { (part) } } @else { (part) }
        }
    }
}

/// What goes into `<head>` besides the fixed parts.
pub(super) struct Head<'a> {
    pub(super) title: String,
    pub(super) description: String,
    /// The plain page's URL: `og:url`, and AMP's `rel=canonical`.
    pub(super) canonical: Option<String>,
    /// The AMP page's URL, for the plain page's `rel=amphtml`.
    pub(super) amp: Option<String>,
    /// An absolute PNG URL for `og:image`.
    pub(super) image: Option<&'a str>,
    /// The AMP document has a personal part (loads `amp-render` and `amp-mustache`).
    pub(super) personal: bool,
    /// A plain page's own script and extra CSS instead of the landing pages' (the console's).
    pub(super) own: Option<OwnAssets>,
}

impl Head<'_> {
    /// The head of a page with no AMP version, no image and the landing pages' assets: the
    /// front page, the forms, the console, error pages.
    pub(super) fn plain(title: String, description: String) -> Head<'static> {
        Head {
            title,
            description,
            canonical: None,
            amp: None,
            image: None,
            personal: false,
            own: None,
        }
    }
}

/// A plain page's own script (a path under `/static/`) and the CSS added to the common one.
#[derive(Clone, Copy)]
pub(super) struct OwnAssets {
    pub(super) script: &'static str,
    pub(super) css: &'static str,
}

/// The same page in each language: `rel=alternate hreflang` links and the footer's list.
pub(super) struct Languages {
    current: Lang,
    /// The page for a visitor of no particular language (`hreflang="x-default"`).
    x_default: Option<String>,
    /// (language, URL of this page in it), every language.
    urls: Vec<(Lang, String)>,
}

impl Languages {
    /// A page with no other language versions (no list, no `hreflang` links).
    pub(super) fn only(current: Lang) -> Languages {
        Languages {
            current,
            x_default: None,
            urls: vec![],
        }
    }

    /// A plain page at `url`: `?lang=` picks the language, and without it the browser's.
    pub(super) fn by_query(url: &str, current: Lang) -> Languages {
        Languages {
            current,
            x_default: Some(url.to_string()),
            urls: Lang::ALL
                .iter()
                .map(|l| (*l, format!("{url}?lang={}", l.tag())))
                .collect(),
        }
    }
}

/// A plain page with [`Head::plain`] and the default body: `main` under the common frame.
pub(super) fn plain_document(
    title: String,
    description: String,
    site: &Site,
    langs: &Languages,
    main: Markup,
) -> String {
    let head = Head::plain(title, description);
    document(
        &head,
        site,
        Flavor::Plain,
        BodyAttrs::default(),
        langs,
        main,
    )
}

pub(super) fn document(
    head: &Head<'_>,
    site: &Site,
    flavor: Flavor,
    body_attrs: BodyAttrs,
    langs: &Languages,
    main: Markup,
) -> String {
    let amp = flavor == Flavor::Amp;
    let t = T(langs.current);
    html! {
        (DOCTYPE)
        html lang=(langs.current.tag()) amp[amp] {
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
                meta property="og:locale" content=(langs.current.tag().replace('-', "_"));
                meta name="twitter:card" content="summary";
                meta name="twitter:title" content=(head.title);
                meta name="twitter:description" content=(head.description);
                @if let Some(url) = &head.canonical {
                    meta property="og:url" content=(url);
                }
                @if let Some(img) = head.image {
                    meta property="og:image" content=(img);
                    meta property="og:image:type" content="image/png";
                    meta property="og:image:width" content="512";
                    meta property="og:image:height" content="512";
                    meta name="twitter:image" content=(img);
                }
                @for (lang, url) in &langs.urls {
                    link rel="alternate" hreflang=(lang.tag()) href=(url);
                }
                @if let (Some(url), false) = (&langs.x_default, langs.urls.is_empty()) {
                    link rel="alternate" hreflang="x-default" href=(url);
                }
                @if amp {
                    @if let Some(url) = &head.canonical { link rel="canonical" href=(url); }
                    style amp-boilerplate { (PreEscaped(AMP_BOILERPLATE)) }
                    noscript { style amp-boilerplate { (PreEscaped(AMP_NOSCRIPT)) } }
                    style amp-custom { (PreEscaped(CSS)) }
                } @else {
                    @if let Some(url) = &head.amp { link rel="amphtml" href=(url); }
                    @match head.own {
                        None => {
                            style { (PreEscaped(CSS)) }
                            script src=(site.public_url.join("/static/otadrop.js")) defer {}
                        }
                        Some(own) => {
                            style { (PreEscaped(CSS)) (PreEscaped(own.css)) }
                            script src=(site.public_url.join(own.script)) defer {}
                        }
                    }
                }
            }
            body data-page=[body_attrs.page] data-platform=[body_attrs.platform] {
                main { (main) }
                (footer(site, t, langs))
            }
        }
    }
    .into_string()
}

/// `data-*` hooks for the plain page's script (never set on AMP pages).
#[derive(Default)]
pub(super) struct BodyAttrs {
    pub(super) page: Option<&'static str>,
    pub(super) platform: Option<&'static str>,
}

fn footer(site: &Site, t: T, langs: &Languages) -> Markup {
    html! {
        footer {
            @if site.own_ca {
                a href=(site.public_url.join("/ca")) { (t.t("footer-ca")) }
                br;
            }
            a href=(site.public_url.join("/")) { (t.t("footer-all-apps")) }
            @if !langs.urls.is_empty() {
                nav.langs aria-label=(t.t("footer-languages")) {
                    @for (lang, url) in &langs.urls {
                        @let name = i18n::text(*lang, "language-name");
                        @if *lang == langs.current {
                            b lang=(lang.tag()) { (name) }
                        } @else {
                            a href=(url) hreflang=(lang.tag()) lang=(lang.tag()) { (name) }
                        }
                        " "
                    }
                }
            }
        }
    }
}

// --- Release pages ----------------------------------------------------------------------------

/// The AMP page of a release in `lang`: the default language at `/r/<id>/amp`, the others at
/// `/r/<id>/amp/<lang>`, so that each is one cacheable document.
pub fn amp_url(ctx: &ReleaseContext<'_>, lang: Lang) -> String {
    if lang == ctx.site.default_lang {
        ctx.urls.amp.clone()
    } else {
        format!("{}/{}", ctx.urls.amp, lang.tag())
    }
}

/// The plain page of a release in `lang` (no `?lang=` for the default language).
fn page_url(ctx: &ReleaseContext<'_>, lang: Lang) -> String {
    if lang == ctx.site.default_lang {
        ctx.urls.page.clone()
    } else {
        format!("{}?lang={}", ctx.urls.page, lang.tag())
    }
}

/// What a lead section is drawn with: the release, the messages, the document's flavor and who
/// the visitor-dependent parts are for.
#[derive(Clone, Copy)]
struct Draw<'c, 'a> {
    ctx: &'c ReleaseContext<'a>,
    t: T,
    flavor: Flavor,
    fill: Fill,
}

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

    /// A message argument: its value now, or the mustache variable `key` (the template).
    /// Message text is escaped by maud, which leaves `{{key}}` as it is.
    fn arg(self, key: &str, now: impl Into<Arg>) -> Arg {
        match self {
            Fill::Now => now.into(),
            Fill::Template => Arg::Str(format!("{{{{{key}}}}}")),
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

/// The plain page: for this visitor, rendered on the server.
pub fn release_plain(ctx: &ReleaseContext<'_>, view: &ReleaseView) -> String {
    release_plain_with(ctx, view, &[])
}

/// The plain page with "Previous builds" under it (the app page).
pub fn release_plain_with(
    ctx: &ReleaseContext<'_>,
    view: &ReleaseView,
    previous: &[PreviousBuild<'_>],
) -> String {
    let lead = lead(ctx, view, Flavor::Plain, Fill::Now);
    release_document(ctx, view, Flavor::Plain, lead, previous)
}

/// The AMP document: the same for every visitor of its language (it never reads
/// `ctx.visitor`). Two first views chosen by CSS, shown with no script at all and until the
/// personal part has loaded; then the personal part, rendered by `amp-mustache` from the
/// visitor JSON that `amp-render` fetches, in the document's language (`?lang=`).
pub fn release_amp(ctx: &ReleaseContext<'_>) -> String {
    release_amp_with(ctx, &[])
}

/// The AMP document with "Previous builds" under it (the app page).
pub fn release_amp_with(ctx: &ReleaseContext<'_>, previous: &[PreviousBuild<'_>]) -> String {
    let first = view::first_views(ctx.release, ctx.now);
    // AMP fetches only over https: with an http public URL (a test setup; iOS installs need
    // https anyway) the page names the endpoint by its path, which keeps it valid AMP.
    let public = &ctx.site.public_url;
    let endpoint = match ctx.urls.visitor.strip_prefix(public.origin()) {
        Some(path) if !public.is_https() => path,
        _ => ctx.urls.visitor.as_str(),
    };
    let src = format!("{endpoint}?lang={}", ctx.lang.tag());
    let personal = html! {
        amp-render layout="container" src=(src) binding="no" {
            template type="amp-mustache" { (personal_template(ctx, &first)) }
            div placeholder {
                div.on-ios { (lead(ctx, &first.ios, Flavor::Amp, Fill::Now)) }
                div.off-ios { (lead(ctx, &first.other, Flavor::Amp, Fill::Now)) }
            }
        }
    };
    release_document(ctx, &first.ios, Flavor::Amp, personal, previous)
}

/// The lead section(s) for one view.
fn lead(ctx: &ReleaseContext<'_>, view: &ReleaseView, flavor: Flavor, fill: Fill) -> Markup {
    let t = T(ctx.lang);
    let d = Draw {
        ctx,
        t,
        flavor,
        fill,
    };
    match view.lead {
        Lead::Preview => preview(ctx, t),
        Lead::Install => install(d, view),
        Lead::OpenInSafari(in_app) => open_in_safari(d, in_app),
        Lead::Qr => qr_section(d, view),
        Lead::IosOnly => ios_only(d, view),
        Lead::Blocked(b) => blocked(ctx, t, b, fill),
    }
}

/// The AMP document's personal part: every lead the visitor JSON can pick, each in the mustache
/// section of its name. `first.ios` and `first.other` carry what does not depend on the visitor
/// (signing, device families); a build that cannot install leaves only the reason and the preview.
fn personal_template(ctx: &ReleaseContext<'_>, first: &FirstViews) -> Markup {
    let f = Fill::Template;
    let t = T(ctx.lang);
    let d = Draw {
        ctx,
        t,
        flavor: Flavor::Amp,
        fill: f,
    };
    html! {
        @match view::build_problem(ctx.release, ctx.now) {
            Some(b) => (section("blocked", blocked(ctx, t, b, f))),
            None => {
                (section("install", install(d, &first.ios)))
                (section("open_in_safari", open_in_safari(d, InApp::Webview)))
                (section("qr", qr_section(d, &first.other)))
                (section("ios_only", ios_only(d, &first.other)))
                (section("os_too_old", blocked(ctx, t, Blocker::OsTooOld { needs: OsVersion::new(0, 0), has: OsVersion::new(0, 0) }, f)))
                (section("ipad_only", blocked(ctx, t, Blocker::IpadOnlyOnIphone, f)))
            }
        }
        (section("preview", preview(ctx, t)))
    }
}

fn release_document(
    ctx: &ReleaseContext<'_>,
    view: &ReleaseView,
    flavor: Flavor,
    lead: Markup,
    previous: &[PreviousBuild<'_>],
) -> String {
    let t = T(ctx.lang);
    let r = ctx.release;
    let app = &r.app;
    let devices = runs_on(t, view);
    let head = Head {
        title: format!("{} {}", app.title, app.version),
        description: t.with(
            "page-description",
            &[
                ("title", app.title.as_str().into()),
                ("version", app.version.as_str().into()),
                ("build", app.build.as_str().into()),
                ("devices", devices.into()),
                ("size", t.size(r.size).into()),
            ],
        ),
        canonical: Some(page_url(ctx, ctx.lang)),
        // An empty AMP URL: the page must not announce an AMP variant (see ReleaseUrls::amp).
        amp: Some(amp_url(ctx, ctx.lang)).filter(|_| !ctx.urls.amp.is_empty()),
        image: r.has_icon.then_some(ctx.urls.icon_large.as_str()),
        personal: flavor == Flavor::Amp,
        own: None,
    };
    let plain = flavor == Flavor::Plain;
    let attrs = BodyAttrs {
        page: (plain && view.lead == Lead::Install).then_some("install"),
        platform: (plain && view.touch_install).then_some("mac-or-ipad"),
    };
    // A link preview (a bot) gets no language list: it shows none of the page's body.
    let languages = if view.lead == Lead::Preview {
        &[][..]
    } else {
        &Lang::ALL[..]
    };
    let langs = Languages {
        current: ctx.lang,
        x_default: Some(match flavor {
            Flavor::Plain => ctx.urls.page.clone(),
            Flavor::Amp => ctx.urls.amp.clone(),
        }),
        urls: languages
            .iter()
            .map(|l| {
                let url = match flavor {
                    Flavor::Plain => format!("{}?lang={}", ctx.urls.page, l.tag()),
                    Flavor::Amp => amp_url(ctx, *l),
                };
                (*l, url)
            })
            .collect(),
    };
    let main = html! {
        (app_header(ctx, t, flavor, 72))
        (lead)
        @if view.lead != Lead::Preview {
            @if let Some(m) = view.expiry_warning() {
                section.card.warn { p { (t.msg(&m)) } }
            }
            (details(ctx, t, view))
            @if !previous.is_empty() {
                (previous_builds(ctx, t, previous))
            }
        }
    };
    document(&head, ctx.site, flavor, attrs, &langs, main)
}

fn runs_on(t: T, view: &ReleaseView) -> String {
    t.t(match (view.iphone, view.ipad) {
        (true, true) => "runs-on-both",
        (true, false) => "runs-on-iphone",
        (false, true) => "runs-on-ipad",
        (false, false) => "runs-on-none",
    })
}

/// Where the dark icon replaces the light one.
const DARK: &str = "(prefers-color-scheme: dark)";
/// Where the light icon shows when there is a dark one.
const NOT_DARK: &str = "not all and (prefers-color-scheme: dark)";

/// The icon at `size` px: the real one (with its dark look in dark mode, when the app has
/// one), or a coloured tile with the title's initial. Plain pages use `<picture>`; AMP,
/// which does not allow it, two `amp-img` that the runtime shows by their `media` (so it
/// loads only one), and that page.css shows by the same query when the runtime is absent.
pub(super) fn icon(release: &Release, urls: &ReleaseUrls, flavor: Flavor, size: u32) -> Markup {
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

fn app_header(ctx: &ReleaseContext<'_>, t: T, flavor: Flavor, size: u32) -> Markup {
    let app = &ctx.release.app;
    let version = t.with(
        "version-line",
        &[
            ("version", app.version.as_str().into()),
            ("build", app.build.as_str().into()),
        ],
    );
    html! {
        header.card.app {
            (icon(ctx.release, ctx.urls, flavor, size))
            div {
                h1 { (app.title) }
                p.sub { (version) }
                p.sub { span.nw { (t.size(ctx.release.size)) } " · " span.nw { (t.date(ctx.release.created.date())) } }
            }
        }
    }
}

fn install_button(ctx: &ReleaseContext<'_>, t: T, id: &str, class: &str) -> Markup {
    let label = t.with(
        "install-button",
        &[("title", ctx.release.app.title.as_str().into())],
    );
    // maud escapes the `&` of the raw link to `&amp;` exactly once.
    html! { a id=(id) class=(class) href=(ctx.urls.install) { (label) } }
}

/// A readonly field with the page link (works with no script at all) and a Copy button: the
/// plain page's script reveals and runs it; AMP runs it with `AMP`'s copy action.
fn copy_link(t: T, id: &str, url: &str, flavor: Flavor) -> Markup {
    let done = format!("{id}-copied");
    html! {
        div.row {
            input.link id=(id) type="url" readonly value=(url) aria-label=(t.t("copy-link-label"));
            @match flavor {
                Flavor::Plain => button.btn2 type="button" data-copy=(id) data-copied=(t.t("copied")) data-copy-failed=(t.t("copy-failed")) hidden { (t.t("copy")) },
                Flavor::Amp => button.btn2 type="button" on=(format!("tap:{id}.copy;copy-success:{done}.show")) { (t.t("copy")) },
            }
        }
        @if flavor == Flavor::Amp { p.note.ok id=(done) hidden { (t.t("copied-paste")) } }
    }
}

fn install(d: Draw<'_, '_>, view: &ReleaseView) -> Markup {
    let (ctx, t) = (d.ctx, d.t);
    let team = ctx
        .release
        .app
        .profile
        .as_ref()
        .and_then(|p| p.team_name.as_deref());
    html! {
        @if d.flavor == Flavor::Plain {
            section #telegram .card.warn hidden {
                h2 { (t.t("telegram-heading")) }
                p { (t.t("telegram-body")) }
            }
        }
        section.card {
            (install_button(ctx, t, &d.fill.id("install"), "btn"))
            h2.mt { (t.t("steps-then")) }
            ol {
                @for step in view.install_steps(team) {
                    @let item = html! { li { (rich(&t.msg(&step.msg))) } };
                    @match step.when {
                        None => (item),
                        Some((key, holds)) => (when(d.fill, key, holds, item)),
                    }
                }
            }
            details id=(d.fill.id("fallback")) {
                summary { (t.t("fallback-summary")) }
                p { (t.t("fallback-body")) }
                (copy_link(t, &d.fill.id("link"), &ctx.urls.page, d.flavor))
            }
        }
    }
}

/// How the open-in-Safari steps name an in-app browser in `lang`: the app's name (`None`: an
/// unnamed web view, "This app's"), where its menu is and what its command says. The visitor
/// JSON carries these for the AMP template.
pub(super) fn safari_words(app: InApp, lang: Lang) -> (Option<String>, String, String) {
    let t = T(lang);
    let name = match view::cannot_install_here(app).args.first() {
        Some((_, MsgArg::Message(id))) => Some(t.t(id)),
        Some((_, MsgArg::Plain(Arg::Str(name)))) => Some(name.clone()),
        _ => None,
    };
    let step = view::safari_step(app);
    let word = |i: usize| match step.args.get(i) {
        Some((_, MsgArg::Message(id))) => t.t(id),
        _ => String::new(),
    };
    (name, word(0), word(1))
}

fn open_in_safari(d: Draw<'_, '_>, app: InApp) -> Markup {
    let (ctx, t) = (d.ctx, d.t);
    let (name, menu, command) = safari_words(app, t.0);
    let x_safari = ctx
        .urls
        .page
        .strip_prefix("https://")
        .map(|rest| format!("x-safari-https://{rest}"));
    let named = t.with(
        "safari-cannot-named",
        &[(
            "app",
            d.fill.arg("app_name", name.clone().unwrap_or_default()),
        )],
    );
    let generic = t.t("safari-cannot-generic");
    let menu_step = t.with(
        "safari-step-menu",
        &[
            ("menu", d.fill.arg("menu", menu)),
            ("command", d.fill.arg("command", command)),
        ],
    );
    html! {
        section.card {
            h2 { (t.t("safari-heading")) }
            p {
                (when(d.fill, "app_name", name.is_some(), html! { (named) }))
                @match d.fill {
                    Fill::Now => @if name.is_none() { (generic) },
                    Fill::Template => { (PreEscaped("{{^app_name}}")) (generic) (PreEscaped("{{/app_name}}")) },
                }
            }
            ol {
                li { (rich(&menu_step)) }
                li { (t.t("safari-step-copy")) (copy_link(t, &d.fill.id("link"), &ctx.urls.page, d.flavor)) }
                li { (t.rich("safari-step-install")) }
            }
            @if let (Flavor::Plain, Some(x)) = (d.flavor, x_safari) {
                p { a.btn2 href=(x) { (t.t("safari-open-button")) } }
            }
        }
        section.card {
            p.note { (t.t("safari-already")) }
            (install_button(ctx, t, &d.fill.id("install"), "btn"))
        }
    }
}

fn qr_figure(ctx: &ReleaseContext<'_>) -> Markup {
    html! {
        @if let Some(svg) = ctx.qr_svg { (PreEscaped(svg)) }
    }
}

fn qr_section(d: Draw<'_, '_>, view: &ReleaseView) -> Markup {
    let (ctx, t) = (d.ctx, d.t);
    // A Mac User-Agent: a Mac, or an iPad in desktop mode (never read from `ctx.visitor`: the
    // AMP document is the same for everyone).
    let on_mac = view.touch_install;
    html! {
        section.card.qrbox {
            h2 { (t.with("qr-heading", &[("devices", runs_on(t, view).into())])) }
            (qr_figure(ctx))
            p.note { (t.t("qr-note")) }
            p { a href=(ctx.urls.page) { (ctx.urls.page) } }
            @if on_mac || d.fill == Fill::Template {
                @match d.flavor {
                    Flavor::Plain => {
                        div #touch-install hidden {
                            p { (t.t("qr-on-this-ipad")) }
                            (install_button(ctx, t, "install", "btn"))
                        }
                        noscript { p.note { (t.t("qr-on-an-ipad")) " " a href=(ctx.urls.install) { (t.t("qr-install-here")) } } }
                    }
                    Flavor::Amp => (when(d.fill, "mac_or_ipad", on_mac, html! {
                        p.note { (t.t("qr-on-an-ipad")) " " a href=(ctx.urls.install) { (t.t("qr-install-here")) } }
                    })),
                }
            }
        }
    }
}

fn ios_only(d: Draw<'_, '_>, view: &ReleaseView) -> Markup {
    let (ctx, t) = (d.ctx, d.t);
    let device = runs_on(t, view);
    html! {
        section.card.qrbox {
            h2 { (t.with("ios-only-heading", &[("devices", device.clone().into())])) }
            p { (t.with("ios-only-body", &[("title", ctx.release.app.title.as_str().into()), ("devices", device.into())])) }
            (qr_figure(ctx))
            (copy_link(t, &d.fill.id("link"), &ctx.urls.page, d.flavor))
        }
    }
}

fn preview(ctx: &ReleaseContext<'_>, t: T) -> Markup {
    let app = &ctx.release.app;
    html! {
        section.card {
            p { (t.with("preview-body", &[("title", app.title.as_str().into()), ("version", app.version.as_str().into())])) }
            p { a href=(ctx.urls.page) { (t.t("preview-link")) } }
        }
    }
}

/// Why the install cannot work. In the template, the iOS versions of `OsTooOld` are the visitor
/// JSON's `needs` and `has`.
fn blocked(ctx: &ReleaseContext<'_>, t: T, b: Blocker, fill: Fill) -> Markup {
    let app = &ctx.release.app;
    let mut why = b.message(app.platform.as_deref());
    if fill == Fill::Template {
        for (key, arg) in why.args.iter_mut() {
            if matches!(*key, "needs" | "has") {
                *arg = MsgArg::Plain(fill.arg(key, ""));
            }
        }
    }
    let heading = if b.is_about_the_device() {
        "blocked-heading-device"
    } else {
        "blocked-heading"
    };
    html! {
        section.card.bad id=(fill.id("blocked")) {
            h2 { (t.with(heading, &[("title", app.title.as_str().into())])) }
            p { (rich(&t.msg(&why))) }
        }
    }
}

fn details(ctx: &ReleaseContext<'_>, t: T, view: &ReleaseView) -> Markup {
    let r = ctx.release;
    let app = &r.app;
    let profile = app.profile.as_ref();
    let version = format!("{} ({})", app.version, app.build);
    html! {
        section.card {
            h2 { (t.t("details")) }
            dl {
                dt { (t.t("detail-version")) } dd { (version) }
                dt { (t.t("detail-bundle-id")) } dd { code { (app.bundle_id) } }
                dt { (t.t("detail-size")) } dd { (t.size(r.size)) }
                @if let Some(min) = &app.minimum_os {
                    dt { (t.t("detail-requires")) } dd { (t.with("detail-requires-value", &[("version", min.as_str().into())])) }
                }
                dt { (t.t("detail-runs-on")) } dd { (runs_on(t, view)) }
                dt { (t.t("detail-signing")) } dd { (t.msg(&view.signing.message())) }
                @if let Some(team) = profile.and_then(|p| p.team_name.as_deref()) { dt { (t.t("detail-team")) } dd { (team) } }
                @if let Some(e) = profile.and_then(|p| p.expires) {
                    dt { (t.t("detail-profile-expires")) } dd { (t.date(e.date())) @if e <= ctx.now { " " (t.t("detail-expired")) } }
                }
                dt { (t.t("detail-uploaded")) } dd { (t.date(r.created.date())) }
                dt { "SHA-256" } dd { code { (r.sha256) } }
            }
            @if !app.warnings.is_empty() {
                h2.mt { (t.t("detail-checks")) }
                ul { @for w in &app.warnings { li { (check(t, w)) } } }
            }
        }
        @if let Some(notes) = r.notes.as_deref().filter(|n| !n.trim().is_empty()) {
            section.card {
                h2 { (t.t("release-notes")) }
                (notes_html(notes))
            }
        }
    }
}

/// Release notes: Markdown rendered and sanitised to AMP-valid HTML by [`super::notes`].
pub(super) fn notes_html(markdown: &str) -> Markup {
    html! { div.notes { (PreEscaped(super::notes::to_html(markdown))) } }
}

/// The app page's earlier builds: version, date, channel, notes, and each one's own install
/// (or why it cannot install, or a link to its page where the visitor's browser cannot).
fn previous_builds(ctx: &ReleaseContext<'_>, t: T, previous: &[PreviousBuild<'_>]) -> Markup {
    html! {
        section.card #previous {
            h2 { (t.t("previous-builds")) }
            ul.builds {
                @for b in previous {
                    @let r = b.release;
                    @let urls = ctx.site.public_url.release(&r.id);
                    @let version = [("version", Arg::from(r.app.version.as_str())), ("build", Arg::from(r.app.build.as_str()))];
                    li {
                        p {
                            b { (t.with("version-line", &version)) }
                            br;
                            span.sub {
                                span.nw { (t.date(r.created.date())) }
                                @if r.channel != crate::store::channel::DEFAULT { " · " span.nw { (r.channel) } }
                                " · " span.nw { (t.size(r.size)) }
                            }
                        }
                        @if let Some(notes) = r.notes.as_deref().filter(|n| !n.trim().is_empty()) {
                            (notes_html(notes))
                        }
                        @match b.action {
                            BuildAction::Install => p { a.btn2 href=(urls.install) { (t.with("previous-install", &version)) } },
                            BuildAction::Page => p { a.btn2 href=(urls.page) { (t.with("previous-open", &version)) } },
                            BuildAction::Refused(why) => p.note.refused { (rich(&t.msg(&why.message(r.app.platform.as_deref())))) },
                        }
                    }
                }
            }
        }
    }
}

/// One of the build's checks in the page's language, by its code; the reader's own English
/// message for a code the message files do not know yet.
fn check(t: T, w: &crate::ipa::Warning) -> String {
    let id = format!("check-{}", w.code);
    if crate::ipa::warnings::ALL.contains(&w.code.as_str()) {
        t.t(&id)
    } else {
        w.message.clone()
    }
}

// --- Front page and errors ----------------------------------------------------------------------

pub fn index(apps: &[Arc<Release>], site: &Site, signed_in: bool, lang: Lang) -> String {
    let t = T(lang);
    let langs = Languages::by_query(&site.public_url.join("/"), lang);
    let main = html! {
        h1 { (t.t("index-title")) }
        section.card {
            @if apps.is_empty() {
                p { (t.with("index-empty", &[("command", "otadrop publish App.ipa".into())])) }
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
                                    span.sub { (r.app.version) " (" (r.app.build) ") · " (t.date(r.created.date())) }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if signed_in { (super::forms::sign_out(site, lang)) }
    };
    plain_document(
        t.t("index-title"),
        t.t("index-description"),
        site,
        &langs,
        main,
    )
}

pub fn ca(site: &Site, lang: Lang) -> String {
    let t = T(lang);
    let langs = Languages::by_query(&site.public_url.join("/ca"), lang);
    let main = html! {
        section.card {
            h1 { (t.t("ca-heading")) }
            p { (t.t("ca-intro")) }
            ol {
                li { (t.rich("ca-step-allow")) }
                li { (t.rich("ca-step-install")) }
                li { (t.rich("ca-step-trust")) }
                li { (t.t("ca-step-back")) }
            }
            a.btn href=(site.public_url.join("/ca.mobileconfig")) { (t.t("ca-download")) }
            p.note { (t.t("ca-other-device")) " " a href=(site.public_url.join("/ca.crt")) { "ca.crt" } }
        }
    };
    plain_document(t.t("ca-title"), t.t("ca-description"), site, &langs, main)
}

/// An error page in English with `message` as given (for callers with no message id).
pub fn error(status: u16, message: &str, site: &Site) -> String {
    error_page(status, message, site, Lang::En)
}

/// An error page in `lang` that says `words`.
pub fn error_in(status: u16, words: &Msg, site: &Site, lang: Lang) -> String {
    error_page(status, &T(lang).msg(words), site, lang)
}

fn error_page(status: u16, message: &str, site: &Site, lang: Lang) -> String {
    let t = T(lang);
    let heading = match status {
        404 => t.t("error-not-found-heading"),
        410 => t.t("error-gone-heading"),
        _ => t.with("error-heading", &[("status", Arg::Str(status.to_string()))]),
    };
    let main = html! {
        section.card {
            h1 { (status) " · " (heading) }
            p { (message) }
        }
    };
    plain_document(
        format!("{status} · {heading}"),
        message.to_owned(),
        site,
        &Languages::only(lang),
        main,
    )
}

#[cfg(test)]
mod tests;
