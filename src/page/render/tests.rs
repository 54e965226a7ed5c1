//! Key content of each page kind, escaping, links between flavors, and the size budget.
//! (AMP validity and real-browser checks are in `tests/pages.rs` and `tests/browser.rs`.)

use std::io::Write;

use time::macros::datetime;

use crate::client::detect;
use crate::i18n::Lang;
use crate::ipa::ProfileType;
use crate::page::testing::{release, SAFARI_17, WECHAT};
use crate::page::{error_page, index_page, release_page, Flavor, ReleaseContext, Site};
use crate::store::Release;
use crate::urls::PublicUrl;

const MAC: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15";
const WINDOWS: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36";
const ANDROID: &str = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36";
const BOT: &str = "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)";

fn site(own_ca: bool) -> Site {
    Site {
        public_url: PublicUrl::parse("https://ota.example.com").unwrap(),
        own_ca,
        default_lang: Lang::En,
    }
}

fn render(r: &Release, ua: &str, flavor: Flavor) -> String {
    ctx_render(r, ua, |ctx| release_page(ctx, flavor))
}

/// The page of the enterprise build, as `ua` gets it.
fn enterprise_page(ua: &str, flavor: Flavor) -> String {
    render(&release(Some(ProfileType::Enterprise)), ua, flavor)
}

const INSTALL_HREF: &str = "href=\"itms-services://?action=download-manifest&amp;url=https%3A%2F%2Fota.example.com%2Fr%2F01jd5x0000000000000000000a%2Fmanifest.plist\"";

#[test]
fn the_install_link_is_escaped_exactly_once() {
    for flavor in [Flavor::Plain, Flavor::Amp] {
        let html = enterprise_page(SAFARI_17, flavor);
        assert!(html.contains(INSTALL_HREF), "{html}");
        assert!(!html.contains("&amp;amp;"));
        assert!(!html.contains("download-manifest&url"));
    }
}

#[test]
fn install_page_leads_with_the_button_then_trust_steps_for_enterprise() {
    let html = enterprise_page(SAFARI_17, Flavor::Plain);
    let button = html.find(INSTALL_HREF).unwrap();
    let trust = html.find("VPN &amp; Device Management").unwrap();
    assert!(button < trust, "the button comes first");
    assert!(html.contains("Example Team"));
    assert!(!html.contains("Developer Mode"));
    assert!(html.contains("Nothing happened?"));
    assert!(html.contains("readonly"));
    assert!(html.contains("value=\"https://ota.example.com/r/01jd5x0000000000000000000a\""));
    assert!(
        html.contains("data-page=\"install\""),
        "the script's Telegram hook"
    );
    assert!(html.contains("id=\"telegram\""));
}

#[test]
fn ad_hoc_and_development_say_registration_and_developer_mode() {
    for kind in [ProfileType::AdHoc, ProfileType::Development] {
        let html = render(&release(Some(kind)), SAFARI_17, Flavor::Amp);
        assert!(html.contains("registered in its profile"), "{kind:?}");
        assert!(html.contains("Developer Mode"), "{kind:?}");
        assert!(!html.contains("VPN &amp; Device Management"));
    }
}

#[test]
fn open_in_safari_names_the_app_and_offers_the_link_and_then_the_button() {
    let r = release(None);
    for flavor in [Flavor::Plain, Flavor::Amp] {
        // The AMP flavor's open-in-Safari steps are what its template renders for WeChat.
        let html = match flavor {
            Flavor::Plain => render(&r, WECHAT, flavor),
            Flavor::Amp => filled_template(&r, WECHAT),
        };
        assert!(html.contains("WeChat's built-in browser"), "{html}");
        assert!(html.contains("“Open in Safari”"));
        let field = html.find("readonly").unwrap();
        let button = html.find(INSTALL_HREF).unwrap();
        assert!(field < button, "copy link first, then the button");
        match flavor {
            Flavor::Plain => {
                assert!(html.contains("x-safari-https://ota.example.com/r/"));
                assert!(html.contains("data-copy=\"link\""));
            }
            Flavor::Amp => {
                assert!(!html.contains("x-safari"), "not allowed in AMP");
                assert!(html.contains("on=\"tap:v-link.copy;copy-success:v-link-copied.show\""));
            }
        }
    }
    assert!(!render(&r, WECHAT, Flavor::Amp).contains("x-safari"));
}

