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
    let site = site(true);
    let urls = site.public_url.release(&r.id);
    let qr = crate::page::qr::encode(&urls.page);
    let ctx = ReleaseContext {
        release: r,
        urls: &urls,
        site: &site,
        visitor: detect(ua),
        now: datetime!(2026-06-01 12:00 UTC),
        lang: Lang::En,
        qr_svg: qr.as_deref(),
    };
    release_page(&ctx, flavor)
}

const INSTALL_HREF: &str = "href=\"itms-services://?action=download-manifest&amp;url=https%3A%2F%2Fota.example.com%2Fr%2F01jd5x0000000000000000000a%2Fmanifest.plist\"";

#[test]
fn the_install_link_is_escaped_exactly_once() {
    for flavor in [Flavor::Plain, Flavor::Amp] {
        let html = render(&release(Some(ProfileType::Enterprise)), SAFARI_17, flavor);
        assert!(html.contains(INSTALL_HREF), "{html}");
        assert!(!html.contains("&amp;amp;"));
        assert!(!html.contains("download-manifest&url"));
    }
}

#[test]
fn install_page_leads_with_the_button_then_trust_steps_for_enterprise() {
    let html = render(
        &release(Some(ProfileType::Enterprise)),
        SAFARI_17,
        Flavor::Plain,
    );
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
    for flavor in [Flavor::Plain, Flavor::Amp] {
        let html = render(&release(None), WECHAT, flavor);
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
                assert!(html.contains("on=\"tap:link.copy;copy-success:link-copied.show\""));
            }
        }
    }
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
    let html = render(&release(None), ANDROID, Flavor::Amp);
    assert!(html.contains("This app is for iPhone or iPad"));
    assert!(html.contains("<svg class=\"qr\""));
    assert!(!html.contains("itms-services"));
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
    r.notes = Some(evil.into());
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
    let index = index_page(&[std::sync::Arc::new(r)], &site, Lang::En);
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
                    || url.starts_with("https://cdn.ampproject.org/v0.js") && flavor == Flavor::Amp;
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
    assert!(index_page(&[], &site(true), Lang::En).contains("/ca\""));
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
    let html = index_page(&[a.into(), b.into()], &site(false), Lang::En);
    assert!(html.contains("href=\"https://ota.example.com/apps/com.example.demo\""));
    assert!(html.contains("href=\"https://ota.example.com/apps/com.example.beta\""));
    assert!(html.find("Alpha").unwrap() < html.find("Beta").unwrap());
    assert!(index_page(&[], &site(false), Lang::En).contains("No apps yet"));
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
