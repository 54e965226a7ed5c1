//! Share links through the links API, followed the way the iOS installer follows them: with
//! its User-Agent and no cookies.

use super::{TestServer, TOKEN};

pub const INSTALLER: &str = "com.apple.appstored/1.0 iOS/17.5 model/iPhone15,2 build/21F90";
pub const SAFARI: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

/// A client that does not follow redirects (to see `303` and `Set-Cookie`) and keeps no cookies.
pub fn bare(s: &TestServer) -> reqwest::Client {
    s.bare_client()
}

/// `POST <path>` of the links API with the admin token; (status, JSON).
pub async fn make_link(
    s: &TestServer,
    path: &str,
    body: serde_json::Value,
) -> (u16, serde_json::Value) {
    let r = s
        .client
        .post(s.url(path))
        .bearer_auth(TOKEN)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(serde_json::Value::Null))
}

/// The status of `POST <path>` of the links API with no options (for refusals).
pub async fn link_status(s: &TestServer, path: &str) -> u16 {
    make_link(s, path, serde_json::json!({})).await.0
}

pub async fn link_for(
    s: &TestServer,
    release: &serde_json::Value,
    body: serde_json::Value,
) -> serde_json::Value {
    let id = release["id"].as_str().unwrap();
    let (status, link) = make_link(s, &format!("/api/releases/{id}/links"), body).await;
    assert_eq!(status, 201, "{link}");
    link
}

pub async fn get(
    c: &reqwest::Client,
    url: &str,
    ua: &str,
    cookie: Option<&str>,
) -> reqwest::Response {
    let mut req = c.get(url).header("user-agent", ua);
    if let Some(cookie) = cookie {
        req = req.header("cookie", cookie);
    }
    req.send().await.unwrap()
}

pub async fn status(c: &reqwest::Client, url: &str) -> u16 {
    get(c, url, SAFARI, None).await.status().as_u16()
}

/// The status the iOS installer (its User-Agent, no cookies) gets for `url`.
pub async fn installer_status(c: &reqwest::Client, url: &str) -> u16 {
    get(c, url, INSTALLER, None).await.status().as_u16()
}

/// The manifest URL inside a page's install link (`itms-services://...&amp;url=<encoded>`).
pub fn manifest_url_in(html: &str) -> String {
    let start = "itms-services://?action=download-manifest&amp;url=";
    let at = html.find(start).expect("an install link in the page") + start.len();
    let encoded = &html[at..at + html[at..].find('"').unwrap()];
    percent_encoding::percent_decode_str(encoded)
        .decode_utf8()
        .unwrap()
        .into_owned()
}

/// The `software-package` URL of a manifest.
pub fn ipa_url_in(manifest: &[u8]) -> String {
    let v: plist::Value = plist::from_bytes(manifest).expect("manifest is a plist");
    let item = &v.as_dictionary().unwrap()["items"].as_array().unwrap()[0];
    let assets = item.as_dictionary().unwrap()["assets"].as_array().unwrap();
    let pkg = assets
        .iter()
        .map(|a| a.as_dictionary().unwrap())
        .find(|a| a["kind"].as_string() == Some("software-package"))
        .unwrap();
    pkg["url"].as_string().unwrap().to_string()
}

/// Follows a page's install link as the device does: the installer's User-Agent, no cookies.
/// Returns the IPA's bytes.
pub async fn install_from(s: &TestServer, html: &str, under: &str) -> Vec<u8> {
    let c = bare(s);
    let manifest_url = manifest_url_in(html);
    assert!(
        manifest_url.starts_with(&format!("{under}/")),
        "{manifest_url} not under {under}"
    );
    let r = get(&c, &manifest_url, INSTALLER, None).await;
    assert_eq!(r.status(), 200, "{manifest_url}");
    let manifest = r.bytes().await.unwrap();
    let ipa_url = ipa_url_in(&manifest);
    assert!(
        ipa_url.starts_with(&format!("{under}/")),
        "{ipa_url} not under {under}"
    );
    let r = get(&c, &ipa_url, INSTALLER, None).await;
    assert_eq!(r.status(), 200, "{ipa_url}");
    r.bytes().await.unwrap().to_vec()
}
