//! The access model against the real server: nothing listed without a credential, sign-in
//! sessions, share links (open, expiring, revoked, password) followed the way the iOS
//! installer follows them: with its User-Agent and no cookies.

use std::time::Duration;

use crate::support::share::{
    bare, get, install_from, installer_status, link_for, link_status, make_link, manifest_url_in,
    status, INSTALLER, SAFARI,
};
use crate::support::{
    assert_success, build_keys, cookie_of, make_ipa, noise, otadrop, otadrop_command, sha256_hex,
    TestServer, TOKEN,
};

const VIEWER_PASSWORD: &str = "viewer-pass-42";

pub fn app_ipa(bundle: &str, title: &str, version: &str, filler: usize) -> Vec<u8> {
    make_ipa(
        &format!("{title}.app"),
        &build_keys(
            bundle,
            version,
            version,
            vec![("CFBundleName", title.into())],
        ),
        &[(&format!("Payload/{title}.app/filler.bin"), &noise(filler))],
    )
}

/// How many UDIDs the profile of the first release of a `/api/releases` list shows.
fn udids_shown(list: &[serde_json::Value]) -> usize {
    list[0]["app"]["profile"]["device_ids"]
        .as_array()
        .unwrap()
        .len()
}

pub async fn upload(s: &TestServer, bytes: Vec<u8>) -> serde_json::Value {
    let r = s.upload_bytes(bytes).await;
    assert_eq!(r.status(), 201);
    r.json().await.unwrap()
}

/// Waits (polling, never a fixed sleep) until `url` answers `want`.
pub async fn wait_for_status(c: &reqwest::Client, url: &str, want: u16) {
    for _ in 0..200 {
        if status(c, url).await == want {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{url} never answered {want}");
}

#[tokio::test]
async fn nothing_is_listed_without_a_credential() {
    let s = TestServer::start(&[]);
    let ipa = std::fs::read(crate::support::fixture("ipa/icyleaf__iphone.ipa")).unwrap();
    let up = upload(&s, ipa).await;
    let id = up["id"].as_str().unwrap();
    let c = bare(&s);

    let r = get(&c, &s.url("/"), SAFARI, None).await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("Sign in") && html.contains("name=\"secret\""));
    assert!(!html.contains("AppInfoDemo"), "no app names for strangers");

    for path in ["/api/releases".to_string(), format!("/api/releases/{id}")] {
        let r = get(&c, &s.url(&path), SAFARI, None).await;
        assert_eq!(r.status(), 401, "{path}");
        let r = c
            .get(s.url(&path))
            .bearer_auth("wrong-token-123")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401, "{path} with a wrong token");
    }
    // A guessable app URL looks exactly like an unknown app.
    let known = get(&c, &s.url("/apps/com.icyleaf.AppInfoDemo"), SAFARI, None).await;
    assert_eq!(known.status(), 404);
    let known = known.text().await.unwrap();
    let unknown = get(&c, &s.url("/apps/com.example.nothing"), SAFARI, None).await;
    assert_eq!(unknown.status(), 404);
    assert_eq!(known, unknown.text().await.unwrap());
    assert_eq!(status(&c, &s.url("/metrics")).await, 401);
    let r = s.admin_get(s.url("/metrics")).await;
    assert_eq!(r.status(), 200);

    // The release's own unlisted link keeps working for whoever holds it.
    assert_eq!(status(&c, up["page_url"].as_str().unwrap()).await, 200);
    assert_eq!(status(&c, up["manifest_url"].as_str().unwrap()).await, 200);

    // The admin sees the profile's UDIDs.
    let list = s.releases().await;
    assert_eq!(udids_shown(&list), 100);
}

