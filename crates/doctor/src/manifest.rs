//! The manifest response: status, content type, a plist with Apple's keys, absolute HTTPS
//! URLs. A pure function over what was fetched.

use plist::{Dictionary, Value};

use super::fetch::{content_type_finding, ServedAs};
use super::finding::{Finding, Status};

/// Largest manifest read (real ones are well under 2 KiB).
pub const MAX_MANIFEST: usize = 1024 * 1024;

/// What the rest of the checks need from the manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ManifestSummary {
    pub bundle_id: Option<String>,
    pub version: Option<String>,
    pub title: Option<String>,
    /// The `software-package` URL.
    pub ipa_url: Option<String>,
    /// `(kind, url)` of the `display-image` and `full-size-image` assets.
    pub images: Vec<(String, String)>,
}

/// Judges a manifest response. Returns the summary whenever the body parsed as a plist.
pub fn check(
    status: u16,
    media_type: Option<&str>,
    body: &[u8],
    truncated: bool,
) -> (Vec<Finding>, Option<ManifestSummary>) {
    let mut out = Vec::new();
    if status != 200 {
        out.push(Finding::fail(
            "manifest.status",
            format!("the manifest URL answers HTTP {status}"),
            "Make the manifest URL answer 200 without cookies or a login: iOS fetches it with its own client.",
        ));
        return (out, None);
    }
    out.push(Finding::pass("manifest.status", "HTTP 200"));
    out.push(content_type_finding(&SERVED_AS, media_type));
    if truncated {
        out.push(Finding::fail(
            "manifest.plist",
            format!("the manifest is larger than {MAX_MANIFEST} bytes"),
            "Check that the URL serves the manifest and not something else.",
        ));
        return (out, None);
    }
    let value: Value = match plist::from_bytes(body) {
        Ok(v) => v,
        Err(e) => {
            let head = String::from_utf8_lossy(body.get(..80).unwrap_or(body));
            out.push(Finding::fail(
                "manifest.plist",
                format!("the manifest is not a valid plist ({e}); it starts with {head:?}"),
                "Serve a property list (XML), written with a plist library so that every string is escaped.",
            ));
            return (out, None);
        }
    };
    if body.starts_with(b"bplist") {
        out.push(Finding::warn(
            "manifest.plist",
            "the manifest is a binary plist",
            "Serve the manifest as an XML plist, the form Apple documents.",
        ));
    } else {
        out.push(Finding::pass("manifest.plist", "valid XML plist"));
    }
    let summary = structure(&value, &mut out);
    (out, Some(summary))
}

const SERVED_AS: ServedAs = ServedAs {
    check: "manifest.content-type",
    what: "the manifest",
    right: &[
        "text/xml",
        "application/xml",
        "application/x-plist",
        "application/xml-plist",
    ],
    page_like: &["text/html", "application/xhtml+xml"],
    page_like_means: "which is what a login or error page looks like to iOS",
    fix: "Serve manifest.plist as text/xml",
};

