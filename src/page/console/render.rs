//! The console's markup. Everything works as a list without the script: the upload form,
//! the edit, share, delete, copy and revoke controls carry `js-only` and show only once
//! `/static/console.js` has marked the document (`<html class="js">`); the script finds them
//! by `data-action` and their API URL in `data-url`.
//!
//! Every word comes from the message files (`console-*`); the API's own error texts are shown
//! as the API gives them.

use maud::{html, Markup};

use super::view::{AppHistory, BuildRow, ConsoleView, LinkRow, LinkRowState, LinkTarget};
use crate::i18n::{Arg, Lang};
use crate::page::render::{document, icon, notes_html, BodyAttrs, Head, Languages, OwnAssets, T};
use crate::page::{Flavor, Site};

const CSS: &str = include_str!("console.css");
pub const SCRIPT: &str = "/static/console.js";

/// Share-link lifetimes offered, in seconds (`0`: no expiry), with their message ids.
const EXPIRIES: [(u64, &str); 4] = [
    (86_400, "console-expiry-1d"),
    (7 * 86_400, "console-expiry-7d"),
    (30 * 86_400, "console-expiry-30d"),
    (0, "console-expiry-never"),
];

/// The console page. `csrf` is the session's CSRF token that the script sends back.
pub fn page(
    view: &ConsoleView,
    site: &Site,
    lang: Lang,
    csrf: &str,
    limit: &super::UploadLimit<'_>,
) -> String {
    let t = T(lang);
    let head = Head {
        own: Some(OwnAssets {
            script: SCRIPT,
            css: CSS,
        }),
        ..Head::plain(t.t("console-title"), t.t("console-description"))
    };
    let url = site.public_url.join("/console");
    let langs = Languages::by_query(&url, lang);
    let main = html! {
        div #console data-csrf=(csrf)
            data-qr=(site.public_url.join("/console/qr/ID.svg"))
            data-max-upload=(limit.bytes)
            data-too-large=(limit.refusal)
            data-network-error=(t.t("console-network-error"))
            data-choose-file=(t.t("console-choose-file"))
            data-uploading=(t.t("console-uploading"))
            data-processing=(t.t("console-processing"))
            data-saved=(t.t("console-saved"))
            data-deleted=(t.t("console-deleted"))
            data-link-created=(t.t("console-link-created"))
            data-revoked=(t.t("console-revoked"))
            data-copied=(t.t("console-copied"))
            data-copy-failed=(t.t("console-copy-failed"))
            data-published=(t.t("console-published")) {
            header.top {
                h1 { (t.t("console-title")) }
                nav.actions {
                    a.btn2 href=(site.public_url.join("/")) { (t.t("console-all-apps")) }
                    (crate::page::forms::sign_out(site, lang))
                }
            }
            (upload(site, t))
            p #status .status role="status" aria-live="polite" tabindex="-1" {}
            (apps(view, site, t))
            (links(view, site, t))
        }
    };
    let attrs = BodyAttrs {
        page: Some("console"),
        ..Default::default()
    };
    document(&head, site, Flavor::Plain, attrs, &langs, main)
}

fn upload(site: &Site, t: T) -> Markup {
    html! {
        section.card #upload aria-labelledby="upload-h" {
            h2 #upload-h { (t.t("console-upload-heading")) }
            noscript { p.note { (t.t("console-no-script")) } }
            form.js-only #upload-form data-action="upload" data-url=(site.public_url.join("/api/releases")) {
                label.drop #drop for="ipa" {
                    span { (t.t("console-drop")) }
                    input #ipa name="ipa" type="file" accept=".ipa,application/octet-stream" required;
                }
                label for="notes" { (t.t("console-notes")) }
                textarea.field #notes name="notes" rows="3" {}
                label for="channel" { (t.t("console-channel")) }
                input.field #channel name="channel" type="text" placeholder="default" autocomplete="off" spellcheck="false" aria-describedby="channel-hint";
                p.note #channel-hint { (t.t("console-channel-hint")) }
                button.btn #upload-button type="submit" { (t.t("console-upload")) }
                div #progress-box hidden {
                    label for="progress" #progress-label { (t.t("console-uploading")) }
                    progress #progress max="100" value="0" {}
                }
                p.warn #upload-error role="alert" hidden {}
            }
            div #result hidden tabindex="-1" {
                p #result-text {}
                p { a #result-link href="" {} }
                img #result-qr .qr src="data:," alt=(t.t("console-qr-alt")) width="220" height="220";
            }
        }
    }
}

