//! `otadrop doctor` against OTA hosts on 127.0.0.1: a correct release passes clean, and each
//! hand-configured broken setup gives the failure that explains it.

use crate::support::hosts as support;

use std::time::Duration;

use otadrop::doctor::{self, Options, Report, Status, TrustRoots};
use otadrop::urls::itms_services_link;
use support::{make_ipa, path_of, pki, serve_release, Route, TestServer};

fn options(ca: Option<&std::path::Path>) -> Options {
    let cas = ca
        .map(|p| doctor::load_ca_file(p).unwrap())
        .unwrap_or_default();
    Options {
        roots: TrustRoots::new(cas).unwrap(),
        timeout: Duration::from_secs(10),
        public_only: false,
    }
}

fn status(r: &Report, check: &str) -> Option<Status> {
    doctor::worst_of(&r.findings, check)
}

/// `check`'s worst finding is `want`, or the whole report is shown.
fn expect(r: &Report, check: &str, want: Status) {
    assert_eq!(status(r, check), Some(want), "{check}: {}", r.render_text());
}

fn failures(r: &Report) -> Vec<String> {
    r.findings
        .iter()
        .filter(|f| f.status == Status::Fail)
        .map(|f| format!("{}: {}", f.check, f.message))
        .collect()
}

const SMALL: usize = 20_000;

/// A host with a good certificate serving a correct release of an IPA of about `filler` bytes.
struct GoodHost {
    _dir: tempfile::TempDir,
    pki: support::Pki,
    server: TestServer,
    urls: otadrop::urls::ReleaseUrls,
}

async fn good_host(filler: usize) -> GoodHost {
    let dir = tempfile::tempdir().unwrap();
    let pki = pki(dir.path());
    let server = TestServer::start(Some(&pki.good)).await;
    let urls = serve_release(&server, make_ipa("com.example.doctor", filler), |x| x);
    GoodHost {
        _dir: dir,
        pki,
        server,
        urls,
    }
}

