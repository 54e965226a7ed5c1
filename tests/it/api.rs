//! The foundation, end to end: upload real IPAs to a real server on 127.0.0.1, then fetch what
//! an iPhone would fetch and check every byte that matters.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::support::{
    assert_success, build_keys, fixture, make_ipa, otadrop_command, sha256_hex, TestServer, TOKEN,
};

const IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1";

/// (file, bundle id, version, build, title), from what each fixture really contains.
const VALID: &[(&str, &str, &str, &str, &str)] = &[
    (
        "icyleaf__iphone.ipa",
        "com.icyleaf.AppInfoDemo",
        "1.2.3",
        "5",
        "AppInfoDemo",
    ),
    (
        "icyleaf__ipad.ipa",
        "com.icyleaf.bundle",
        "1.0",
        "1",
        "bundle",
    ),
    (
        "icyleaf__embedded.ipa",
        "com.icyleaf.test.Demo",
        "1.0",
        "1",
        "Demo",
    ),
    (
        "ipa-server__ipa.ipa",
        "com.ineva.test-rtmp.Test",
        "1.0",
        "1",
        "Test",
    ),
    (
        "fastlane__very-capable-app.ipa",
        "org.fastlane.very-capable-app",
        "1.0",
        "1",
        "very-capable-app",
    ),
    (
        "fastlane__iTanky_2012.ipa",
        "at.felixkrause.iTanky",
        "1.0",
        "1.0",
        "iTanky",
    ),
    (
        "fastlane__ExampleProductName_cocoapods.ipa",
        "net.sunapps.9",
        "1.0",
        "1",
        "ExampleProductName",
    ),
    (
        "bitrise__ios-simple-objc.ipa",
        "Bitrise.ios-simple-objc",
        "1.0",
        "1",
        "ios-simple-objc",
    ),
    (
        "pliney__pliney-test.ipa",
        "computer.versus.pliney-test",
        "1.0",
        "1",
        "pliney-test",
    ),
    (
        "run_loop__chou.ipa",
        "com.xamarin.chou",
        "1.0",
        "1.0",
        "chou",
    ),
];

const EDGE: &[&str] = &[
    "edge__fastlane__not-an-ipa.ipa",
    "edge__fastlane__no-app-bundle.ipa",
    "edge__fastlane__iOSAppOnly_nested-root.ipa",
];

/// Parses XML with Python's plistlib: a second, independent plist parser.
fn plistlib_json(xml: &[u8]) -> serde_json::Value {
    let child = Command::new("python3")
        .args([
            "-c",
            "import json,plistlib,sys; print(json.dumps(plistlib.loads(sys.stdin.buffer.read())))",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => panic!("python3 is needed for the second plist parser: {e}"),
    };
    child.stdin.take().unwrap().write_all(xml).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "plistlib refused the manifest: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The manifest checked with both parsers; returns plistlib's view.
async fn check_manifest(
    s: &TestServer,
    up: &serde_json::Value,
    title: &str,
    bundle: &str,
    version: &str,
) {
    let r = s.get(up["manifest_url"].as_str().unwrap()).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "text/xml");
    let xml = r.bytes().await.unwrap();

    let ours: plist::Value = plist::from_bytes(&xml).expect("plist crate parses the manifest");
    let py = plistlib_json(&xml);
    let from_plist_crate = serde_json::to_value(&ours).unwrap();
    assert_eq!(from_plist_crate, py, "the two parsers disagree");

    let item = &py["items"][0];
    let meta = &item["metadata"];
    assert_eq!(meta["bundle-identifier"], bundle);
    assert_eq!(meta["bundle-version"], version);
    assert_eq!(meta["kind"], "software");
    assert_eq!(meta["title"], title);
    let assets = item["assets"].as_array().unwrap();
    assert_eq!(assets[0]["kind"], "software-package");
    assert_eq!(assets[0]["url"], up["ipa_url"]);
    for a in assets {
        let url = a["url"].as_str().unwrap();
        assert!(url.starts_with("https://"), "{url}");
        assert!(matches!(
            a["kind"].as_str(),
            Some("software-package" | "display-image" | "full-size-image")
        ));
        // Every URL in the manifest answers.
        let r = s.get(url).await;
        assert_eq!(r.status(), 200, "{url}");
    }
    if up["icon_url"].is_string() {
        let kinds: Vec<&str> = assets.iter().map(|a| a["kind"].as_str().unwrap()).collect();
        assert_eq!(
            kinds,
            ["software-package", "display-image", "full-size-image"]
        );
    }
}

/// Why an iPhone visitor can never install this build, from the API's record alone: the words
/// the page must say instead of offering the button.
fn doomed(app: &serde_json::Value) -> Option<&'static str> {
    let p = &app["profile"];
    if p.is_null() {
        return None;
    }
    if p["type"] == "app-store" {
        return Some("App Store");
    }
    let past = |v: &serde_json::Value| {
        v.as_str().is_some_and(|d| {
            time::OffsetDateTime::parse(d, &time::format_description::well_known::Rfc3339).unwrap()
                < time::OffsetDateTime::now_utc()
        })
    };
    if past(&p["expires"]) {
        return Some("profile expired");
    }
    if past(&p["certificate_expires"]) {
        return Some("certificate expired");
    }
    None
}

