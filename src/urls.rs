//! Every absolute URL the service hands out, built from the configured public base URL
//! (never from a request's Host header: iOS fetches the manifest and the IPA itself, and a
//! forged Host would otherwise end up inside the manifest).

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::store::ReleaseId;

/// Characters left as they are inside a query value: RFC 3986 unreserved.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The public base URL, normalised to have no trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl(String);

impl PublicUrl {
    /// Accepts `http://` or `https://` URLs with a host and an optional path prefix.
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim().trim_end_matches('/');
        let rest = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"))
            .ok_or_else(|| format!("public URL {s:?} must start with https:// (or http://)"))?;
        let host = rest.split('/').next().unwrap_or("");
        if host.is_empty() || host.contains(['?', '#', ' ', '@']) {
            return Err(format!("public URL {s:?} needs a plain host name"));
        }
        if s.contains(['?', '#']) {
            return Err(format!("public URL {s:?} may not have a query or fragment"));
        }
        Ok(PublicUrl(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_https(&self) -> bool {
        self.0.starts_with("https://")
    }

    /// `path` starts with `/`.
    pub fn join(&self, path: &str) -> String {
        format!("{}{}", self.0, path)
    }

    pub fn release(&self, id: &ReleaseId) -> ReleaseUrls {
        let page = self.join(&format!("/r/{id}"));
        let manifest = format!("{page}/manifest.plist");
        let install = itms_services_link(&manifest);
        ReleaseUrls {
            amp: format!("{page}/amp"),
            ipa: format!("{page}/app.ipa"),
            icon: format!("{page}/icon.png"),
            icon_small: format!("{page}/icon-57.png"),
            icon_large: format!("{page}/icon-512.png"),
            manifest,
            install,
            page,
        }
    }

    /// The URLs of a release seen through share link `token`: everything lives under
    /// `/s/<token>`. With a `grant` (password links), what the installer fetches (manifest,
    /// IPA, icons) is under `/s/<token>/<grant>/`, so it works without the link's cookie.
    pub fn shared(&self, token: &str, grant: Option<&str>) -> ReleaseUrls {
        let page = self.share(token);
        let files = match grant {
            Some(g) => format!("{page}/{g}"),
            None => page.clone(),
        };
        let manifest = format!("{files}/manifest.plist");
        ReleaseUrls {
            amp: format!("{page}/amp"),
            ipa: format!("{files}/app.ipa"),
            icon: format!("{files}/icon.png"),
            icon_small: format!("{files}/icon-57.png"),
            icon_large: format!("{files}/icon-512.png"),
            install: itms_services_link(&manifest),
            manifest,
            page,
        }
    }

    /// A share link's URL.
    pub fn share(&self, token: &str) -> String {
        self.join(&format!("/s/{token}"))
    }

    /// The stable URL of an app, always showing its newest release.
    pub fn app(&self, bundle_id: &str) -> String {
        self.join(&format!(
            "/apps/{}",
            utf8_percent_encode(bundle_id, QUERY_VALUE)
        ))
    }
}

impl std::fmt::Display for PublicUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The absolute URLs of one release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseUrls {
    pub page: String,
    /// The AMP variant; empty when the page must not announce it (a private share link's page,
    /// which must never reach a public AMP cache).
    pub amp: String,
    pub manifest: String,
    pub ipa: String,
    /// The icon at its own size, and the two sizes the manifest names.
    pub icon: String,
    pub icon_small: String,
    pub icon_large: String,
    /// `itms-services://?action=download-manifest&url=<manifest, percent-encoded>`, raw (not
    /// HTML-escaped: the HTML renderer escapes `&` to `&amp;` exactly once).
    pub install: String,
}

/// The install link for a manifest URL: the doctor's canonical form, so that what the
/// server writes and what the doctor calls correct cannot drift apart.
pub use otadrop_doctor::link::itms_services_link;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_url_is_normalised() {
        let u = PublicUrl::parse("https://ota.example.com/base/").unwrap();
        assert_eq!(u.as_str(), "https://ota.example.com/base");
        assert!(u.is_https());
        assert!(PublicUrl::parse("ota.example.com").is_err());
        assert!(PublicUrl::parse("https://").is_err());
        assert!(PublicUrl::parse("https://a.b/?x=1").is_err());
    }

    #[test]
    fn install_link_encodes_the_manifest_url() {
        let link = itms_services_link("https://h.example/r/a b/manifest.plist?x=1&y=2");
        assert_eq!(
            link,
            "itms-services://?action=download-manifest&url=https%3A%2F%2Fh.example%2Fr%2Fa%20b%2Fmanifest.plist%3Fx%3D1%26y%3D2"
        );
    }

    #[test]
    fn release_urls_hang_off_the_page() {
        let u = PublicUrl::parse("https://h:8443").unwrap();
        let id = ReleaseId::parse("01jd5x0000000000000000000a").unwrap();
        let r = u.release(&id);
        assert_eq!(r.page, "https://h:8443/r/01jd5x0000000000000000000a");
        assert_eq!(r.manifest, format!("{}/manifest.plist", r.page));
        assert!(r
            .install
            .ends_with("https%3A%2F%2Fh%3A8443%2Fr%2F01jd5x0000000000000000000a%2Fmanifest.plist"));
    }

    #[test]
    fn shared_urls_stay_under_the_link() {
        let u = PublicUrl::parse("https://h").unwrap();
        let open = u.shared("TOK", None);
        assert_eq!(open.page, "https://h/s/TOK");
        assert_eq!(open.amp, "https://h/s/TOK/amp");
        assert_eq!(open.manifest, "https://h/s/TOK/manifest.plist");
        assert_eq!(open.ipa, "https://h/s/TOK/app.ipa");
        let granted = u.shared("TOK", Some("G"));
        assert_eq!(granted.page, "https://h/s/TOK");
        assert_eq!(granted.manifest, "https://h/s/TOK/G/manifest.plist");
        assert_eq!(granted.icon_large, "https://h/s/TOK/G/icon-512.png");
        assert!(granted.install.ends_with("%2Fs%2FTOK%2FG%2Fmanifest.plist"));
    }
}
