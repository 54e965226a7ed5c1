//! Every absolute URL the service hands out, built from the configured public base URL
//! (never from a request's Host header: iOS fetches the manifest and the IPA itself, and a
//! forged Host would otherwise end up inside the manifest).

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use url::{Host, Url};

use crate::store::ReleaseId;

/// Characters left as they are inside a query value: RFC 3986 unreserved.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The public base URL: parsed by `url::Url` (so the host is the URL standard's, not a string
/// split), kept as text without a trailing slash for joining paths.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl {
    url: Url,
    base: String,
    origin: String,
}

impl PublicUrl {
    /// Accepts `http://` or `https://` URLs with a host and an optional path prefix.
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let url = Url::parse(s).map_err(|e| format!("public URL {s:?}: {e}"))?;
        if !matches!(url.scheme(), "https" | "http") {
            return Err(format!(
                "public URL {s:?} must start with https:// (or http://)"
            ));
        }
        if url.host_str().is_none_or(str::is_empty)
            || !url.username().is_empty()
            || url.password().is_some()
            || s.contains(' ')
        {
            return Err(format!("public URL {s:?} needs a plain host name"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(format!("public URL {s:?} may not have a query or fragment"));
        }
        let base = url.as_str().trim_end_matches('/').to_string();
        let origin = url.origin().ascii_serialization();
        Ok(PublicUrl { url, base, origin })
    }

    pub fn as_str(&self) -> &str {
        &self.base
    }

    pub fn is_https(&self) -> bool {
        self.url.scheme() == "https"
    }

    /// The host name or address, without port or brackets (`ota.example.com`, `10.0.0.5`,
    /// `::1`).
    pub fn host(&self) -> Option<String> {
        match self.url.host()? {
            Host::Domain(d) => Some(d.to_string()),
            Host::Ipv4(a) => Some(a.to_string()),
            Host::Ipv6(a) => Some(a.to_string()),
        }
    }

    /// The origin (`scheme://host[:port]`, no path), serialised as browsers send it in
    /// `Origin` and as AMP's `__amp_source_origin` names it.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// `path` starts with `/`.
    pub fn join(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn release(&self, id: &ReleaseId) -> ReleaseUrls {
        let page = self.join(&format!("/r/{id}"));
        release_urls(page.clone(), page)
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
        release_urls(page, files)
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
        f.write_str(&self.base)
    }
}

/// The absolute URLs of one release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseUrls {
    pub page: String,
    /// The AMP variant; empty when the page must not announce it (a private share link's page,
    /// which must never reach a public AMP cache).
    pub amp: String,
    /// The visitor JSON the AMP page's `amp-render` fetches (the page's personal part).
    pub visitor: String,
    pub manifest: String,
    pub ipa: String,
    /// The icon at its own size, and the two sizes the manifest names.
    pub icon: String,
    pub icon_small: String,
    pub icon_large: String,
    /// The dark-appearance icon (served only when the app has one).
    pub icon_dark: String,
    /// `itms-services://?action=download-manifest&url=<manifest, percent-encoded>`, raw (not
    /// HTML-escaped: the HTML renderer escapes `&` to `&amp;` exactly once).
    pub install: String,
}

/// The install link for a manifest URL: the doctor's canonical form, so that what the
/// server writes and what the doctor calls correct cannot drift apart.
pub use otadrop_doctor::link::itms_services_link;

/// A release's URLs: its pages under `page`, and what the installer fetches (manifest, IPA,
/// icons) under `files`.
fn release_urls(page: String, files: String) -> ReleaseUrls {
    let manifest = format!("{files}/manifest.plist");
    ReleaseUrls {
        amp: format!("{page}/amp"),
        visitor: format!("{page}/visitor.json"),
        ipa: format!("{files}/app.ipa"),
        icon: format!("{files}/icon.png"),
        icon_small: format!("{files}/icon-57.png"),
        icon_large: format!("{files}/icon-512.png"),
        icon_dark: format!("{files}/icon-dark.png"),
        install: itms_services_link(&manifest),
        manifest,
        page,
    }
}

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
        assert!(PublicUrl::parse("https://user@a.b").is_err());
        assert!(PublicUrl::parse("ftp://a.b").is_err());
    }

    #[test]
    fn host_and_origin_come_from_the_url_parser() {
        let u = PublicUrl::parse("https://OTA.Example.com:8443/base/").unwrap();
        assert_eq!(u.host().as_deref(), Some("ota.example.com"));
        assert_eq!(u.origin(), "https://ota.example.com:8443");
        assert_eq!(u.as_str(), "https://ota.example.com:8443/base");
        let v6 = PublicUrl::parse("https://[::1]:8443").unwrap();
        assert_eq!(v6.host().as_deref(), Some("::1"));
        assert_eq!(v6.origin(), "https://[::1]:8443");
        let default_port = PublicUrl::parse("https://10.0.0.5:443/").unwrap();
        assert_eq!(default_port.as_str(), "https://10.0.0.5");
        assert_eq!(default_port.host().as_deref(), Some("10.0.0.5"));
    }

    #[test]
    fn the_origin_drops_the_path_prefix() {
        let u = PublicUrl::parse("https://ota.example.com:8443/base/").unwrap();
        assert_eq!(u.origin(), "https://ota.example.com:8443");
        let u = PublicUrl::parse("http://127.0.0.1:9000").unwrap();
        assert_eq!(u.origin(), "http://127.0.0.1:9000");
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