/// The install link as it must appear in HTML: `&` escaped exactly once.
fn check_install_link(html: &str, manifest_url: &str) {
    let encoded: String =
        percent_encoding::utf8_percent_encode(manifest_url, percent_encoding::NON_ALPHANUMERIC)
            .to_string()
            .replace("%2D", "-")
            .replace("%2E", ".")
            .replace("%5F", "_")
            .replace("%7E", "~");
    let expected = format!("itms-services://?action=download-manifest&amp;url={encoded}");
    assert!(
        html.contains(&expected),
        "no correct install link ({expected}) in page"
    );
    assert!(!html.contains("&amp;amp;"), "double-escaped &");
    assert!(!html.contains("amp-url"));
    assert!(
        !html.contains("download-manifest&url="),
        "unescaped & in HTML"
    );
}

#[tokio::test]
async fn every_valid_fixture_installs_end_to_end() {
    let s = TestServer::start(&[]);
    for (file, bundle, version, build, title) in VALID {
        let path = fixture(&format!("ipa/{file}"));
        let bytes = std::fs::read(&path).unwrap();
        let up = s.publish(&path).await;
        assert_eq!(up["app"]["bundle_id"], *bundle, "{file}");
        assert_eq!(up["app"]["version"], *version, "{file}");
        assert_eq!(up["app"]["build"], *build, "{file}");
        assert_eq!(up["app"]["title"], *title, "{file}");
        assert_eq!(up["sha256"], sha256_hex(&bytes), "{file}");
        assert_eq!(up["size"], bytes.len() as u64, "{file}");
        for key in ["id", "page_url", "amp_url", "manifest_url", "ipa_url"] {
            assert!(up[key].is_string(), "{file}: {key}");
        }
        assert!(up["page_url"].as_str().unwrap().starts_with(&s.base));

        // The page an iPhone gets: the install link, or (every shared fixture's profile has
        // long expired, some are App Store-signed) the reason there is none.
        let page = s.get_with(up["page_url"].as_str().unwrap(), &[("user-agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1")]).await;
        assert_eq!(page.status(), 200);
        assert!(page.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        let html = page.text().await.unwrap();
        match doomed(&up["app"]) {
            None => check_install_link(&html, up["manifest_url"].as_str().unwrap()),
            Some(reason) => {
                assert!(
                    !html.contains("download-manifest"),
                    "{file}: a doomed install is offered"
                );
                assert!(
                    html.contains("cannot be installed") && html.contains(reason),
                    "{file}: reason not said ({reason})"
                );
            }
        }

        check_manifest(&s, &up, title, bundle, version).await;

        // The IPA comes back byte for byte.
        let r = s.get(up["ipa_url"].as_str().unwrap()).await;
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["content-type"], "application/octet-stream");
        assert_eq!(
            r.headers()["content-length"],
            bytes.len().to_string().as_str()
        );
        let got = r.bytes().await.unwrap();
        assert_eq!(
            sha256_hex(&got),
            sha256_hex(&bytes),
            "{file}: downloaded bytes differ"
        );
    }
    // Listing: newest first, every upload present.
    let list: Vec<serde_json::Value> = s.releases().await;
    assert_eq!(list.len(), VALID.len());
    let ids: Vec<&str> = list.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(ids, sorted, "newest first");
    assert_eq!(list[0]["app"]["bundle_id"], VALID[VALID.len() - 1].1);
}

