//! Every page kind, plain and AMP, for releases of each signing type: the AMP pages pass the
//! official AMP validator (one node process for all of them), each page carries its key
//! content, and the QR code decodes (zbarimg) to the page URL.
//!
//! Needs `tests/tools/setup.sh` (node packages, the validator engine, zbar-tools). Without
//! them the tests skip with a note, unless `CI=true`, where they fail.

use std::path::Path;
use std::process::Command;

use crate::support::{run_ok, tools};
use otadrop::client::detect;
use otadrop::fixture;
use otadrop::i18n::Lang;
use otadrop::ipa::{DeviceFamily, ProfileType};
use otadrop::page::{self, Flavor, ReleaseContext, Site};
use otadrop::store::Release;
use otadrop::urls::PublicUrl;
use time::macros::datetime;
use time::OffsetDateTime;

pub(crate) const NOW: OffsetDateTime = datetime!(2026-06-01 12:00 UTC);

pub(crate) const VISITORS: &[(&str, &str)] = &[
    ("install", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1"),
    ("install-ios26", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Mobile/15E148 Safari/604.1"),
    ("open-in-safari", "Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.40(0x18002831) NetType/WIFI Language/zh_CN"),
    ("open-in-safari-webview", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148"),
    ("qr-mac", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15"),
    ("qr-desktop", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36"),
    ("ios-only", "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36"),
    ("preview", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"),
    ("old-ios", "Mozilla/5.0 (iPhone; CPU iPhone OS 12_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1 Mobile/15E148 Safari/604.1"),
];

/// Releases by signing: (name, release).
pub(crate) fn releases() -> Vec<(&'static str, Release)> {
    let mut out = vec![
        ("enterprise", release(Some(ProfileType::Enterprise), true)),
        ("adhoc", release(Some(ProfileType::AdHoc), false)),
        ("development", release(Some(ProfileType::Development), true)),
        ("appstore", release(Some(ProfileType::AppStore), false)),
        ("unsigned", release(None, false)),
    ];
    let mut expired = release(Some(ProfileType::AdHoc), true);
    if let Some(p) = expired.app.profile.as_mut() {
        p.expires = Some(datetime!(2026-01-01 0:00 UTC));
    }
    out.push(("expired", expired));
    let mut ipad = release(Some(ProfileType::Enterprise), false);
    ipad.app.device_family = vec![DeviceFamily::Ipad];
    out.push(("ipad-only", ipad));
    let mut evil = release(Some(ProfileType::Enterprise), false);
    evil.app.title = "<script>alert(1)</script> & \"Tom's\"".into();
    evil.notes = Some("<b>notes</b> & \"quotes\"".into());
    out.push(("hostile", evil));
    out
}

fn release(kind: Option<ProfileType>, has_icon: bool) -> Release {
    let profile = kind.map(|kind| {
        let mut p = fixture::profile(kind);
        p.name = Some("Field Notes Distribution".into());
        p.team_name = Some("Example Corp".into());
        p.created = Some(datetime!(2026-01-10 0:00 UTC));
        p.expires = Some(datetime!(2027-01-10 0:00 UTC));
        p.certificate_expires = Some(datetime!(2027-03-01 0:00 UTC));
        if p.devices > 0 {
            p.devices = 12;
        }
        p
    });
    fixture::field_notes()
        .sha256(&"0123456789abcdef".repeat(4))
        .notes(Some("Fixes the crash on launch.\nFaster sync."))
        .has_icon(has_icon)
        .extensions(1)
        .profile(profile)
        .build()
}

fn site() -> Site {
    Site {
        public_url: PublicUrl::parse("https://ota.example.com").unwrap(),
        own_ca: true,
        default_lang: otadrop::i18n::Lang::En,
    }
}

fn render(r: &Release, ua: &str, flavor: Flavor) -> String {
    render_in(r, ua, flavor, Lang::En)
}

pub(crate) fn render_in(r: &Release, ua: &str, flavor: Flavor, lang: Lang) -> String {
    let site = site();
    let urls = site.public_url.release(&r.id);
    page::release_page(
        &ReleaseContext {
            release: r,
            urls: &urls,
            site: &site,
            visitor: detect(ua),
            now: NOW,
            lang,
            qr_svg: page::qr::encode(&urls.page).as_deref(),
        },
        flavor,
    )
}

#[test]
fn every_amp_page_passes_the_official_validator() {
    if !tools::validator_ready() {
        return;
    }
    let dir = tools::artifacts("pages");
    let mut files = Vec::new();
    for (rname, r) in releases() {
        for (vname, ua) in VISITORS {
            for flavor in [Flavor::Plain, Flavor::Amp] {
                let html = render(&r, ua, flavor);
                let suffix = if flavor == Flavor::Amp { ".amp" } else { "" };
                let path = dir.join(format!("{rname}--{vname}{suffix}.html"));
                std::fs::write(&path, &html).unwrap();
                if flavor == Flavor::Amp {
                    files.push(path);
                }
            }
        }
    }
    // Every other language's AMP document, for the releases that show every kind of step.
    for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
        for (rname, r) in releases()
            .into_iter()
            .filter(|(n, _)| matches!(*n, "enterprise" | "adhoc" | "unsigned" | "expired"))
        {
            for (vname, ua) in VISITORS {
                let html = render_in(&r, ua, Flavor::Amp, lang);
                let path = dir.join(format!("{rname}--{vname}.{lang}.amp.html"));
                std::fs::write(&path, &html).unwrap();
                files.push(path);
            }
        }
    }
    let results = serde_json::Value::Array(tools::validate_amp(&files));
    let results = results.as_array().unwrap();
    assert_eq!(results.len(), files.len());
    let mut failed = Vec::new();
    for r in results {
        let errors = r["errors"].as_array().unwrap();
        // Warnings are fine; an error (or a FAIL) is not.
        let hard: Vec<_> = errors.iter().filter(|e| e["severity"] == "ERROR").collect();
        if r["status"] != "PASS" || !hard.is_empty() {
            failed.push(format!("{}: {} {:?}", r["file"], r["status"], hard));
        }
    }
    assert!(
        failed.is_empty(),
        "AMP validation failed:\n{}",
        failed.join("\n")
    );
    eprintln!("{} AMP pages passed the official validator", files.len());
}

/// The content each page kind must lead with: the plain page for each visitor, and the one AMP
/// document (the same for every visitor) with every visitor's lead in it.
#[test]
fn every_page_kind_has_its_key_content_in_both_flavors() {
    for (rname, r) in releases() {
        let doomed = matches!(rname, "appstore" | "expired");
        let amp = render(&r, "", Flavor::Amp);
        for (vname, ua) in VISITORS {
            assert!(
                render(&r, ua, Flavor::Amp) == amp,
                "{rname} / {vname}: AMP differs"
            );
        }
        let button = "href=\"itms-services://?action=download-manifest&amp;url=https%3A%2F%2Fota.example.com%2Fr%2F01jd5x0000000000000000000a%2Fmanifest.plist\"";
        assert!(!amp.contains("&amp;amp;"), "{rname}");
        assert!(amp.contains("Install this server's certificate"), "{rname}");
        if doomed {
            assert!(
                !amp.contains(button) && !amp.contains("<svg class=\"qr\""),
                "{rname}"
            );
            assert!(amp.contains("cannot be installed"), "{rname}");
        } else {
            // The iOS first view's button, the others' QR code, and every lead of the template.
            assert!(amp.contains(button), "{rname}");
            assert!(amp.contains("<svg class=\"qr\""), "{rname}");
            for text in [
                "Nothing happened?",
                "Open this page in Safari",
                "This app is for",
                "Scan with the camera",
                "needs iOS {{needs}} or later",
                "built for iPad only",
                "Open the install page",
            ] {
                assert!(amp.contains(text), "{rname}: {text}");
            }
        }
        for (vname, ua) in VISITORS {
            {
                let flavor = Flavor::Plain;
                let html = render(&r, ua, flavor);
                let ctx = format!("{rname} / {vname} / {flavor:?}");
                let has_button = html.contains("href=\"itms-services://?action=download-manifest&amp;url=https%3A%2F%2Fota.example.com%2Fr%2F01jd5x0000000000000000000a%2Fmanifest.plist\"");
                let has_qr = html.contains("<svg class=\"qr\"");
                // Every page: Open Graph, the CA link (the test site runs its own CA), lang.
                assert!(html.contains("property=\"og:title\""), "{ctx}");
                assert!(html.contains("<html lang=\"en\""), "{ctx}");
                if *vname != "preview" {
                    assert!(html.contains("Install this server's certificate"), "{ctx}");
                }
                assert!(!html.contains("&amp;amp;"), "{ctx}");
                match *vname {
                    "preview" => {
                        assert!(!has_qr && !html.contains("<dl>"), "{ctx}");
                    }
                    _ if doomed => {
                        assert!(!has_button && !has_qr, "{ctx}: doomed, no button");
                        assert!(html.contains("cannot be installed"), "{ctx}");
                    }
                    "old-ios" => {
                        assert!(!has_button, "{ctx}");
                        assert!(html.contains("needs iOS 15.0 or later"), "{ctx}");
                    }
                    "install" | "install-ios26" if rname == "ipad-only" => {
                        assert!(html.contains("built for iPad only"), "{ctx}");
                        assert!(!has_button, "{ctx}");
                    }
                    "install" | "install-ios26" => {
                        assert!(has_button, "{ctx}");
                        assert!(html.contains("Nothing happened?"), "{ctx}");
                        let steps = match rname {
                            "enterprise" | "hostile" => "VPN &amp; Device Management",
                            "adhoc" | "development" => "Developer Mode",
                            _ => "no provisioning profile",
                        };
                        assert!(html.contains(steps), "{ctx}: {steps}");
                    }
                    "open-in-safari" | "open-in-safari-webview" if rname == "ipad-only" => {
                        assert!(!has_button, "{ctx}");
                    }
                    "open-in-safari" | "open-in-safari-webview" => {
                        assert!(html.contains("Open this page in Safari"), "{ctx}");
                        assert!(html.contains("readonly"), "{ctx}");
                        assert!(has_button, "{ctx}");
                    }
                    "qr-mac" | "qr-desktop" => {
                        assert!(has_qr, "{ctx}");
                        assert!(html.contains("camera"), "{ctx}");
                    }
                    "ios-only" => {
                        assert!(has_qr, "{ctx}");
                        assert!(html.contains("This app is for"), "{ctx}");
                        assert!(!has_button, "{ctx}");
                    }
                    other => panic!("no expectations for {other}"),
                }
                if rname == "hostile" {
                    assert!(!html.contains("<script>alert"), "{ctx}");
                    assert!(!html.contains("<b>notes"), "{ctx}");
                }
            }
        }
    }
}

/// Draws the QR SVG's modules into a PNG, 8 px per module.
fn rasterise_qr(svg: &str, out: &Path) {
    let (size, grid) = page::qr::modules(svg).expect("an SVG made by qr::encode");
    let scale = 8;
    let side = size as u32 * scale;
    let img = image::GrayImage::from_fn(side, side, |px, py| {
        let module = (py / scale) as usize * size + (px / scale) as usize;
        image::Luma([if grid[module] { 0 } else { 255 }])
    });
    img.save(out).unwrap();
}

#[test]
fn the_qr_code_decodes_to_the_page_url() {
    if !tools::present("zbarimg (zbar-tools)", tools::has_command("zbarimg")) {
        return;
    }
    let r = release(Some(ProfileType::Enterprise), false);
    let html = render(&r, VISITORS[5].1, Flavor::Amp);
    let start = html.find("<svg class=\"qr\"").unwrap();
    let end = start + html[start..].find("</svg>").unwrap() + 6;
    let png = tools::artifacts("qr").join("qr-page.png");
    rasterise_qr(&html[start..end], &png);
    let out = run_ok(Command::new("zbarimg").args(["--raw", "-q"]).arg(&png));
    assert_eq!(
        String::from_utf8_lossy(&out).trim(),
        "https://ota.example.com/r/01jd5x0000000000000000000a"
    );
}
