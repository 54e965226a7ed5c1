//! The console at `/console`: who gets it, the CSRF rules for changes made with a session
//! cookie, its script, and (in headless Chromium) a release manager's whole round: sign in,
//! upload with progress, see the history, edit notes, make, copy and revoke a share link,
//! delete the build, at 320 px and with the keyboard alone. Screenshots go to
//! `test-artifacts/console/`.

use std::path::Path;

use crate::support::{cookie_of, fixture, json_of, tools, TestServer, TOKEN};

/// The CSRF token the console page carries for this session.
fn csrf_of(page: &str) -> String {
    let at = page.find("data-csrf=\"").expect("data-csrf") + "data-csrf=\"".len();
    page[at..at + page[at..].find('"').unwrap()].to_string()
}

/// The console page for `cookie`, checked to be the console.
async fn console_page(s: &TestServer, cookie: &str) -> String {
    let r = s.get_with(&s.url("/console"), &[("cookie", cookie)]).await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    assert!(page.contains("id=\"upload-form\""), "not the console");
    page
}

/// `token` with its first character changed.
fn changed(token: &str) -> String {
    let first = if token.starts_with('A') { 'B' } else { 'A' };
    format!("{first}{}", &token[1..])
}

#[tokio::test]
async fn the_console_is_the_admins_and_sign_in_leads_back_to_it() {
    let s = TestServer::start(&["--viewer-password", "viewer-pass-42"]);
    let up = s.publish(&fixture("ipa/icyleaf__iphone.ipa")).await;
    let c = s.bare_client();

    // No credential: the sign-in form, which comes back here, and no app names.
    let r = c.get(s.url("/console")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let csp = r.headers()["content-security-policy"].to_str().unwrap();
    let script_src = csp
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src"));
    assert_eq!(script_src, Some("script-src 'self'"), "{csp}");
    assert_eq!(r.headers()["x-frame-options"], "DENY");
    let page = r.text().await.unwrap();
    assert!(page.contains("name=\"secret\""));
    assert!(page.contains("name=\"next\" value=\"console\""));
    assert!(!page.contains("AppInfoDemo") && !page.contains("data-csrf"));

    // A wrong token keeps the way back; the right one leads to /console.
    let r = s.sign_in("wrong", Some("console")).await;
    assert_eq!(r.status(), 401);
    assert!(r.text().await.unwrap().contains("value=\"console\""));
    let r = s.sign_in(TOKEN, Some("console")).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], s.url("/console"));
    let (admin, _) = cookie_of(&r);
    // Any other `next` leads home: no redirect to a URL of the request's choosing.
    let r = s.sign_in(TOKEN, Some("https://evil.test/")).await;
    assert_eq!(r.headers()["location"], s.url("/"));

    let r = s.get_with(&s.url("/console"), &[("cookie", &admin)]).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "private, no-store");
    assert!(r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("script-src 'self'"));
    let page = r.text().await.unwrap();
    assert!(page.contains("AppInfoDemo"), "the app is listed");
    assert!(page.contains(&format!("id=\"b-{}\"", up["id"].as_str().unwrap())));
    assert!(page.contains("/static/console.js\" defer></script>"));
    assert!(!csrf_of(&page).is_empty());

    // A viewer session is not enough.
    let viewer = s.session("viewer-pass-42").await;
    let r = s.get_with(&s.url("/console"), &[("cookie", &viewer)]).await;
    assert_eq!(r.status(), 403);
    let page = r.text().await.unwrap();
    assert!(page.contains("name=\"secret\"") && page.contains("admin"));
}