#[test]
fn qr_page_has_the_code_and_on_a_mac_a_hidden_ipad_button() {
    let html = render(&release(None), MAC, Flavor::Plain);
    assert!(html.contains("<svg class=\"qr\""));
    assert!(html.contains("camera"));
    assert!(html.contains("id=\"touch-install\" hidden"));
    assert!(html.contains("data-platform=\"mac-or-ipad\""));
    let html = render(&release(None), WINDOWS, Flavor::Plain);
    assert!(html.contains("<svg class=\"qr\""));
    assert!(!html.contains("id=\"touch-install\""), "not on Windows");
    assert!(!html.contains("itms-services"));
}

#[test]
fn ios_only_says_so_with_the_code() {
    let r = release(None);
    for html in [
        render(&r, ANDROID, Flavor::Plain),
        filled_template(&r, ANDROID),
    ] {
        assert!(html.contains("This app is for iPhone or iPad"));
        assert!(html.contains("<svg class=\"qr\""));
        assert!(!html.contains("itms-services"));
    }
}

#[test]
fn bots_get_the_tags_and_a_small_body() {
    let mut r = release(Some(ProfileType::AdHoc));
    r.has_icon = true;
    let html = render(&r, BOT, Flavor::Plain);
    assert!(html.contains("<meta property=\"og:title\" content=\"Demo 1.2.3\">"));
    assert!(html.contains("<meta property=\"og:image\" content=\"https://ota.example.com/r/01jd5x0000000000000000000a/icon-512.png\">"));
    assert!(html.contains("<meta name=\"twitter:card\" content=\"summary\">"));
    assert!(!html.contains("<svg"));
    assert!(!html.contains("Details"));
    assert!(html.len() < 8_000, "{} bytes", html.len());
    // And every other page carries the same tags.
    assert!(render(&r, SAFARI_17, Flavor::Amp).contains("og:image"));
}

#[test]
fn doomed_installs_say_why_instead_of_a_button() {
    let r = release(Some(ProfileType::AppStore));
    for ua in [SAFARI_17, WECHAT, WINDOWS] {
        let html = render(&r, ua, Flavor::Plain);
        assert!(html.contains("signed for the App Store"), "{ua}");
        assert!(!html.contains("itms-services"), "{ua}");
        assert!(!html.contains("<svg class=\"qr\""), "{ua}");
    }
    let mut r = release(Some(ProfileType::Enterprise));
    r.app.profile.as_mut().unwrap().expires = Some(datetime!(2026-01-01 0:00 UTC));
    let html = render(&r, SAFARI_17, Flavor::Amp);
    assert!(html.contains("expired on Jan 1, 2026"));
    assert!(!html.contains("itms-services"));
    let mut r = release(None);
    r.app.minimum_os = Some("18.0".into());
    let html = render(&r, SAFARI_17, Flavor::Plain);
    assert!(html.contains("needs iOS 18.0 or later, and this device runs iOS 17.1"));
    assert!(!html.contains("itms-services"));
}

#[test]
fn a_profile_that_expires_soon_is_announced() {
    let mut r = release(Some(ProfileType::AdHoc));
    r.app.profile.as_mut().unwrap().expires = Some(datetime!(2026-06-11 12:00 UTC));
    let html = render(&r, SAFARI_17, Flavor::Plain);
    assert!(html.contains("expires in 10 days"));
    assert!(html.contains(INSTALL_HREF));
}