fn structure(value: &Value, out: &mut Vec<Finding>) -> ManifestSummary {
    let mut summary = ManifestSummary::default();
    let fail = |out: &mut Vec<Finding>, msg: &str| {
        out.push(Finding::fail(
            "manifest.keys",
            msg,
            "Follow Apple's layout: items > [ { assets: [...], metadata: {...} } ].",
        ));
    };
    let Some(items) = value
        .as_dictionary()
        .and_then(|d| d.get("items"))
        .and_then(Value::as_array)
    else {
        fail(out, "the manifest has no top-level items array");
        return summary;
    };
    let Some(item) = items.first().and_then(Value::as_dictionary) else {
        fail(out, "items is empty or its first entry is not a dictionary");
        return summary;
    };
    if items.len() > 1 {
        out.push(Finding::warn(
            "manifest.keys",
            format!(
                "items has {} entries; iOS installs only one app per link",
                items.len()
            ),
            "Keep one item per manifest.",
        ));
    }
    let Some(assets) = item.get("assets").and_then(Value::as_array) else {
        fail(out, "the item has no assets array");
        return summary;
    };
    let Some(metadata) = item.get("metadata").and_then(Value::as_dictionary) else {
        fail(out, "the item has no metadata dictionary");
        return summary;
    };
    out.push(Finding::pass(
        "manifest.keys",
        "items, assets and metadata are present",
    ));

    metadata_checks(metadata, &mut summary, out);

    let mut bad_kinds = Vec::new();
    let mut packages = 0;
    let mut insecure = Vec::new();
    for asset in assets {
        let Some(a) = asset.as_dictionary() else {
            bad_kinds.push("(not a dictionary)".to_string());
            continue;
        };
        let kind = a.get("kind").and_then(Value::as_string).unwrap_or("");
        let url = a.get("url").and_then(Value::as_string);
        match (kind, url) {
            ("software-package", Some(u)) => {
                packages += 1;
                summary.ipa_url.get_or_insert_with(|| u.to_string());
            }
            ("display-image" | "full-size-image", Some(u)) => {
                summary.images.push((kind.to_string(), u.to_string()));
            }
            (_, None) => bad_kinds.push(format!("{kind:?} without url")),
            _ => bad_kinds.push(format!("{kind:?}")),
        }
        if let Some(u) = url {
            if !u.to_ascii_lowercase().starts_with("https://") {
                insecure.push(u.to_string());
            }
        }
    }
    out.push(match packages {
        0 => Finding::fail(
            "manifest.kinds",
            "no asset of kind software-package with a url",
            "Add an asset { kind: software-package, url: <https URL of the .ipa> }.",
        ),
        1 if bad_kinds.is_empty() => Finding::pass("manifest.kinds", "asset kinds are known"),
        1 => Finding::warn(
            "manifest.kinds",
            format!("unknown or incomplete assets: {}", bad_kinds.join(", ")),
            "Use only software-package, display-image and full-size-image assets, each with a url.",
        ),
        n => Finding::warn(
            "manifest.kinds",
            format!("{n} software-package assets; only the first is checked"),
            "Keep one software-package asset.",
        ),
    });
    out.push(if insecure.is_empty() {
        Finding::pass("manifest.urls", "every asset URL is absolute https://")
    } else {
        Finding::fail(
            "manifest.urls",
            format!("asset URLs that are not absolute https://: {}", insecure.join(", ")),
            "Write every URL in the manifest as an absolute https:// URL (iOS 7.1 and later refuse anything else).",
        )
    });
    summary
}

fn metadata_checks(metadata: &Dictionary, summary: &mut ManifestSummary, out: &mut Vec<Finding>) {
    let string = |k: &str| {
        metadata
            .get(k)
            .and_then(Value::as_string)
            .map(str::to_owned)
    };
    summary.bundle_id = string("bundle-identifier");
    summary.version = string("bundle-version");
    summary.title = string("title");
    let mut missing = Vec::new();
    for (key, value) in [
        ("bundle-identifier", &summary.bundle_id),
        ("title", &summary.title),
    ] {
        if value.as_deref().is_none_or(str::is_empty) {
            missing.push(key);
        }
    }
    let kind = string("kind");
    let mut findings = Vec::new();
    if !missing.is_empty() {
        findings.push(Finding::fail(
            "manifest.metadata",
            format!("metadata lacks {}", missing.join(" and ")),
            "Put bundle-identifier, bundle-version, kind = software and title in metadata.",
        ));
    }
    if kind.as_deref() != Some("software") {
        findings.push(Finding::fail(
            "manifest.metadata",
            format!("metadata kind is {kind:?}, not \"software\""),
            "Set metadata kind to software.",
        ));
    }
    if summary.version.is_none() {
        findings.push(Finding::warn(
            "manifest.metadata",
            "metadata has no bundle-version",
            "Add bundle-version with the app's version.",
        ));
    }
    if findings.iter().all(|f| f.status == Status::Pass) {
        findings.push(Finding::pass(
            "manifest.metadata",
            format!(
                "{} {} ({})",
                summary.title.as_deref().unwrap_or(""),
                summary.version.as_deref().unwrap_or(""),
                summary.bundle_id.as_deref().unwrap_or("")
            ),
        ));
    }
    out.extend(findings);
}

