//! The release manager's side through the API and the pages: channels, an app's history,
//! editing Markdown notes, install counts.

use crate::support::{
    assert_success, build_keys, make_ipa, otadrop_command, tools, TestServer, TOKEN,
};

const BUNDLE: &str = "com.example.history";
const APPSTORED: &str =
    "com.apple.appstored/1.0 iOS/17.5 model/iPhone15,2 hwp/t8120 build/21F90 (6; dt:282) AMS/1";
const ITUNESSTORED: &str =
    "itunesstored/1.0 iOS/12.4 model/iPhone10,3 hwp/t8015 build/16G77 (6; dt:157)";
const SAFARI: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

/// Notes using every element the allow-list keeps, and some it does not.
const RICH_NOTES: &str = "# Big changes\n\nFixes the **login** crash and makes *sync* ~~slow~~ fast.\nSecond line.\n\n## Details\n\n- one `code`\n- two\n\n3. three\n4. four\n\n> quoted\n\n```\nlet x = 1;\n```\n\n---\n\n[docs](https://example.com/docs) ![shot](https://example.com/s.png) [bad](javascript:alert(1))\n\n<script>alert(1)</script> <b>raw</b>";

fn ipa(version: &str, build: &str) -> Vec<u8> {
    make_ipa(
        "History.app",
        &build_keys(
            BUNDLE,
            version,
            build,
            vec![
                ("CFBundleName", "History".into()),
                ("MinimumOSVersion", "15.0".into()),
            ],
        ),
        &[],
    )
}

/// Uploads `ipa(version, build)` with release notes (`notes`, percent-encoded as the header
/// wants them); the 201 answer's JSON.
async fn upload_noted(
    s: &TestServer,
    version: &str,
    build: &str,
    notes: &str,
) -> serde_json::Value {
    let (status, up) = s
        .upload_with(ipa(version, build), &[("x-release-notes", notes)])
        .await;
    assert_eq!(status, 201, "{up}");
    up
}

async fn get_json(s: &TestServer, path: &str) -> (u16, serde_json::Value) {
    let r = s.get(s.url(path)).await;
    let status = r.status().as_u16();
    (status, r.json().await.unwrap())
}