#[tokio::test]
async fn signing_in_makes_a_session_viewers_read_but_never_write() {
    let s = TestServer::start(&["--viewer-password", VIEWER_PASSWORD]);
    let ipa = std::fs::read(crate::support::fixture("ipa/icyleaf__iphone.ipa")).unwrap();
    upload(&s, ipa).await;
    let c = bare(&s);
    let sign_in = |secret: &'static str| {
        c.post(s.url("/sign-in"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("secret={secret}"))
            .send()
    };

    let r = sign_in("not-the-password").await.unwrap();
    assert_eq!(r.status(), 401);
    assert!(r.headers().get("set-cookie").is_none());
    assert!(r.text().await.unwrap().contains("not the password"));

    let r = sign_in(VIEWER_PASSWORD).await.unwrap();
    assert_eq!(r.status(), 303);
    let (viewer, set) = cookie_of(&r);
    for attr in ["HttpOnly", "Secure", "SameSite=Lax", "Max-Age=", "Path=/"] {
        assert!(set.contains(attr), "{attr} missing from {set}");
    }
    let index = get(&c, &s.url("/"), SAFARI, Some(&viewer)).await;
    assert_eq!(index.headers()["cache-control"], "private, no-store");
    let index = index.text().await.unwrap();
    assert!(index.contains("AppInfoDemo") && index.contains("Sign out"));
    let r = get(
        &c,
        &s.url("/apps/com.icyleaf.AppInfoDemo"),
        SAFARI,
        Some(&viewer),
    )
    .await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()["cache-control"],
        "private, no-store",
        "shown to a session only"
    );
    let app_amp = s.url("/apps/com.icyleaf.AppInfoDemo/amp");
    let r = get(&c, &app_amp, SAFARI, Some(&viewer)).await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()["cache-control"],
        "private, no-store",
        "no AMP cache keeps it"
    );
    let r = get(&c, &s.url("/api/releases"), SAFARI, Some(&viewer)).await;
    assert_eq!(r.status(), 200);
    let list: Vec<serde_json::Value> = r.json().await.unwrap();
    let profile = &list[0]["app"]["profile"];
    assert_eq!(profile["devices"], 100, "the count stays");
    assert_eq!(udids_shown(&list), 0, "UDIDs are the admin's");
    // Never the write side: not with a session, only with the token.
    let r = c
        .post(s.url("/api/releases"))
        .header("cookie", &viewer)
        .header("content-type", "application/octet-stream")
        .body(app_ipa("com.example.v", "V", "1", 10))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let id = list[0]["id"].as_str().unwrap();
    for (method, path) in [
        (reqwest::Method::DELETE, format!("/api/releases/{id}")),
        (reqwest::Method::POST, format!("/api/releases/{id}/links")),
    ] {
        let r = s
            .request_with(method.clone(), s.url(&path), &[("cookie", &viewer)])
            .await;
        assert_eq!(r.status(), 401, "{method} {path} with a viewer's session");
    }

    // A session cookie changed by one character is no session.
    let mut forged = viewer.clone().into_bytes();
    let last = forged.len() - 1;
    forged[last] = if forged[last] == b'A' { b'B' } else { b'A' };
    let forged = String::from_utf8(forged).unwrap();
    let r = get(&c, &s.url("/"), SAFARI, Some(&forged)).await;
    assert!(r.text().await.unwrap().contains("name=\"secret\""));

    // The admin token signs in as admin: the API shows UDIDs to that session.
    let r = sign_in(TOKEN).await.unwrap();
    assert_eq!(r.status(), 303);
    let (admin, _) = cookie_of(&r);
    let r = get(&c, &s.url("/api/releases"), SAFARI, Some(&admin)).await;
    let list: Vec<serde_json::Value> = r.json().await.unwrap();
    assert_eq!(udids_shown(&list), 100);

    // Signing out clears the cookie.
    let r = c
        .post(s.url("/sign-out"))
        .header("cookie", &viewer)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (cleared, set) = cookie_of(&r);
    assert_eq!(cleared, "otadrop_session=");
    assert!(set.contains("Max-Age=0"));
}