#[tokio::test]
async fn edge_fixtures_are_refused_with_a_clear_400() {
    let s = TestServer::start(&[]);
    for file in EDGE {
        let r = s.upload(&fixture(&format!("ipa/{file}"))).await;
        assert_eq!(r.status(), 400, "{file}");
        let body: serde_json::Value = r.json().await.unwrap();
        let msg = body["error"].as_str().unwrap();
        assert!(msg.len() > 20, "{file}: message too thin: {msg}");
    }
    // A zip with an app but no bundle id.
    let ipa = make_ipa("NoId.app", &[("CFBundleName", "NoId".into())], &[]);
    let r = s.upload_bytes(ipa).await;
    assert_eq!(r.status(), 400);
    let body: serde_json::Value = r.json().await.unwrap();
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .contains("CFBundleIdentifier"),
        "{body}"
    );
    // Nothing was published, nothing left behind.
    let list: Vec<serde_json::Value> = s.releases().await;
    assert!(list.is_empty());
    assert_eq!(s.staged(), 0);
}

/// A raw upload is taken without a Content-Type and with the zip types other tools send
#[tokio::test]
async fn raw_uploads_need_no_content_type_and_take_the_zip_types() {
    let s = TestServer::start(&[]);
    let ipa = std::fs::read(fixture("ipa/icyleaf__iphone.ipa")).unwrap();
    for content_type in [None, Some("application/zip"), Some("application/x-ios-app")] {
        let headers: Vec<(&str, &str)> = content_type
            .map(|t| ("content-type", t))
            .into_iter()
            .collect();
        let (status, up) = s.upload_as(ipa.clone(), &headers).await;
        assert_eq!(status, 201, "{content_type:?}: {up}");
        assert_eq!(up["app"]["bundle_id"], "com.icyleaf.AppInfoDemo");
    }
    assert_eq!(s.releases().await.len(), 3);
}

#[tokio::test]
async fn tokens_types_and_sizes_are_checked() {
    let s = TestServer::start(&["--max-upload", "50000"]);
    let ipa = std::fs::read(fixture("ipa/icyleaf__iphone.ipa")).unwrap();
    let post = || s.client.post(s.url("/api/releases"));

    let r = post().body(ipa.clone()).send().await.unwrap();
    assert_eq!(r.status(), 401);
    assert!(r.headers().contains_key("www-authenticate"));
    let r = post()
        .bearer_auth("wrong-token-xyz")
        .body(ipa.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let r = s.upload_bytes(Vec::new()).await;
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("empty"));
    let r = post()
        .bearer_auth(TOKEN)
        .header("content-type", "text/plain")
        .body(ipa.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 415);

    // Over the limit without a Content-Length (chunked): refused once the limit is passed,
    // and the client still gets to read the answer.
    let big = vec![0u8; 60_000];
    let stream = futures_util::stream::iter(
        big.chunks(10_000)
            .map(|c| Ok::<_, std::io::Error>(c.to_vec()))
            .collect::<Vec<_>>(),
    );
    let r = s.upload_bytes(reqwest::Body::wrap_stream(stream)).await;
    assert_eq!(r.status(), 413);
    assert!(r.text().await.unwrap().contains("--max-upload"));
    // The real IPA is under the limit and goes through.
    let r = s.upload_bytes(ipa).await;
    assert_eq!(r.status(), 201);
    assert_eq!(s.staged(), 0);
}

#[test]
fn an_announced_oversize_upload_is_refused_before_its_body() {
    let s = TestServer::start(&["--http", "--max-upload", "1000000"]);
    let mut tcp = std::net::TcpStream::connect(&s.addr).unwrap();
    tcp.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    // 10 GB announced, not one byte of it sent: the answer must come anyway.
    write!(
        tcp,
        "POST /api/releases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKEN}\r\nContent-Type: application/octet-stream\r\nContent-Length: 10000000000\r\n\r\n"
    )
    .unwrap();
    let mut answer = [0u8; 512];
    let n = tcp.read(&mut answer).unwrap();
    let head = String::from_utf8_lossy(&answer[..n]);
    assert!(head.starts_with("HTTP/1.1 413"), "{head}");
}

#[tokio::test]
async fn multipart_upload_with_notes() {
    let s = TestServer::start(&[]);
    let ipa = std::fs::read(fixture("ipa/bitrise__ios-simple-objc.ipa")).unwrap();
    let form = reqwest::multipart::Form::new()
        .text("notes", "Fixes the login crash.\nSecond line & <b>bold</b>")
        .part(
            "ipa",
            reqwest::multipart::Part::bytes(ipa).file_name("App.ipa"),
        );
    let r = s.upload_form(form).await;
    assert_eq!(r.status(), 201);
    let up: serde_json::Value = r.json().await.unwrap();
    assert_eq!(
        up["notes"],
        "Fixes the login crash.\nSecond line & <b>bold</b>"
    );
    assert_eq!(up["app"]["bundle_id"], "Bitrise.ios-simple-objc");
    let page = s.text(up["page_url"].as_str().unwrap()).await;
    assert!(page.contains("Fixes the login crash."));
    assert!(!page.contains("<b>bold</b>"), "notes are escaped");

    // A form without the ipa field.
    let form = reqwest::multipart::Form::new().text("notes", "x");
    let r = s.upload_form(form).await;
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("`ipa`"));
}

