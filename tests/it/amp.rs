//! AMP pages that stay right in every AMP cache (issue 11), against the real server:
//! - the AMP bytes are the same for every User-Agent (the shared file's, the AMP caches'
//!   fetchers, none), with headers a cache can use;
//! - the visitor JSON (the page's personal part) says what `otadrop detect` says, and what
//!   the plain page says, for every row of the shared User-Agent file;
//! - the AMP CORS protocol, case by case;
//! - headless Chromium with JavaScript off loads the AMP bytes from a second loopback origin
//!   (as an AMP cache serves them): desktop and iPhone screenshots in `test-artifacts/amp/`.

use std::path::Path;
use std::process::Command;

use reqwest::header::HeaderMap;

use crate::support::{detect_cli, fixture, hosts, tools, TestServer};

const GOOGLE_AMP: &str = "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/41.0.2272.96 Mobile Safari/537.36 (compatible; Google-AMPHTML)";
const BINGBOT: &str =
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36";
const BINGBOT_PLAIN: &str =
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)";

/// (expected page, User-Agent) of every row of the shared file.
fn fixture_rows() -> Vec<(String, String)> {
    let path = fixture("user-agents/user-agents.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rows: Vec<_> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.splitn(5, '\t').collect();
            assert_eq!(cols.len(), 5, "{l:?}");
            (cols[2].to_string(), cols[4].to_string())
        })
        .collect();
    assert!(rows.len() >= 30);
    rows
}

fn ipa(bundle: &str, title: &str, minimum_os: &str) -> Vec<u8> {
    crate::support::app_ipa(bundle, title, minimum_os, "3.1.0", "77")
}

/// A server with one release (iOS 15+); its upload answer.
async fn server_with_release() -> (TestServer, serde_json::Value) {
    // The app URL (/apps/<bundle id>) is for everyone only with --public-index; otherwise it
    // needs a sign-in and is private.
    let server = TestServer::start(&["--public-index"]);
    let r = server
        .upload_bytes(ipa("com.example.acme", "Acme Field", "15.0"))
        .await;
    assert_eq!(r.status(), 201);
    let json = r.json().await.unwrap();
    (server, json)
}

/// `scheme://host:port` of a URL.
fn origin(url: &str) -> String {
    let after = url.find("://").unwrap() + 3;
    match url[after..].find('/') {
        Some(i) => url[..after + i].to_string(),
        None => url.to_string(),
    }
}

fn encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// The Google AMP Cache origin of a host: `.` becomes `-` (and `-` becomes `--`).
fn google_cache_origin(host: &str) -> String {
    let label: String = host
        .replace('-', "--")
        .chars()
        .map(|c| if c == '.' || c == ':' { '-' } else { c })
        .collect();
    format!("https://{label}.cdn.ampproject.org")
}