#[tokio::test]
async fn failed_sign_ins_are_rate_limited_per_client() {
    let s = TestServer::start(&["--viewer-password", VIEWER_PASSWORD]);
    let c = bare(&s);
    let post = |secret: &str| {
        c.post(s.url("/sign-in"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("secret={secret}"))
            .send()
    };
    let mut statuses = Vec::new();
    for i in 0..6 {
        statuses.push(post(&format!("guess-{i}")).await.unwrap().status().as_u16());
    }
    assert_eq!(statuses, [401, 401, 401, 401, 401, 429]);
    // Even the right password waits now: guessing cannot continue alongside it.
    let r = post(VIEWER_PASSWORD).await.unwrap();
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
}

#[tokio::test]
async fn public_index_brings_back_the_open_listing_without_udids() {
    let s = TestServer::start(&["--public-index"]);
    let ipa = std::fs::read(crate::support::fixture("ipa/icyleaf__iphone.ipa")).unwrap();
    upload(&s, ipa).await;
    let c = bare(&s);
    assert!(get(&c, &s.url("/"), SAFARI, None)
        .await
        .text()
        .await
        .unwrap()
        .contains("AppInfoDemo"));
    assert_eq!(
        status(&c, &s.url("/apps/com.icyleaf.AppInfoDemo")).await,
        200
    );
    let list: Vec<serde_json::Value> = get(&c, &s.url("/api/releases"), SAFARI, None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(udids_shown(&list), 0);
    assert_eq!(
        status(&c, &s.url("/metrics")).await,
        401,
        "metrics stay the admin's"
    );
}

#[tokio::test]
async fn metrics_listen_serves_metrics_on_its_own_address() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let s = TestServer::start(&["--metrics-listen", &addr]);
    let plain = reqwest::Client::new();
    let mut text = None;
    for _ in 0..100 {
        if let Ok(r) = plain.get(format!("http://{addr}/metrics")).send().await {
            assert_eq!(r.status(), 200);
            text = Some(r.text().await.unwrap());
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(text
        .expect("the metrics listener answers")
        .contains("otadrop_releases 0"));
    let r = plain
        .get(format!("http://{addr}/api/releases"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404, "only /metrics there");
    assert_eq!(status(&bare(&s), &s.url("/metrics")).await, 401);
}

#[tokio::test]
async fn share_link_installs_with_no_cookie_and_revocation_turns_it_off() {
    let s = TestServer::start(&[]);
    let bytes = app_ipa("com.example.share", "Share", "1.0", 1000);
    let up = upload(&s, bytes.clone()).await;
    let c = bare(&s);

    // Only the admin makes links, for releases that exist.
    let id = up["id"].as_str().unwrap();
    let r = c
        .post(s.url(&format!("/api/releases/{id}/links")))
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let missing = "/api/releases/01jd5x0000000000000000000a/links";
    assert_eq!(link_status(&s, missing).await, 404);
    let (st, e) = make_link(
        &s,
        &format!("/api/releases/{id}/links"),
        serde_json::json!({"expires_in": "soon"}),
    )
    .await;
    assert_eq!(st, 400);
    assert!(e["error"].as_str().unwrap().contains("expires_in"));

    let link = link_for(&s, &up, serde_json::json!({"note": "for QA"})).await;
    let url = link["url"].as_str().unwrap();
    assert!(url.starts_with(&format!("{}/s/", s.base)), "{url}");
    assert_eq!(link["note"], "for QA");
    assert!(link["expires"].is_null());
    assert_eq!(link["target"]["release"], up["id"]);
    assert!(link["id"].is_string());

    let r = get(&c, url, SAFARI, None).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "no-cache");
    let html = r.text().await.unwrap();
    assert!(html.contains("Share"));
    assert!(html.contains(&format!("rel=\"amphtml\" href=\"{url}/amp\"")));
    let amp = get(&c, &format!("{url}/amp"), SAFARI, None).await;
    assert_eq!(amp.status(), 200);
    assert_eq!(
        amp.headers()["cache-control"],
        "public, max-age=300",
        "an open link's AMP page"
    );
    let amp = amp.text().await.unwrap();
    assert!(
        amp.contains(&format!("{url}/visitor.json")),
        "the personal part is under the link"
    );
    // As the AMP runtime asks on the origin itself (the AMP CORS protocol).
    let origin = percent_encoding::utf8_percent_encode(&s.base, percent_encoding::NON_ALPHANUMERIC);
    let r = c
        .get(format!("{url}/visitor.json?__amp_source_origin={origin}"))
        .header("user-agent", SAFARI)
        .header("amp-same-origin", "true")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "private, no-store");
    let personal: serde_json::Value = r.json().await.unwrap();
    assert_eq!(personal["install"], true, "{personal}");
    let got = install_from(&s, &html, url).await;
    assert_eq!(sha256_hex(&got), up["sha256"].as_str().unwrap());
    assert_eq!(sha256_hex(&got), sha256_hex(&bytes));
    // Range requests work under the link as under /r/.
    let r = c
        .get(format!("{url}/app.ipa"))
        .header("range", "bytes=0-9")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 206);
    assert_eq!(r.bytes().await.unwrap().as_ref(), &bytes[..10]);

    let list: Vec<serde_json::Value> = s.admin_get(s.url("/api/links")).await.json().await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["url"], link["url"]);
    assert_eq!(status(&c, &s.url("/api/links")).await, 401);

    let link_url = s.url(&format!("/api/links/{}", link["id"].as_str().unwrap()));
    let r = s
        .request_with(reqwest::Method::DELETE, &link_url, &[])
        .await;
    assert_eq!(r.status(), 401);
    assert_eq!(s.admin_delete(&link_url).await.status(), 204);
    let r = s
        .admin_delete(s.url("/api/links/0123456789abcdef012345"))
        .await;
    assert_eq!(r.status(), 404);
    for path in [
        "",
        "/amp",
        "/visitor.json",
        "/manifest.plist",
        "/app.ipa",
        "/icon.png",
        "/icon-57.png",
    ] {
        assert_eq!(
            installer_status(&c, &format!("{url}{path}")).await,
            410,
            "{path}"
        );
    }
    let page = get(&c, url, SAFARI, None).await.text().await.unwrap();
    assert!(
        page.contains("turned off") && page.contains("new link"),
        "{page}"
    );
    // The release's own page is not affected.
    assert_eq!(status(&c, up["page_url"].as_str().unwrap()).await, 200);
    let list: Vec<serde_json::Value> = s.admin_get(s.url("/api/links")).await.json().await.unwrap();
    assert!(list[0]["revoked"].is_string());
}