#[tokio::test]
async fn a_cut_upload_publishes_nothing() {
    let s = TestServer::start(&["--http"]);
    let ipa = std::fs::read(fixture("ipa/fastlane__iTanky_2012.ipa")).unwrap();
    {
        let mut tcp = std::net::TcpStream::connect(&s.addr).unwrap();
        write!(
            tcp,
            "POST /api/releases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKEN}\r\nContent-Type: application/octet-stream\r\nContent-Length: {}\r\n\r\n",
            ipa.len()
        )
        .unwrap();
        tcp.write_all(&ipa[..ipa.len() / 2]).unwrap();
        tcp.flush().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(300));
        // The staged upload exists while the body streams in...
        assert_eq!(s.staged(), 1);
    } // ...and the connection is cut here.
    let mut left = usize::MAX;
    for _ in 0..100 {
        left = s.staged();
        if left == 0 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(left, 0, "staged files removed");
    let list: Vec<serde_json::Value> = s.releases().await;
    assert!(list.is_empty());
    assert_eq!(
        std::fs::read_dir(s.data.join("releases")).unwrap().count(),
        0
    );
}

#[tokio::test]
async fn names_with_markup_quotes_and_spaces_are_escaped() {
    let s = TestServer::start(&[]);
    let title = r#"<script>alert(1)</script> & "Tom's""#;
    let ipa = make_ipa(
        "My App & Co.app",
        &[
            ("CFBundleIdentifier", "com.example.tom-jerry".into()),
            ("CFBundleShortVersionString", "2.0 <beta>".into()),
            ("CFBundleVersion", "7".into()),
            ("CFBundleDisplayName", title.into()),
            ("MinimumOSVersion", "12.0".into()),
        ],
        &[],
    );
    let r = s.upload_bytes(ipa).await;
    assert_eq!(r.status(), 201);
    let up: serde_json::Value = r.json().await.unwrap();
    assert_eq!(up["app"]["title"], title);
    check_manifest(&s, &up, title, "com.example.tom-jerry", "2.0 <beta>").await;
    let raw = s.text(up["manifest_url"].as_str().unwrap()).await;
    assert!(
        raw.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;"),
        "{raw}"
    );

    for url in [
        up["page_url"].as_str().unwrap(),
        up["amp_url"].as_str().unwrap(),
    ] {
        let r = s.get_with(url, &[("user-agent", IPHONE)]).await;
        assert_eq!(r.status(), 200, "{url}");
        let html = r.text().await.unwrap();
        check_install_link(&html, up["manifest_url"].as_str().unwrap());
        assert!(
            !html.contains("<script>alert(1)"),
            "{url}: title not escaped"
        );
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{url}"
        );
    }
    let index = s.admin_text(&s.url("/")).await;
    assert!(index.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!index.contains("<script>alert(1)"));
}

#[tokio::test]
async fn range_head_and_conditional_requests() {
    let s = TestServer::start(&[]);
    let path = fixture("ipa/icyleaf__ipad.ipa");
    let bytes = std::fs::read(&path).unwrap();
    let len = bytes.len();
    let up = s.publish(&path).await;
    let url = up["ipa_url"].as_str().unwrap();

    let head = s.request_with(reqwest::Method::HEAD, url, &[]).await;
    assert_eq!(head.status(), 200);
    assert_eq!(head.headers()["content-length"], len.to_string().as_str());
    assert_eq!(head.headers()["accept-ranges"], "bytes");
    let etag = head.headers()["etag"].to_str().unwrap().to_string();
    assert!(etag.starts_with('"'), "strong ETag");

    let r = s.get_with(url, &[("range", "bytes=100-199")]).await;
    assert_eq!(r.status(), 206);
    assert_eq!(
        r.headers()["content-range"],
        format!("bytes 100-199/{len}").as_str()
    );
    assert_eq!(r.bytes().await.unwrap().as_ref(), &bytes[100..200]);

    let r = s.get_with(url, &[("range", "bytes=-10")]).await;
    assert_eq!(r.status(), 206);
    assert_eq!(r.bytes().await.unwrap().as_ref(), &bytes[len - 10..]);

    let r = s
        .get_with(url, &[("range", &format!("bytes={len}-"))])
        .await;
    assert_eq!(r.status(), 416);
    assert_eq!(
        r.headers()["content-range"],
        format!("bytes */{len}").as_str()
    );

    let r = s.get_with(url, &[("if-none-match", &etag)]).await;
    assert_eq!(r.status(), 304);
    let r = s
        .get_with(url, &[("range", "bytes=0-9"), ("if-range", "\"stale\"")])
        .await;
    assert_eq!(r.status(), 200, "If-Range mismatch sends everything");
    let r = s
        .get_with(url, &[("range", "bytes=0-9"), ("if-range", &etag)])
        .await;
    assert_eq!(r.status(), 206);

    // Resuming a download: the first half, then the rest, reassemble to the same bytes.
    let half = len / 2;
    let a = s
        .get_with(url, &[("range", &format!("bytes=0-{}", half - 1))])
        .await
        .bytes()
        .await
        .unwrap();
    let b = s
        .get_with(url, &[("range", &format!("bytes={half}-"))])
        .await
        .bytes()
        .await
        .unwrap();
    assert_eq!([a.as_ref(), b.as_ref()].concat(), bytes);
}