#[test]
fn hostile_metadata_is_escaped_everywhere() {
    let mut r = release(Some(ProfileType::Enterprise));
    let evil = "<script>alert(1)</script> & \"Tom's\"";
    r.app.title = evil.into();
    r.app.version = evil.into();
    r.app.build = evil.into();
    r.app.bundle_id = evil.into();
    r.app.minimum_os = Some(evil.into());
    // Notes are Markdown, sanitised by `page::notes` (tested there): its serialiser leaves
    // quotes in text as they are, which is not markup, so they get the hostile part only.
    r.notes = Some("<script>alert(1)</script> & Tom".into());
    r.app.profile.as_mut().unwrap().team_name = Some(evil.into());
    r.app.warnings.push(crate::ipa::Warning {
        code: "x".into(),
        message: evil.into(),
    });
    for ua in [SAFARI_17, WECHAT, MAC, ANDROID, BOT, ""] {
        for flavor in [Flavor::Plain, Flavor::Amp] {
            let html = render(&r, ua, flavor);
            assert!(!html.contains("<script>alert"), "{ua} {flavor:?}");
            assert!(!html.contains("\"Tom's\""), "{ua} {flavor:?}");
            assert!(
                html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Tom's&quot;"),
                "{ua} {flavor:?}"
            );
        }
    }
    let site = site(false);
    let index = index_page(&[std::sync::Arc::new(r)], &site, false, Lang::En);
    assert!(!index.contains("<script>alert"));
    let err = error_page(404, evil, &site);
    assert!(!err.contains("<script>alert"));
}

#[test]
fn each_flavor_points_at_the_other() {
    let r = release(None);
    let plain = render(&r, SAFARI_17, Flavor::Plain);
    assert!(plain.contains(
        "<link rel=\"amphtml\" href=\"https://ota.example.com/r/01jd5x0000000000000000000a/amp\">"
    ));
    assert!(!plain.contains("cdn.ampproject.org"));
    let amp = render(&r, SAFARI_17, Flavor::Amp);
    assert!(amp.contains(
        "<link rel=\"canonical\" href=\"https://ota.example.com/r/01jd5x0000000000000000000a\">"
    ));
    assert!(amp.contains("<html lang=\"en\" amp>"));
    assert!(amp.contains("<style amp-custom>"));
    assert!(!amp.contains("otadrop.js"), "no author script in AMP");
}

#[test]
fn no_page_references_another_host() {
    let mut r = release(Some(ProfileType::AdHoc));
    r.has_icon = true;
    for ua in [SAFARI_17, WECHAT, MAC, ANDROID, BOT] {
        for flavor in [Flavor::Plain, Flavor::Amp] {
            let html = render(&r, ua, flavor);
            for (i, _) in html.match_indices("://") {
                let start = html[..i].rfind(['"', ' ', '>']).map_or(0, |p| p + 1);
                let url = &html[start..i + 40.min(html.len() - i)];
                let ok = url.starts_with("https://ota.example.com")
                    || url.starts_with("itms-services://")
                    || url.starts_with("x-safari-https://ota.example.com")
                    || flavor == Flavor::Amp
                        && [
                            "https://cdn.ampproject.org/v0.js\"",
                            "https://cdn.ampproject.org/v0/amp-render-1.0.js\"",
                            "https://cdn.ampproject.org/v0/amp-mustache-0.2.js\"",
                        ]
                        .iter()
                        .any(|s| html[start..].starts_with(s));
                assert!(ok, "{ua} {flavor:?}: {url}");
            }
        }
    }
}

#[test]
fn the_ca_link_is_on_every_page_when_the_site_runs_its_own_ca() {
    let r = release(None);
    for ua in [SAFARI_17, MAC, ANDROID] {
        assert!(render(&r, ua, Flavor::Plain).contains("href=\"https://ota.example.com/ca\""));
        assert!(render(&r, ua, Flavor::Amp).contains("Install this server's certificate"));
    }
    assert!(index_page(&[], &site(true), false, Lang::En).contains("/ca\""));
    assert!(error_page(404, "gone", &site(true)).contains("/ca\""));
    assert!(!error_page(404, "gone", &site(false)).contains("/ca\""));
}

