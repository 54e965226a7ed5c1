//! Issue 13 ("Hardening, second round"): what an attack run and a code review found, each
//! against the real server. Liveness is checked with generous timeouts, never with timings.

use std::time::Duration;

use crate::support::{build_keys, make_ipa, noise, TestServer, TOKEN};

fn metric(text: &str, name: &str) -> Option<u64> {
    text.lines()
        .find(|l| l.starts_with(name) && l[name.len()..].starts_with(' '))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
}

/// `/metrics` (behind the admin token on the main listener).
async fn metrics(s: &TestServer) -> String {
    s.client
        .get(s.url("/metrics"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

fn ipa(bundle: &str, keys: &[(&'static str, plist::Value)]) -> Vec<u8> {
    make_ipa(
        "R2.app",
        &build_keys(bundle, "1.0", "1", keys.to_vec()),
        &[],
    )
}

fn safari(major: u16, minor: u16) -> String {
    format!(
        "Mozilla/5.0 (iPhone; CPU iPhone OS {major}_{minor} like Mac OS X) AppleWebKit/605.1.15 \
         (KHTML, like Gecko) Version/{major}.0 Mobile/15E148 Safari/604.1"
    )
}

/// Item 2: the page cache is keyed on what changes the page, so distinct iOS versions that
/// the page treats alike are cache hits.
#[tokio::test]
async fn a_flood_of_distinct_ios_versions_costs_cache_hits() {
    let s = TestServer::start(&[]);
    let up: serde_json::Value = s
        .upload_bytes(ipa(
            "com.example.flood",
            &[("MinimumOSVersion", "14.0".into())],
        ))
        .await
        .json()
        .await
        .unwrap();
    let page = s.url(&format!("/r/{}", up["id"].as_str().unwrap()));
    let renders = |text: &str| metric(text, "otadrop_page_renders_total").expect("renders metric");
    let before = renders(&metrics(&s).await);
    let mut seen = std::collections::HashSet::new();
    for major in 14..=26u16 {
        for minor in 0..=6u16 {
            let r = s
                .get_with(&page, &[("user-agent", &safari(major, minor))])
                .await;
            assert_eq!(r.status(), 200);
            seen.insert(r.text().await.unwrap());
        }
    }
    let after = renders(&metrics(&s).await);
    // 91 User-Agents, three kinds of page (below 16, 16-17, 18 and later).
    assert!(
        after - before <= 3,
        "{} renders for 91 requests",
        after - before
    );
    assert!(after > before, "the first request rendered");
    assert!(seen.len() as u64 <= after - before);
}

/// Item 1: a build whose title is megabytes long is described with a short title, and while
/// its pages are being rendered for several visitors the server keeps answering.
#[tokio::test]
async fn a_huge_title_is_cut_and_the_server_stays_live_while_pages_render() {
    let s = TestServer::start(&[]);
    // 7 MiB of letters that do not compress much (under the zip-bomb ratio).
    let title: String = noise(7 << 20)
        .iter()
        .map(|b| (b'a' + b % 26) as char)
        .collect();
    let r = s
        .upload_bytes(ipa(
            "com.example.title",
            &[("CFBundleDisplayName", title.into())],
        ))
        .await;
    assert_eq!(r.status(), 201);
    let up: serde_json::Value = r.json().await.unwrap();
    assert!(up["app"]["title"].as_str().unwrap().chars().count() <= 257);
    assert!(up["app"]["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["code"] == "title-truncated"));
    let page = s.url(&format!("/r/{}", up["id"].as_str().unwrap()));
    let mut renders = Vec::new();
    for (major, amp) in [(12, false), (16, false), (18, false), (18, true)] {
        let url = if amp {
            format!("{page}/amp")
        } else {
            page.clone()
        };
        let req = s.client.get(url).header("user-agent", safari(major, 0));
        renders.push(tokio::spawn(
            async move { req.send().await.map(|r| r.status()) },
        ));
    }
    for _ in 0..5 {
        let h = tokio::time::timeout(Duration::from_secs(20), s.text(&s.url("/healthz"))).await;
        assert_eq!(h.expect("/healthz answers while pages render"), "ok\n");
    }
    for r in renders {
        assert_eq!(r.await.unwrap().unwrap(), 200);
    }
}

/// Item 5: bad records are skipped, logged and counted; the rest is served.
#[tokio::test]
async fn bad_records_do_not_stop_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let good_id;
    {
        let s = TestServer::start_in(dir.path(), &[]);
        let mut ids = Vec::new();
        for n in 0..3 {
            let up: serde_json::Value = s
                .upload_bytes(ipa(&format!("com.example.rec{n}"), &[]))
                .await
                .json()
                .await
                .unwrap();
            ids.push(up["id"].as_str().unwrap().to_string());
        }
        let rec = |id: &str| dir.path().join("releases").join(id).join("release.json");
        std::fs::write(rec(&ids[0]), "garbage{").unwrap();
        let mut edited: serde_json::Value =
            serde_json::from_slice(&std::fs::read(rec(&ids[1])).unwrap()).unwrap();
        edited["sha256"] = format!("{}\"", "0".repeat(63)).into();
        std::fs::write(rec(&ids[1]), serde_json::to_vec(&edited).unwrap()).unwrap();
        good_id = ids[2].clone();
    }
    std::fs::remove_file(dir.path().join("releases.index.json")).ok();
    // An empty release folder, as a failed copy leaves.
    std::fs::create_dir(dir.path().join("releases/01jd5x0000000000000000000a")).unwrap();
    let s = TestServer::start_in(dir.path(), &[]);
    let list = s.releases().await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"], good_id.as_str());
    let page = s.get(s.url(&format!("/r/{good_id}"))).await;
    assert_eq!(page.status(), 200);
    let m = metrics(&s).await;
    assert_eq!(metric(&m, "otadrop_release_records_skipped"), Some(3));
}

/// Item 13: pages (whose text follows the day) and static files send no Last-Modified, so
/// If-Modified-Since alone never gets a 304 for content that changed.
#[tokio::test]
async fn pages_have_no_false_last_modified() {
    let s = TestServer::start(&[]);
    let up: serde_json::Value = s
        .upload_bytes(ipa("com.example.lm", &[]))
        .await
        .json()
        .await
        .unwrap();
    let id = up["id"].as_str().unwrap();
    for path in [
        format!("/r/{id}"),
        format!("/r/{id}/amp"),
        "/static/otadrop.js".to_string(),
    ] {
        let r = s
            .get_with(
                s.url(&path),
                &[("if-modified-since", "Sun, 01 Jan 2090 00:00:00 GMT")],
            )
            .await;
        assert!(r.headers().get("last-modified").is_none(), "{path}");
        assert_eq!(r.status(), 200, "{path}: only the ETag validates");
    }
    // The IPA never changes after the upload: its date is true and stays.
    let r = s.get(s.url(&format!("/r/{id}/app.ipa"))).await;
    assert!(r.headers().get("last-modified").is_some());
    let _ = TOKEN;
}

/// Sends raw bytes over plain HTTP and returns everything the server answers before it closes
/// (or 10 s pass).
fn raw(s: &TestServer, request: &[u8]) -> String {
    use std::io::{Read, Write};
    let mut tcp = std::net::TcpStream::connect(&s.addr).unwrap();
    tcp.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    tcp.write_all(request).unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n) = tcp.read(&mut buf) {
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
        if out.windows(4).any(|w| w == b"\r\n\r\n") && out.ends_with(b"}") {
            break;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Item 7: control characters never reach the stored notes, and a bundle id with a newline is
/// refused rather than written into log lines.
#[tokio::test]
async fn control_characters_are_dropped_from_notes_and_refused_in_ids() {
    let s = TestServer::start(&[]);
    let form = reqwest::multipart::Form::new()
        .part(
            "ipa",
            reqwest::multipart::Part::bytes(ipa("com.example.notes", &[])).file_name("a.ipa"),
        )
        .text("notes", "line one\0\r\nline two\r\u{1b}[2J\tend");
    let r = s.upload_form(form).await;
    assert_eq!(r.status(), 201);
    let up: serde_json::Value = r.json().await.unwrap();
    assert_eq!(up["notes"], "line one\nline two\n[2J\tend");

    let r = s
        .upload_bytes(ipa("com.example.evil\n127.0.0.1 GET /admin 200", &[]))
        .await;
    assert_eq!(r.status(), 400);
    let e: serde_json::Value = r.json().await.unwrap();
    assert!(
        e["error"].as_str().unwrap().contains("control characters"),
        "{e}"
    );
}

/// Item 8: what the README promises about long targets and transfer codings.
#[tokio::test]
async fn long_queries_get_414_and_compressed_transfer_codings_501() {
    let s = TestServer::start(&["--http"]);
    let r = s
        .get(s.url(&format!("/api/releases?{}", "q".repeat(3000))))
        .await;
    assert_eq!(r.status(), 414);
    let e: serde_json::Value = r.json().await.expect("a JSON body");
    assert!(e["error"].is_string());

    let body = b"5\r\nhello\r\n0\r\n\r\n";
    let mut req = format!(
        "POST /api/releases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKEN}\r\n\
         Content-Type: application/octet-stream\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
    )
    .into_bytes();
    req.extend_from_slice(body);
    let answer = raw(&s, &req);
    assert!(answer.starts_with("HTTP/1.1 501"), "{answer}");
    assert!(answer.contains("transfer coding"), "{answer}");
    assert!(s.releases().await.is_empty());
}

/// Item 10: a multipart upload over the limit is drained like a raw one, so the client reads
/// the 413 instead of meeting a reset connection.
#[tokio::test]
async fn an_oversize_multipart_upload_gets_its_413() {
    let s = TestServer::start(&["--http", "--max-upload", "1000000"]);
    let big = noise(6 << 20);
    for _ in 0..3 {
        // Streamed (chunked, no Content-Length), so the server must read it to find out.
        let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
            big.chunks(64 * 1024).map(|c| Ok(c.to_vec())).collect();
        let body = reqwest::Body::wrap_stream(futures_util::stream::iter(chunks));
        let form = reqwest::multipart::Form::new().part(
            "ipa",
            reqwest::multipart::Part::stream(body).file_name("a.ipa"),
        );
        // upload_form fails the test on a reset connection: the answer must come.
        let r = s.upload_form(form).await;
        assert_eq!(r.status(), 413);
        let e: serde_json::Value = r.json().await.unwrap();
        assert!(e["error"].as_str().unwrap().contains("--max-upload"), "{e}");
    }
    assert_eq!(s.staged(), 0);
}

/// Item 9: the same Idempotency-Key with the same bytes within a day gives the same release
/// (200), across a restart too; other bytes with that key are refused (422).
#[tokio::test]
async fn a_retried_upload_with_its_key_does_not_duplicate_the_release() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = ipa("com.example.retry", &[]);
    let send = |s: &TestServer, bytes: Vec<u8>, key: &str| {
        s.client
            .post(s.url("/api/releases"))
            .bearer_auth(TOKEN)
            .header("content-type", "application/octet-stream")
            .header("idempotency-key", key.to_string())
            .body(bytes)
            .send()
    };
    let first_id = {
        let s = TestServer::start_in(dir.path(), &[]);
        let r = send(&s, bytes.clone(), "retry-key-1").await.unwrap();
        assert_eq!(r.status(), 201);
        let first: serde_json::Value = r.json().await.unwrap();
        let r = send(&s, bytes.clone(), "retry-key-1").await.unwrap();
        assert_eq!(r.status(), 200);
        let again: serde_json::Value = r.json().await.unwrap();
        assert_eq!(again["id"], first["id"]);
        assert_eq!(s.releases().await.len(), 1);
        let other = ipa("com.example.other", &[]);
        let r = send(&s, other, "retry-key-1").await.unwrap();
        assert_eq!(r.status(), 422);
        let r = send(&s, bytes.clone(), "bad key with spaces")
            .await
            .unwrap();
        assert_eq!(r.status(), 400);
        first["id"].as_str().unwrap().to_string()
    };
    // As after kill -9 once the release was published: the key is on disk.
    let s = TestServer::start_in(dir.path(), &[]);
    let r = send(&s, bytes.clone(), "retry-key-1").await.unwrap();
    assert_eq!(r.status(), 200);
    let again: serde_json::Value = r.json().await.unwrap();
    assert_eq!(again["id"], first_id.as_str());
    assert_eq!(s.releases().await.len(), 1);
    // Another key is another upload.
    let r = send(&s, bytes, "retry-key-2").await.unwrap();
    assert_eq!(r.status(), 201);
    assert_eq!(s.releases().await.len(), 2);
}

/// Item 9: `otadrop publish` sends a key and retries once when the connection is lost after
/// the server published but before the answer arrived: one release, exit 0.
#[tokio::test]
async fn otadrop_publish_retries_a_lost_answer_without_duplicating() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let s = TestServer::start(&["--http"]);
    let upstream = s.addr.clone();
    let proxy = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let proxy_addr = proxy.local_addr().unwrap();
    tokio::spawn(async move {
        let mut n = 0;
        while let Ok((mut client, _)) = proxy.accept().await {
            n += 1;
            let mut server = tokio::net::TcpStream::connect(&upstream).await.unwrap();
            if n == 1 {
                // Forward the request, swallow the answer, then cut the client off.
                tokio::spawn(async move {
                    let (mut cr, mut cw) = client.split();
                    let (mut sr, mut sw) = server.split();
                    let up = tokio::io::copy(&mut cr, &mut sw);
                    let mut first = [0u8; 1];
                    tokio::select! {
                        _ = up => {}
                        _ = sr.read(&mut first) => {}
                    }
                    let _ = cw.shutdown().await;
                });
            } else {
                tokio::spawn(async move {
                    let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                });
            }
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.ipa");
    std::fs::write(&path, ipa("com.example.cli", &[])).unwrap();
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_otadrop"))
            .args([
                "publish",
                "--server",
                &format!("http://{proxy_addr}"),
                "--token",
                TOKEN,
            ])
            .arg(&path)
            .output()
    });
    let out = tokio::time::timeout(Duration::from_secs(60), out)
        .await
        .expect("publish finishes")
        .unwrap()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("retrying once"), "{stderr}");
    assert_eq!(s.releases().await.len(), 1, "one release, not two");
}