fn ids(list: &serde_json::Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

/// Checks AMP documents with the official validator (skips without it, unless CI).
fn validate(name: &str, pages: &[(&str, &str)]) {
    if !tools::validator_ready() {
        return;
    }
    let dir = tools::artifacts("releases");
    let files: Vec<_> = pages
        .iter()
        .map(|(n, html)| {
            let f = dir.join(format!("{name}-{n}.amp.html"));
            std::fs::write(&f, html).unwrap();
            f
        })
        .collect();
    for (r, f) in tools::validate_amp(&files).iter().zip(&files) {
        assert_eq!(r["status"], "PASS", "{}: {}", f.display(), r["errors"]);
    }
}

#[tokio::test]
async fn channels_keep_builds_apart_and_the_app_lists_them_newest_first() {
    let s = TestServer::start(&["--http", "--public-index"]);
    let (st, a) = s.upload_with(ipa("1.0", "1"), &[]).await;
    assert_eq!(st, 201, "{a}");
    assert_eq!(a["channel"], "default");
    // The channel as a multipart field.
    let form = reqwest::multipart::Form::new()
        .text("channel", "beta")
        .part(
            "ipa",
            reqwest::multipart::Part::bytes(ipa("1.1", "2")).file_name("A.ipa"),
        );
    let r = s.upload_form(form).await;
    assert_eq!(r.status(), 201);
    let b: serde_json::Value = r.json().await.unwrap();
    assert_eq!(b["channel"], "beta");
    // And as a header.
    let (st, c) = s.upload_with(ipa("1.2", "3"), &[("x-channel", "qa")]).await;
    assert_eq!(st, 201, "{c}");
    assert_eq!(c["channel"], "qa");
    for bad in ["Beta", "../x", "a b", &"x".repeat(40)] {
        let (st, e) = s.upload_with(ipa("9", "9"), &[("x-channel", bad)]).await;
        assert_eq!(st, 400, "{bad}: {e}");
        assert!(
            e["error"].as_str().unwrap().contains("invalid channel"),
            "{e}"
        );
    }

    let (st, all) = get_json(&s, &format!("/api/apps/{BUNDLE}/releases")).await;
    assert_eq!(st, 200);
    let want: Vec<String> = [&c, &b, &a]
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids(&all), want, "newest first");
    let (_, beta) = get_json(&s, &format!("/api/apps/{BUNDLE}/releases?channel=beta")).await;
    assert_eq!(ids(&beta), vec![b["id"].as_str().unwrap()]);
    let (_, none) = get_json(&s, &format!("/api/apps/{BUNDLE}/releases?channel=nightly")).await;
    assert_eq!(none.as_array().unwrap().len(), 0);
    let (st, e) = get_json(&s, &format!("/api/apps/{BUNDLE}/releases?channel=Nope!")).await;
    assert_eq!(st, 400, "{e}");
    let (st, e) = get_json(&s, "/api/apps/com.example.none/releases").await;
    assert_eq!(st, 404, "{e}");
    let (st, _) = get_json(&s, &format!("/api/apps/{BUNDLE}/releases/extra")).await;
    assert_eq!(st, 404);

    // The app page follows the newest build, of one channel when asked.
    let page = s.text(&s.url(&format!("/apps/{BUNDLE}"))).await;
    assert!(page.contains("Version 1.2 (3)"), "newest overall leads");
    let page = s
        .text(&s.url(&format!("/apps/{BUNDLE}?channel=beta")))
        .await;
    assert!(page.contains("<h1>History</h1>"));
    assert!(page.contains("Version 1.1 (2)"), "the beta build leads");
    assert!(
        !page.contains("Version 1.2 (3)"),
        "no other channel on a channel's page"
    );
    assert!(!page.contains("Previous builds"), "beta has one build");
    let r = s.get(s.url(&format!("/apps/{BUNDLE}?channel=BAD"))).await;
    assert_eq!(r.status(), 400);
    let r = s
        .get(s.url(&format!("/apps/{BUNDLE}?channel=nightly")))
        .await;
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn the_app_page_lists_previous_builds_with_their_notes_and_installs() {
    let s = TestServer::start(&["--http", "--public-index"]);
    let a = upload_noted(&s, "1.0", "1", "First%20build").await;
    let b = upload_noted(&s, "1.1", "2", "Second%20*build*").await;
    let (_, c) = s.upload_with(ipa("1.2", "3"), &[]).await;
    let install_of =
        |r: &serde_json::Value| r["install_url"].as_str().unwrap().replace('&', "&amp;");
    let page_of = |r: &serde_json::Value| r["page_url"].as_str().unwrap().to_string();

    // An iPhone gets each earlier build's own install button.
    let r = s
        .get_with(
            &s.url(&format!("/apps/{BUNDLE}")),
            &[("user-agent", SAFARI)],
        )
        .await;
    let html = r.text().await.unwrap();
    let (lead, previous) = html
        .split_once("Previous builds")
        .expect("a Previous builds section");
    assert!(lead.contains("Version 1.2 (3)"));
    assert!(
        lead.contains(&install_of(&c)),
        "the newest build's install card"
    );
    for (r, v) in [(&b, "Install 1.1 (2)"), (&a, "Install 1.0 (1)")] {
        assert!(previous.contains(&install_of(r)), "{v}");
        assert!(previous.contains(v), "{v}");
    }
    assert!(previous.contains("<p>First build</p>"), "{previous}");
    assert!(
        previous.contains("<p>Second <em>build</em></p>"),
        "{previous}"
    );
    assert!(
        previous.find("1.1 (2)").unwrap() < previous.find("1.0 (1)").unwrap(),
        "newest first"
    );
    // A desktop gets links to their pages instead (where the QR code is).
    let desktop = s.text(&s.url(&format!("/apps/{BUNDLE}"))).await;
    let (_, previous) = desktop.split_once("Previous builds").unwrap();
    assert!(previous.contains(&page_of(&a)) && previous.contains("Open 1.0 (1)"));
    assert!(!previous.contains(&install_of(&a)));

    // The AMP app page: the same list, and valid.
    let amp = s.text(&s.url(&format!("/apps/{BUNDLE}/amp"))).await;
    assert!(amp.contains("Previous builds") && amp.contains("<p>First build</p>"));
    validate("history", &[("app", &amp)]);

    // Deleting an earlier build takes it off the app page.
    let r = s
        .admin_delete(s.url(&format!("/api/releases/{}", a["id"].as_str().unwrap())))
        .await;
    assert_eq!(r.status(), 204);
    let html = s.text(&s.url(&format!("/apps/{BUNDLE}"))).await;
    assert!(!html.contains("First build"));
    assert!(html.contains("Open 1.1 (2)"));
}

#[tokio::test]
async fn notes_are_markdown_sanitised_and_editable() {
    let s = TestServer::start(&["--http", "--public-index"]);
    let old = upload_noted(&s, "1.0", "1", "Old%20notes").await;
    let r = upload_noted(&s, "1.1", "2", "Plain%20notes").await;
    let id = r["id"].as_str().unwrap();
    let page_url = r["page_url"].as_str().unwrap().to_string();
    let amp_url = r["amp_url"].as_str().unwrap().to_string();
    // Cached before the edit.
    assert!(s.text(&page_url).await.contains("Plain notes"));
    assert!(s.text(&amp_url).await.contains("Plain notes"));
    assert!(s
        .text(&s.url(&format!("/apps/{BUNDLE}")))
        .await
        .contains("Old notes"));

    let body = serde_json::json!({ "notes": RICH_NOTES }).to_string();
    let (st, e) = s.patch_release(id, &body, None).await;
    assert_eq!(st, 401, "{e}");
    let (st, e) = s.patch_release(id, &body, Some("wrong-token-123")).await;
    assert_eq!(st, 401, "{e}");
    for bad in ["not json", "{\"notes\": 3}", "{\"title\": \"x\"}", "[]"] {
        let (st, e) = s.patch_release(id, bad, Some(TOKEN)).await;
        assert_eq!(st, 400, "{bad}: {e}");
        assert!(e["error"].is_string());
    }
    let huge = serde_json::json!({ "notes": "x".repeat(70 * 1024) }).to_string();
    let (st, _) = s.patch_release(id, &huge, Some(TOKEN)).await;
    assert_eq!(st, 413);
    let (st, _) = s
        .patch_release("01jd5x0000000000000000000z", &body, Some(TOKEN))
        .await;
    assert_eq!(st, 404);

    let (st, edited) = s.patch_release(id, &body, Some(TOKEN)).await;
    assert_eq!(st, 200, "{edited}");
    assert_eq!(edited["notes"], RICH_NOTES);
    assert!(edited["edited"].is_string());
    let (_, again) = get_json(&s, &format!("/api/releases/{id}")).await;
    assert_eq!(again["notes"], RICH_NOTES);

    // The cached pages were dropped: both flavors show the new notes, rendered and cleaned.
    let plain = s.text(&page_url).await;
    let amp = s.text(&amp_url).await;
    for html in [&plain, &amp] {
        for kept in [
            "<h3>Big changes</h3>",
            "<strong>login</strong>",
            "<del>slow</del>",
            "fast.<br>",
            "<h4>Details</h4>",
            "<ol start=\"3\">",
            r#"<a href="https://example.com/docs" rel="noopener noreferrer nofollow">docs</a>"#,
            "&lt;b&gt;raw&lt;/b&gt;",
        ] {
            assert!(html.contains(kept), "{kept} missing from\n{html}");
        }
        for dropped in ["Plain notes", "javascript:", "<script>alert", "<img"] {
            assert!(!html.contains(dropped), "{dropped} in\n{html}");
        }
    }
    // Editing an earlier build's notes changes the app page too.
    let (st, _) = s
        .patch_release(
            old["id"].as_str().unwrap(),
            r#"{"notes": "Newer **old** notes"}"#,
            Some(TOKEN),
        )
        .await;
    assert_eq!(st, 200);
    let app = s.text(&s.url(&format!("/apps/{BUNDLE}"))).await;
    assert!(app.contains("Newer <strong>old</strong> notes") && !app.contains("Old notes"));
    let app_amp = s.text(&s.url(&format!("/apps/{BUNDLE}/amp"))).await;
    validate("notes", &[("release", &amp), ("app", &app_amp)]);

    // Kept across a restart; null clears.
    let (st, cleared) = s.patch_release(id, r#"{"notes": null}"#, Some(TOKEN)).await;
    assert_eq!(st, 200);
    assert!(cleared["notes"].is_null());
    assert!(!s.text(&page_url).await.contains("Release notes"));
}

#[tokio::test]
async fn installs_are_counted_from_the_device_installer_only_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = TestServer::start_in(dir.path(), &["--http", "--public-index"]);
    let (_, r) = s.upload_with(ipa("1.0", "1"), &[]).await;
    let id = r["id"].as_str().unwrap().to_string();
    let manifest = r["manifest_url"].as_str().unwrap().to_string();
    for ua in [
        APPSTORED,
        APPSTORED,
        ITUNESSTORED,
        SAFARI,
        "otadrop-doctor",
        "curl/8.5.0",
    ] {
        let resp = s.get_with(&manifest, &[("user-agent", ua)]).await;
        assert_eq!(resp.status(), 200);
    }
    // A HEAD is not an install either.
    s.request_with(
        reqwest::Method::HEAD,
        &manifest,
        &[("user-agent", APPSTORED)],
    )
    .await;
    let url = s.url(&format!("/api/releases/{id}/installs"));
    let r = s.get(&url).await;
    assert_eq!(r.status(), 401, "counts need the token");
    let counts: serde_json::Value = s.admin_get(&url).await.json().await.unwrap();
    assert_eq!(counts["total"], 3, "{counts}");
    assert_eq!(counts["by_ios"]["17.5"], 2);
    assert_eq!(counts["by_ios"]["12.4"], 1);
    assert_eq!(counts["by_model"]["iPhone15,2"], 2);
    assert_eq!(counts["by_model"]["iPhone10,3"], 1);
    let today = counts["rows"][0]["day"].as_str().unwrap().to_string();
    assert_eq!(counts["by_day"][&today], 3);
    assert!(
        !counts.to_string().contains("127.0.0.1"),
        "no addresses kept"
    );

    // Written at shutdown, read back at start.
    assert!(s.terminate().success());
    let saved = std::fs::read_to_string(dir.path().join("installs.json")).unwrap();
    assert!(!saved.contains("127.0.0.1"));
    let s = TestServer::start_in(dir.path(), &["--http", "--public-index"]);
    let url = s.url(&format!("/api/releases/{id}/installs"));
    let again: serde_json::Value = s.admin_get(&url).await.json().await.unwrap();
    assert_eq!(again["total"], 3, "{again}");
    let (st, _) = get_json(&s, "/api/releases/01jd5x0000000000000000000z/installs").await;
    assert_eq!(st, 401);
    let r = s
        .admin_get(s.url("/api/releases/01jd5x0000000000000000000z/installs"))
        .await;
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn the_app_page_with_history_in_chromium() {
    if !tools::browser_ready() {
        return;
    }
    let s = TestServer::start(&["--public-index"]);
    let notes = "## Fixed\n\n- the **login** crash\n- sync on `cellular`";
    let enc = |t: &str| {
        percent_encoding::utf8_percent_encode(t, percent_encoding::NON_ALPHANUMERIC).to_string()
    };
    s.upload_with(
        ipa("1.0", "1"),
        &[("x-release-notes", &enc("First build.\nTwo lines."))],
    )
    .await;
    s.upload_with(
        ipa("1.1", "2"),
        &[("x-release-notes", &enc(notes)), ("x-channel", "beta")],
    )
    .await;
    let (st, _) = s
        .upload_with(ipa("1.2", "3"), &[("x-release-notes", &enc(notes))])
        .await;
    assert_eq!(st, 201);
    let config = serde_json::json!({
        "base": s.base,
        "out": tools::artifacts("releases"),
        "scenarios": [
            {"name": "app-history-iphone", "url": s.url(&format!("/apps/{BUNDLE}")), "profile": "iphone"},
            {"name": "app-history-amp-iphone", "url": s.url(&format!("/apps/{BUNDLE}/amp")), "profile": "iphone", "javaScriptEnabled": false},
            {"name": "app-history-desktop", "url": s.url(&format!("/apps/{BUNDLE}")), "profile": "desktop"},
        ],
    });
    let results = tools::browser_check(config).await;
    for name in [
        "app-history-iphone",
        "app-history-amp-iphone",
        "app-history-desktop",
    ] {
        let r = tools::scenario(&results, name);
        let text = r["text"].as_str().unwrap();
        assert!(text.contains("Previous builds"), "{name}: {text}");
        assert!(
            text.contains("Version 1.1 (2)") && text.contains("Version 1.0 (1)"),
            "{name}: {text}"
        );
        assert!(text.contains("the login crash"), "{name}: {text}");
        assert!(std::path::Path::new(r["screenshot"].as_str().unwrap()).is_file());
    }
    let iphone = tools::scenario(&results, "app-history-iphone");
    assert!(iphone["text"].as_str().unwrap().contains("Install 1.1 (2)"));
}

#[tokio::test]
async fn publish_command_takes_a_channel_and_refuses_a_bad_one() {
    let s = TestServer::start(&["--http", "--public-index"]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("History.ipa");
    std::fs::write(&file, ipa("2.0", "20")).unwrap();
    let publish = |channel: &str| {
        otadrop_command()
            .arg("publish")
            .arg(&file)
            .args(["--server", &s.base, "--token", TOKEN, "--json"])
            .args(["--channel", channel])
            .output()
            .unwrap()
    };
    let out = publish("beta");
    assert_success(&out);
    let up: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(up["channel"], "beta");
    // Checked before anything is sent: one line, a failure exit code.
    let out = publish("Not Valid");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("otadrop: invalid channel"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert_eq!(s.releases().await.len(), 1);
}

#[tokio::test]
async fn an_apps_history_is_read_with_the_same_access_as_the_release_list() {
    let s = TestServer::start(&["--http"]);
    let (st, _) = s.upload_with(ipa("1.0", "1"), &[]).await;
    assert_eq!(st, 201);
    let url = s.url(&format!("/api/apps/{BUNDLE}/releases"));
    let anonymous = s.get(&url).await;
    assert_eq!(anonymous.status(), 401);
    let r = s.client.get(&url).bearer_auth(TOKEN).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let list: serde_json::Value = r.json().await.unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    // The app page too: the same 404 as an unknown app, without a sign-in.
    let page = s.get(s.url(&format!("/apps/{BUNDLE}"))).await;
    assert_eq!(page.status(), 404);
}

#[tokio::test]
async fn an_app_link_can_follow_one_channel() {
    let s = TestServer::start(&["--http"]);
    s.upload_with(ipa("1.0", "1"), &[("x-channel", "beta")])
        .await;
    s.upload_with(ipa("1.1", "2"), &[]).await;
    let create = |query: &'static str| {
        s.client
            .post(s.url(&format!("/api/apps/{BUNDLE}/links{query}")))
            .bearer_auth(TOKEN)
            .send()
    };
    let r = create("?channel=beta").await.unwrap();
    assert_eq!(r.status(), 201);
    let link: serde_json::Value = r.json().await.unwrap();
    assert_eq!(link["target"]["channel"]["channel"], "beta", "{link}");
    let url = link["url"].as_str().unwrap().to_string();
    let page = s.text(&url).await;
    assert!(
        page.contains("Version 1.0 (1)"),
        "the beta build, not the newer default one"
    );
    // A newer beta build: the same link shows it; a newer default build does not change it.
    s.upload_with(ipa("1.2", "3"), &[("x-channel", "beta")])
        .await;
    s.upload_with(ipa("1.3", "4"), &[]).await;
    let page = s.text(&url).await;
    assert!(page.contains("Version 1.2 (3)"), "the newest beta build");
    assert!(!page.contains("Version 1.3 (4)"));
    // A channel with no build, or a bad name, is refused.
    assert_eq!(create("?channel=qa").await.unwrap().status(), 404);
    assert_eq!(create("?channel=Q%20A").await.unwrap().status(), 400);
    // Without a channel: the app's newest build, whatever its channel.
    let all: serde_json::Value = create("").await.unwrap().json().await.unwrap();
    let page = s.text(all["url"].as_str().unwrap()).await;
    assert!(page.contains("Version 1.3 (4)"));
}