#[tokio::test]
async fn app_link_follows_the_newest_release() {
    let s = TestServer::start(&[]);
    upload(&s, app_ipa("com.example.follow", "Follow", "1.0", 100)).await;
    let (st, link) = make_link(
        &s,
        "/api/apps/com.example.follow/links",
        serde_json::json!({}),
    )
    .await;
    assert_eq!(st, 201, "{link}");
    assert_eq!(link["target"]["app"], "com.example.follow");
    assert_eq!(
        link_status(&s, "/api/apps/com.example.none/links").await,
        404
    );
    let url = link["url"].as_str().unwrap();
    let c = bare(&s);
    let page = get(&c, url, SAFARI, None).await.text().await.unwrap();
    assert!(page.contains("1.0"));
    let newer_bytes = app_ipa("com.example.follow", "Follow", "2.0", 200);
    let newer = upload(&s, newer_bytes).await;
    let page = get(&c, url, SAFARI, None).await.text().await.unwrap();
    assert!(page.contains("2.0"));
    let got = install_from(&s, &page, url).await;
    assert_eq!(sha256_hex(&got), newer["sha256"].as_str().unwrap());
}

#[tokio::test]
async fn every_changed_byte_of_a_token_gives_404() {
    let s = TestServer::start(&[]);
    let up = upload(&s, app_ipa("com.example.tamper", "Tamper", "1.0", 10)).await;
    let link = link_for(&s, &up, serde_json::json!({"expires_in": 3600})).await;
    let url = link["url"].as_str().unwrap();
    let token = url.rsplit('/').next().unwrap().to_string();
    let c = bare(&s);
    assert_eq!(status(&c, url).await, 200);
    const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for i in 0..token.len() {
        let mut bad = token.clone().into_bytes();
        let at = B64.iter().position(|&b| b == bad[i]).unwrap();
        // Flip the lowest bit of the 6-bit value this character encodes.
        bad[i] = B64[at ^ 1];
        let bad = String::from_utf8(bad).unwrap();
        let file = if i % 2 == 0 { "" } else { "/manifest.plist" };
        let url = s.url(&format!("/s/{bad}{file}"));
        assert_eq!(
            installer_status(&c, &url).await,
            404,
            "character {i}: {bad}"
        );
    }
    for bad in [
        &token[..token.len() - 1],
        &format!("{token}A"),
        "x",
        &"A".repeat(300),
    ] {
        assert_eq!(status(&c, &s.url(&format!("/s/{bad}"))).await, 404, "{bad}");
    }
}

