//! Issue 13 ("Hardening, second round"): what an attack run and a code review found, each
//! against the real server. Liveness is checked with generous timeouts, never with timings.

use std::time::Duration;

use crate::support::{make_ipa, noise, TestServer, TOKEN};

fn metric(text: &str, name: &str) -> Option<u64> {
    text.lines()
        .find(|l| l.starts_with(name) && l[name.len()..].starts_with(' '))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
}

fn ipa(bundle: &str, keys: &[(&str, plist::Value)]) -> Vec<u8> {
    let mut all: Vec<(&str, plist::Value)> = vec![
        ("CFBundleIdentifier", bundle.into()),
        ("CFBundleShortVersionString", "1.0".into()),
        ("CFBundleVersion", "1".into()),
    ];
    all.extend(keys.iter().cloned());
    make_ipa("R2.app", &all, &[])
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
    let before = renders(&s.text(&s.url("/metrics")).await);
    let mut seen = std::collections::HashSet::new();
    for major in 14..=26u16 {
        for minor in 0..=6u16 {
            let r = s
                .client
                .get(&page)
                .header("user-agent", safari(major, minor))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200);
            seen.insert(r.text().await.unwrap());
        }
    }
    let after = renders(&s.text(&s.url("/metrics")).await);
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
    let page = s
        .client
        .get(s.url(&format!("/r/{good_id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let m = s.text(&s.url("/metrics")).await;
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
            .client
            .get(s.url(&path))
            .header("if-modified-since", "Sun, 01 Jan 2090 00:00:00 GMT")
            .send()
            .await
            .unwrap();
        assert!(r.headers().get("last-modified").is_none(), "{path}");
        assert_eq!(r.status(), 200, "{path}: only the ETag validates");
    }
    // The IPA never changes after the upload: its date is true and stays.
    let r = s
        .client
        .get(s.url(&format!("/r/{id}/app.ipa")))
        .send()
        .await
        .unwrap();
    assert!(r.headers().get("last-modified").is_some());
    let _ = TOKEN;
}