/// The doctor's report on `input`, trusting the test CA.
async fn diagnose(input: &str, pki: &support::Pki) -> Report {
    doctor::diagnose(input, &options(Some(&pki.ca_file)))
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_correct_setup_passes_with_every_group_checked() {
    let host = good_host(SMALL).await;
    let r = diagnose(&host.urls.install, &host.pki).await;
    assert!(!r.install_would_fail, "{}", r.render_text());
    for check in [
        "link.scheme",
        "link.url-encoding",
        "tls.handshake",
        "tls.trust",
        "tls.name",
        "tls.validity",
        "tls.eku",
        "manifest.status",
        "manifest.content-type",
        "manifest.plist",
        "manifest.keys",
        "manifest.urls",
        "ipa.reachable",
        "ipa.range",
        "ipa.contents",
        "ipa.bundle-id",
        "ipa.version",
        "image.display",
        "image.full-size",
    ] {
        assert_eq!(
            status(&r, check),
            Some(Status::Pass),
            "{check}\n{}",
            r.render_text()
        );
    }
    assert_eq!(r.repaired_link.as_deref(), Some(host.urls.install.as_str()));
}

/// Which certificate the OTA host presents.
#[derive(Clone, Copy)]
enum Cert {
    Good,
    NoSan,
    Expired,
}

/// One broken setup: a correct release served by a host with one thing changed, and the one
/// check that must fail because of it.
struct Scenario {
    cert: Cert,
    /// Whether the doctor is given the test CA (`--ca`).
    trust_ca: bool,
    /// The IPA served (default: a small generated one).
    ipa: fn() -> Vec<u8>,
    /// An edit to otadrop's own manifest text.
    manifest: fn(String) -> String,
    /// An edit to the host's routes after the release is served.
    host: fn(&TestServer, &otadrop::urls::ReleaseUrls),
    /// The check that must fail.
    fails: &'static str,
    /// Whether that must be the only failure (the rest of the chain is fine).
    alone: bool,
    /// What else the scenario must show.
    also: fn(&Report),
}

const CORRECT: Scenario = Scenario {
    cert: Cert::Good,
    trust_ca: true,
    ipa: || make_ipa("com.example.doctor", SMALL),
    manifest: |x| x,
    host: |_, _| {},
    fails: "",
    alone: true,
    also: |_| {},
};

async fn run(s: Scenario) {
    let dir = tempfile::tempdir().unwrap();
    let pki = pki(dir.path());
    let leaf = match s.cert {
        Cert::Good => &pki.good,
        Cert::NoSan => &pki.no_san,
        Cert::Expired => &pki.expired,
    };
    let server = TestServer::start(Some(leaf)).await;
    let urls = serve_release(&server, (s.ipa)(), s.manifest);
    (s.host)(&server, &urls);
    let ca = s.trust_ca.then_some(pki.ca_file.as_path());
    let r = doctor::diagnose(&urls.install, &options(ca)).await.unwrap();
    assert_eq!(
        status(&r, s.fails),
        Some(Status::Fail),
        "{}: {}",
        s.fails,
        r.render_text()
    );
    if s.alone {
        assert_eq!(r.counts.fail, 1, "{:?}", failures(&r));
    }
    (s.also)(&r);
}

/// Each broken setup as its own test, from one table.
macro_rules! broken_setups {
    ($($name:ident: $scenario:expr;)*) => {$(
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $name() {
            run($scenario).await
        }
    )*};
}

broken_setups! {
    without_the_ca_the_certificate_is_not_trusted: Scenario {
        trust_ca: false,
        fails: "tls.trust",
        alone: false,
        // The other checks still ran.
        also: |r| assert_eq!(status(r, "ipa.bundle-id"), Some(Status::Pass)),
        ..CORRECT
    };
    a_certificate_without_subject_alt_name_fails: Scenario {
        cert: Cert::NoSan,
        fails: "tls.name",
        also: |r| assert_eq!(status(r, "tls.trust"), Some(Status::Pass), "the chain itself is fine"),
        ..CORRECT
    };
    an_expired_certificate_fails: Scenario {
        cert: Cert::Expired,
        fails: "tls.validity",
        also: |r| assert_eq!(status(r, "tls.trust"), Some(Status::Pass), "the chain itself is fine"),
        ..CORRECT
    };
    a_manifest_served_as_html_fails: Scenario {
        host: |server, urls| {
            let path = path_of(server, &urls.manifest);
            let xml = server.body(&path);
            server.route(&path, Route::ok("text/html", xml));
        },
        fails: "manifest.content-type",
        ..CORRECT
    };
    an_http_url_in_the_manifest_fails: Scenario {
        manifest: |x| x.replacen("<string>https://", "<string>http://", 1),
        fails: "manifest.urls",
        alone: false,
        also: |r| {
            let f = r.findings.iter().find(|f| f.check == "manifest.urls").unwrap();
            assert!(f.message.contains("http://127.0.0.1"), "{}", f.message);
        },
        ..CORRECT
    };
    a_manifest_whose_bundle_id_differs_from_a_real_ipa_fails: Scenario {
        ipa: || std::fs::read(crate::support::fixture("ipa/icyleaf__embedded.ipa")).unwrap(),
        manifest: |x| x.replace("com.icyleaf.test.Demo", "com.icyleaf.test.Other"),
        fails: "ipa.bundle-id",
        alone: false,
        also: |r| {
            let f = r.findings.iter().find(|f| f.check == "ipa.bundle-id").unwrap();
            assert!(
                f.message.contains("com.icyleaf.test.Other")
                    && f.message.contains("com.icyleaf.test.Demo"),
                "{}",
                f.message
            );
        },
        ..CORRECT
    };
    an_ipa_host_without_range_support_fails_and_the_ipa_is_not_downloaded: Scenario {
        ipa: || make_ipa("com.example.doctor", 8 * 1024 * 1024),
        host: |server, urls| {
            let path = path_of(server, &urls.ipa);
            let mut route = Route::ok("application/octet-stream", server.body(&path));
            route.ranges = false;
            server.route(&path, route);
        },
        fails: "ipa.range",
        also: |r| {
            assert_eq!(status(r, "ipa.contents"), Some(Status::Warn));
            assert_eq!(r.ipa_bytes_fetched, None);
        },
        ..CORRECT
    };
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_big_ipa_is_inspected_with_a_tiny_fraction_of_its_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let pki = pki(dir.path());
    let server = TestServer::start(Some(&pki.good)).await;
    let ipa = make_ipa("com.example.big", 64 * 1024 * 1024);
    let size = ipa.len() as u64;
    let urls = serve_release(&server, ipa, |x| x);
    let r = diagnose(&urls.install, &pki).await;
    assert!(!r.install_would_fail, "{}", r.render_text());
    assert_eq!(r.ipa_size, Some(size));
    let fetched = r.ipa_bytes_fetched.unwrap();
    let served = server.served.load(std::sync::atomic::Ordering::Relaxed);
    println!("IPA of {size} bytes: the doctor read {fetched} bytes; the server sent {served} bytes in all");
    assert!(fetched * 100 < size, "read {fetched} of {size}");
    assert!(served * 100 < size, "server sent {served} of {size}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_with_a_double_escaped_link_fails_and_is_repaired() {
    let host = good_host(SMALL).await;
    let broken = host.urls.install.replace('&', "&amp;amp;");
    host.server.route(
        "/page",
        Route::ok(
            "text/html; charset=utf-8",
            format!("<!doctype html><p><a href=\"{broken}\">Install</a></p>"),
        ),
    );
    let page = format!("{}/page", host.server.base);
    let r = diagnose(&page, &host.pki).await;
    assert_eq!(status(&r, "input.page"), Some(Status::Pass));
    expect(&r, "link.escaping", Status::Fail);
    assert_eq!(r.repaired_link.as_deref(), Some(host.urls.install.as_str()));
    // The rest is checked through the repaired link, and is fine.
    assert_eq!(r.counts.fail, 1, "{:?}", failures(&r));

    // A page escaped correctly passes.
    let right = host.urls.install.replace('&', "&amp;");
    host.server.route(
        "/page",
        Route::ok("text/html", format!("<a href='{right}'>Install</a>")),
    );
    let r = diagnose(&page, &host.pki).await;
    assert!(!r.install_would_fail, "{}", r.render_text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manifest_url_as_input_is_checked_and_linked() {
    let host = good_host(SMALL).await;
    let r = diagnose(&host.urls.manifest, &host.pki).await;
    assert_eq!(status(&r, "input"), Some(Status::Pass));
    assert!(!r.install_would_fail, "{}", r.render_text());
    assert_eq!(
        r.repaired_link,
        Some(itms_services_link(&host.urls.manifest))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unreachable_hosts_and_bad_status_fail_without_hanging() {
    // A port nobody listens on.
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = free.local_addr().unwrap().port();
    drop(free);
    let link = itms_services_link(&format!("https://127.0.0.1:{port}/manifest.plist"));
    let r = doctor::diagnose(&link, &options(None)).await.unwrap();
    expect(&r, "tls.connect", Status::Fail);
    assert_eq!(status(&r, "manifest.fetch"), Some(Status::Fail));

    let dir = tempfile::tempdir().unwrap();
    let pki = pki(dir.path());
    let server = TestServer::start(Some(&pki.good)).await;
    let link = itms_services_link(&format!("{}/missing.plist", server.base));
    let r = diagnose(&link, &pki).await;
    expect(&r, "manifest.status", Status::Fail);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redirects_are_reported_and_an_http_hop_fails() {
    let host = good_host(SMALL).await;
    host.server
        .route("/old.plist", Route::redirect(&host.urls.manifest));
    let link = itms_services_link(&format!("{}/old.plist", host.server.base));
    let r = diagnose(&link, &host.pki).await;
    expect(&r, "manifest.redirect", Status::Pass);
    assert!(!r.install_would_fail, "{}", r.render_text());

    // Through a plain-HTTP host on the way.
    let plain = TestServer::start(None).await;
    plain.route("/hop", Route::redirect(&host.urls.manifest));
    host.server.route(
        "/old.plist",
        Route::redirect(&format!("{}/hop", plain.base)),
    );
    let r = diagnose(&link, &host.pki).await;
    expect(&r, "manifest.redirect", Status::Fail);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_link_inside_pasted_html_or_a_log_line_is_found() {
    let host = good_host(SMALL).await;
    let html = format!(
        "<a class=\"btn\" href=\"{}\">Install</a>",
        host.urls.install.replace('&', "&amp;")
    );
    let r = diagnose(&html, &host.pki).await;
    assert_eq!(status(&r, "input"), Some(Status::Pass));
    assert!(!r.install_would_fail, "{}", r.render_text());
    let log = format!("2026-11-23 INFO install link: {} (sent)", host.urls.install);
    let r = diagnose(&log, &host.pki).await;
    assert!(!r.install_would_fail, "{}", r.render_text());
    assert_eq!(status(&r, "ipa.bundle-id"), Some(Status::Pass));
}

/// The Range reader blocks on the runtime from a blocking thread: that must also work on a
/// current-thread runtime (as a caller's `#[tokio::main(flavor = "current_thread")]` would be).
#[tokio::test(flavor = "current_thread")]
async fn the_ipa_is_read_on_a_current_thread_runtime_too() {
    let host = good_host(300_000).await;
    let r = tokio::time::timeout(
        Duration::from_secs(60),
        doctor::diagnose(&host.urls.install, &options(Some(&host.pki.ca_file))),
    )
    .await
    .expect("the doctor hung")
    .unwrap();
    expect(&r, "ipa.contents", Status::Pass);
}

/// The web form's options never connect to this machine's (or any private) addresses.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_only_refuses_local_addresses_without_connecting() {
    let host = good_host(SMALL).await;
    let (server, urls) = (&host.server, &host.urls);
    let options = doctor::web::web_options(vec![]).unwrap();
    for input in [
        urls.install.clone(),
        format!("{}/page", server.base),
        itms_services_link(&urls.manifest.replace("127.0.0.1", "localhost")),
    ] {
        let r = doctor::diagnose(&input, &options).await.unwrap();
        assert!(r.install_would_fail, "{}", r.render_text());
        assert!(
            r.findings
                .iter()
                .any(|f| f.message.contains("not a public internet address")
                    || f.message.contains("not on a public internet address")),
            "{}",
            r.render_text()
        );
    }
    assert_eq!(server.served.load(std::sync::atomic::Ordering::Relaxed), 0);
}