fn apps(view: &ConsoleView, site: &Site, t: T) -> Markup {
    html! {
        section #apps aria-labelledby="apps-h" {
            h2 #apps-h { (t.t("console-apps-heading")) }
            @if view.apps.is_empty() {
                p.card { (t.t("console-no-apps")) }
            }
            @for app in &view.apps { (app_history(app, site, t)) }
        }
    }
}

fn app_history(app: &AppHistory, site: &Site, t: T) -> Markup {
    let newest = &app.builds[0].release;
    let urls = site.public_url.release(&newest.id);
    let encoded =
        percent_encoding::utf8_percent_encode(&app.bundle_id, percent_encoding::NON_ALPHANUMERIC);
    let share_url = site.public_url.join(&format!("/api/apps/{encoded}/links"));
    let key = format!("app-{}", newest.id);
    html! {
        article.card.history aria-labelledby=(format!("{key}-h")) {
            header.app {
                (icon(newest, &urls, Flavor::Plain, 48))
                div {
                    h3 #(format!("{key}-h")) { (app.title) }
                    p.sub { code { (app.bundle_id) } " · " (t.with("console-build-count", &[("count", Arg::from(app.builds.len()))])) }
                    p.sub { a href=(site.public_url.app(&app.bundle_id)) { (t.t("console-app-page")) } }
                }
            }
            (share_form(t, &key, &share_url, "console-share-app"))
            ol.builds {
                @for b in &app.builds { (build(b, site, t)) }
            }
        }
    }
}

fn build(b: &BuildRow, site: &Site, t: T) -> Markup {
    let r = &b.release;
    let id = r.id.as_str();
    let api = site.public_url.join(&format!("/api/releases/{id}"));
    let urls = site.public_url.release(&r.id);
    let version = t.with(
        "version-line",
        &[
            ("version", r.app.version.as_str().into()),
            ("build", r.app.build.as_str().into()),
        ],
    );
    let confirm = t.with(
        "console-delete-confirm",
        &[
            ("title", r.app.title.as_str().into()),
            ("version", r.app.version.as_str().into()),
            ("build", r.app.build.as_str().into()),
        ],
    );
    let notes = r.notes.as_deref().filter(|n| !n.trim().is_empty());
    html! {
        li #(format!("b-{id}")) {
            p.vline {
                a href=(urls.page) { b { (version) } }
                " " span.chip { (r.channel) }
            }
            dl.meta {
                dt { (t.t("detail-uploaded")) } dd { (t.date(r.created.date())) }
                dt { (t.t("detail-size")) } dd { (t.size(r.size)) }
                dt { (t.t("detail-signing")) }
                dd {
                    (t.t(b.signing.message()))
                    @if let Some(e) = b.expires {
                        @let date = [("date", Arg::from(t.date(e.date)))];
                        @if e.passed {
                            ", " span.refused { (t.with("console-expired", &date)) }
                        } @else {
                            ", " (t.with("console-expires", &date))
                        }
                    }
                }
                dt { (t.t("console-installs")) } dd.installs { (b.installs.total) }
            }
            @if b.installs.total > 0 {
                details.counts {
                    summary { (t.t("console-installs-details")) }
                    p { b { (t.t("console-installs-by-ios")) } br;
                        @for (i, (v, n)) in b.installs.by_ios.iter().enumerate() {
                            @if i > 0 { ", " } span.nw { "iOS " (v) ": " (n) }
                        }
                    }
                    p { b { (t.t("console-installs-by-model")) } br;
                        @for (i, (m, n)) in b.installs.by_model.iter().enumerate() {
                            @if i > 0 { ", " } span.nw { (m) ": " (n) }
                        }
                    }
                }
            }
            div.notes-box #(format!("notes-{id}")) {
                @match notes {
                    Some(n) => (notes_html(n)),
                    None => p.note { (t.t("console-no-notes")) },
                }
            }
            form.edit #(format!("edit-form-{id}")) data-action="notes" data-url=(api) hidden {
                label for=(format!("edit-{id}-text")) { (t.t("console-notes")) }
                textarea.field #(format!("edit-{id}-text")) name="notes" rows="4" { (notes.unwrap_or_default()) }
                div.actions {
                    button.btn2 type="submit" { (t.t("console-save")) }
                    button.btn2 type="button" data-action="cancel-edit" data-for=(id) { (t.t("console-cancel")) }
                }
            }
            div.actions.js-only {
                button.btn2 #(format!("edit-{id}")) type="button" data-action="edit" data-for=(id) aria-expanded="false" aria-controls=(format!("edit-form-{id}")) { (t.t("console-edit-notes")) }
                button.btn2.danger #(format!("delete-{id}")) type="button" data-action="delete" data-url=(api) data-confirm=(confirm) { (t.t("console-delete")) }
            }
            (share_form(t, &format!("share-{id}"), &format!("{api}/links"), "console-share"))
        }
    }
}