#[test]
fn the_icon_is_the_real_png_or_a_placeholder_tile() {
    let mut r = release(None);
    let html = render(&r, SAFARI_17, Flavor::Plain);
    assert!(html.contains("class=\"icon ph h"));
    assert!(!html.contains("icon.png"));
    r.has_icon = true;
    assert!(render(&r, SAFARI_17, Flavor::Plain).contains(
        "<img class=\"icon\" src=\"https://ota.example.com/r/01jd5x0000000000000000000a/icon.png\""
    ));
    assert!(render(&r, SAFARI_17, Flavor::Amp).contains("<amp-img class=\"icon\" src=\"https://ota.example.com/r/01jd5x0000000000000000000a/icon.png\""));
}

#[test]
fn every_page_fits_in_14_kb_compressed() {
    let mut r = release(Some(ProfileType::Development));
    r.has_icon = true;
    r.app.warnings.push(crate::ipa::Warning {
        code: "x".into(),
        message: "A warning of ordinary length about this build.".into(),
    });
    for ua in [SAFARI_17, WECHAT, MAC, WINDOWS, ANDROID, BOT] {
        for flavor in [Flavor::Plain, Flavor::Amp] {
            let html = render(&r, ua, flavor);
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            gz.write_all(html.as_bytes()).unwrap();
            let n = gz.finish().unwrap().len();
            assert!(n < 14 * 1024, "{ua} {flavor:?}: {n} bytes gzipped");
        }
    }
}

#[test]
fn rendering_is_a_pure_function_of_the_context() {
    let r = release(Some(ProfileType::AdHoc));
    assert_eq!(
        render(&r, MAC, Flavor::Plain),
        render(&r, MAC, Flavor::Plain)
    );
}

#[test]
fn index_lists_each_app_with_its_stable_link() {
    let mut a = release(None);
    a.app.title = "Alpha".into();
    let mut b = release(None);
    b.app.title = "Beta".into();
    b.app.bundle_id = "com.example.beta".into();
    let html = index_page(&[a.into(), b.into()], &site(false), false, Lang::En);
    assert!(html.contains("href=\"https://ota.example.com/apps/com.example.demo\""));
    assert!(html.contains("href=\"https://ota.example.com/apps/com.example.beta\""));
    assert!(html.find("Alpha").unwrap() < html.find("Beta").unwrap());
    assert!(index_page(&[], &site(false), false, Lang::En).contains("No apps yet"));
}

#[test]
fn error_page_says_status_and_message() {
    let html = error_page(404, "Nothing here.", &site(false));
    assert!(html.contains("404 · Not found"));
    assert!(html.contains("Nothing here."));
}

#[test]
fn ca_page_gives_the_profile_and_the_trust_steps() {
    let html = crate::page::ca_page(&site(true), Lang::En);
    assert!(html.contains("href=\"https://ota.example.com/ca.mobileconfig\""));
    assert!(html.contains("Certificate Trust Settings"));
    assert!(html.contains("href=\"https://ota.example.com/ca.crt\""));
}

#[test]
fn the_static_files_pages_link_are_built_in() {
    let names: Vec<&str> = crate::page::STATIC_ASSETS
        .iter()
        .map(|(n, _, _)| *n)
        .collect();
    let html = render(&release(None), SAFARI_17, Flavor::Plain);
    for name in ["otadrop.js", "favicon.svg"] {
        assert!(names.contains(&name), "{name}");
        assert!(
            html.contains(&format!("https://ota.example.com/static/{name}")),
            "{name}"
        );
    }
    for (name, content_type, bytes) in crate::page::STATIC_ASSETS {
        assert!(!bytes.is_empty(), "{name}");
        assert!(!content_type.is_empty(), "{name}");
    }
}

// --- The AMP document: one for everyone, first views, and the personal template -------------

/// Every User-Agent the AMP tests try: the shared fixture's kinds and the cache fetchers.
const EVERYONE: &[&str] = &[
    SAFARI_17,
    WECHAT,
    MAC,
    WINDOWS,
    ANDROID,
    BOT,
    "",
    "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/41.0.2272.96 Mobile Safari/537.36 (compatible; Google-AMPHTML)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 12_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1 Mobile/15E148 Safari/604.1",
];