#[tokio::test]
async fn session_changes_need_the_pages_csrf_token_and_our_origin() {
    let s = TestServer::start(&[]);
    let up = s.publish(&fixture("ipa/icyleaf__iphone.ipa")).await;
    let id = up["id"].as_str().unwrap();
    let admin = s.session(TOKEN).await;
    let token = csrf_of(&console_page(&s, &admin).await);
    let other_session = s.session(TOKEN).await;
    let other_token = csrf_of(&console_page(&s, &other_session).await);
    assert_ne!(token, other_token, "bound to the session");
    let origin = s.base.clone();
    let c = s.bare_client();
    let patch = |headers: Vec<(&'static str, String)>| {
        let mut req = c
            .patch(s.url(&format!("/api/releases/{id}")))
            .header("content-type", "application/json")
            .body(r#"{"notes": "from the console"}"#);
        for (k, v) in headers {
            req = req.header(k, v);
        }
        req.send()
    };
    let refused = [
        // The cookie alone: what a hostile page's form or script would send.
        vec![("cookie", admin.clone()), ("origin", origin.clone())],
        // Another site.
        vec![
            ("cookie", admin.clone()),
            ("origin", "https://evil.test".into()),
            ("x-otadrop-csrf", token.clone()),
        ],
        // No Origin at all.
        vec![("cookie", admin.clone()), ("x-otadrop-csrf", token.clone())],
        // Another session's token.
        vec![
            ("cookie", admin.clone()),
            ("origin", origin.clone()),
            ("x-otadrop-csrf", other_token.clone()),
        ],
        // A token changed by one character.
        vec![
            ("cookie", admin.clone()),
            ("origin", origin.clone()),
            ("x-otadrop-csrf", changed(&token)),
        ],
    ];
    for (i, headers) in refused.into_iter().enumerate() {
        let r = patch(headers).await.unwrap();
        assert_eq!(r.status(), 403, "case {i}");
        let body: serde_json::Value = r.json().await.unwrap();
        assert!(
            body["error"].as_str().unwrap().contains("refused"),
            "{body}"
        );
    }
    assert_eq!(s.releases().await[0]["notes"], serde_json::Value::Null);

    // With both: the session may change things, as the token may.
    let ok = vec![
        ("cookie", admin.clone()),
        ("origin", origin.clone()),
        ("x-otadrop-csrf", token.clone()),
    ];
    let r = patch(ok.clone()).await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(s.releases().await[0]["notes"], "from the console");
    let mut req = c.post(s.url(&format!("/api/releases/{id}/links")));
    for (k, v) in &ok {
        req = req.header(*k, v);
    }
    let r = req.send().await.unwrap();
    assert_eq!(r.status(), 201);
    // Reads need no CSRF token.
    let installs = s.url(&format!("/api/releases/{id}/installs"));
    let r = s.get_with(&installs, &[("cookie", &admin)]).await;
    assert_eq!(r.status(), 200);
    // The bearer token needs neither (no cookie, no ambient authority).
    let r = s.admin_delete(s.url(&format!("/api/releases/{id}"))).await;
    assert_eq!(r.status(), 204);
}

#[tokio::test]
async fn the_console_script_and_qr_images_are_served_from_here() {
    let s = TestServer::start(&[]);
    let up = s.publish(&fixture("ipa/icyleaf__iphone.ipa")).await;
    let r = s.get_with(&s.url("/static/console.js"), &[]).await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()["content-type"],
        "text/javascript; charset=utf-8"
    );
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    let etag = r.headers()["etag"].to_str().unwrap().to_string();
    assert!(r.text().await.unwrap().contains("X-Otadrop-Csrf"));
    let r = s
        .get_with(&s.url("/static/console.js"), &[("if-none-match", &etag)])
        .await;
    assert_eq!(r.status(), 304);

    let qr = s.url(&format!("/console/qr/{}.svg", up["id"].as_str().unwrap()));
    assert_eq!(s.get_with(&qr, &[]).await.status(), 401);
    let admin = s.session(TOKEN).await;
    let r = s.get_with(&qr, &[("cookie", &admin)]).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/svg+xml");
    let svg = r.text().await.unwrap();
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    let r = s
        .get_with(&s.url("/console/qr/not-an-id.svg"), &[("cookie", &admin)])
        .await;
    assert_eq!(r.status(), 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_release_manager_uploads_edits_shares_and_deletes_in_chromium() {
    if !tools::chromium_ready() {
        return;
    }
    // A limit above the fixture (2.1 MB), below the file that must be refused.
    let s = TestServer::start(&["--max-upload", "3000000"]);
    let big = tempfile::tempdir().unwrap();
    let big_file = big.path().join("over-the-limit.ipa");
    std::fs::write(&big_file, crate::support::noise(3_500_000)).unwrap();
    // The API's refusal, read from a streamed upload (with a Content-Length over the limit,
    // the server answers before reading and the client sees a broken pipe, as a browser
    // would: that is why the console checks the size first).
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = crate::support::noise(3_500_000)
        .chunks(500_000)
        .map(|c| Ok(c.to_vec()))
        .collect();
    let stream = futures_util::stream::iter(chunks);
    let api_refusal = json_of(
        s.client
            .post(s.url("/api/releases"))
            .bearer_auth(TOKEN)
            .header("content-type", "application/octet-stream")
            .body(reqwest::Body::wrap_stream(stream)),
    )
    .await;
    // The app's earlier build, so the console shows a history.
    let ipa = fixture("ipa/fastlane__iTanky_2012.ipa");
    let form = reqwest::multipart::Form::new()
        .part(
            "ipa",
            reqwest::multipart::Part::bytes(std::fs::read(&ipa).unwrap()).file_name("a.ipa"),
        )
        .text("notes", "The build before");
    let earlier: serde_json::Value = s.upload_form(form).await.json().await.unwrap();
    // One install started on it: the device's installer fetched its manifest.
    let manifest = earlier["manifest_url"].as_str().unwrap();
    let installer = "com.apple.appstored/1.0 iOS/17.5 model/iPhone15,2 build/21F90";
    let r = s.get_with(manifest, &[("user-agent", installer)]).await;
    assert_eq!(r.status(), 200);
    let out = tools::artifacts("console");
    let notes = "Notes edited in the console: *fixed* the crash";
    let config = serde_json::json!({
        "base": s.base,
        "out": out,
        "token": TOKEN,
        "ipa": ipa,
        "notes": notes,
        "bigFile": big_file,
        // 2 MB at 512 KiB/s: about four seconds of progress to see.
        "uploadBytesPerSecond": 512 * 1024,
    });
    let results = tools::node_script("console-check.js", config).await;
    let r = &results[0];
    let shown = |k: &str| r[k].to_string();

    // Signing in at /console comes back to it, and the script ran with no error.
    assert_eq!(r["signInForm"], true);
    assert_eq!(r["afterSignIn"], s.url("/console"));
    assert_eq!(r["scriptRan"], true);
    assert_eq!(
        r["pageErrors"],
        serde_json::json!([]),
        "{}",
        shown("pageErrors")
    );
    assert_eq!(r["blocked"], serde_json::json!([]), "no other origin");

    // The upload showed its progress, then the result with the page link and a QR code.
    let mid = r["progressMid"].as_f64().unwrap();
    assert!(mid > 0.0 && mid < 100.0, "{mid}");
    assert_eq!(r["progressVisible"], true);
    assert!(r["progressLabel"].as_str().unwrap().contains('%'));
    let id = r["id"].as_str().unwrap();
    assert_eq!(r["resultLink"], s.url(&format!("/r/{id}")));
    assert!(r["resultText"].as_str().unwrap().contains("Published"));
    assert!(r["qrWidth"].as_u64().unwrap() > 0, "the QR image loaded");

    // The new build heads the app's history, with its channel and notes.
    let row = r["rowText"].as_str().unwrap();
    assert!(row.contains("beta") && row.contains("console"), "{row}");
    assert!(row.contains("Install starts"), "{row}");
    assert_eq!(r["rowsInHistory"], 2, "the new build and the one before");

    // Notes edited in place, as the API sees them.
    assert_eq!(r["editFocused"], format!("edit-{id}-text"));
    assert_eq!(r["apiAfterEdit"]["body"]["notes"], notes);
    assert!(r["notesShown"]
        .as_str()
        .unwrap()
        .contains("fixed the crash"));
    assert!(r["statusAfterEdit"].as_str().unwrap().contains("saved"));

    // A share link made, copied and revoked.
    let link = r["linkUrl"].as_str().unwrap();
    assert!(link.starts_with(&s.url("/s/")), "{link}");
    assert_eq!(r["clipboard"], link);
    assert!(r["focusAfterLink"].as_str().unwrap().starts_with("copy-"));
    let listed = r["apiLinks"]["body"].as_array().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["url"], link);
    assert!(!listed[0]["revoked"].is_null(), "revoked through the API");
    assert!(listed[0]["expires"].is_string(), "the chosen expiry");
    assert!(r["revokedRowText"].as_str().unwrap().contains("Revoked"));
    assert_eq!(s.get_with(link, &[]).await.status(), 410);

    // Deleted after the confirmation: the API no longer has it; the earlier build stays.
    assert!(r["confirmText"].as_str().unwrap().starts_with("Delete"));
    assert_eq!(r["apiAfterDelete"]["status"], 404);
    let left = s.releases().await;
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["id"], earlier["id"]);

    // The API's error text, as the API gave it.
    let err = r["uploadError"].as_str().unwrap();
    assert!(err.contains("channel"), "{err}");
    assert_eq!(
        r["droppedFile"], "dropped.ipa",
        "a dropped file goes to the input"
    );
    let err = r["droppedError"].as_str().unwrap();
    assert!(err.contains("zip"), "{err}");
    assert_eq!(
        r["tooLargeError"], api_refusal["error"],
        "the API's own words"
    );

    // Keyboard alone: Tab reaches the file input, the upload button and each build's buttons,
    // every stop shows a focus ring, and Enter on Edit opens the editor.
    let stops = r["tabStops"].as_array().unwrap();
    let reached = |pred: &dyn Fn(&serde_json::Value) -> bool| stops.iter().any(pred);
    assert!(reached(&|s| s["id"] == "ipa"), "{}", shown("tabStops"));
    assert!(reached(&|s| s["id"] == "upload-button"));
    for action in ["edit", "delete", "share"] {
        assert!(
            reached(&|s| s["action"] == action
                || s["id"].as_str().is_some_and(|i| i.starts_with(action))),
            "{action} not reached by Tab"
        );
    }
    let unringed: Vec<_> = stops
        .iter()
        .filter(|s| s["tag"] != "body" && s["ring"] != true)
        .collect();
    assert!(unringed.is_empty(), "no visible focus: {unringed:?}");
    assert_eq!(r["enterOnEdit"]["tag"], "textarea");
    assert_eq!(
        r["afterEscape"]["editorOpen"], false,
        "Escape closes the editor"
    );
    assert!(r["afterEscape"]["id"]
        .as_str()
        .unwrap()
        .starts_with("edit-"));

    // 320 px: nothing wider than the screen. Without JavaScript: the lists, no dead controls.
    let narrow = &r["console-320"];
    assert!(narrow["scrollWidth"].as_u64().unwrap() <= 320, "{narrow}");
    let plain = &r["console-noscript"];
    let text = plain["text"].as_str().unwrap();
    assert!(text.contains("The build before"), "{text}");
    assert!(
        text.contains("Install starts\t1") || text.contains("Install starts\n1"),
        "{text}"
    );
    assert!(
        text.contains("Install starts by iOS version and device"),
        "{text}"
    );
    assert_eq!(plain["uploadFormVisible"], false);
    assert_eq!(plain["deleteVisible"], false);

    // In Chinese for a browser that asks for it.
    let zh = &r["console-zh"];
    assert!(zh["text"].as_str().unwrap().contains("上传构建"), "{zh}");
    assert!(zh["scrollWidth"].as_u64().unwrap() <= 390, "{zh}");

    for name in [
        "console-uploading",
        "console-history",
        "console-320",
        "console-keyboard",
    ] {
        assert!(
            Path::new(&out).join(format!("{name}.png")).is_file(),
            "{name}"
        );
    }
}
