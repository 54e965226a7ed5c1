//! What serving a landing page costs besides the network: detecting the visitor (per class of
//! User-Agent) and rendering the page (plain and AMP), against encoding a QR code from scratch.
//! Run: `cargo bench --bench pages`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use otadrop::client::{self, detect};
use otadrop::fixture;
use otadrop::ipa::ProfileType;
use otadrop::page::{self, Flavor, ReleaseContext, Site};
use otadrop::store::Release;
use otadrop::urls::PublicUrl;
use time::macros::datetime;

const UAS: &[(&str, &str)] = &[
    ("ios-safari", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1"),
    ("ios-in-app-tiktok", "Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 musical_ly_30.1.0 JsSdk/2.0 NetType/WIFI Channel/App Store ByteLocale/en Region/US ByteFullLocale/en RevealType/Dialog isDarkMode/0 WKWebView/1 BytedanceWebview/d8a21c6"),
    ("android", "Mozilla/5.0 (Linux; Android 13; SM-S901B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 Telegram-Android/10.3.2 (Samsung SM-S901B; Android 13; SDK 33; AVERAGE)"),
    ("desktop", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36 Edg/119.0.2151.72"),
    ("bot", "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)"),
    ("unknown-woothee", "curl/8.4.0"),
];

fn release() -> Release {
    let mut profile = fixture::profile(ProfileType::AdHoc);
    profile.team_name = Some("Example Corp".into());
    profile.expires = Some(datetime!(2027-01-10 0:00 UTC));
    profile.devices = 12;
    fixture::field_notes()
        .notes(Some("Fixes the crash on launch."))
        .has_icon(true)
        .profile(Some(profile))
        .build()
}

fn detection(c: &mut Criterion) {
    client::warm_up();
    let mut g = c.benchmark_group("detect");
    for (name, ua) in UAS {
        g.bench_function(*name, |b| b.iter(|| detect(black_box(ua))));
    }
    g.finish();
}

fn rendering(c: &mut Criterion) {
    let r = release();
    let site = Site {
        public_url: PublicUrl::parse("https://ota.example.com").unwrap(),
        own_ca: true,
        default_lang: otadrop::i18n::Lang::En,
    };
    let urls = site.public_url.release(&r.id);
    let qr = page::qr::encode(&urls.page);
    let mut g = c.benchmark_group("render");
    for (page_name, ua) in [("install", UAS[0].1), ("qr", UAS[3].1)] {
        let visitor = detect(ua);
        for (flavor_name, flavor) in [("plain", Flavor::Plain), ("amp", Flavor::Amp)] {
            let ctx = ReleaseContext {
                release: &r,
                urls: &urls,
                site: &site,
                visitor,
                now: datetime!(2026-06-01 12:00 UTC),
                lang: otadrop::i18n::Lang::En,
                qr_svg: qr.as_deref(),
            };
            g.bench_function(format!("{page_name}-{flavor_name}"), |b| {
                b.iter(|| page::release_page(black_box(&ctx), flavor))
            });
        }
    }
    g.bench_function("detect-then-render-install-plain", |b| {
        b.iter(|| {
            let ctx = ReleaseContext {
                release: &r,
                urls: &urls,
                site: &site,
                visitor: detect(black_box(UAS[0].1)),
                now: datetime!(2026-06-01 12:00 UTC),
                lang: otadrop::i18n::Lang::En,
                qr_svg: qr.as_deref(),
            };
            page::release_page(&ctx, Flavor::Plain)
        })
    });
    g.bench_function("qr-encode", |b| {
        b.iter(|| page::qr::encode(black_box(&urls.page)))
    });
    g.finish();
}

criterion_group!(benches, detection, rendering);
criterion_main!(benches);