fn ctx_render<T>(r: &Release, ua: &str, f: impl FnOnce(&ReleaseContext<'_>) -> T) -> T {
    let site = site(true);
    let urls = site.public_url.release(&r.id);
    let qr = crate::page::qr::encode(&urls.page);
    let ctx = ReleaseContext {
        release: r,
        urls: &urls,
        site: &site,
        visitor: detect(ua),
        now: datetime!(2026-06-01 12:00 UTC),
        qr_svg: qr.as_deref(),
        lang: Lang::En,
    };
    f(&ctx)
}

/// The part of `html` between `start` and the end of the element it opens (`tag`), no nesting of
/// the same tag inside.
fn element<'a>(html: &'a str, start: &str, tag: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start}"));
    let close = format!("</{tag}>");
    let to = from + html[from..].find(&close).unwrap() + close.len();
    &html[from..to]
}

/// A small Mustache renderer for the tests: `{{#k}}` / `{{^k}}` sections on booleans, strings
/// and null, `{{k}}` variables (HTML-escaped), which is all the template uses.
fn mustache(template: &str, data: &serde_json::Value) -> String {
    fn truthy(v: &serde_json::Value) -> bool {
        !matches!(v, serde_json::Value::Null | serde_json::Value::Bool(false))
            && v.as_str() != Some("")
    }
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find("}}").expect("closed tag");
        let tag = &rest[open + 2..close];
        rest = &rest[close + 2..];
        match tag.as_bytes()[0] {
            b'#' | b'^' => {
                let key = &tag[1..];
                let end_tag = format!("{{{{/{key}}}}}");
                let end = rest.find(&end_tag).expect("section closed");
                let inner = &rest[..end];
                rest = &rest[end + end_tag.len()..];
                if truthy(&data[key]) == (tag.as_bytes()[0] == b'#') {
                    out.push_str(&mustache(inner, data));
                }
            }
            _ => {
                let text = data[tag].as_str().map(str::to_owned).unwrap_or_default();
                out.push_str(&maud::html! { (text) }.into_string());
            }
        }
    }
    out.push_str(rest);
    out
}

/// The AMP template as the AMP runtime would render it for `ua`, from the visitor JSON.
fn filled_template(r: &Release, ua: &str) -> String {
    let amp = render(r, ua, Flavor::Amp);
    let template = element(&amp, "<template type=\"amp-mustache\">", "template");
    let inner =
        &template["<template type=\"amp-mustache\">".len()..template.len() - "</template>".len()];
    let json = serde_json::to_value(crate::page::personal(
        r,
        detect(ua),
        datetime!(2026-06-01 12:00 UTC),
        Lang::En,
    ))
    .unwrap();
    mustache(inner, &json)
}

#[test]
fn the_amp_document_is_the_same_for_every_visitor() {
    let mut expired = release(Some(ProfileType::AdHoc));
    expired.app.profile.as_mut().unwrap().expires = Some(datetime!(2026-01-01 0:00 UTC));
    for r in [
        release(Some(ProfileType::Enterprise)),
        release(None),
        expired,
    ] {
        let first = render(&r, EVERYONE[0], Flavor::Amp);
        for ua in EVERYONE {
            assert!(render(&r, ua, Flavor::Amp) == first, "{ua}");
        }
    }
}

#[test]
fn without_script_ios_webkit_sees_the_button_and_everyone_else_the_code() {
    let html = enterprise_page(WINDOWS, Flavor::Amp);
    let ios = element(&html, "<div class=\"on-ios\">", "details");
    assert!(ios.contains(INSTALL_HREF));
    assert!(ios.contains("Nothing happened?"), "the copy-link fallback");
    let placeholder = element(&html, "<div placeholder>", "amp-render");
    let other = &placeholder[placeholder.find("<div class=\"off-ios\">").unwrap()..];
    assert!(other.contains("<svg class=\"qr\""));
    assert!(!other.contains("itms-services"), "no live button off iOS");
    // The CSS that picks one: iOS WebKit alone supports -webkit-touch-callout.
    assert!(html.contains(".on-ios{display:none}"));
    assert!(html.contains(
        "@supports (-webkit-touch-callout:none){.on-ios{display:block}.off-ios{display:none}}"
    ));
    // A build that cannot install says why to everyone, with no button anywhere.
    let r = release(Some(ProfileType::AppStore));
    let html = render(&r, SAFARI_17, Flavor::Amp);
    assert!(!html.contains("itms-services"));
    assert_eq!(
        html.matches("signed for the App Store").count(),
        3,
        "two first views and the template"
    );
}

