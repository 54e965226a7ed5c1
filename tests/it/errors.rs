//! Errors as a client sees them: JSON under /api/, the HTML error page elsewhere, one 404 for
//! every kind of missing release path, and the page security headers on every error.

use crate::support::{make_ipa, TestServer, TOKEN};

#[tokio::test]
async fn every_missing_release_path_gives_the_same_404_page() {
    let s = TestServer::start(&[]);
    let ipa = make_ipa(
        "Err.app",
        &[
            ("CFBundleIdentifier", "com.example.err".into()),
            ("CFBundleVersion", "1".into()),
        ],
        &[],
    );
    let up = s.upload_bytes(ipa).await;
    assert_eq!(up.status(), 201);
    let up: serde_json::Value = up.json().await.unwrap();
    let page = up["page_url"].as_str().unwrap();
    let unknown = s.url("/r/01jd5x0000000000000000000a");
    let malformed = s.url("/r/..%2f..%2fetc");
    let mut bodies = Vec::new();
    for url in [
        unknown.clone(),
        malformed.clone(),
        format!("{unknown}/manifest.plist"),
        format!("{malformed}/manifest.plist"),
        format!("{unknown}/app.ipa"),
        format!("{malformed}/icon.png"),
        // A release without an icon has no icon file.
        format!("{page}/icon-512.png"),
    ] {
        let r = s.get(&url).await;
        assert_eq!(r.status(), 404, "{url}");
        let h = r.headers();
        assert!(
            h["content-type"].to_str().unwrap().starts_with("text/html"),
            "{url}"
        );
        assert!(h.contains_key("content-security-policy"), "{url}");
        assert_eq!(h["x-content-type-options"], "nosniff");
        bodies.push(r.text().await.unwrap());
    }
    assert!(bodies[0].contains("Nothing here."));
    assert!(
        bodies.iter().all(|b| b == &bodies[0]),
        "the 404 pages differ"
    );
}

#[tokio::test]
async fn api_errors_are_json_with_security_headers() {
    let s = TestServer::start(&[]);
    for (url, status) in [
        (s.url("/api/releases/01jd5x0000000000000000000a"), 404),
        (s.url("/api/releases/not-an-id"), 404),
        (s.url("/api/nothing"), 404),
    ] {
        // With the admin token: without it, reading the API is a 401 (also JSON).
        let r = s.client.get(&url).bearer_auth(TOKEN).send().await.unwrap();
        assert_eq!(r.status(), status, "{url}");
        assert_eq!(r.headers()["content-type"], "application/json");
        assert!(r.headers().contains_key("content-security-policy"));
        let v: serde_json::Value = r.json().await.unwrap();
        assert!(v["error"].as_str().is_some_and(|m| !m.is_empty()), "{v}");
    }
    let r = s.get(s.url("/api/releases")).await;
    assert_eq!(r.status(), 401);
    assert_eq!(r.headers()["content-type"], "application/json");
    // A page path with a wrong method is an HTML page, not JSON.
    let r = s
        .request_with(
            reqwest::Method::POST,
            s.url("/r/01jd5x0000000000000000000a"),
            &[],
        )
        .await;
    assert_eq!(r.status(), 405);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(r.headers().contains_key("allow"));
}
