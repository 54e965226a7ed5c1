//! `manifest.plist`: what iOS fetches after the user taps the install link.
//!
//! Built with the `plist` crate's XML writer rather than a text template, so every string
//! (an app called `Tom & Jerry <beta>`, a URL with a query) is escaped by construction.

use plist::{Dictionary, Value};

use crate::store::Release;
use crate::urls::ReleaseUrls;

fn asset(kind: &str, url: &str) -> Value {
    let mut d = Dictionary::new();
    d.insert("kind".into(), kind.into());
    d.insert("url".into(), url.into());
    Value::Dictionary(d)
}

/// The manifest of one release as a plist value (`items` > `assets` + `metadata`).
pub fn manifest(release: &Release, urls: &ReleaseUrls) -> Value {
    let mut assets = vec![asset("software-package", &urls.ipa)];
    if release.has_icon {
        assets.push(asset("display-image", &urls.icon_small));
        assets.push(asset("full-size-image", &urls.icon_large));
    }
    let mut metadata = Dictionary::new();
    metadata.insert(
        "bundle-identifier".into(),
        release.app.bundle_id.clone().into(),
    );
    metadata.insert("bundle-version".into(), release.app.version.clone().into());
    metadata.insert("kind".into(), "software".into());
    metadata.insert("title".into(), release.app.title.clone().into());
    if release.app.build != release.app.version && !release.app.build.is_empty() {
        metadata.insert(
            "subtitle".into(),
            format!("build {}", release.app.build).into(),
        );
    }
    let mut item = Dictionary::new();
    item.insert("assets".into(), Value::Array(assets));
    item.insert("metadata".into(), Value::Dictionary(metadata));
    let mut root = Dictionary::new();
    root.insert("items".into(), Value::Array(vec![Value::Dictionary(item)]));
    Value::Dictionary(root)
}

/// The manifest as XML bytes, served as `text/xml`.
pub fn manifest_xml(release: &Release, urls: &ReleaseUrls) -> Vec<u8> {
    let mut out = Vec::with_capacity(1024);
    // Writing a plist Value into a Vec cannot fail: the only error source is the writer.
    if let Err(e) = manifest(release, urls).to_writer_xml(&mut out) {
        unreachable!("writing a plist to memory failed: {e}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::ReleaseId;
    use crate::urls::PublicUrl;

    /// A release titled `title` and its URLs on `https://h.example`.
    fn release(title: &str, has_icon: bool) -> (Release, ReleaseUrls) {
        let r = crate::fixture::release()
            .id(ReleaseId::new(1))
            .bundle_id("com.example.app")
            .version("1.2", "42")
            .title(title)
            .has_icon(has_icon)
            .build();
        let urls = PublicUrl::parse("https://h.example")
            .unwrap()
            .release(&r.id);
        (r, urls)
    }

    #[test]
    fn manifest_has_apples_keys_and_escapes_everything() {
        let (r, urls) = release("Tom & Jerry <beta> \"x\"", true);
        let xml = String::from_utf8(manifest_xml(&r, &urls)).unwrap();
        assert!(
            xml.contains("<string>Tom &amp; Jerry &lt;beta&gt;"),
            "{xml}"
        );
        let back: Value = plist::from_bytes(xml.as_bytes()).unwrap();
        let item = &back.as_dictionary().unwrap()["items"].as_array().unwrap()[0];
        let item = item.as_dictionary().unwrap();
        let kinds: Vec<&str> = item["assets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_dictionary().unwrap()["kind"].as_string().unwrap())
            .collect();
        assert_eq!(
            kinds,
            ["software-package", "display-image", "full-size-image"]
        );
        let meta = item["metadata"].as_dictionary().unwrap();
        assert_eq!(meta["title"].as_string(), Some("Tom & Jerry <beta> \"x\""));
        assert_eq!(meta["kind"].as_string(), Some("software"));
        assert_eq!(
            meta["bundle-identifier"].as_string(),
            Some("com.example.app")
        );
        assert_eq!(meta["bundle-version"].as_string(), Some("1.2"));
    }

    #[test]
    fn no_icon_no_images() {
        let (r, urls) = release("A", false);
        let v = manifest(&r, &urls);
        let item = &v.as_dictionary().unwrap()["items"].as_array().unwrap()[0];
        assert_eq!(
            item.as_dictionary().unwrap()["assets"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
    }

    /// What the server writes is what the doctor calls correct (this test lived in the
    /// doctor until it became its own crate).
    #[test]
    fn the_doctor_passes_our_manifest() {
        use otadrop_doctor::manifest::check;
        use otadrop_doctor::Status;
        let (r, urls) = release("Tom & Jerry <beta>", true);
        let (findings, summary) = check(200, Some("text/xml"), &manifest_xml(&r, &urls), false);
        let worst = findings
            .iter()
            .map(|f| f.status)
            .max()
            .unwrap_or(Status::Pass);
        assert_eq!(worst, Status::Pass, "{findings:?}");
        let summary = summary.unwrap();
        assert_eq!(summary.bundle_id.as_deref(), Some("com.example.app"));
        assert!(summary.ipa_url.unwrap().ends_with("/app.ipa"));
        assert_eq!(summary.images.len(), 2);
    }
}