#[test]
fn the_template_filled_with_the_visitor_json_is_the_amp_lead_for_that_visitor() {
    let mut old = release(Some(ProfileType::AdHoc));
    old.app.minimum_os = Some("16.4".into());
    let mut ipad = release(Some(ProfileType::Enterprise));
    ipad.app.device_family = vec![crate::ipa::DeviceFamily::Ipad];
    let ios15 = "Mozilla/5.0 (iPhone; CPU iPhone OS 15_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.6 Mobile/15E148 Safari/604.1";
    let ios18 = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Mobile/15E148 Safari/604.1";
    let instagram = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 305.0.0.22.109 (iPhone15,2; iOS 17_0; en_US; en; scale=3.00; 1179x2556; 531634806)";
    let webview = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148";
    let releases = [
        release(Some(ProfileType::Enterprise)),
        release(Some(ProfileType::AdHoc)),
        release(None),
        release(Some(ProfileType::AppStore)),
        old,
        ipad,
    ];
    let mut uas = EVERYONE.to_vec();
    uas.extend([ios15, ios18, instagram, webview]);
    for r in &releases {
        for ua in &uas {
            // The server-side render, with the template's ids, is the reference.
            let want = ctx_render(r, ua, |ctx| {
                let view = super::view::release_view(ctx.release, ctx.visitor, ctx.now);
                super::lead(ctx, &view, Flavor::Amp, super::Fill::Now).into_string()
            })
            .replace(" id=\"", " id=\"v-")
            .replace(
                "tap:link.copy;copy-success:link-copied",
                "tap:v-link.copy;copy-success:v-link-copied",
            );
            let got = filled_template(r, ua);
            assert_eq!(got, want, "{ua}");
        }
    }
}

#[test]
fn the_template_uses_only_fields_of_the_visitor_json() {
    let r = release(Some(ProfileType::AdHoc));
    let amp = render(&r, "", Flavor::Amp);
    let template = element(&amp, "<template type=\"amp-mustache\">", "template");
    let json = serde_json::to_value(crate::page::personal(
        &r,
        detect(SAFARI_17),
        datetime!(2026-06-01 12:00 UTC),
        Lang::En,
    ))
    .unwrap();
    let mut keys = 0;
    for (i, _) in template.match_indices("{{") {
        let tag = &template[i + 2..i + 2 + template[i..].find("}}").unwrap() - 2];
        let key = tag.trim_start_matches(['#', '^', '/']);
        assert!(
            json.get(key).is_some(),
            "the template reads {key}, which the JSON lacks"
        );
        keys += 1;
    }
    assert!(keys > 10, "{keys} mustache tags");
}

#[test]
fn the_personal_part_is_fetched_from_the_public_url_over_https_only() {
    let r = release(None);
    let html = render(&r, "", Flavor::Amp);
    assert!(html.contains("<amp-render layout=\"container\" src=\"https://ota.example.com/r/01jd5x0000000000000000000a/visitor.json?lang=en\""));
    let site = Site {
        public_url: PublicUrl::parse("http://127.0.0.1:8080/ota").unwrap(),
        own_ca: false,
        default_lang: Lang::En,
    };
    let urls = site.public_url.release(&r.id);
    let ctx = ReleaseContext {
        release: &r,
        urls: &urls,
        site: &site,
        visitor: detect(""),
        now: datetime!(2026-06-01 12:00 UTC),
        qr_svg: None,
        lang: Lang::En,
    };
    let html = release_page(&ctx, Flavor::Amp);
    assert!(
        html.contains("src=\"/ota/r/01jd5x0000000000000000000a/visitor.json?lang=en\""),
        "AMP refuses http: URLs there"
    );
}