/// A form that creates a share link at `url` with a lifetime picked from [`EXPIRIES`].
fn share_form(t: T, key: &str, url: &str, button: &str) -> Markup {
    html! {
        form.share.js-only data-action="share" data-url=(url) {
            label for=(format!("{key}-exp")) { (t.t("console-expires-in")) }
            select.field #(format!("{key}-exp")) name="expires_in" {
                @for (secs, msg) in EXPIRIES {
                    option value=(secs) selected[secs == 7 * 86_400] { (t.t(msg)) }
                }
            }
            button.btn2 #(key) type="submit" { (t.t(button)) }
        }
    }
}

fn links(view: &ConsoleView, site: &Site, t: T) -> Markup {
    html! {
        section.card #links aria-labelledby="links-h" {
            h2 #links-h { (t.t("console-links-heading")) }
            @if view.links.is_empty() {
                p.note { (t.t("console-no-links")) }
            }
            ul.builds {
                @for l in &view.links { (link(l, site, t)) }
            }
        }
    }
}

fn link(l: &LinkRow, site: &Site, t: T) -> Markup {
    let what = match &l.target {
        LinkTarget::Release {
            title,
            version,
            build,
        } => t.with(
            "console-link-build",
            &[
                ("title", title.as_str().into()),
                ("version", version.as_str().into()),
                ("build", build.as_str().into()),
            ],
        ),
        LinkTarget::App {
            title,
            channel: None,
        } => t.with("console-link-app", &[("title", title.as_str().into())]),
        LinkTarget::App {
            title,
            channel: Some(c),
        } => t.with(
            "console-link-channel",
            &[
                ("title", title.as_str().into()),
                ("channel", c.as_str().into()),
            ],
        ),
        LinkTarget::Gone => t.t("console-link-gone"),
    };
    let state = match l.state {
        LinkRowState::Live { until: Some(d) } => {
            t.with("console-link-live", &[("date", t.date(d).into())])
        }
        LinkRowState::Live { until: None } => t.t("console-link-live-forever"),
        LinkRowState::Expired(d) => t.with("console-link-expired", &[("date", t.date(d).into())]),
        LinkRowState::Revoked(d) => t.with("console-link-revoked", &[("date", t.date(d).into())]),
    };
    let field = format!("link-{}", l.id);
    html! {
        li.link-row.gone[!l.state.is_live()] {
            p { b { (what) } br; span.sub { (state) @if l.password { " · " (t.t("console-link-password")) } } }
            @if let Some(n) = &l.note { p.note { (n) } }
            @if l.state.is_live() {
                label.sr for=(field) { (t.t("console-link-url")) }
                div.row {
                    input.link #(field) type="text" readonly value=(l.url);
                    button.btn2.js-only #(format!("copy-{}", l.id)) type="button" data-action="copy" data-for=(field) { (t.t("console-copy")) }
                }
                div.actions.js-only {
                    button.btn2.danger #(format!("revoke-{}", l.id)) type="button" data-action="revoke" data-url=(site.public_url.join(&format!("/api/links/{}", l.id))) { (t.t("console-revoke")) }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