#[tokio::test]
async fn expiring_link_is_private_and_gone_after_its_lifetime() {
    let s = TestServer::start(&[]);
    let up = upload(&s, app_ipa("com.example.expiring", "Expiring", "1.0", 10)).await;
    let c = bare(&s);
    // Any link with an expiry is private, whatever is left of its life: checked on one that
    // has an hour left, so no timing decides what is checked.
    let hour = link_for(&s, &up, serde_json::json!({"expires_in": 3600})).await;
    let hour = hour["url"].as_str().unwrap();
    let r = get(&c, hour, SAFARI, None).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "private, no-store");
    let html = r.text().await.unwrap();
    assert!(
        !html.contains("rel=\"amphtml\""),
        "not announced to AMP caches"
    );
    for path in ["/amp", "/manifest.plist", "/app.ipa"] {
        let r = get(&c, &format!("{hour}{path}"), INSTALLER, None).await;
        assert_eq!(r.status(), 200, "{path}");
        assert_eq!(r.headers()["cache-control"], "private, no-store", "{path}");
    }

    let link = link_for(&s, &up, serde_json::json!({"expires_in": 1})).await;
    let url = link["url"].as_str().unwrap();
    let expires = time::OffsetDateTime::parse(
        link["expires"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    let left = expires - time::OffsetDateTime::now_utc();
    assert!(left <= time::Duration::seconds(1), "{left}");
    wait_for_status(&c, url, 410).await;
    let page = get(&c, url, SAFARI, None).await;
    assert_eq!(page.headers()["cache-control"], "no-store");
    let page = page.text().await.unwrap();
    assert!(
        page.contains("expired on") && page.contains("new link"),
        "{page}"
    );
    for path in ["/amp", "/manifest.plist", "/app.ipa", "/icon.png"] {
        assert_eq!(
            installer_status(&c, &format!("{url}{path}")).await,
            410,
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_download_started_before_expiry_finishes() {
    let s = TestServer::start(&[]);
    // Large enough that most of it is still on the server when the link expires.
    let bytes = app_ipa("com.example.big", "Big", "1.0", 24 * 1024 * 1024);
    let up = upload(&s, bytes.clone()).await;
    let link = link_for(&s, &up, serde_json::json!({"expires_in": 2})).await;
    let url = link["url"].as_str().unwrap();
    let c = bare(&s);
    let mut r = get(&c, &format!("{url}/app.ipa"), INSTALLER, None).await;
    assert_eq!(r.status(), 200);
    let mut got = r.chunk().await.unwrap().unwrap().to_vec();
    assert!(got.len() < bytes.len());
    wait_for_status(&c, url, 410).await;
    assert_eq!(installer_status(&c, &format!("{url}/app.ipa")).await, 410);
    while let Some(chunk) = r.chunk().await.unwrap() {
        got.extend_from_slice(&chunk);
    }
    assert_eq!(sha256_hex(&got), sha256_hex(&bytes));
}

#[tokio::test]
async fn password_link_grants_the_installer_its_files() {
    let s = TestServer::start(&["--grant-lifetime", "2"]);
    let bytes = app_ipa("com.example.secret", "Secret", "1.0", 1000);
    let up = upload(&s, bytes.clone()).await;
    let other = upload(&s, app_ipa("com.example.other", "Other", "1.0", 10)).await;
    let link = link_for(&s, &up, serde_json::json!({"password": "open sesame"})).await;
    let other_link = link_for(&s, &other, serde_json::json!({})).await;
    let url = link["url"].as_str().unwrap();
    let token = url.rsplit('/').next().unwrap();
    assert_eq!(link["password"], true);
    let stored = std::fs::read_to_string(s.data.join("links.json")).unwrap();
    assert!(!stored.contains("open sesame") && stored.contains("$argon2id$"));
    let c = bare(&s);

    // No cookie: the form, nothing to install.
    let r = get(&c, url, SAFARI, None).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "private, no-store");
    let form = r.text().await.unwrap();
    assert!(form.contains("name=\"password\"") && form.contains(&format!("action=\"{url}\"")));
    assert!(!form.contains("itms-services") && !form.contains("Secret.app"));
    for path in ["/manifest.plist", "/app.ipa"] {
        assert_eq!(
            installer_status(&c, &format!("{url}{path}")).await,
            401,
            "{path}"
        );
    }

    let post = |pw: &str| {
        c.post(url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("password={}", pw.replace(' ', "+")))
            .send()
    };
    let r = post("wrong").await.unwrap();
    assert_eq!(r.status(), 401);
    assert!(r.headers().get("set-cookie").is_none());
    let again = r.text().await.unwrap();
    assert!(again.contains("not right") && again.contains("name=\"password\""));

    let r = post("open sesame").await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], url);
    let (cookie, set) = cookie_of(&r);
    assert!(set.contains(&format!("Path=/s/{token}")), "{set}");
    assert!(set.contains("HttpOnly") && set.contains("Secure") && set.contains("SameSite=Lax"));

    let r = get(&c, url, SAFARI, Some(&cookie)).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "private, no-store");
    let page = r.text().await.unwrap();
    assert!(!page.contains("rel=\"amphtml\""));
    let manifest_url = manifest_url_in(&page);
    let got = install_from(&s, &page, url).await;
    assert_eq!(sha256_hex(&got), sha256_hex(&bytes));
    // The cookie belongs to this link only.
    let other_url = other_link["url"].as_str().unwrap();
    let amp = get(&c, &format!("{url}/amp"), SAFARI, Some(&cookie)).await;
    assert_eq!(amp.status(), 200);
    assert!(amp.text().await.unwrap().contains("itms-services"));

    // The grant is useless for another release: under another link's token, it names nothing.
    let grant = manifest_url
        .trim_end_matches("/manifest.plist")
        .rsplit('/')
        .next()
        .unwrap();
    let other_token = other_url.rsplit('/').next().unwrap();
    for file in ["manifest.plist", "app.ipa"] {
        let r = get(
            &c,
            &s.url(&format!("/s/{other_token}/{grant}/{file}")),
            INSTALLER,
            None,
        )
        .await;
        assert_eq!(r.status(), 404, "{file}");
    }
    // A changed grant is refused.
    let mut bad = grant.to_string().into_bytes();
    bad[3] = if bad[3] == b'A' { b'B' } else { b'A' };
    let bad = String::from_utf8(bad).unwrap();
    assert_eq!(
        installer_status(&c, &format!("{url}/{bad}/app.ipa")).await,
        404
    );
    // Used after its lifetime, the grant fails.
    wait_for_status(&c, &manifest_url, 403).await;
    assert_eq!(
        installer_status(&c, &format!("{url}/{grant}/app.ipa")).await,
        403
    );
    // A fresh page view gives a fresh grant.
    let page = get(&c, url, SAFARI, Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    let got = install_from(&s, &page, url).await;
    assert_eq!(sha256_hex(&got), sha256_hex(&bytes));
}

#[tokio::test]
async fn wrong_link_passwords_are_rate_limited() {
    let s = TestServer::start(&[]);
    let up = upload(&s, app_ipa("com.example.guess", "Guess", "1.0", 10)).await;
    let link = link_for(&s, &up, serde_json::json!({"password": "right-one"})).await;
    let url = link["url"].as_str().unwrap();
    let c = bare(&s);
    let post = |pw: String| {
        c.post(url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("password={pw}"))
            .send()
    };
    let mut statuses = Vec::new();
    for i in 0..6 {
        statuses.push(post(format!("guess-{i}")).await.unwrap().status().as_u16());
    }
    assert_eq!(statuses, [401, 401, 401, 401, 401, 429]);
    assert_eq!(post("right-one".into()).await.unwrap().status(), 429);
}

#[tokio::test]
async fn links_survive_a_restart_and_need_the_same_signing_key() {
    let dir = tempfile::tempdir().unwrap();
    let key = "k".repeat(40);
    let (url, path) = {
        let s = TestServer::start_in(dir.path(), &["--signing-key", &key]);
        let up = upload(&s, app_ipa("com.example.nodes", "Nodes", "1.0", 10)).await;
        let link = link_for(&s, &up, serde_json::json!({})).await;
        let url = link["url"].as_str().unwrap().to_string();
        (url.clone(), url.replace(&s.base, ""))
    };
    let _ = url;
    // Same key (another node, or a restart): the link works.
    let s = TestServer::start_in(dir.path(), &["--signing-key", &key]);
    assert_eq!(status(&bare(&s), &s.url(&path)).await, 200);
    drop(s);
    // Another key: the token does not verify.
    let s = TestServer::start_in(dir.path(), &["--signing-key", &"z".repeat(40)]);
    assert_eq!(status(&bare(&s), &s.url(&path)).await, 404);
}

#[tokio::test]
async fn command_line_shares_lists_and_revokes() {
    let s = TestServer::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let ipa = dir.path().join("App.ipa");
    std::fs::write(&ipa, app_ipa("com.example.cli", "Cli", "1.0", 100)).unwrap();
    let pw = dir.path().join("pw");
    std::fs::write(&pw, "from a file\n").unwrap();
    let ca = s.ca_path();
    let server = [
        "--server",
        &s.base,
        "--token",
        TOKEN,
        "--ca",
        ca.to_str().unwrap(),
    ];

    let mut args = vec!["publish", ipa.to_str().unwrap()];
    args.extend(server);
    args.extend([
        "--share",
        "--expires",
        "7d",
        "--password-file",
        pw.to_str().unwrap(),
    ]);
    let out = otadrop(&args);
    assert_success(&out);
    let url = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert!(url.starts_with(&format!("{}/s/", s.base)), "{url}");
    let c = bare(&s);
    let form = get(&c, &url, SAFARI, None).await.text().await.unwrap();
    assert!(form.contains("name=\"password\""));
    let r = c
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("password=from+a+file")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "the password is the file's first line");

    let mut args = vec![
        "links",
        "create",
        "--app",
        "com.example.cli",
        "--note",
        "for the team",
    ];
    args.extend(server);
    let out = otadrop(&args);
    assert_success(&out);
    let app_url = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert_eq!(status(&c, &app_url).await, 200);

    let mut args = vec!["links", "list"];
    args.extend(server);
    let out = otadrop(&args);
    let listing = String::from_utf8(out.stdout).unwrap();
    assert_eq!(listing.lines().count(), 2, "{listing}");
    assert!(
        listing.contains(&url) && listing.contains(&app_url) && listing.contains("# for the team")
    );
    assert!(listing.contains("(password)"));
    let app_line = listing.lines().find(|l| l.contains(&app_url)).unwrap();
    let id = app_line.split_whitespace().next().unwrap();

    let mut args = vec!["links", "revoke", id];
    args.extend(server);
    let out = otadrop(&args);
    assert_success(&out);
    assert_eq!(status(&c, &app_url).await, 410);

    // Errors: one line, exit code 1.
    let mut args = vec!["links", "revoke", "nope"];
    args.extend(server);
    let out = otadrop(&args);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("otadrop: ") && err.contains("404"), "{err}");
    let mut args = vec!["publish", ipa.to_str().unwrap()];
    args.extend(server);
    args.extend(["--share", "--expires", "7y"]);
    let out = otadrop(&args);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(s.releases().await.len(), 1, "a bad option uploads nothing");
}

#[test]
fn the_start_banner_says_how_to_sign_in_and_share() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let mut child = otadrop_command()
        .args(["serve", "--listen", "127.0.0.1:0", "--data"])
        .arg(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = Vec::new();
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            let done = line.contains("otadrop links");
            lines.push(line);
            if done {
                break;
            }
        }
        let _ = tx.send(lines);
    });
    let lines = rx.recv_timeout(Duration::from_secs(30));
    let _ = child.kill();
    let _ = child.wait();
    let text = lines.expect("banner").join("\n");
    let token = std::fs::read_to_string(dir.path().join("upload-token")).unwrap();
    assert!(
        text.contains("Sign in:") && text.contains("enter the upload token"),
        "{text}"
    );
    assert!(
        text.contains(&format!("--token {token}")) && text.contains("--share --expires 7d"),
        "{text}"
    );
    assert!(text.contains("--ca "), "{text}");
}