#[cfg(test)]
mod tests {
    use super::*;
    /// A manifest as otadrop writes it (the server's own tests check that its real output
    /// passes these checks): an `&` and `<` in the title, a subtitle, both images.
    fn otadrop_manifest() -> Vec<u8> {
        br#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>items</key>
	<array>
		<dict>
			<key>assets</key>
			<array>
				<dict>
					<key>kind</key>
					<string>software-package</string>
					<key>url</key>
					<string>https://h.example/r/aaaaaaaaaaaaaaaa/app.ipa</string>
				</dict>
				<dict>
					<key>kind</key>
					<string>display-image</string>
					<key>url</key>
					<string>https://h.example/r/aaaaaaaaaaaaaaaa/icon-57.png</string>
				</dict>
				<dict>
					<key>kind</key>
					<string>full-size-image</string>
					<key>url</key>
					<string>https://h.example/r/aaaaaaaaaaaaaaaa/icon-512.png</string>
				</dict>
			</array>
			<key>metadata</key>
			<dict>
				<key>bundle-identifier</key>
				<string>com.example.app</string>
				<key>bundle-version</key>
				<string>1.2</string>
				<key>kind</key>
				<string>software</string>
				<key>title</key>
				<string>Tom &amp; Jerry &lt;beta&gt;</string>
				<key>subtitle</key>
				<string>build 42</string>
			</dict>
		</dict>
	</array>
</dict>
</plist>"#
        .to_vec()
    }

    fn worst(f: &[Finding]) -> Status {
        f.iter().map(|f| f.status).max().unwrap_or(Status::Pass)
    }

    #[test]
    fn otadrops_own_manifest_passes() {
        let (f, s) = check(200, Some("text/xml"), &otadrop_manifest(), false);
        assert_eq!(worst(&f), Status::Pass, "{f:?}");
        let s = s.unwrap();
        assert_eq!(s.bundle_id.as_deref(), Some("com.example.app"));
        assert!(s.ipa_url.unwrap().ends_with("/app.ipa"));
        assert_eq!(s.images.len(), 2);
    }

    #[test]
    fn html_content_type_fails() {
        let (f, _) = check(200, Some("text/html"), &otadrop_manifest(), false);
        assert!(f
            .iter()
            .any(|f| f.check == "manifest.content-type" && f.status == Status::Fail));
    }

    #[test]
    fn http_urls_in_the_manifest_fail() {
        let body = String::from_utf8(otadrop_manifest())
            .unwrap()
            .replace("https://", "http://");
        let (f, s) = check(200, Some("text/xml"), body.as_bytes(), false);
        assert!(f
            .iter()
            .any(|f| f.check == "manifest.urls" && f.status == Status::Fail));
        assert!(s.is_some());
    }

    #[test]
    fn status_garbage_and_missing_keys_fail() {
        assert_eq!(
            worst(&check(404, Some("text/xml"), b"", false).0),
            Status::Fail
        );
        assert_eq!(
            worst(&check(200, Some("text/xml"), b"<html>login</html>", false).0),
            Status::Fail
        );
        let empty = br#"<?xml version="1.0"?><plist version="1.0"><dict><key>items</key><array/></dict></plist>"#;
        assert_eq!(
            worst(&check(200, Some("text/xml"), empty, false).0),
            Status::Fail
        );
        let no_meta = br#"<?xml version="1.0"?><plist version="1.0"><dict><key>items</key><array><dict><key>assets</key><array/></dict></array></dict></plist>"#;
        assert_eq!(
            worst(&check(200, Some("text/xml"), no_meta, false).0),
            Status::Fail
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_arbitrary_bodies(body in proptest::collection::vec(proptest::num::u8::ANY, 0..256)) {
            let _ = check(200, Some("text/xml"), &body, false);
        }

        #[test]
        fn never_panics_on_plist_shaped_text(s in "(<plist>|<dict>|</dict>|<array>|</array>|<key>items</key>|<key>assets</key>|<key>metadata</key>|<key>kind</key>|<key>url</key>|<string>software-package</string>|<string>x</string>|</plist>)*") {
            let _ = check(200, Some("text/xml"), s.as_bytes(), false);
        }
    }
}