async fn get_as(server: &TestServer, url: &str, ua: Option<&str>) -> reqwest::Response {
    let mut req = server.client.get(url);
    if let Some(ua) = ua {
        req = req.header("user-agent", ua);
    }
    req.send().await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_amp_bytes_are_the_same_for_every_user_agent() {
    let (server, release) = server_with_release().await;
    let amp = release["amp_url"].as_str().unwrap();
    let app_amp = server.url("/apps/com.example.acme/amp");
    let mut uas: Vec<Option<String>> = fixture_rows().into_iter().map(|(_, ua)| Some(ua)).collect();
    uas.extend(
        [GOOGLE_AMP, BINGBOT, BINGBOT_PLAIN, "", "curl/8.5.0"]
            .iter()
            .map(|s| Some(s.to_string())),
    );
    uas.push(None);
    for url in [amp, app_amp.as_str()] {
        let mut first: Option<bytes::Bytes> = None;
        for ua in &uas {
            let r = get_as(&server, url, ua.as_deref()).await;
            assert_eq!(r.status(), 200, "{ua:?}");
            let h = r.headers().clone();
            assert_eq!(h["cache-control"], "public, max-age=300", "{ua:?}");
            for vary in h.get_all("vary") {
                let vary = vary.to_str().unwrap().to_ascii_lowercase();
                assert!(!vary.contains("user-agent"), "{ua:?}: Vary: {vary}");
            }
            let body = r.bytes().await.unwrap();
            match &first {
                None => first = Some(body),
                Some(f) => assert!(*f == body, "{url}: other bytes for {ua:?}"),
            }
        }
        let html = String::from_utf8(first.unwrap().to_vec()).unwrap();
        // The page links and the JSON endpoint are absolute URLs under the public URL.
        let visitor = format!("{}/visitor.json", release["page_url"].as_str().unwrap());
        // ... in the document's language (the server's default here).
        assert!(
            html.contains(&format!("src=\"{visitor}?lang=en\"")),
            "{url}"
        );
        assert!(html.contains(&format!(
            "<link rel=\"canonical\" href=\"{}\">",
            release["page_url"].as_str().unwrap()
        )));
        assert!(!html.contains("&amp;amp;"));
        assert!(!html.contains("href=\"/"), "no relative links");
    }
    validate(&amp_bytes_of(&server, amp).await);
    // The plain page stays per visitor.
    let r = get_as(
        &server,
        release["page_url"].as_str().unwrap(),
        Some(GOOGLE_AMP),
    )
    .await;
    assert!(r
        .headers()
        .get_all("vary")
        .iter()
        .any(|v| v.to_str().unwrap().contains("User-Agent")));
    assert_eq!(r.headers()["cache-control"], "no-cache");
}

async fn amp_bytes_of(server: &TestServer, url: &str) -> String {
    String::from_utf8(server.fetch(url).await.to_vec()).unwrap()
}

/// The official AMP validator passes the page as served (skips without the tools, unless CI).
fn validate(html: &str) {
    if !tools::validator_ready() {
        return;
    }
    let file = tools::artifacts("amp").join("served.amp.html");
    std::fs::write(&file, html).unwrap();
    let results = tools::validate_amp(&[file]);
    assert_eq!(results[0]["status"], "PASS", "{}", results[0]["errors"]);
}

/// What the plain page must show for each lead of the visitor JSON.
fn plain_page_says(lead: &str, html: &str, install_url: &str) -> bool {
    let button = html.contains(&format!("href=\"{}\"", install_url.replace('&', "&amp;")));
    match lead {
        "install" => button && html.contains("Nothing happened?"),
        "open-in-safari" => button && html.contains("Open this page in Safari to install"),
        "qr" => !button || html.contains("id=\"touch-install\""),
        "ios-only" => !button && html.contains("This app is for"),
        "preview" => !button && html.contains("Open the install page"),
        "blocked" => !button && html.contains("cannot be installed"),
        other => panic!("unknown lead {other}"),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_visitor_json_says_what_otadrop_detect_and_the_plain_page_say() {
    let (server, release) = server_with_release().await;
    let page = release["page_url"].as_str().unwrap();
    let install = release["install_url"].as_str().unwrap();
    let own = origin(&server.base);
    let url = format!("{page}/visitor.json?__amp_source_origin={}", encode(&own));
    let mut uas: Vec<(Option<String>, String)> = fixture_rows()
        .into_iter()
        .map(|(page, ua)| (Some(page), ua))
        .collect();
    for ua in [GOOGLE_AMP, BINGBOT, ""] {
        uas.push((None, ua.to_string()));
    }
    for (expected_page, ua) in uas {
        let r = server
            .get_with(&url, &[("user-agent", &ua), ("amp-same-origin", "true")])
            .await;
        assert_eq!(r.status(), 200, "{ua}");
        assert_eq!(r.headers()["cache-control"], "private, no-store", "{ua}");
        assert!(r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json"));
        let json: serde_json::Value = r.json().await.unwrap();
        let cli = detect_cli(&ua);
        for key in ["page", "platform", "in_app", "os_version", "device"] {
            assert_eq!(json[key], cli[key], "{key} for {ua}");
        }
        if let Some(p) = expected_page {
            assert_eq!(json["page"], p.as_str(), "{ua}");
        }
        // The plain page for the same User-Agent leads with the same thing.
        let lead = json["lead"].as_str().unwrap();
        let plain = server
            .get_with(page, &[("user-agent", &ua)])
            .await
            .text()
            .await
            .unwrap();
        assert!(plain_page_says(lead, &plain, install), "{ua}: lead {lead}");
        // Exactly one of the template's lead switches is on.
        let on = [
            "install",
            "open_in_safari",
            "qr",
            "ios_only",
            "preview",
            "blocked",
            "os_too_old",
            "ipad_only",
        ]
        .iter()
        .filter(|k| json[**k] == true)
        .count();
        assert_eq!(on, 1, "{ua}: {json}");
    }
    // An iOS too old for the build: the JSON says which versions.
    let old = "Mozilla/5.0 (iPhone; CPU iPhone OS 14_8 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.1.2 Mobile/15E148 Safari/604.1";
    let json: serde_json::Value = server
        .get_with(&url, &[("user-agent", old), ("amp-same-origin", "true")])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(json["lead"], "blocked");
    assert_eq!(json["os_too_old"], true);
    assert_eq!(json["needs"], "15.0");
    assert_eq!(json["has"], "14.8");
}

/// Request headers to send: (name, value).
type Headers = Vec<(&'static str, String)>;

fn no_cors_headers(h: &HeaderMap) -> bool {
    h.keys().all(|k| {
        let k = k.as_str();
        !k.starts_with("access-control-") && !k.starts_with("amp-access-control-")
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn the_amp_cors_protocol() {
    let (server, release) = server_with_release().await;
    let page = release["page_url"].as_str().unwrap();
    let own = origin(&server.base);
    let host = own.strip_prefix("https://").unwrap();
    let google = google_cache_origin(host);
    let bing = format!("https://{}.bing-amp.com", host.replace(['.', ':'], "-"));
    let with = |source: &str| format!("{page}/visitor.json?__amp_source_origin={}", encode(source));
    let ok_url = with(&own);

    let send = |method: reqwest::Method, url: String, headers: Headers| {
        let mut req = server.client.request(method, url);
        for (k, v) in headers {
            req = req.header(k, v);
        }
        req.send()
    };

    // Allowed: an AMP cache's origin (Google's and Bing's), our own origin, AMP-Same-Origin.
    for (origin_header, same) in [
        (Some(google.clone()), false),
        (Some(bing.clone()), false),
        (Some(own.clone()), false),
        (None, true),
    ] {
        let mut headers = vec![("user-agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1".to_string())];
        if let Some(o) = &origin_header {
            headers.push(("origin", o.clone()));
        }
        if same {
            headers.push(("amp-same-origin", "true".into()));
        }
        let r = send(reqwest::Method::GET, ok_url.clone(), headers)
            .await
            .unwrap();
        let what = format!("{origin_header:?} same-origin={same}");
        assert_eq!(r.status(), 200, "{what}");
        let h = r.headers();
        let allow = origin_header.clone().unwrap_or_else(|| own.clone());
        assert_eq!(h["access-control-allow-origin"], allow.as_str(), "{what}");
        assert_eq!(h["access-control-allow-credentials"], "true", "{what}");
        assert_eq!(
            h["amp-access-control-allow-source-origin"],
            own.as_str(),
            "{what}"
        );
        assert_eq!(
            h["access-control-expose-headers"], "AMP-Access-Control-Allow-Source-Origin",
            "{what}"
        );
        assert_eq!(h["cache-control"], "private, no-store");
        let json: serde_json::Value = r.json().await.unwrap();
        assert_eq!(json["page"], "install");
    }

    // Refused with 403 and no CORS headers.
    let refused: Vec<(String, String, Headers)> = vec![
        (
            "wrong __amp_source_origin".into(),
            with("https://evil.example"),
            vec![("origin", google.clone())],
        ),
        (
            "source origin with a path".into(),
            with(&format!("{own}/r")),
            vec![("amp-same-origin", "true".into())],
        ),
        (
            "no __amp_source_origin".into(),
            format!("{page}/visitor.json"),
            vec![("origin", google.clone())],
        ),
        (
            "foreign Origin".into(),
            ok_url.clone(),
            vec![("origin", "https://evil.example".into())],
        ),
        (
            "lookalike cache".into(),
            ok_url.clone(),
            vec![("origin", format!("{google}.evil.example"))],
        ),
        (
            "nested cache label".into(),
            ok_url.clone(),
            vec![("origin", "https://a.b.cdn.ampproject.org".into())],
        ),
        (
            "http cache".into(),
            ok_url.clone(),
            vec![("origin", google.replace("https://", "http://"))],
        ),
        (
            "cache suffix without dot".into(),
            ok_url.clone(),
            vec![("origin", "https://evilcdn.ampproject.org".into())],
        ),
        (
            "bing lookalike".into(),
            ok_url.clone(),
            vec![("origin", "https://x.bing-amp.com.evil.example".into())],
        ),
        (
            "no Origin, no AMP-Same-Origin".into(),
            ok_url.clone(),
            vec![],
        ),
        (
            "AMP-Same-Origin: false".into(),
            ok_url.clone(),
            vec![("amp-same-origin", "false".into())],
        ),
        (
            "foreign Origin with AMP-Same-Origin".into(),
            ok_url.clone(),
            vec![
                ("origin", "https://evil.example".into()),
                ("amp-same-origin", "true".into()),
            ],
        ),
    ];
    for (what, url, headers) in refused {
        let r = send(reqwest::Method::GET, url, headers).await.unwrap();
        assert_eq!(r.status(), 403, "{what}");
        assert!(no_cors_headers(r.headers()), "{what}: {:?}", r.headers());
        let body: serde_json::Value = r.json().await.unwrap();
        assert!(body["error"].is_string(), "{what}");
    }

    // The preflight.
    let r = send(
        reqwest::Method::OPTIONS,
        ok_url.clone(),
        vec![
            ("origin", google.clone()),
            ("access-control-request-method", "GET".into()),
            ("access-control-request-headers", "amp-same-origin".into()),
        ],
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 204);
    let h = r.headers();
    assert_eq!(h["access-control-allow-origin"], google.as_str());
    assert_eq!(h["access-control-allow-credentials"], "true");
    assert_eq!(h["amp-access-control-allow-source-origin"], own.as_str());
    assert!(h["access-control-allow-methods"]
        .to_str()
        .unwrap()
        .contains("GET"));
    assert!(h["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase()
        .contains("amp-same-origin"));
    let r = send(
        reqwest::Method::OPTIONS,
        ok_url.clone(),
        vec![
            ("origin", "https://evil.example".into()),
            ("access-control-request-method", "GET".into()),
        ],
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 403);
    assert!(no_cors_headers(r.headers()));

    // Other methods; an unknown release behind a valid request.
    let r = send(
        reqwest::Method::POST,
        ok_url.clone(),
        vec![("origin", google.clone())],
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 405);
    let unknown = format!(
        "{}/r/01jd5x0000000000000000000a/visitor.json?__amp_source_origin={}",
        server.base,
        encode(&own)
    );
    let r = send(
        reqwest::Method::GET,
        unknown,
        vec![("origin", google.clone())],
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(r.headers()["access-control-allow-origin"], google.as_str());
}

/// The AMP page as an AMP cache serves it: its bytes from another origin, JavaScript off.
///
/// Chromium's iPhone emulation does not match `@supports (-webkit-touch-callout: none)` (only
/// iOS WebKit does), so the emulated iPhone sees the desktop view: the QR code and no button.
/// The iOS view is checked by serving the same bytes with that one feature query changed to one
/// Chromium matches (`(display: block)`), labelled as such: it shows what the CSS gives once
/// the query matches.
#[tokio::test(flavor = "multi_thread")]
async fn the_amp_bytes_from_a_cache_origin_without_javascript_in_chromium() {
    if !tools::browser_ready() {
        return;
    }
    let (server, release) = server_with_release().await;
    let page = release["page_url"].as_str().unwrap().to_string();
    let amp = server.fetch(release["amp_url"].as_str().unwrap()).await;
    let html = String::from_utf8(amp.to_vec()).unwrap();
    const IOS_QUERY: &str = "@supports (-webkit-touch-callout:none)";
    assert!(html.contains(IOS_QUERY));
    let simulated = html.replace(IOS_QUERY, "@supports (display:block)");

    // The "cache": a static server on another loopback port, serving the bytes unchanged.
    let cache = hosts::TestServer::start(None).await;
    let host = origin(&server.base)
        .strip_prefix("https://")
        .unwrap()
        .to_string();
    let id = release["id"].as_str().unwrap();
    let path = format!("/c/s/{host}/r/{id}/amp");
    cache.route(
        &path,
        hosts::Route::ok("text/html; charset=utf-8", amp.clone()),
    );
    let sim_path = format!("/simulated-ios{path}");
    cache.route(
        &sim_path,
        hosts::Route::ok("text/html; charset=utf-8", simulated),
    );
    assert_eq!(
        cache.body(&path),
        amp,
        "the cache serves the origin's bytes"
    );

    let out = tools::artifacts("amp");
    let url = format!("{}{path}", cache.base);
    let config = serde_json::json!({
        "base": cache.base,
        "allow": [server.base],
        "out": out,
        "scenarios": [
            {"name": "amp-cache-desktop", "url": url, "profile": "desktop", "javaScriptEnabled": false, "qr": true},
            {"name": "amp-cache-iphone", "url": url, "profile": "iphone", "javaScriptEnabled": false},
            {"name": "amp-cache-iphone-ios-css-simulated", "url": format!("{}{sim_path}", cache.base), "profile": "iphone", "javaScriptEnabled": false},
        ],
    });
    let results = tools::browser_check(config).await;
    let by = |name: &str| tools::scenario(&results, name);
    for r in &results {
        let name = r["name"].as_str().unwrap();
        assert_eq!(r["status"], 200, "{name}");
        assert!(
            Path::new(r["screenshot"].as_str().unwrap()).is_file(),
            "{name}"
        );
        // With JavaScript off nothing beyond loopback is even asked for; whatever is, is
        // aborted by the script and may only be the AMP runtime's own scripts.
        for u in r["blockedRequests"].as_array().unwrap() {
            assert!(
                u.as_str()
                    .unwrap()
                    .starts_with("https://cdn.ampproject.org/"),
                "{name} asked for {u}"
            );
        }
        assert!(
            r["scrollWidth"].as_i64() <= r["clientWidth"].as_i64(),
            "{name}: scrolls sideways"
        );
        assert!(
            r["text"].as_str().unwrap().contains("Acme Field"),
            "{name}: the page is visible (the noscript boilerplate applied)"
        );
    }

    // Desktop: the QR code, which decodes to the page URL, and no live install button.
    let r = by("amp-cache-desktop");
    assert_eq!(r["qr"], true);
    assert_eq!(r["install"], false);
    assert_eq!(r["anyInstall"], false);
    assert!(r["text"].as_str().unwrap().contains("Scan with the camera"));
    let decoded = Command::new("zbarimg")
        .args(["--raw", "-q", r["qrShot"].as_str().unwrap()])
        .output()
        .unwrap();
    assert!(decoded.status.success(), "zbarimg found no code");
    assert_eq!(String::from_utf8_lossy(&decoded.stdout).trim(), page);

    // Chromium's iPhone: not iOS WebKit for CSS, so the same view as the desktop.
    let r = by("amp-cache-iphone");
    assert_eq!(r["qr"], true);
    assert_eq!(r["anyInstall"], false);

    // The same bytes once the iOS feature query matches: the button, the copy-link fallback,
    // no QR code.
    let r = by("amp-cache-iphone-ios-css-simulated");
    assert_eq!(r["install"], true);
    assert_eq!(r["installHref"], release["install_url"]);
    assert_eq!(r["qr"], false);
    assert!(r["text"].as_str().unwrap().contains("Nothing happened?"));
}