#[tokio::test]
async fn stable_app_url_index_and_restart() {
    let dir = tempfile::tempdir().unwrap();
    let ipa = |v: &str| {
        make_ipa(
            "Stable.app",
            &build_keys(
                "com.example.stable",
                v,
                v,
                vec![("CFBundleName", "Stable".into())],
            ),
            &[],
        )
    };
    let (first_ca, app_url) = {
        // The open listing of a trusted network.
        let s = TestServer::start_in(dir.path(), &["--public-index"]);
        assert_eq!(s.upload_bytes(ipa("1.0")).await.status(), 201);
        let r = s.upload_bytes(ipa("1.1")).await;
        let up: serde_json::Value = r.json().await.unwrap();
        let app_url = up["app_url"].as_str().unwrap().to_string();
        let page = s.text(&app_url).await;
        assert!(page.contains("1.1"));
        assert!(s.publish(&fixture("ipa/icyleaf__iphone.ipa")).await["id"].is_string());
        let index = s.text(&s.url("/")).await;
        assert!(index.contains("Stable") && index.contains("AppInfoDemo"));
        (
            std::fs::read(s.ca_path()).unwrap(),
            app_url.replace(&s.base, ""),
        )
    };
    // Restart on the same folder: same CA, same releases.
    let s = TestServer::start_in(dir.path(), &["--public-index"]);
    assert_eq!(std::fs::read(s.ca_path()).unwrap(), first_ca, "CA reused");
    let list: Vec<serde_json::Value> = s.releases().await;
    assert_eq!(list.len(), 3);
    let page = s.get(s.url(&app_url)).await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("1.1"));
    let r = s.get(s.url("/apps/com.example.nope")).await;
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn publish_command_uploads_and_prints_json() {
    let s = TestServer::start(&[]);
    let ca = s.ca_path();
    // `otadrop publish` of one fixture to this server with `token`, trusting `ca` if given.
    let publish = |token: &str, ca: Option<&Path>, extra: &[&str]| {
        let mut cmd = otadrop_command();
        cmd.arg("publish")
            .arg(fixture("ipa/pliney__pliney-test.ipa"))
            .args(["--server", &s.base, "--token", token])
            .args(extra);
        if let Some(ca) = ca {
            cmd.arg("--ca").arg(ca);
        }
        cmd.output().expect("run otadrop publish")
    };
    let out = publish(TOKEN, Some(&ca), &["--json", "--notes", "from the CLI"]);
    assert_success(&out);
    let up: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(up["app"]["bundle_id"], "computer.versus.pliney-test");
    assert_eq!(up["notes"], "from the CLI");

    // Without --json: the page URL alone.
    let out = publish(TOKEN, Some(&ca), &[]);
    assert_success(&out);
    let url = String::from_utf8(out.stdout).unwrap();
    assert!(url.trim().starts_with(&format!("{}/r/", s.base)), "{url}");

    // Without the CA the server is not trusted: a clear error and a failure exit code.
    let out = publish(TOKEN, None, &[]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("otadrop:"));

    // A wrong token: the server's message is shown.
    let out = publish("nope-nope-nope", Some(&ca), &[]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("wrong upload token"));
}

#[test]
fn the_shared_fixtures_are_beside_the_repo() {
    // Guard for the harness itself: the fixtures are where the tests expect them.
    let mut f = std::fs::File::open(fixture("ipa/icyleaf__iphone.ipa")).unwrap();
    let mut magic = [0u8; 2];
    f.read_exact(&mut magic).unwrap();
    assert_eq!(&magic, b"PK");
}
